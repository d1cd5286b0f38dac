import type { ReminderView, RoundActionData } from '../src/app/round/roundViews';
import reminderTemplate from './reminder.json';
import { type CardAttachment, renderCard } from './renderCard';

/** A short reminder to a head who has not submitted, with a button that brings the figures card back. */
export function reminderCard(view: ReminderView): CardAttachment {
  const action: RoundActionData = { verb: 'editFigures', term: view.term, urn: view.urn };
  return renderCard(reminderTemplate, {
    title: `Reminder: ${view.termLabel} figures for ${view.academyName}`,
    text: view.text,
    action,
  });
}

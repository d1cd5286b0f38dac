import type { ReminderView, RoundActionData } from '../src/app/round/roundViews';
import { buttonRows } from './buttonRows';
import reminderTemplate from './reminder.json';
import { type CardAttachment, renderCard } from './renderCard';

/**
 * A short reminder to a head who has not submitted, with a button that brings the figures card back and
 * one that starts answering in chat. Both are Action.Submit, which works on Teams mobile.
 */
export function reminderCard(view: ReminderView): CardAttachment {
  const open: RoundActionData = { verb: 'editFigures', term: view.term, urn: view.urn };
  const chat: RoundActionData = { verb: 'answerInChat', term: view.term, urn: view.urn };
  return renderCard(reminderTemplate, {
    title: `Reminder: ${view.termLabel} figures for ${view.academyName}`,
    text: view.text,
    // In rows, so each title stays whole on a phone.
    buttonRows: buttonRows([
      { title: 'Open my figures', style: 'positive', data: open },
      { title: 'Answer in chat', style: 'default', data: chat },
    ]),
  });
}

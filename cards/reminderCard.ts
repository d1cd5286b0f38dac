import type { ReminderView, RoundActionData } from '../src/app/round/roundViews';
import { buttonRows } from './buttonRows';
import reminderTemplate from './reminder.json';
import { type CardAttachment, renderCard } from './renderCard';

/**
 * A short reminder to a head who has not submitted, with a button that brings the figures card back and
 * one that starts answering in chat. Both are Action.Submit, which works on Teams mobile.
 */
export function reminderCard(view: ReminderView): CardAttachment {
  // An owner's reminder (urn '') brings back their card across the academies; it has no walk in chat.
  const owner = view.urn === '';
  const open: RoundActionData = owner
    ? { verb: 'editFigures', term: view.term }
    : { verb: 'editFigures', term: view.term, urn: view.urn };
  const chat: RoundActionData = { verb: 'answerInChat', term: view.term, urn: view.urn };
  return renderCard(reminderTemplate, {
    title: `Reminder: ${view.termLabel} figures for ${view.academyName}`,
    text: view.text,
    // In rows, so each title stays whole on a phone.
    buttonRows: buttonRows([
      { title: 'Open my figures', style: 'positive', data: open },
      ...(owner ? [] : [{ title: 'Answer in chat', style: 'default' as const, data: chat }]),
    ]),
  });
}

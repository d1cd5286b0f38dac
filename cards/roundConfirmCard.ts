import type { RoundActionData, RoundConfirmView } from '../src/app/round/roundViews';
import { type CardAttachment, renderCard } from './renderCard';
import confirmTemplate from './roundConfirm.json';

/** The executive's confirmation before a round opens or closes: what will happen, and one button. */
export function roundConfirmCard(view: RoundConfirmView): CardAttachment {
  const action: RoundActionData = {
    verb: view.verb,
    term: view.term,
    ...(view.early ? { early: true } : {}),
  };
  const doing = view.verb === 'openRound' ? 'Open' : 'Close';
  return renderCard(confirmTemplate, {
    title: `${doing} the ${view.termLabel} round?`,
    // FactSet renders markdown: renderCard escapes it, so names show as written.
    facts: view.facts,
    note: view.note ?? '',
    buttonTitle: view.buttonTitle,
    action,
  });
}

import type { RoundClosedView } from '../src/app/round/roundViews';
import { type CardAttachment, renderCard } from './renderCard';
import roundClosedTemplate from './roundClosed.json';

/**
 * What a head's or an owner's figures card becomes, in place, when the round closes: that it closed,
 * when, where their answer stands and whom to contact. It has no button: nothing can be changed any more.
 */
export function roundClosedCard(view: RoundClosedView): CardAttachment {
  return renderCard(roundClosedTemplate, view);
}

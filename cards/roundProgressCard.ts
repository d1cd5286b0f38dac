import type { RoundProgressView } from '../src/app/round/roundViews';
import { type CardAttachment, renderCard } from './renderCard';
import progressTemplate from './roundProgress.json';

/** For executives: where a round stands, academy by academy (read-only). */
export function roundProgressCard(view: RoundProgressView): CardAttachment {
  return renderCard(progressTemplate, { ...view, title: `The ${view.termLabel} round` });
}

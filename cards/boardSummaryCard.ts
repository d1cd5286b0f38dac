import type { BoardSummaryView } from '../src/app/board/boardViews';
import summaryTemplate from './boardSummary.json';
import { type CardAttachment, renderCard } from './renderCard';

/** The board's risk summary for the board channel: read-only, with drill-down buttons. */
export function boardSummaryCard(view: BoardSummaryView): CardAttachment {
  return renderCard(summaryTemplate, {
    ...view,
    provisionalNote: view.provisionalNote ?? '',
    // The pickers start on the worst academy and the first objective; with none, they are left out.
    academyDefault: view.academyChoices[0]?.value ?? '',
    objectiveDefault: view.objectiveChoices[0]?.value ?? '',
  });
}

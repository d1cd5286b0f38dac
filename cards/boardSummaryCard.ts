import type { BoardSummaryView, PrincipleCell } from '../src/app/board/boardViews';
import summaryTemplate from './boardSummary.json';
import { type CardAttachment, renderCard } from './renderCard';

/** Between two principles of the row. */
const PRINCIPLE_SEPARATOR = ' · ';

/**
 * The principles as one wrapping line of text runs: the colour word in its colour, then the title, so six
 * principles take a line or two rather than six (Show principles gives each one's targets and reasons).
 */
function principleRuns(cells: readonly PrincipleCell[]): { text: string; color: string; weight: string }[] {
  return cells.flatMap((cell, index) => [
    { text: `${cell.label} `, color: cell.color, weight: 'Bolder' },
    {
      text: `${cell.title}${index < cells.length - 1 ? PRINCIPLE_SEPARATOR : ''}`,
      color: 'Default',
      weight: 'Default',
    },
  ]);
}

/**
 * The board's risk summary for the board channel: read-only, with drill-down buttons. Every button is an
 * Action.Submit (Teams mobile fails Action.Execute; docs/round-cards.md), its pickers' choices merged
 * into its data.
 */
export function boardSummaryCard(view: BoardSummaryView): CardAttachment {
  return renderCard(summaryTemplate, {
    ...view,
    provisionalNote: view.provisionalNote ?? '',
    principleRuns: principleRuns(view.principles),
    // The pickers start on the worst academy and the first objective; with none, they are left out.
    academyDefault: view.academyChoices[0]?.value ?? '',
    objectiveDefault: view.objectiveChoices[0]?.value ?? '',
  });
}

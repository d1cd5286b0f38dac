import type { BoardDetailView } from '../src/app/board/boardViews';
import detailTemplate from './boardDetail.json';
import { buttonRows } from './buttonRows';
import { type CardAttachment, renderCard } from './renderCard';

/** A status answer or a drill-down: one academy, one objective, the risks, a trend. */
export function boardDetailCard(view: BoardDetailView): CardAttachment {
  return renderCard(detailTemplate, {
    ...view,
    charts: view.chart ? [view.chart] : [],
    // In rows, so every title stays whole on a phone.
    buttonRows: buttonRows(view.buttons),
  });
}

import type { BoardDetailView } from '../src/app/board/boardViews';
import detailTemplate from './boardDetail.json';
import { buttonRows } from './buttonRows';
import { type CardAttachment, renderCard } from './renderCard';

/** A status answer or a drill-down: one academy, one objective, the risks, a trend. */
export function boardDetailCard(view: BoardDetailView): CardAttachment {
  const card = renderCard(detailTemplate, {
    ...view,
    charts: view.chart ? [view.chart] : [],
    // In rows, so every title stays whole on a phone.
    buttonRows: buttonRows(view.buttons),
  });
  // The y-axis range is set only when the view gives one (a template would bind an absent one as text).
  const { yMin, yMax } = view.chart ?? {};
  if (yMin !== undefined && yMax !== undefined) {
    const body = card.content.body as Record<string, unknown>[] | undefined;
    const chart = body?.find((element) => element.type === view.chart?.kind);
    if (chart) Object.assign(chart, { yMin, yMax });
  }
  return card;
}

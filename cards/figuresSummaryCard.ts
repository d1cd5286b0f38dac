import type { FiguresSummaryView, RoundActionData } from '../src/app/round/roundViews';
import summaryTemplate from './figuresSummary.json';
import { type CardAttachment, renderCard } from './renderCard';

/**
 * What replaces the head's card once the figures are stored: read-only, with an Edit button while the
 * round is open.
 */
export function figuresSummaryCard(view: FiguresSummaryView): CardAttachment {
  // An owner's summary (ownerViews.ts) spans academies: its Edit names the term alone.
  const edit: RoundActionData =
    view.urn === ''
      ? { verb: 'editFigures', term: view.term }
      : { verb: 'editFigures', term: view.term, urn: view.urn };
  return renderCard(summaryTemplate, {
    academyName: view.academyName,
    subtitle: `Figures for ${view.termLabel}`,
    submittedLine: view.submittedLine,
    notice: view.notice ?? '',
    // FactSet renders markdown: escaped, a reason typed as "*not yet*" shows as typed.
    // FactSet renders markdown: renderCard escapes it, so names and reasons show as written.
    rows: view.rows.map((row) => ({ title: row.label, value: row.value })),
    footnote: view.footnote,
    canEdit: view.canEdit,
    edit,
  });
}

/**
 * What a validated submission changes in an academy's stored record: the figures that are new or
 * different, the optional figures the head left blank that were stored before (they are cleared, not
 * kept), and one audit record for each. A figure submitted as it is stored changes nothing.
 */
import type { RequestedMetric } from './requestedMetrics';
import type { AcademyTermRecord, AuditRecord, FigureChannel, FigureContent, StoredFigure } from './round';
import { sameContent } from './validateFigures';

export interface FigureChanges {
  /** Figures to insert or replace. */
  figures: StoredFigure[];
  /** Metric ids whose stored figure is removed. */
  cleared: string[];
  /** One per written or cleared figure, in that order. */
  audit: AuditRecord[];
}

/** Who makes the change, when, and how. */
export interface ChangeAuthor {
  by: string;
  at: string;
  channel: FigureChannel;
}

/**
 * The changes that bring `record` to the submission. `submitted` is validateFigures' figures for the
 * `requested` metrics: a requested metric missing from it was left blank, which validation allows only
 * for an optional one. Stored figures of metrics the card does not ask for are left alone.
 */
export function figureChanges(
  record: AcademyTermRecord,
  requested: readonly RequestedMetric[],
  submitted: ReadonlyMap<string, FigureContent>,
  author: ChangeAuthor,
): FigureChanges {
  const changes: FigureChanges = { figures: [], cleared: [], audit: [] };
  const clearings: AuditRecord[] = [];
  for (const { metric } of requested) {
    const base = { urn: record.urn, term: record.term, metricId: metric.id, ...author };
    const old = record.figures.get(metric.id)?.content;
    const content = submitted.get(metric.id);
    if (content === undefined) {
      if (old === undefined) continue;
      changes.cleared.push(metric.id);
      clearings.push({ ...base, old });
    } else if (!sameContent(old, content)) {
      changes.figures.push({ ...base, content });
      changes.audit.push({ ...base, ...(old !== undefined && { old }), new: content });
    }
  }
  changes.audit.push(...clearings);
  return changes;
}

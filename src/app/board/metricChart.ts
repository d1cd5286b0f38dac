/**
 * One numeric measure over terms as a line chart, one line per academy, with its figures as facts: what
 * `trend <measure>` shows in chat and what the board pack draws on each academy's page, from the same
 * stored records.
 */
import type { Metric } from '../../domain/metrics/metric';
import type { AcademyTermRecord } from '../../domain/round/round';
import { termLabel } from '../round/roundTerm';
import type { ChartView } from './boardViews';

/** Lines in one chart; more academies are named in the fallback facts only. */
export const MAX_SERIES = 8;

export interface MetricChart {
  chart: ChartView;
  /** Every academy with at least one figure (the chart shows the first MAX_SERIES). */
  seriesCount: number;
}

/**
 * The measure's stored numeric figures of the academies over the terms (oldest first), as a chart whose
 * facts list every academy's figures; academies without a figure are left out.
 */
export function metricChart(
  metric: Metric,
  terms: readonly string[],
  urns: readonly string[],
  records: readonly AcademyTermRecord[],
  nameOf: (urn: string) => string,
): MetricChart {
  const wanted = new Set(urns);
  const values = new Map<string, Map<string, number>>();
  for (const record of records) {
    if (!wanted.has(record.urn)) continue;
    const figure = record.figures.get(metric.id);
    if (!figure || !('value' in figure.content) || typeof figure.content.value !== 'number') continue;
    const byTerm = values.get(record.urn) ?? new Map<string, number>();
    byTerm.set(record.term, figure.content.value);
    values.set(record.urn, byTerm);
  }
  const series = urns
    .filter((urn) => values.has(urn))
    .map((urn) => ({
      legend: nameOf(urn),
      values: terms.flatMap((term) => {
        const y = values.get(urn)?.get(term);
        return y === undefined ? [] : [{ x: termLabel(term), y }];
      }),
    }));
  const unit = metric.unit ? ` (${metric.unit})` : '';
  return {
    chart: {
      kind: 'Chart.Line',
      title: `${metric.label}${unit}, by term`,
      xAxisTitle: 'Term',
      yAxisTitle: metric.label,
      series: series.slice(0, MAX_SERIES),
      fallbackFacts: series.map((entry) => ({
        title: entry.legend,
        value: entry.values.map((point) => `${point.x}: ${point.y}`).join('; ') || 'no figures',
      })),
    },
    seriesCount: series.length,
  };
}

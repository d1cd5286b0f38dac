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

/** A term as a chart's axis reads it: "Aut 25", "Spr 26", "Sum 26". */
export function shortTermLabel(term: string): string {
  const [name = '', year = ''] = termLabel(term).split(' ');
  return `${name.charAt(0).toUpperCase()}${name.slice(1, 3)} ${year.slice(-2)}`;
}

/** A y-axis range around the values with a little room either side, on round numbers. */
export function axisRange(values: readonly number[]): { yMin: number; yMax: number } | undefined {
  if (values.length === 0) return undefined;
  const low = Math.min(...values);
  const high = Math.max(...values);
  const room = Math.max((high - low) * 0.15, Math.abs(high) * 0.02, 0.5);
  const step = 10 ** Math.floor(Math.log10(room));
  return { yMin: Math.floor((low - room) / step) * step, yMax: Math.ceil((high + room) / step) * step };
}

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
  options: {
    /** The plan's level, drawn as a line over every term shown. */
    target?: { value: number; label: string };
    /** "Aut 25" rather than "autumn 2025", for a chart on a phone (the printed pack has room). */
    shortLabels?: boolean;
  } = {},
): MetricChart {
  const { target } = options;
  const label = options.shortLabels ? shortTermLabel : termLabel;
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
        return y === undefined ? [] : [{ x: label(term), y }];
      }),
    }));
  const shown = series.slice(0, MAX_SERIES);
  // The plan's target as a line across the terms shown, so each academy is read against it.
  const targetLine =
    target && shown.length > 0
      ? [
          {
            legend: `Target (${target.label})`,
            values: terms.map((term) => ({ x: label(term), y: target.value })),
          },
        ]
      : [];
  const range = axisRange([
    ...shown.flatMap((entry) => entry.values.map((point) => point.y)),
    ...(targetLine.length > 0 && target ? [target.value] : []),
  ]);
  const unit = metric.unit ? ` (${metric.unit})` : '';
  return {
    chart: {
      kind: 'Chart.Line',
      title: `${metric.label}${unit}, by term`,
      xAxisTitle: 'Term',
      yAxisTitle: metric.label,
      series: [...shown, ...targetLine],
      fallbackFacts: [
        ...series.map((entry) => ({
          title: entry.legend,
          value: entry.values.map((point) => `${point.x}: ${point.y}`).join('; ') || 'no figures',
        })),
        ...(targetLine.length > 0 && target ? [{ title: 'Target', value: target.label }] : []),
      ],
      ...(range && metric.type !== 'count' ? range : {}),
    },
    seriesCount: series.length,
  };
}

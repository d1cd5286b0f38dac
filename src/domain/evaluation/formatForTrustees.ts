/**
 * How values, terms and dates read in a reason line. Trustees read "summer 2019" and "31 Aug 2019",
 * "Progress 8 −0.12" and "Good", never term keys, ISO dates or option ids.
 */
import type { Metric } from '../metrics/metric';
import type { MetricValue } from '../metrics/parseMetricValue';
import type { IsoDate } from '../roster/roster';
import type { TermRef } from '../terms/term';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const ORDINALS = [
  'zeroth',
  'first',
  'second',
  'third',
  'fourth',
  'fifth',
  'sixth',
  'seventh',
  'eighth',
  'ninth',
  'tenth',
];

/** "autumn 2025", "spring 2026": the calendar year the term mostly falls in. */
export function formatTermLabel(ref: TermRef): string {
  return `${ref.term} ${ref.term === 'autumn' ? ref.startYear : ref.startYear + 1}`;
}

/** "31 Aug 2019". */
export function formatDateLabel(date: IsoDate): string {
  const [year, month, day] = date.split('-').map(Number);
  return `${day ?? ''} ${MONTHS[(month ?? 1) - 1] ?? ''} ${year ?? ''}`;
}

/** "7 Dec": a day this year or last, where the year goes without saying. */
export function formatDayMonth(date: IsoDate): string {
  const [, month, day] = date.split('-').map(Number);
  return `${day ?? ''} ${MONTHS[(month ?? 1) - 1] ?? ''}`;
}

/** "first", "second", … "tenth", then "11th". */
export function ordinal(n: number): string {
  return ORDINALS[n] ?? `${n}th`;
}

/** A number without float noise: at most three decimals, trailing zeros dropped, a true minus sign. */
export function formatNumber(n: number): string {
  // Rounding by arithmetic rather than toFixed: this runs for every figure of every academy.
  const rounded = Math.round(n * 1000) / 1000;
  const text = String(Math.abs(rounded));
  return rounded < 0 ? `\u2212${text}` : text;
}

function signed(n: number): string {
  return n > 0 ? `+${formatNumber(n)}` : formatNumber(n);
}

/** A numeric value with its unit, for a metric: "42%", "−0.12", "+0.21", "46.2 points", "−£120k". */
export function formatNumericValue(metric: Metric, n: number): string {
  switch (metric.unit) {
    case '%':
      return `${formatNumber(n)}%`;
    case '£k':
      return n < 0 ? `\u2212£${formatNumber(-n)}k` : `£${formatNumber(n)}k`;
    case '':
      // Scores centred on 0 (Progress 8) read best with their sign.
      return metric.min !== undefined && metric.min < 0 ? signed(n) : formatNumber(n);
    default:
      return `${formatNumber(n)} ${metric.unit}`;
  }
}

/** Any metric value as a trustee reads it: grades by their label, yes/no as words. */
export function formatMetricValue(metric: Metric, value: MetricValue): string {
  if (typeof value === 'number') return formatNumericValue(metric, value);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (metric.type === 'date') return formatDateLabel(value);
  return metric.options?.find((option) => option.value === value)?.label ?? value;
}

/** The first part of a benchmark's source ("DfE"), for the one-line reason; evidence keeps the whole. */
export function shortSource(source: string): string {
  return source.split(',')[0]?.trim() ?? source;
}

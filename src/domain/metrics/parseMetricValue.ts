/**
 * Turns what a person typed (on the head's card, in a data file) into a metric value, or a message
 * they can act on. Adaptive Card Input.Number submits strings, so everything arrives as text.
 */
import { isIsoDate } from '../terms/termCalendar';
import type { Metric } from './metric';

/**
 * A value as stored: numbers for number/percent/count, the option value for grade/enum, booleans for
 * yes/no, `YYYY-MM-DD` text for dates.
 */
export type MetricValue = number | string | boolean;

export type ParseMetricValueResult = { ok: true; value: MetricValue } | { ok: false; message: string };

// Digits with an optional sign and decimal part; thousands may be grouped with commas (UK style).
// U+2212 is the minus sign some spreadsheets and word processors put in front of negative numbers.
const DECIMAL = /^([+\-\u2212])?(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d+))?$/;

const YES = new Set(['yes', 'y', 'true']);
const NO = new Set(['no', 'n', 'false']);

function readDecimal(text: string): number | undefined {
  const match = DECIMAL.exec(text);
  if (!match || (match[2] === undefined && match[3] === undefined)) return undefined;
  const sign = match[1] === '-' || match[1] === '\u2212' ? -1 : 1;
  const whole = (match[2] ?? '0').replace(/,/g, '');
  return sign * Number(`${whole}.${match[3] ?? '0'}`);
}

function rangeText(metric: Metric): string {
  if (metric.min !== undefined && metric.max !== undefined) return `from ${metric.min} to ${metric.max}`;
  if (metric.min !== undefined) return `of ${metric.min} or more`;
  if (metric.max !== undefined) return `of ${metric.max} or less`;
  return '';
}

function parseNumeric(metric: Metric, text: string): ParseMetricValueResult {
  const whole = metric.type === 'count';
  const noun = whole ? 'a whole number' : 'a number';
  const expected = `Enter ${noun} ${rangeText(metric)}`.trimEnd();
  // A percent may carry its sign ("42%", "42 %"); nothing else may carry a unit.
  const bare = metric.type === 'percent' ? text.replace(/\s*%$/, '') : text;
  const value = readDecimal(bare);
  const acceptable =
    value !== undefined &&
    (!whole || Number.isInteger(value)) &&
    (metric.min === undefined || value >= metric.min) &&
    (metric.max === undefined || value <= metric.max);
  // The message says what is expected, not what was wrong: the person sees what they typed beside it.
  if (!acceptable || value === undefined) return { ok: false, message: expected };
  // Normalise -0 so it prints and compares as 0.
  return { ok: true, value: value === 0 ? 0 : value };
}

function parseOption(metric: Metric, text: string): ParseMetricValueResult {
  const options = metric.options ?? [];
  const wanted = text.toLowerCase();
  const found = options.find(
    (option) => option.value.toLowerCase() === wanted || option.label.toLowerCase() === wanted,
  );
  if (found) return { ok: true, value: found.value };
  return { ok: false, message: `Choose one of: ${options.map((option) => option.label).join(', ')}` };
}

function parseYesNo(text: string): ParseMetricValueResult {
  const wanted = text.toLowerCase();
  if (YES.has(wanted)) return { ok: true, value: true };
  if (NO.has(wanted)) return { ok: true, value: false };
  return { ok: false, message: 'Answer yes or no' };
}

/**
 * Reads one value for a metric from text. Surrounding spaces are ignored; percents may end in `%`;
 * grades and choices match their value or label in any case; yes/no accepts yes, no, y, n, true, false.
 * A blank is not a value: callers that allow a field to be left empty check for that first.
 */
export function parseMetricValue(metric: Metric, raw: string): ParseMetricValueResult {
  const text = raw.trim();
  switch (metric.type) {
    case 'number':
    case 'percent':
    case 'count':
      return parseNumeric(metric, text);
    case 'grade':
    case 'enum':
      return parseOption(metric, text);
    case 'yesNo':
      return parseYesNo(text);
    case 'date':
      return isIsoDate(text)
        ? { ok: true, value: text }
        : { ok: false, message: 'Enter a date as YYYY-MM-DD, e.g. 2018-11-20' };
  }
}

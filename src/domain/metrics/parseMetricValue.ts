/**
 * Turns what a person typed (on the head's card, in a data file) into a metric value, or a message
 * they can act on. Everything arrives as text: the card's number fields are text inputs, read here.
 */
import { isIsoDate } from '../terms/termCalendar';
import type { Metric } from './metric';

/**
 * A value as stored: numbers for number/percent/count, the option value for grade/enum, booleans for
 * yes/no, `YYYY-MM-DD` text for dates.
 */
export type MetricValue = number | string | boolean;

export type ParseMetricValueResult = { ok: true; value: MetricValue } | { ok: false; message: string };

// Digits with an optional decimal part; thousands may be grouped with commas (UK style) or with spaces
// (a space, a no-break space or a thin space, as word processors put them).
const DIGITS = /^(\d{1,3}(?:,\d{3})+|\d{1,3}(?: \d{3})+|\d+)?(?:\.(\d+))?$/;
// A sign: plus, hyphen-minus, U+2212 (the minus sign spreadsheets and word processors write) or an en dash
// (what a word processor makes of "-" typed before a space).
const SIGN = /^([+\-\u2212\u2013])\s*/;
// Spaces some keyboards and word processors put inside numbers ("1 234", "95 %").
const WIDE_SPACES = /[\u00a0\u2007\u2009\u202f]/g;
// Commas as a decimal mark, or in the wrong places for thousands ("12,5", "1,23,456", "1.234,5").
const MISPLACED_COMMA = /^\d[\d,.]*,[\d.]*$/;

const YES = new Set(['yes', 'y', 'true']);
const NO = new Set(['no', 'n', 'false']);

/** What a number typed in words of its own reads as, or why it cannot be read for sure. */
type NumberReading =
  | { kind: 'number'; value: number }
  | { kind: 'unreadable' }
  /** Written with a comma that could be a decimal mark or a thousands separator. */
  | { kind: 'ambiguous'; readings: string[] }
  /** A £ amount in a field of £ thousands, written without "k": £120 could be £120 or £120,000. */
  | { kind: 'poundsWithoutThousands' };

function readDecimal(text: string): number | undefined {
  const match = DIGITS.exec(text);
  if (!match || (match[1] === undefined && match[2] === undefined)) return undefined;
  const whole = (match[1] ?? '0').replace(/[, ]/g, '');
  return Number(`${whole}.${match[2] ?? '0'}`);
}

/** The ways a number with a misplaced comma could be meant: the comma as a decimal point, or dropped. */
function commaReadings(text: string): string[] {
  const readings = new Set<string>();
  if ((text.match(/,/g) ?? []).length === 1 && !text.includes('.')) readings.add(text.replace(',', '.'));
  if (/^[\d,]+$/.test(text)) readings.add(text.replace(/,/g, ''));
  return [...readings].filter((reading) => reading !== '' && !Number.isNaN(Number(reading)));
}

/**
 * Reads a number as people write it for this metric: a sign (any of + - − –), thousands with commas,
 * a trailing "%" on a percent, "£" and "k" (or "m") on a figure in £ thousands, the metric's own unit
 * after the number ("8.5 pts"). Anything else is unreadable, never partly read.
 */
function readNumber(metric: Metric, raw: string): NumberReading {
  let text = raw.replace(WIDE_SPACES, ' ').trim();
  let sign = 1;
  const readSign = (): void => {
    const match = SIGN.exec(text);
    if (!match) return;
    if (match[1] !== '+') sign = -sign;
    text = text.slice(match[0].length);
  };
  readSign();
  let scale = 1;
  const thousandsOfPounds = metric.unit === '£k';
  if (thousandsOfPounds && text.startsWith('£')) {
    text = text.slice(1).trimStart();
    if (sign === 1) readSign();
    const suffix = /\s*([km])$/i.exec(text);
    if (!suffix) {
      const value = readDecimal(text);
      return value === 0 ? { kind: 'number', value: 0 } : { kind: 'poundsWithoutThousands' };
    }
    scale = suffix[1]?.toLowerCase() === 'm' ? 1000 : 1;
    text = text.slice(0, -suffix[0].length);
  } else if (thousandsOfPounds) {
    const suffix = /\s*(£?k)$/i.exec(text);
    if (suffix) text = text.slice(0, -suffix[0].length);
  } else if (metric.type === 'percent') {
    text = text.replace(/\s*%$/, '');
  } else if (metric.unit !== '' && metric.unit !== '%') {
    const unit = metric.unit.toLowerCase();
    if (text.toLowerCase().endsWith(unit)) text = text.slice(0, -unit.length).trimEnd();
  }
  const value = readDecimal(text);
  if (value === undefined) {
    if (MISPLACED_COMMA.test(text)) return { kind: 'ambiguous', readings: commaReadings(text) };
    return { kind: 'unreadable' };
  }
  const result = sign * value * scale;
  // Normalise -0 so it prints and compares as 0; scaling by 1000 can leave binary noise (1.2 × 1000).
  return { kind: 'number', value: result === 0 ? 0 : Number(result.toPrecision(15)) };
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
  const read = readNumber(metric, text);
  if (read.kind === 'ambiguous') {
    const question = read.readings.length === 2 ? `Is that ${read.readings.join(' or ')}? ` : '';
    return {
      ok: false,
      message: `${question}Write decimals with a point (12.5) and commas only between thousands (1,234)`,
    };
  }
  if (read.kind === 'poundsWithoutThousands') {
    return { ok: false, message: 'This figure is in £ thousands: write 120 or £120k for £120,000' };
  }
  const value = read.kind === 'number' ? read.value : undefined;
  const acceptable =
    value !== undefined &&
    (!whole || Number.isInteger(value)) &&
    (metric.min === undefined || value >= metric.min) &&
    (metric.max === undefined || value <= metric.max);
  // The message says what is expected, not what was wrong: the person sees what they typed beside it.
  if (!acceptable || value === undefined) return { ok: false, message: expected };
  return { ok: true, value };
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
 * Reads one value for a metric from text. Surrounding spaces are ignored; numbers are read as people
 * write them (readNumber: "95.2%", "−3", "1,234", "£120k" in £ thousands), and a comma that could be a
 * decimal mark ("12,5") is refused with a message that says so, never guessed; grades and choices match their value or label in any case; yes/no accepts yes, no, y, n, true, false.
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

/**
 * Checks what a head sent from the figures card, field by field, with the catalogue's own value parser.
 * Everything arrives as text (Input.Number submits strings). The outcome is a value: either every
 * figure ready to store, or a message for each field that needs attention, to show beside it.
 */
import { formatDateLabel, formatTermLabel } from '../evaluation/formatForTrustees';
import type { Metric } from '../metrics/metric';
import { parseMetricValue } from '../metrics/parseMetricValue';
import { samePublication } from '../published/publication';
import type { Academy, IsoDate } from '../roster/roster';
import type { TermRef } from '../terms/term';
import type { TermCalendar } from '../terms/termCalendar';
import { isBlankOrInvisible } from '../text/invisibleText';
import type { RequestedMetric } from './requestedMetrics';
import type { FigureContent } from './round';

/** Longest value text read from a card field; a real figure is a few characters. */
export const MAX_VALUE_LENGTH = 64;
/** Longest "not available" reason kept. */
export const MAX_REASON_LENGTH = 200;

/** The card's field id for a metric's value, and for the reason it cannot be given yet. */
export const VALUE_PREFIX = 'm_';
export const REASON_PREFIX = 'na_';

export type FigureInputs = ReadonlyMap<string, string>;

export type ValidateFiguresResult =
  { ok: true; figures: Map<string, FigureContent> } | { ok: false; errors: Map<string, string> };

// Control characters (C0, DEL, C1) and the bidirectional overrides have no place in a figure or a reason.
// Nor has half of a surrogate pair (only a forged request sends one): it is not text, and storage and
// cards would carry it on. With the `u` flag the surrogate range matches only such unpaired halves.
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ud800-\udfff]/u;

/**
 * Reads the card's inputs into a plain map of field id → text. Only string, number and boolean values are
 * kept (clients send numbers as strings, but a forged request may not); other keys are ignored here.
 */
export function readFigureInputs(data: Readonly<Record<string, unknown>>): Map<string, string> {
  const inputs = new Map<string, string>();
  for (const [key, raw] of Object.entries(data)) {
    if (!key.startsWith(VALUE_PREFIX) && !key.startsWith(REASON_PREFIX)) continue;
    if (typeof raw === 'string') inputs.set(key, raw);
    else if (typeof raw === 'number' && Number.isFinite(raw)) inputs.set(key, String(raw));
    else if (typeof raw === 'boolean') inputs.set(key, raw ? 'yes' : 'no');
  }
  return inputs;
}

/** The card's field ids for the requested metrics: each metric's value and its "not available" reason. */
export function cardFieldIds(requested: readonly RequestedMetric[]): Set<string> {
  return new Set(requested.flatMap(({ metric }) => [VALUE_PREFIX + metric.id, REASON_PREFIX + metric.id]));
}

/** Field ids in the inputs that name no requested metric: a forged or stale card. */
export function unknownFields(requested: readonly RequestedMetric[], inputs: FigureInputs): string[] {
  const known = cardFieldIds(requested);
  return [...inputs.keys()].filter((key) => !known.has(key));
}

/**
 * The days a date given for an academy's term may fall on (an inspection's): from the day the academy
 * opened to the last day of the term being answered. A later day has not happened in that term, and an
 * earlier one belongs to the school it replaced.
 */
export interface DateBounds {
  opened: IsoDate;
  termEnd: IsoDate;
  /** "Autumn 2026", to say which term's end. */
  termLabel: string;
}

/** The date bounds for an academy answering a term. */
export function dateBoundsFor(academy: Academy, term: TermRef, calendar: TermCalendar): DateBounds {
  return {
    opened: academy.openedOn,
    termEnd: calendar.termDates(term).end,
    termLabel: formatTermLabel(term),
  };
}

/** Why a date is outside its bounds, with the days allowed; undefined when it is inside. */
function outsideBounds(date: string, bounds: DateBounds): string | undefined {
  const allowed = `enter a day from ${formatDateLabel(bounds.opened)}, when the academy opened, to ${formatDateLabel(bounds.termEnd)}`;
  if (date > bounds.termEnd) {
    return `${formatDateLabel(date)} is after the end of ${bounds.termLabel} (${formatDateLabel(bounds.termEnd)}), the term being answered: ${allowed}`;
  }
  if (date < bounds.opened) {
    return `${formatDateLabel(date)} is before the academy opened (${formatDateLabel(bounds.opened)}): ${allowed}`;
  }
  return undefined;
}

/**
 * Validates every requested figure. A required figure needs a value or a reason it is not available;
 * a date must fall within `dates` when they are given (the card and the chat always give them);
 * an optional one may be left blank (it is then absent from `figures`: not stored, or cleared when it was,
 * see figureChanges). A value and a reason together are refused, so the board never sees both.
 */
export function validateFigures(
  requested: readonly RequestedMetric[],
  inputs: FigureInputs,
  dates?: DateBounds,
): ValidateFiguresResult {
  const figures = new Map<string, FigureContent>();
  const errors = new Map<string, string>();
  for (const { metric, required } of requested) {
    const value = (inputs.get(VALUE_PREFIX + metric.id) ?? '').trim();
    const typedReason = (inputs.get(REASON_PREFIX + metric.id) ?? '').trim().replace(/\s+/g, ' ');
    // Zero-width or direction characters alone say nothing: such a reason counts as blank.
    const reason = isBlankOrInvisible(typedReason) ? '' : typedReason;
    if (value.length > MAX_VALUE_LENGTH || UNPRINTABLE.test(value)) {
      errors.set(metric.id, expectedValue(metric));
      continue;
    }
    if (reason.length > MAX_REASON_LENGTH || UNPRINTABLE.test(reason)) {
      errors.set(metric.id, `Keep the reason to ${MAX_REASON_LENGTH} characters of plain text`);
      continue;
    }
    if (value && reason) {
      errors.set(metric.id, 'Give either the figure or the reason it is not available, not both');
      continue;
    }
    if (!value && !reason) {
      if (required) errors.set(metric.id, 'Required: enter the figure, or say why it is not available yet');
      continue;
    }
    if (reason) {
      figures.set(metric.id, { notAvailable: reason });
      continue;
    }
    const parsed = parseMetricValue(metric, value);
    const outside =
      parsed.ok && dates && metric.type === 'date' && typeof parsed.value === 'string'
        ? outsideBounds(parsed.value, dates)
        : undefined;
    if (!parsed.ok) errors.set(metric.id, parsed.message);
    else if (outside) errors.set(metric.id, outside);
    else figures.set(metric.id, { value: parsed.value });
  }
  return errors.size > 0 ? { ok: false, errors } : { ok: true, figures };
}

/** What the field expects, in the parser's own words (a blank is never a value, so it always says). */
function expectedValue(metric: Metric): string {
  const parsed = parseMetricValue(metric, '');
  return parsed.ok ? 'Enter a valid value' : parsed.message;
}

/** Whether two figure contents say the same thing (so an unchanged figure is not written again). */
export function sameContent(a: FigureContent | undefined, b: FigureContent | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (!samePublication(a.published, b.published)) return false;
  if ('value' in a && 'value' in b) return a.value === b.value;
  if ('notAvailable' in a && 'notAvailable' in b) return a.notAvailable === b.notAvailable;
  return false;
}

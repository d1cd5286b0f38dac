/**
 * Term keys, term arithmetic and the calendar that maps terms to dates.
 *
 * The default calendar gives every day of the year to exactly one term (autumn 1 Sep–31 Dec, spring
 * 1 Jan–31 Mar, summer 1 Apr–31 Aug), so holidays belong to the term before or after them and every
 * date — an opening date, a submission date — falls in one term. A trust can move the boundaries per
 * year; the result must still cover every day exactly once.
 */
import type { IsoDate } from '../roster/roster';
import type { TermDates, TermName, TermRef } from './term';
import { TERM_NAMES } from './term';

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ACADEMIC_YEAR = /^(\d{4})-(\d{2})$/;
const TERM_KEY = /^(\d{4})-(\d{2})-([a-z]+)$/;

// ---------------------------------------------------------------------------------------------------
// The years the product reads

/**
 * The window of years a date, term or academic year read from a file or a command line may fall in.
 * Nothing a trust plans or reports lies outside it, and a year outside it is a typo (`0019` for `2019`,
 * `9999` for "never") that would otherwise be taken literally: years 0000–0099 land in 1900–1999 through
 * Date.UTC, and far-future years overflow the four-digit dates the calendar works in. Every reader of
 * dates, terms and academic years (plan, roster, data, term dates, `--as-of`, `--closed-through`)
 * refuses a year outside it, through the `read…` functions below.
 */
export const MIN_YEAR = 1990;
export const MAX_YEAR = 2100;

/** What a reader says about text it could not use: a sentence saying what is wrong and how to write it. */
export type ReadResult<T> = { ok: true; value: T } | { ok: false; message: string };

function windowProblem(text: string, year: number, what: string): string | undefined {
  if (year >= MIN_YEAR && year <= MAX_YEAR) return undefined;
  return `"${text}" is ${what} in ${String(year).padStart(4, '0')}, outside the years ${MIN_YEAR}–${MAX_YEAR} this product works with; check the year`;
}

/** A real `YYYY-MM-DD` date in the year window, or what is wrong with the text. */
export function readIsoDate(text: string): ReadResult<IsoDate> {
  const parts = splitIsoDate(text);
  if (!parts) {
    return {
      ok: false,
      message: ISO_DATE.test(text)
        ? `"${text}" is not a real date; check the month and the day`
        : `"${text}" is not a date; write dates as YYYY-MM-DD, e.g. 2025-09-03`,
    };
  }
  const problem = windowProblem(text, parts[0], 'a date');
  return problem ? { ok: false, message: problem } : { ok: true, value: text };
}

/** An academic year written `2025-26` in the year window (as its start year), or what is wrong. */
export function readAcademicYear(text: string): ReadResult<number> {
  const startYear = parseAcademicYear(text);
  if (startYear === undefined) {
    return { ok: false, message: `"${text}" is not an academic year; write it like 2025-26` };
  }
  // The year ends in startYear + 1, so the last year of the window starts one year earlier.
  const problem = windowProblem(text, startYear === MAX_YEAR ? startYear + 1 : startYear, 'an academic year');
  return problem ? { ok: false, message: problem } : { ok: true, value: startYear };
}

/** A term key written `2025-26-autumn` in the year window, or what is wrong. */
export function readTermKey(text: string): ReadResult<TermRef> {
  const term = parseTermKey(text);
  if (!term) {
    return {
      ok: false,
      message: `"${text}" is not a term; write terms like 2025-26-autumn (autumn, spring or summer)`,
    };
  }
  const problem = windowProblem(
    text,
    term.startYear === MAX_YEAR ? term.startYear + 1 : term.startYear,
    'a term',
  );
  return problem ? { ok: false, message: problem } : { ok: true, value: term };
}

/** True when the year is inside the window of MIN_YEAR–MAX_YEAR. */
export function isInYearWindow(year: number): boolean {
  return year >= MIN_YEAR && year <= MAX_YEAR;
}

// ---------------------------------------------------------------------------------------------------
// Dates

function splitIsoDate(date: string): [number, number, number] | undefined {
  const match = ISO_DATE.exec(date);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return [year, month, day];
}

function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one; Date.UTC does the leap-year arithmetic.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function toIsoDate(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function requireIsoDate(date: string, what: string): [number, number, number] {
  const parts = splitIsoDate(date);
  if (!parts) throw new RangeError(`${what}: "${date}" is not a real YYYY-MM-DD date`);
  return parts;
}

function dayNumber(date: IsoDate, what: string): number {
  const [year, month, day] = requireIsoDate(date, what);
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

/** True when `value` is a real calendar date written `YYYY-MM-DD` (so `2019-02-29` is false). */
export function isIsoDate(value: string): boolean {
  return splitIsoDate(value) !== undefined;
}

/**
 * The date `n` days after (or, for negative `n`, before) `date`.
 * @throws RangeError when `date` is not a real `YYYY-MM-DD` date: callers validate dates on load.
 */
export function addDays(date: IsoDate, n: number): IsoDate {
  const moved = new Date((dayNumber(date, 'addDays') + n) * DAY_MS);
  return toIsoDate(moved.getUTCFullYear(), moved.getUTCMonth() + 1, moved.getUTCDate());
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return dayNumber(to, 'daysBetween') - dayNumber(from, 'daysBetween');
}

/**
 * The same day `n` years later (or earlier). 29 February moves to 28 February in a common year, so
 * "within three years of opening" on 29 Feb 2016 ends on 28 Feb 2019, never spilling into March.
 * @throws RangeError when `date` is not a real `YYYY-MM-DD` date.
 */
export function addYears(date: IsoDate, n: number): IsoDate {
  const [year, month, day] = requireIsoDate(date, 'addYears');
  const targetYear = year + n;
  return toIsoDate(targetYear, month, Math.min(day, daysInMonth(targetYear, month)));
}

// ---------------------------------------------------------------------------------------------------
// Term keys and arithmetic

/** `2018-19` for startYear 2018: how academic years are written in files and benchmark data. */
export function formatAcademicYear(startYear: number): string {
  return `${String(startYear).padStart(4, '0')}-${String((startYear + 1) % 100).padStart(2, '0')}`;
}

/** The start year of an academic year written `2018-19`, or undefined when it is not one (`2018-20`). */
export function parseAcademicYear(text: string): number | undefined {
  const match = ACADEMIC_YEAR.exec(text);
  if (!match) return undefined;
  const startYear = Number(match[1]);
  return Number(match[2]) === (startYear + 1) % 100 ? startYear : undefined;
}

/** The key a term is stored and typed under: `2025-26-autumn`. */
export function formatTermKey(ref: TermRef): string {
  return `${formatAcademicYear(ref.startYear)}-${ref.term}`;
}

/** The term a key names, or undefined for anything that is not exactly a term key. */
export function parseTermKey(key: string): TermRef | undefined {
  const match = TERM_KEY.exec(key);
  if (!match) return undefined;
  const startYear = parseAcademicYear(`${match[1]}-${match[2]}`);
  const term = TERM_NAMES.find((name) => name === match[3]);
  return startYear === undefined || term === undefined ? undefined : { startYear, term };
}

function termIndex(ref: TermRef): number {
  return ref.startYear * TERM_NAMES.length + TERM_NAMES.indexOf(ref.term);
}

function termAtIndex(index: number): TermRef {
  const startYear = Math.floor(index / TERM_NAMES.length);
  const term = TERM_NAMES[index - startYear * TERM_NAMES.length];
  if (term === undefined) throw new Error(`termAtIndex: no term at index ${index}`);
  return { startYear, term };
}

/** Negative when `a` is before `b`, 0 when they are the same term, positive when after; fits `Array.sort`. */
export function compareTerms(a: TermRef, b: TermRef): number {
  return termIndex(a) - termIndex(b);
}

/** The term `n` terms after `ref` (before it when `n` is negative). */
export function addTerms(ref: TermRef, n: number): TermRef {
  return termAtIndex(termIndex(ref) + n);
}

/**
 * How many terms from `from` to `to`: 0 for the same term, 1 for the next, negative when `to` is
 * earlier. `addTerms(from, termsBetween(from, to))` is `to`.
 */
export function termsBetween(from: TermRef, to: TermRef): number {
  return termIndex(to) - termIndex(from);
}

/** Every term from `from` to `to`, both included, in order; empty when `to` is before `from`. */
export function termRange(from: TermRef, to: TermRef): TermRef[] {
  const terms: TermRef[] = [];
  for (let index = termIndex(from); index <= termIndex(to); index++) terms.push(termAtIndex(index));
  return terms;
}

// ---------------------------------------------------------------------------------------------------
// The calendar

/** Maps terms to dates and dates to terms. Every date is in exactly one term. */
export interface TermCalendar {
  /** First and last day of the term, inclusive. */
  termDates(ref: TermRef): TermDates;
  /**
   * The term the date falls in.
   * @throws RangeError when `date` is not a real `YYYY-MM-DD` date.
   */
  termContaining(date: IsoDate): TermRef;
  /** The start year of the academic year the date falls in: 2025 for any day of 2025/26. */
  academicYearOf(date: IsoDate): number;
}

/** New first and/or last day for one term; a missing side keeps the default. */
export interface TermDateOverride {
  start?: IsoDate;
  end?: IsoDate;
}

/**
 * Per-year changes to the default dates, keyed by academic year (`2025-26`), then by term. Typically
 * read from a file, so createTermCalendar checks the shape at run time as well.
 */
export type TermCalendarOverrides = Readonly<Record<string, Partial<Record<TermName, TermDateOverride>>>>;

export interface TermCalendarError {
  /** Where in the overrides, e.g. `2025-26.spring.start`. */
  path: string;
  message: string;
}

export type TermCalendarResult =
  { ok: true; calendar: TermCalendar } | { ok: false; errors: TermCalendarError[] };

function defaultTermDates(ref: TermRef): TermDates {
  const { startYear } = ref;
  switch (ref.term) {
    case 'autumn':
      return { ref, start: toIsoDate(startYear, 9, 1), end: toIsoDate(startYear, 12, 31) };
    case 'spring':
      return { ref, start: toIsoDate(startYear + 1, 1, 1), end: toIsoDate(startYear + 1, 3, 31) };
    case 'summer':
      return { ref, start: toIsoDate(startYear + 1, 4, 1), end: toIsoDate(startYear + 1, 8, 31) };
  }
}

function calendarFrom(overridden: ReadonlyMap<string, TermDates>): TermCalendar {
  const termDates = (ref: TermRef): TermDates => {
    const dates = overridden.get(formatTermKey(ref)) ?? defaultTermDates(ref);
    // A fresh ref, so callers can't change the calendar's own copy through the result.
    return { ref: { startYear: ref.startYear, term: ref.term }, start: dates.start, end: dates.end };
  };

  const termContaining = (date: IsoDate): TermRef => {
    const [year, month] = requireIsoDate(date, 'termContaining');
    // Start from the default year and walk: the terms tile the timeline, so the walk is monotonic.
    let startYear = month >= 9 ? year : year - 1;
    for (let step = 0; step < 1000; step++) {
      if (date < termDates({ startYear, term: 'autumn' }).start) {
        startYear--;
      } else if (date > termDates({ startYear, term: 'summer' }).end) {
        startYear++;
      } else {
        const term = TERM_NAMES.find((name) => date <= termDates({ startYear, term: name }).end);
        if (term) return { startYear, term };
        break;
      }
    }
    throw new Error(`termContaining: no term contains ${date}; the calendar's terms do not tile the year`);
  };

  return { termDates, termContaining, academicYearOf: (date) => termContaining(date).startYear };
}

/** England's default calendar: autumn 1 Sep–31 Dec, spring 1 Jan–31 Mar, summer 1 Apr–31 Aug. */
export const DEFAULT_TERM_CALENDAR: TermCalendar = calendarFrom(new Map());

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value from a file, shown back briefly; never throws (a YAML alias can make a value refer to itself). */
function shownValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  return Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'a map' : typeof value;
}

function describe(ref: TermRef): string {
  return `${formatAcademicYear(ref.startYear)} ${ref.term}`;
}

/**
 * Builds a term calendar: England's defaults, with the given terms' first and last days moved.
 * Returns every problem at once — malformed years, terms or dates, a term that ends before it starts,
 * and any gap or overlap with the neighbouring terms — so the administrator can fix the file in one go.
 */
export function createTermCalendar(overrides: TermCalendarOverrides = {}): TermCalendarResult {
  const errors: TermCalendarError[] = [];
  const overridden = new Map<string, TermDates>();
  // Terms whose override was unusable: their boundaries are not checked, to avoid a second, misleading error.
  const unusable = new Set<string>();
  const raw: unknown = overrides;

  if (!isRecord(raw)) {
    return {
      ok: false,
      errors: [{ path: '', message: 'term dates must be a map of academic years, e.g. 2025-26' }],
    };
  }

  for (const [yearKey, yearValue] of Object.entries(raw)) {
    const year = readAcademicYear(yearKey);
    if (!year.ok) {
      errors.push({ path: yearKey, message: year.message });
      continue;
    }
    const startYear = year.value;
    if (!isRecord(yearValue)) {
      errors.push({ path: yearKey, message: `must be a map of terms (${TERM_NAMES.join(', ')})` });
      continue;
    }
    for (const [termKey, termValue] of Object.entries(yearValue)) {
      const path = `${yearKey}.${termKey}`;
      const term = TERM_NAMES.find((name) => name === termKey);
      if (term === undefined) {
        errors.push({ path, message: `"${termKey}" is not a term; use one of ${TERM_NAMES.join(', ')}` });
        continue;
      }
      const ref: TermRef = { startYear, term };
      if (!isRecord(termValue)) {
        unusable.add(formatTermKey(ref));
        errors.push({
          path,
          message: 'must give start and/or end, e.g. { start: 2025-09-03, end: 2025-12-19 }',
        });
        continue;
      }
      const dates = defaultTermDates(ref);
      let valid = true;
      for (const [field, value] of Object.entries(termValue)) {
        if (field !== 'start' && field !== 'end') {
          errors.push({
            path: `${path}.${field}`,
            message: `"${field}" is not a term field; use start or end`,
          });
          valid = false;
        } else {
          const read = typeof value === 'string' ? readIsoDate(value) : undefined;
          if (read?.ok) {
            dates[field] = read.value;
          } else {
            errors.push({
              path: `${path}.${field}`,
              message:
                typeof value === 'string' && read && isIsoDate(value)
                  ? read.message
                  : `${shownValue(value)} is not a date; write dates as YYYY-MM-DD, e.g. 2025-09-03`,
            });
            valid = false;
          }
        }
      }
      if (!valid) {
        unusable.add(formatTermKey(ref));
        continue;
      }
      if (dates.end < dates.start) {
        unusable.add(formatTermKey(ref));
        errors.push({ path, message: `ends (${dates.end}) before it starts (${dates.start})` });
        continue;
      }
      overridden.set(formatTermKey(ref), dates);
    }
  }

  // Check each boundary that touches a changed term once: the earlier term's end against the next's start.
  const draft = calendarFrom(overridden);
  const boundaries = new Map<string, TermRef>();
  for (const dates of overridden.values()) {
    for (const before of [addTerms(dates.ref, -1), dates.ref]) boundaries.set(formatTermKey(before), before);
  }
  const ordered = [...boundaries.values()].sort(compareTerms);
  for (const earlierRef of ordered) {
    const earlier = draft.termDates(earlierRef);
    const later = draft.termDates(addTerms(earlierRef, 1));
    if (unusable.has(formatTermKey(earlier.ref)) || unusable.has(formatTermKey(later.ref))) continue;
    const expectedStart = addDays(earlier.end, 1);
    if (later.start === expectedStart) continue;
    const laterIsChanged = overridden.has(formatTermKey(later.ref));
    const path = laterIsChanged
      ? `${formatAcademicYear(later.ref.startYear)}.${later.ref.term}.start`
      : `${formatAcademicYear(earlier.ref.startYear)}.${earlier.ref.term}.end`;
    const between =
      later.start > expectedStart
        ? `the days from ${expectedStart} to ${addDays(later.start, -1)} are in no term`
        : `they overlap from ${later.start} to ${earlier.end}`;
    errors.push({
      path,
      message:
        `${describe(earlier.ref)} ends ${earlier.end} but ${describe(later.ref)} starts ${later.start}: ${between}; ` +
        `each term must start the day after the previous one ends (start ${describe(later.ref)} on ${expectedStart}, ` +
        `or end ${describe(earlier.ref)} on ${addDays(later.start, -1)})`,
    });
  }

  return errors.length > 0 ? { ok: false, errors } : { ok: true, calendar: draft };
}

// ---------------------------------------------------------------------------------------------------
// Terms since opening

/**
 * Which term of its life an academy is in: 1 for the term containing `openedOn`, 2 for the next, and
 * 0 or negative for terms before it opened. "By the sixth term of opening" means number <= 6.
 */
export function termNumberSinceOpening(
  openedOn: IsoDate,
  ref: TermRef,
  calendar: TermCalendar = DEFAULT_TERM_CALENDAR,
): number {
  return termsBetween(calendar.termContaining(openedOn), ref) + 1;
}

/** The term that is number `n` since opening (the inverse of termNumberSinceOpening). */
export function termRefForNumber(
  openedOn: IsoDate,
  n: number,
  calendar: TermCalendar = DEFAULT_TERM_CALENDAR,
): TermRef {
  return addTerms(calendar.termContaining(openedOn), n - 1);
}

/**
 * Moments as plans write them — `2017-18`, `2018-19-summer`, `2019-07-31` — and the dates they stand for.
 */
import type { IsoDate } from '../roster/roster';
import {
  formatAcademicYear,
  formatTermKey,
  isIsoDate,
  parseAcademicYear,
  parseTermKey,
  readAcademicYear,
  readIsoDate,
  type ReadResult,
  readTermKey,
  type TermCalendar,
} from '../terms/termCalendar';
import type { PlanMoment } from './plan';

/** How to write a moment, for error messages. */
export const PLAN_MOMENT_HINT =
  'an academic year like 2017-18, a term like 2017-18-autumn or a date like 2017-09-01';

/** The moment a text names, or undefined when it is none of an academic year, a term key or a real date. */
export function parsePlanMoment(text: string): PlanMoment | undefined {
  const startYear = parseAcademicYear(text);
  if (startYear !== undefined) return { kind: 'academicYear', startYear };
  const term = parseTermKey(text);
  if (term) return { kind: 'term', term };
  if (isIsoDate(text)) return { kind: 'date', date: text };
  return undefined;
}

/**
 * The moment a text names, inside the year window (termCalendar's MIN_YEAR–MAX_YEAR), or what is wrong:
 * a moment in a year outside the window, or text that is no moment at all.
 */
export function readPlanMoment(text: string): ReadResult<PlanMoment> {
  if (parseAcademicYear(text) !== undefined) {
    const year = readAcademicYear(text);
    return year.ok ? { ok: true, value: { kind: 'academicYear', startYear: year.value } } : year;
  }
  if (parseTermKey(text)) {
    const term = readTermKey(text);
    return term.ok ? { ok: true, value: { kind: 'term', term: term.value } } : term;
  }
  if (isIsoDate(text)) {
    const date = readIsoDate(text);
    return date.ok ? { ok: true, value: { kind: 'date', date: date.value } } : date;
  }
  return { ok: false, message: `expected ${PLAN_MOMENT_HINT}, found "${text}"` };
}

/** The moment as written in a plan file, so it can be shown back exactly. */
export function formatPlanMoment(moment: PlanMoment): string {
  switch (moment.kind) {
    case 'academicYear':
      return formatAcademicYear(moment.startYear);
    case 'term':
      return formatTermKey(moment.term);
    case 'date':
      return moment.date;
  }
}

/** The first day of the moment: the first day of the term or academic year, or the date itself. */
export function momentStart(moment: PlanMoment, calendar: TermCalendar): IsoDate {
  switch (moment.kind) {
    case 'academicYear':
      return calendar.termDates({ startYear: moment.startYear, term: 'autumn' }).start;
    case 'term':
      return calendar.termDates(moment.term).start;
    case 'date':
      return moment.date;
  }
}

/** The last day of the moment: the last day of the term or academic year, or the date itself. */
export function momentEnd(moment: PlanMoment, calendar: TermCalendar): IsoDate {
  switch (moment.kind) {
    case 'academicYear':
      return calendar.termDates({ startYear: moment.startYear, term: 'summer' }).end;
    case 'term':
      return calendar.termDates(moment.term).end;
    case 'date':
      return moment.date;
  }
}

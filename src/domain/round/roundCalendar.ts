/**
 * When each term's round opens and closes, and on which days reminders go. Dates are days on the trust's
 * clocks; a round closes at the end of its close day (submissions are accepted all that day).
 *
 * Default windows (docs/round.md): autumn 24 Nov – 12 Dec, spring 2 Mar – 20 Mar, summer 22 Jun – 10 Jul,
 * inside the term on England's default calendar and before most schools break up. A trust sets its own
 * with ROUND_WINDOWS.
 */
import type { IsoDate } from '../roster/roster';
import { TERM_NAMES, type TermName, type TermRef } from '../terms/term';
import { addDays, isIsoDate } from '../terms/termCalendar';

/** A window as month and day, for one term name; the year comes from the term. */
export interface RoundWindow {
  /** `MM-DD`. */
  opens: string;
  closes: string;
}

export type RoundWindows = Readonly<Record<TermName, RoundWindow>>;

export const DEFAULT_ROUND_WINDOWS: RoundWindows = {
  autumn: { opens: '11-24', closes: '12-12' },
  spring: { opens: '03-02', closes: '03-20' },
  summer: { opens: '06-22', closes: '07-10' },
};

/** Days before the close day on which a head who has not submitted is reminded: 0 is the close day. */
export const DEFAULT_REMINDER_DAYS: readonly number[] = [5, 2, 0];

export interface RoundDates {
  opensOn: IsoDate;
  closesOn: IsoDate;
}

/** The calendar year a term's window falls in: autumn in its start year, spring and summer in the next. */
function windowYear(term: TermRef): number {
  return term.term === 'autumn' ? term.startYear : term.startYear + 1;
}

/**
 * The day `MM-DD` names in `year`. A window may name 29 February (it is a real day in a leap year); in a
 * common year it falls on 28 February, so the round still opens and closes on a day that exists.
 */
function dayOfYear(year: number, monthDay: string): IsoDate {
  const date = `${year}-${monthDay}`;
  return monthDay === '02-29' && !isIsoDate(date) ? `${year}-02-28` : date;
}

/** The term's round dates from the windows. */
export function roundDates(term: TermRef, windows: RoundWindows): RoundDates {
  const year = windowYear(term);
  const window = windows[term.term];
  return { opensOn: dayOfYear(year, window.opens), closesOn: dayOfYear(year, window.closes) };
}

/** The days reminders go for a round closing on `closesOn`, earliest first, never before it opened. */
export function reminderDays(dates: RoundDates, daysBefore: readonly number[]): IsoDate[] {
  return [...new Set(daysBefore)]
    .sort((a, b) => b - a)
    .map((n) => addDays(dates.closesOn, -n))
    .filter((day) => day >= dates.opensOn);
}

/**
 * Reads `ROUND_WINDOWS`: `autumn=11-24..12-12, spring=03-02..03-20, summer=06-22..07-10`; terms left out keep
 * the default. Returns a message naming the problem, or the windows.
 */
export function parseRoundWindows(
  text: string,
): { ok: true; windows: RoundWindows } | { ok: false; message: string } {
  const windows: Record<TermName, RoundWindow> = { ...DEFAULT_ROUND_WINDOWS };
  // A term named twice is a slip (usually for another term): say so rather than keep the last one.
  const seen = new Set<TermName>();
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const match = /^(\w+)\s*=\s*(\d\d-\d\d)\s*\.\.\s*(\d\d-\d\d)$/.exec(part);
    if (!match) return { ok: false, message: `"${part}" should look like autumn=11-24..12-12` };
    const [, name = '', opens = '', closes = ''] = match;
    const termName = TERM_NAMES.find((n) => n === name);
    if (!termName) return { ok: false, message: `"${name}" is not a term: use autumn, spring or summer` };
    // A leap year accepts 29 February; any real month and day is fine.
    if (!isIsoDate(`2000-${opens}`) || !isIsoDate(`2000-${closes}`)) {
      return { ok: false, message: `"${part}": write days as MM-DD, e.g. 11-24` };
    }
    if (closes < opens) return { ok: false, message: `"${part}": the round closes before it opens` };
    if (seen.has(termName))
      return { ok: false, message: `"${termName}" is given twice: give each term once` };
    seen.add(termName);
    windows[termName] = { opens, closes };
  }
  return { ok: true, windows };
}

/** Reads `ROUND_REMINDER_DAYS`: comma-separated whole numbers of days before the close day, e.g. `5,2,0`. */
export function parseReminderDays(
  text: string,
): { ok: true; days: number[] } | { ok: false; message: string } {
  const days: number[] = [];
  const parts = text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  if (text.trim().toLowerCase() === 'none') return { ok: true, days };
  if (parts.length === 0 && text.trim() !== '') {
    return {
      ok: false,
      message: `"${text}" names no day: write days such as 5,2,0, or none for no reminders`,
    };
  }
  for (const part of parts) {
    if (!/^\d{1,2}$/.test(part))
      return { ok: false, message: `"${part}" is not a number of days from 0 to 99` };
    days.push(Number(part));
  }
  return { ok: true, days };
}

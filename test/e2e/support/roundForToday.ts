/**
 * Which round the browser test opens, and the settings that keep the product's real clock from getting
 * in its way on whatever day CI runs it.
 *
 * The product runs on the real clock, and its hourly schedule opens the current term's round by itself on
 * any day inside the round's window (from 08:00 in the trust's time zone) and sends reminders on the
 * reminder days. A test in which the executive opens the round must not race that, so the round's window
 * is moved to start tomorrow (an executive may open a round early; the schedule never does), and the one
 * reminder day falls before today (reminders only go on days since the round opened).
 */
import type { IsoDate } from '../../../src/domain/roster/roster';
import { parseRoundWindows, roundDates } from '../../../src/domain/round/roundCalendar';
import { localTime } from '../../../src/domain/terms/localTime';
import { type TermRef } from '../../../src/domain/terms/term';
import { addDays, addTerms, formatTermKey, type TermCalendar } from '../../../src/domain/terms/termCalendar';

export interface RoundForToday {
  /** The round's term, e.g. `{ startYear: 2026, term: 'autumn' }`. */
  term: TermRef;
  /** Its key, as the CLI and storage name it: `2026-27-autumn`. */
  termKey: string;
  /** As an executive types it after `open round`: `2026-27 autumn`. */
  typed: string;
  /** The product's environment: ROUND_WINDOWS and ROUND_REMINDER_DAYS. */
  env: Record<string, string>;
  /** The trust's today, and the round's close day under those settings. */
  today: IsoDate;
  closesOn: IsoDate;
}

const monthDay = (date: IsoDate): string => date.slice(5);

/** Whole days from `from` to `to`. */
function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The longest a test round stays open: keeps its one reminder day within ROUND_REMINDER_DAYS' 0–99. */
const MAX_OPEN_DAYS = 14;

/**
 * The round to open on the trust's day at `now`: the current term's, with its window from tomorrow to at
 * most two weeks later inside the term. On a term's last day there is no tomorrow inside it, so the next
 * term's round is opened early instead (its default window is still to come), and the current term's
 * window is moved to its first day so the schedule leaves it alone.
 */
export function roundForToday(now: Date, calendar: TermCalendar, timeZone = 'Europe/London'): RoundForToday {
  const today = localTime(now, timeZone).date;
  const current = calendar.termContaining(today);
  const currentDates = calendar.termDates(current);
  const windowYear = (term: TermRef): number =>
    term.term === 'autumn' ? term.startYear : term.startYear + 1;
  // A window is written as MM-DD and placed in the term's calendar year: it cannot cross New Year.
  const tomorrow = addDays(today, 1);
  const sameYear = tomorrow.slice(0, 4) === String(windowYear(current));
  if (tomorrow <= currentDates.end && sameYear) {
    const last =
      [addDays(today, MAX_OPEN_DAYS), currentDates.end, `${windowYear(current)}-12-31`].sort()[0] ?? tomorrow;
    return described(current, today, {
      ROUND_WINDOWS: `${current.term}=${monthDay(tomorrow)}..${monthDay(last)}`,
      ROUND_REMINDER_DAYS: String(daysBetween(today, last) + 1),
    });
  }
  const next = addTerms(current, 1);
  const start = monthDay(currentDates.start);
  return described(next, today, {
    ROUND_WINDOWS: `${current.term}=${start}..${start}`,
    // Reminders of the next term's round count back from its close day, months away: none goes today.
    ROUND_REMINDER_DAYS: '0',
  });
}

function described(term: TermRef, today: IsoDate, env: Record<string, string>): RoundForToday {
  const windows = parseRoundWindows(env.ROUND_WINDOWS ?? '');
  if (!windows.ok) throw new Error(`roundForToday made a bad ROUND_WINDOWS: ${windows.message}`);
  const termKey = formatTermKey(term);
  return {
    term,
    termKey,
    typed: `${termKey.slice(0, 7)} ${term.term}`,
    env,
    today,
    closesOn: roundDates(term, windows.windows).closesOn,
  };
}

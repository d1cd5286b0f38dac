/**
 * Terms as people type them in chat, and the trust's "today".
 */
import { formatTermLabel } from '../../domain/evaluation/formatForTrustees';
import type { IsoDate } from '../../domain/roster/roster';
import type { Round } from '../../domain/round/round';
import { type RoundDates, roundDates } from '../../domain/round/roundCalendar';
import { localTime } from '../../domain/terms/localTime';
import { TERM_NAMES, type TermRef } from '../../domain/terms/term';
import {
  isInYearWindow,
  parseAcademicYear,
  parseTermKey,
  readAcademicYear,
  readTermKey,
} from '../../domain/terms/termCalendar';
import { quoteUserText } from '../quoteUserText';
import type { RoundDeps } from './roundDeps';

/** The trust's day and hour now. */
export function trustNow(deps: Pick<RoundDeps, 'clock' | 'settings'>): { date: IsoDate; hour: number } {
  return localTime(deps.clock(), deps.settings.timeZone);
}

/** The term containing the trust's today. */
export function currentTerm(deps: Pick<RoundDeps, 'clock' | 'settings' | 'calendar'>): TermRef {
  return deps.calendar.termContaining(trustNow(deps).date);
}

export type TermQuery = { ok: true; term: TermRef } | { ok: false; message: string };

const EXAMPLE = 'e.g. "2026-27 autumn", "autumn 2026" or "2026-27-autumn"';

/**
 * Reads a term from what someone typed after a command: empty means the current term; also accepted are
 * `2026-27-autumn`, `2026-27 autumn`, `autumn 2026-27`, `autumn 2026` (the calendar year it mostly falls
 * in) and a lone `autumn` (this academic year's).
 */
export function readTerm(text: string, current: TermRef): TermQuery {
  const words = text.toLowerCase().replace(/[,]/g, ' ').trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return { ok: true, term: current };
  const joined = words.join('-');
  if (parseTermKey(joined) && words.length <= 2) {
    // The year window (termCalendar's MIN_YEAR–MAX_YEAR) applies to terms typed in chat too.
    const key = readTermKey(joined);
    return key.ok
      ? { ok: true, term: key.value }
      : { ok: false, message: `I couldn't use that term: ${key.message}.` };
  }
  const name = TERM_NAMES.find((candidate) => words.includes(candidate));
  const others = words.filter((word) => word !== name && word !== 'term');
  if (!name || others.length > 1)
    return { ok: false, message: `I couldn't read "${quoteUserText(text)}" as a term: ${EXAMPLE}.` };
  if (others.length === 0) return { ok: true, term: { startYear: current.startYear, term: name } };
  const word = others[0] ?? '';
  if (parseAcademicYear(word) !== undefined) {
    const academic = readAcademicYear(word);
    return academic.ok
      ? { ok: true, term: { startYear: academic.value, term: name } }
      : { ok: false, message: `I couldn't use that term: ${academic.message}.` };
  }
  if (/^\d{4}$/.test(word)) {
    const year = Number(word);
    if (isInYearWindow(year)) {
      return { ok: true, term: { startYear: name === 'autumn' ? year : year - 1, term: name } };
    }
  }
  return { ok: false, message: `I couldn't read "${quoteUserText(text)}" as a term: ${EXAMPLE}.` };
}

/** The term's round dates from the settings. */
export function datesOf(deps: Pick<RoundDeps, 'settings'>, term: TermRef): RoundDates {
  return roundDates(term, deps.settings.windows);
}

/** "autumn 2026". */
export function termLabel(term: TermRef | string): string {
  const ref = typeof term === 'string' ? parseTermKey(term) : term;
  return ref ? formatTermLabel(ref) : typeof term === 'string' ? term : formatTermLabel(term);
}

/** The term of a stored round. */
export function termOf(round: Pick<Round, 'term'>): TermRef {
  const ref = parseTermKey(round.term);
  if (!ref) throw new Error(`Round ${round.term} has a malformed term key; fix it in the rounds table.`);
  return ref;
}

/** The day (in the trust's time zone) the round closed; its close day while it has not. */
export function closedOn(deps: Pick<RoundDeps, 'settings'>, round: Round): IsoDate {
  return round.closedAt ? localTime(new Date(round.closedAt), deps.settings.timeZone).date : round.closesOn;
}

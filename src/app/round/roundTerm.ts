/**
 * Terms as people type them in chat, and the trust's "today".
 */
import { formatTermLabel } from '../../domain/evaluation/formatForTrustees';
import type { IsoDate } from '../../domain/roster/roster';
import type { Round } from '../../domain/round/round';
import { type RoundDates, roundDates } from '../../domain/round/roundCalendar';
import { localTime } from '../../domain/terms/localTime';
import { TERM_NAMES, type TermRef } from '../../domain/terms/term';
import { parseAcademicYear, parseTermKey } from '../../domain/terms/termCalendar';
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
  const key = parseTermKey(words.join('-'));
  if (key && words.length <= 2) return { ok: true, term: key };
  const name = TERM_NAMES.find((candidate) => words.includes(candidate));
  const others = words.filter((word) => word !== name && word !== 'term');
  if (!name || others.length > 1)
    return { ok: false, message: `I couldn't read "${text}" as a term: ${EXAMPLE}.` };
  if (others.length === 0) return { ok: true, term: { startYear: current.startYear, term: name } };
  const word = others[0] ?? '';
  const academic = parseAcademicYear(word);
  if (academic !== undefined) return { ok: true, term: { startYear: academic, term: name } };
  if (/^\d{4}$/.test(word)) {
    const year = Number(word);
    if (year >= 1990 && year <= 2100) {
      return { ok: true, term: { startYear: name === 'autumn' ? year : year - 1, term: name } };
    }
  }
  return { ok: false, message: `I couldn't read "${text}" as a term: ${EXAMPLE}.` };
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

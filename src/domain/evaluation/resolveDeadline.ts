/**
 * Turns a plan's deadline into a date for one academy: a fixed moment is the same for all; "by the
 * sixth term of opening" and "within three years of opening" count from the academy's opening date.
 */
import { momentEnd } from '../plan/parsePlanMoment';
import type { Deadline } from '../plan/plan';
import type { Academy } from '../roster/roster';
import { addDays, addYears, formatTermKey, type TermCalendar, termRefForNumber } from '../terms/termCalendar';
import type { DeadlineEvidence } from './evaluation';
import { formatDateLabel, formatTermLabel } from './formatForTrustees';

/**
 * Answers already worked out, per calendar and deadline, by the academy's opening date ('' for a fixed
 * deadline): every academy of a large trust asks for the same few, and each answer costs date parsing
 * and formatting. Weak keys, so a plan's deadlines and an evaluation's calendar are not kept alive.
 */
const RESOLVED = new WeakMap<TermCalendar, WeakMap<Deadline, Map<string, DeadlineEvidence | undefined>>>();

/**
 * The last day on which the target can be met, for this academy (undefined for the trust, which only
 * fixed deadlines apply to; parsePlan rejects the others there). The answer is shared between callers
 * asking the same: do not change it.
 */
export function resolveDeadline(
  deadline: Deadline,
  academy: Academy | undefined,
  calendar: TermCalendar,
): DeadlineEvidence | undefined {
  let byDeadline = RESOLVED.get(calendar);
  if (!byDeadline) {
    byDeadline = new WeakMap();
    RESOLVED.set(calendar, byDeadline);
  }
  let byOpening = byDeadline.get(deadline);
  if (!byOpening) {
    byOpening = new Map();
    byDeadline.set(deadline, byOpening);
  }
  const key =
    deadline.kind === 'fixed'
      ? ''
      : !academy
        ? '-'
        : deadline.kind === 'yearsAfterJoining'
          ? academy.joinedOn
          : academy.openedOn;
  if (byOpening.has(key)) return byOpening.get(key);
  const resolved = resolveAfresh(deadline, academy, calendar);
  byOpening.set(key, resolved);
  return resolved;
}

function resolveAfresh(
  deadline: Deadline,
  academy: Academy | undefined,
  calendar: TermCalendar,
): DeadlineEvidence | undefined {
  switch (deadline.kind) {
    case 'fixed': {
      const date = momentEnd(deadline.at, calendar);
      const term = calendar.termContaining(date);
      // A term reads as the term; an academic year as its last day, 31 August, which is when it ends.
      const label = deadline.at.kind === 'term' ? formatTermLabel(term) : formatDateLabel(date);
      return { date, term: formatTermKey(term), label };
    }
    case 'termOfOpening': {
      if (!academy) return undefined;
      const term = termRefForNumber(academy.openedOn, deadline.term, calendar);
      return { date: calendar.termDates(term).end, term: formatTermKey(term), label: formatTermLabel(term) };
    }
    case 'yearsAfterOpening': {
      if (!academy) return undefined;
      // Opened 1 Sep 2016, "within three years" ends on 31 Aug 2019: the day before the anniversary.
      const date = addDays(addYears(academy.openedOn, deadline.years), -1);
      return { date, term: formatTermKey(calendar.termContaining(date)), label: formatDateLabel(date) };
    }
    case 'yearsAfterJoining': {
      if (!academy) return undefined;
      // Joined 1 Jan 2025, "within two years of joining" ends on 31 Dec 2026.
      const date = addDays(addYears(academy.joinedOn, deadline.years), -1);
      return { date, term: formatTermKey(calendar.termContaining(date)), label: formatDateLabel(date) };
    }
  }
}

/**
 * How far back an evaluation reads. The rules read an academy's figures from its first term on: a trend
 * compares with the figure before the latest however old it is, an inspection target counts inspections
 * since opening, a trajectory draws its line through the last few years, and a missing figure names the
 * last one supplied. No figure of an academy is older than the term it opened in (data files refuse one),
 * so the earliest opening in the roster bounds every read; a plan's own years before that are read too.
 */
import type { Plan } from '../plan/plan';
import type { Roster } from '../roster/roster';
import type { TermRef } from '../terms/term';
import { compareTerms, type TermCalendar } from '../terms/termCalendar';

/**
 * The earliest term any rule of the plan may read a figure of, for this roster: the term the first
 * academy opened (or joined) in, or the autumn of the year before the plan starts when that is earlier.
 */
export function firstFigureTerm(plan: Plan, roster: Roster, calendar: TermCalendar): TermRef {
  let first: TermRef = { startYear: plan.period.from - 1, term: 'autumn' };
  for (const academy of roster.academies) {
    const day = academy.openedOn < academy.joinedOn ? academy.openedOn : academy.joinedOn;
    const term = calendar.termContaining(day);
    if (compareTerms(term, first) < 0) first = term;
  }
  return first;
}

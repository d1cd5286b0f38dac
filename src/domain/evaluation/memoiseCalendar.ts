/**
 * A term calendar that remembers its answers. An evaluation asks the same few questions (which term
 * contains this opening date, when does this term end) for every academy and target; answering each
 * once keeps the work per academy small and flat.
 */
import type { TermDates, TermRef } from '../terms/term';
import type { TermCalendar } from '../terms/termCalendar';
import { termNumber } from './termNumber';

/** The same calendar, answering repeated questions from memory. Answers are shared: do not change them. */
export function memoiseCalendar(calendar: TermCalendar): TermCalendar {
  const dates = new Map<number, TermDates>();
  const containing = new Map<string, TermRef>();
  const termDates = (ref: TermRef): TermDates => {
    const key = termNumber(ref);
    let found = dates.get(key);
    if (!found) {
      found = calendar.termDates(ref);
      dates.set(key, found);
    }
    return found;
  };
  const termContaining = (date: string): TermRef => {
    let found = containing.get(date);
    if (!found) {
      found = calendar.termContaining(date);
      containing.set(date, found);
    }
    return found;
  };
  return { termDates, termContaining, academicYearOf: (date) => termContaining(date).startYear };
}

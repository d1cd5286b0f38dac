/**
 * When a figure becomes known: an explicit date given with the figure, or the metric's availability
 * rule (docs/plan-format.md, "When a figure is known"). An evaluation as of a date reads only figures
 * known by then, so a review written in July never shows results published that October.
 */
import type { IsoDate } from '../roster/roster';
import type { TermRef } from '../terms/term';
import { addDays, type TermCalendar } from '../terms/termCalendar';
import type { Availability } from './metric';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

// The month rules give one date per academic year; every academy's figure for that year asks again.
const MONTH_DATES = new WeakMap<Availability, Map<number, IsoDate>>();
const KNOWN_LABELS = new Map<string, string>();

/** The first day a figure for `term` is known under the rule; undefined when the rule adds no delay. */
export function availableOn(
  availability: Availability | undefined,
  term: TermRef,
  calendar: TermCalendar,
): IsoDate | undefined {
  if (availability === undefined) return undefined;
  switch (availability.kind) {
    case 'afterTerm':
      return addDays(calendar.termDates(term).end, availability.days);
    case 'month': {
      let dates = MONTH_DATES.get(availability);
      if (!dates) {
        dates = new Map();
        MONTH_DATES.set(availability, dates);
      }
      let date = dates.get(term.startYear);
      if (date === undefined) {
        const year = term.startYear + 1 + (availability.yearAfter ?? 0);
        date = `${String(year).padStart(4, '0')}-${String(availability.month).padStart(2, '0')}-01`;
        dates.set(term.startYear, date);
      }
      return date;
    }
  }
}

/** The rule in words for the docs and reasons: "October after the year", "30 days after its term". */
export function describeAvailability(availability: Availability | undefined): string {
  if (availability === undefined) return 'from its term';
  switch (availability.kind) {
    case 'afterTerm':
      return `${availability.days} days after its term ends`;
    case 'month': {
      const month = MONTHS[availability.month - 1] ?? '';
      const later = availability.yearAfter ?? 0;
      return later === 0
        ? `${month} of the year it ends`
        : `${month} ${later} year${later === 1 ? '' : 's'} later`;
    }
  }
}

/** "Oct 2017" for a rule's date (the first of a month), "12 Oct 2017" for any other day. */
export function formatKnownDate(date: IsoDate, availability: Availability | undefined): string {
  const byMonth = availability?.kind === 'month';
  const key = `${date}|${byMonth ? 'm' : 'd'}`;
  let label = KNOWN_LABELS.get(key);
  if (label === undefined) {
    const [year, month, day] = date.split('-').map(Number);
    const monthName = MONTHS[(month ?? 1) - 1] ?? '';
    label = byMonth && day === 1 ? `${monthName} ${year}` : `${day} ${monthName} ${year}`;
    KNOWN_LABELS.set(key, label);
  }
  return label;
}

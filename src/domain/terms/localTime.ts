/**
 * The trust's wall-clock day and hour for an instant, computed in code from the IANA time zone
 * (Europe/London by default). Azure Functions on Linux do not honour a host time-zone setting alike, so
 * the round's schedule never relies on one: timers fire in UTC and ask this what day it is in London.
 */
import type { IsoDate } from '../roster/roster';

export interface LocalTime {
  date: IsoDate;
  /** 0–23. */
  hour: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Whether the runtime knows the IANA time zone (e.g. `Europe/London`). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The day and hour on the trust's clocks at the instant. @throws RangeError for an unknown time zone. */
export function localTime(instant: Date, timeZone: string): LocalTime {
  const parts = new Map(
    formatterFor(timeZone)
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  return {
    date: `${parts.get('year') ?? ''}-${parts.get('month') ?? ''}-${parts.get('day') ?? ''}`,
    hour: Number(parts.get('hour')),
  };
}

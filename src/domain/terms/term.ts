/**
 * Terms of the school year in England. An academic year starts on 1 September; it has three terms.
 * A term is written `2025-26-autumn` (the key used in files, storage and the CLI).
 */
import type { IsoDate } from '../roster/roster';

export type TermName = 'autumn' | 'spring' | 'summer';
export const TERM_NAMES: readonly TermName[] = ['autumn', 'spring', 'summer'];

export interface TermRef {
  /** The calendar year the academic year starts in: 2025 for 2025/26. */
  startYear: number;
  term: TermName;
}

export interface TermDates {
  ref: TermRef;
  /** First and last day of the term, inclusive. */
  start: IsoDate;
  end: IsoDate;
}

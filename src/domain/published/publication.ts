/**
 * Figures the DfE and Ofsted publish for every school (results, inspections) are imported from the
 * publishers' own files rather than typed by heads. Each such figure carries the publication it came
 * from, so a trustee reads "DfE, provisional, Sep 2026" beside it and a revised release replaces a
 * provisional one.
 */
import type { IsoDate } from '../roster/roster';

/** The files the importer reads (docs/published-figures.md says which edition of each was confirmed). */
export const PUBLISHED_SOURCES = ['dfe-ks4', 'dfe-ks2', 'ees-ks2', 'ofsted'] as const;
export type PublishedSourceId = (typeof PUBLISHED_SOURCES)[number];

/** DfE results are published provisionally, then revised; Ofsted's inspection outcomes are neither. */
export type Release = 'provisional' | 'revised';

export interface Publication {
  source: PublishedSourceId;
  /** Who publishes it, for a trustee: `DfE`, `Ofsted`. */
  publisher: string;
  /** The publication, e.g. "Key stage 4 performance tables 2024-25". */
  title: string;
  release?: Release;
  /** The day it was published. */
  publishedOn: IsoDate;
  /**
   * For a figure the publisher does not print but the import works out from two it does (a school's
   * disadvantaged gap), how: "other pupils 50.6 minus disadvantaged pupils 38.2".
   */
  workedOut?: string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * "DfE, provisional, Sep 2026"; "Ofsted, 12 Mar 2026" (an inspection report is dated to the day); a
 * worked-out figure says how: "DfE, revised, Feb 2026; worked out: other pupils 50.9 minus disadvantaged
 * pupils 38.4".
 */
export function describePublication(publication: Publication): string {
  const [year, month, day] = publication.publishedOn.split('-').map(Number);
  const monthName = MONTHS[(month ?? 1) - 1] ?? '';
  const described =
    publication.release === undefined
      ? `${publication.publisher}, ${day} ${monthName} ${year}`
      : `${publication.publisher}, ${publication.release}, ${monthName} ${year}`;
  return publication.workedOut === undefined
    ? described
    : `${described}; worked out: ${publication.workedOut}`;
}

/** Whether two publications are the same one (so re-importing a file changes nothing). */
export function samePublication(a: Publication | undefined, b: Publication | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return (
    a.source === b.source &&
    a.publisher === b.publisher &&
    a.title === b.title &&
    a.release === b.release &&
    a.publishedOn === b.publishedOn &&
    a.workedOut === b.workedOut
  );
}

/**
 * Whether a figure from `incoming` may replace one from `stored`: a later publication replaces an
 * earlier one (revised over provisional), never the other way round, so importing last year's
 * provisional file after the revised one keeps the revised figures.
 */
export function supersedes(incoming: Publication, stored: Publication | undefined): boolean {
  if (stored === undefined) return true;
  if (incoming.publishedOn !== stored.publishedOn) return incoming.publishedOn > stored.publishedOn;
  return !(stored.release === 'revised' && incoming.release === 'provisional');
}

/**
 * Observations are the figures the plan is judged on: one value of one metric for one academy (or the
 * trust) in one term. Annual results are stored in a term of the academic year they belong to.
 */
import type { MetricValue } from '../metrics/parseMetricValue';
import type { IsoDate } from '../roster/roster';
import type { TermRef } from '../terms/term';
import { compareTerms } from '../terms/termCalendar';

/** The subject key for figures about the trust as a whole (academies are keyed by URN). */
export const TRUST_SUBJECT = 'trust';

export interface Observation {
  /** An academy's URN, or TRUST_SUBJECT. */
  subject: string;
  term: TermRef;
  metricId: string;
  value: MetricValue;
  /**
   * The day the figure became known: when it was stored through a round, or the date a data file gives.
   * Without it, the metric's availability rule says (KS4 results in the October after their year).
   */
  knownOn?: IsoDate;
}

/**
 * A figure its owner answered "not available" for, with the reason: evidence in its own right, never a
 * value. The evaluator says so wherever the figure would be, and counts it apart from a figure never sent.
 */
export interface NotAvailableAnswer {
  /** An academy's URN, or TRUST_SUBJECT. */
  subject: string;
  term: TermRef;
  metricId: string;
  /** In the owner's words: "awaiting year-end audit adjustments". */
  reason: string;
  /** Who answered, as a trustee knows them ("Helen Marsh"). */
  by?: string;
  /** The day they answered. */
  on?: IsoDate;
}

/** One subject's figures by metric id, each series oldest first. */
export type SeriesByMetric = ReadonlyMap<string, readonly Observation[]>;

/**
 * Where each subject's figures are in the list: the start and end (exclusive) of each run of its
 * figures. Figures usually arrive grouped by subject, so a subject has one run, and nothing is copied.
 */
export type SubjectRuns = ReadonlyMap<string, readonly number[]>;

/** Finds each subject's runs of figures in one pass, comparing each figure's subject with the one before. */
export function findSubjectRuns(observations: readonly Observation[]): SubjectRuns {
  const runs = new Map<string, number[]>();
  let subject: string | undefined;
  let bounds: number[] | undefined;
  for (let index = 0; index < observations.length; index++) {
    const next = (observations[index] as Observation).subject;
    if (next === subject && bounds) continue;
    if (bounds) bounds.push(index);
    subject = next;
    bounds = runs.get(next);
    if (bounds) bounds.push(index);
    else runs.set(next, (bounds = [index]));
  }
  bounds?.push(observations.length);
  return runs;
}

function isInTermOrder(series: readonly Observation[]): boolean {
  for (let index = 1; index < series.length; index++) {
    if (compareTerms((series[index - 1] as Observation).term, (series[index] as Observation).term) > 0)
      return false;
  }
  return true;
}

/**
 * A place to group one subject's figures by metric, made once per evaluation for the metrics it reads
 * and refilled for each subject in turn, so a large trust's evaluation makes no new arrays per academy.
 */
export type SeriesScratch = ReadonlyMap<string, Observation[]>;

/** A scratch with an empty series for each metric id. */
export function seriesScratch(metricIds: Iterable<string>): SeriesScratch {
  const scratch = new Map<string, Observation[]>();
  for (const metricId of metricIds) scratch.set(metricId, []);
  return scratch;
}

/**
 * Fills the scratch with one subject's figures, each series in term order (figures of metrics the
 * scratch has no series for are left out), and returns it. What it held before is gone: a series read
 * from it is only good until the next subject's figures are grouped.
 */
export function seriesOf(
  observations: readonly Observation[],
  runs: readonly number[] | undefined,
  scratch: SeriesScratch,
): SeriesByMetric {
  for (const series of scratch.values()) series.length = 0;
  if (!runs) return scratch;
  for (let run = 0; run + 1 < runs.length; run += 2) {
    const end = runs[run + 1] as number;
    for (let index = runs[run] as number; index < end; index++) {
      const observation = observations[index] as Observation;
      scratch.get(observation.metricId)?.push(observation);
    }
  }
  // Figures usually arrive in term order already; checking is one pass, sorting a callback per
  // comparison.
  for (const series of scratch.values()) {
    if (!isInTermOrder(series)) series.sort((a, b) => compareTerms(a.term, b.term));
  }
  return scratch;
}

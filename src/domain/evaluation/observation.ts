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

/** Observations grouped once by subject and metric, each series in term order, so lookups never scan. */
export interface ObservationIndex {
  /** The series for one subject and metric, oldest first; empty when there is none. */
  series(subject: string, metricId: string): readonly Observation[];
  /** Every series of one subject, by metric id. */
  subjectSeries(subject: string): ReadonlyMap<string, readonly Observation[]>;
}

const EMPTY: readonly Observation[] = [];
const EMPTY_SUBJECT: ReadonlyMap<string, readonly Observation[]> = new Map();

/** Groups observations by subject and metric in one pass; each series is then sorted by term. */
export function indexObservations(observations: readonly Observation[]): ObservationIndex {
  const bySubject = new Map<string, Map<string, Observation[]>>();
  for (const observation of observations) {
    let byMetric = bySubject.get(observation.subject);
    if (!byMetric) {
      byMetric = new Map();
      bySubject.set(observation.subject, byMetric);
    }
    const series = byMetric.get(observation.metricId);
    if (series) series.push(observation);
    else byMetric.set(observation.metricId, [observation]);
  }
  for (const byMetric of bySubject.values()) {
    for (const series of byMetric.values()) series.sort((a, b) => compareTerms(a.term, b.term));
  }
  return {
    series: (subject, metricId) => bySubject.get(subject)?.get(metricId) ?? EMPTY,
    subjectSeries: (subject) => bySubject.get(subject) ?? EMPTY_SUBJECT,
  };
}

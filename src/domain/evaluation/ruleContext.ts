/**
 * What every rule is given about one subject (an academy, or the trust) and one target, and the
 * helpers rules share: which figure is current, and what to say when the figure is missing.
 */
import { availableOn, formatKnownDate } from '../metrics/availability';
import type { Metric } from '../metrics/metric';
import { INSPECTION_METRIC_IDS } from '../metrics/metricCatalogue';
import type { Target } from '../plan/plan';
import type { Academy, IsoDate } from '../roster/roster';
import type { TermRef } from '../terms/term';
import { compareTerms, formatAcademicYear, formatTermKey, type TermCalendar } from '../terms/termCalendar';
import type { Evidence, EvidenceValue, Rag, TargetStatus } from './evaluation';
import { formatMetricValue, formatTermLabel } from './formatForTrustees';
import type { Observation } from './observation';

/** The figure that should be in by now: last closed round's term, or the last academic year with results in. */
export type ExpectedFigure = { kind: 'term'; term: TermRef } | { kind: 'year'; startYear: number };

export interface RuleContext {
  /** Undefined when the target applies to the trust as a whole. */
  academy: Academy | undefined;
  target: Target;
  metric: Metric;
  /** The target's metric for this subject, oldest first: only figures from the target's start up to the as-of term. */
  series: readonly Observation[];
  asOf: IsoDate;
  asOfTerm: TermRef;
  calendar: TermCalendar;
  /** Undefined when no figure is due yet (or the metric is not collected on a schedule, like inspections). */
  expected: ExpectedFigure | undefined;
  /** The target in words, e.g. "at least 40% within 3 years of opening". */
  targetText: string;
}

/**
 * The day a figure became known: given with it (stored through a round, or a data file's date), or by
 * its metric's availability rule; undefined when it is known from the start of its own term.
 */
export function knownOnOf(
  metric: Metric,
  observation: Observation,
  calendar: TermCalendar,
): IsoDate | undefined {
  return observation.knownOn ?? availableOn(metric.availability, observation.term, calendar);
}

/** What a rule decides for one subject; the evaluator adds who and which target. */
export interface RuleOutcome {
  status: TargetStatus;
  reason: string;
  evidence: Evidence;
  /** Set only where the colour is not the status's usual one (a missing benchmark is grey, not amber). */
  rag?: Rag;
}

/** The academic year a figure belongs to: annual results are compared year by year. */
function yearOf(observation: Observation): number {
  return observation.term.startYear;
}

/** "autumn 2025" for a termly figure, "2024-25" for an annual result. */
export function periodLabel(metric: Metric, term: TermRef): string {
  return metric.frequency === 'annual' ? formatAcademicYear(term.startYear) : formatTermLabel(term);
}

// Every result names the term of its figure; the same few keys are made once rather than per result.
const TERM_KEYS = new Map<number, string>();

function termKey(ref: TermRef): string {
  const index = ref.startYear * 3 + (ref.term === 'autumn' ? 0 : ref.term === 'spring' ? 1 : 2);
  let key = TERM_KEYS.get(index);
  if (key === undefined) {
    key = formatTermKey(ref);
    TERM_KEYS.set(index, key);
  }
  return key;
}

/**
 * The next year's results after the figure's, when they are not out by the as-of date although that
 * year's exams have been sat: "as of 31 Jul 2018" the 2017-18 results are still to come in October.
 */
function nextResultsPending(
  context: RuleContext,
  observation: Observation,
): { startYear: number; on: IsoDate } | undefined {
  const { metric, calendar, asOf } = context;
  if (metric.frequency !== 'annual' || metric.availability === undefined) return undefined;
  const startYear = observation.term.startYear + 1;
  const summer: TermRef = { startYear, term: 'summer' };
  if (asOf < calendar.termDates(summer).start) return undefined;
  const on = availableOn(metric.availability, summer, calendar);
  return on !== undefined && on > asOf ? { startYear, on } : undefined;
}

/**
 * The figure as evidence, and as the start of a reason: "Attendance 94.4% (summer 2026)", "Attainment 8
 * 46 points (2016-17 results, published Oct 2017; 2017-18 results not out until Oct 2018)".
 */
export function statedFigure(
  context: RuleContext,
  observation: Observation,
): { value: EvidenceValue; stated: string } {
  const { metric } = context;
  const value = evidenceValue(context, observation);
  let period = periodLabel(metric, observation.term);
  if (metric.frequency === 'annual' && value.knownOn !== undefined) {
    const rule = observation.knownOn === undefined ? metric.availability : undefined;
    period = `${period} results, published ${formatKnownDate(value.knownOn, rule)}`;
    const pending = nextResultsPending(context, observation);
    if (pending) {
      period += `; ${formatAcademicYear(pending.startYear)} results not out until ${formatKnownDate(pending.on, metric.availability)}`;
    }
  }
  return { value, stated: `${metric.label} ${value.display} (${period})` };
}

const PERIODS = new Map<number, string>();

/** The period a figure is for, as evidence: the term key, or the academic year for annual results. */
function periodKey(metric: Metric, ref: TermRef): string {
  if (metric.frequency !== 'annual') return termKey(ref);
  let period = PERIODS.get(ref.startYear);
  if (period === undefined) {
    period = formatAcademicYear(ref.startYear);
    PERIODS.set(ref.startYear, period);
  }
  return period;
}

export function evidenceValue(context: RuleContext, observation: Observation): EvidenceValue {
  const { metric } = context;
  const knownOn = knownOnOf(metric, observation, context.calendar);
  return {
    value: observation.value,
    display: formatMetricValue(metric, observation.value),
    term: termKey(observation.term),
    period: periodKey(metric, observation.term),
    ...(knownOn === undefined ? {} : { knownOn }),
  };
}

function isBehind(expected: ExpectedFigure, latest: Observation): boolean {
  return expected.kind === 'term'
    ? compareTerms(latest.term, expected.term) < 0
    : yearOf(latest) < expected.startYear;
}

function expectedLabel(expected: ExpectedFigure): string {
  return expected.kind === 'term' ? formatTermLabel(expected.term) : formatAcademicYear(expected.startYear);
}

function expectedKey(expected: ExpectedFigure): string {
  return expected.kind === 'term' ? formatTermKey(expected.term) : formatAcademicYear(expected.startYear);
}

export type CurrentFigure =
  { kind: 'current'; observation: Observation } | { kind: 'missing'; outcome: RuleOutcome };

/**
 * The figure to judge: the latest one, unless the one expected by now is missing. Missing data once a
 * round has closed is itself a risk (noData, amber); before any figure is due there is nothing to judge.
 */
export function currentFigure(context: RuleContext): CurrentFigure {
  const { metric, series, expected, targetText } = context;
  const latest = series[series.length - 1];
  const base: Evidence = { metricId: metric.id, target: targetText };
  if (latest === undefined && expected === undefined) {
    const reason = INSPECTION_METRIC_IDS.has(metric.id)
      ? `No inspection has graded ${metric.label} yet; target: ${targetText}`
      : `No ${metric.label} figure is due yet; target: ${targetText}`;
    return { kind: 'missing', outcome: { status: 'notDue', reason, evidence: base } };
  }
  if (latest !== undefined && (expected === undefined || !isBehind(expected, latest))) {
    return { kind: 'current', observation: latest };
  }
  const wanted = expected ? ` for ${expectedLabel(expected)} although its round has closed` : '';
  const last = latest
    ? `; the last was ${formatMetricValue(metric, latest.value)} in ${periodLabel(metric, latest.term)}`
    : '';
  return {
    kind: 'missing',
    outcome: {
      status: 'noData',
      reason: `No ${metric.label} figure${wanted}${last}; target: ${targetText}`,
      evidence: {
        ...base,
        ...(expected ? { missing: expectedKey(expected) } : {}),
        ...(latest ? { value: evidenceValue(context, latest) } : {}),
      },
    },
  };
}

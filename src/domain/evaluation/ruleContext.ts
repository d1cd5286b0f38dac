/**
 * What every rule is given about one subject (an academy, or the trust) and one target, and the
 * helpers rules share: which figure is current, and what to say when the figure is missing.
 */
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

/** The figure as evidence, and as the start of a reason: "Attendance 94.4% (summer 2026)". */
export function statedFigure(
  metric: Metric,
  observation: Observation,
): { value: EvidenceValue; stated: string } {
  const value = evidenceValue(metric, observation);
  return { value, stated: `${metric.label} ${value.display} (${periodLabel(metric, observation.term)})` };
}

export function evidenceValue(metric: Metric, observation: Observation): EvidenceValue {
  return {
    value: observation.value,
    display: formatMetricValue(metric, observation.value),
    term: termKey(observation.term),
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
        ...(latest ? { value: evidenceValue(metric, latest) } : {}),
      },
    },
  };
}

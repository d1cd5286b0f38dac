/**
 * What every rule is given about one subject (an academy, or the trust) and one target, and the
 * helpers rules share: which figure is current, and what to say when the figure is missing.
 */
import { availableOn, formatKnownDate } from '../metrics/availability';
import type { Metric } from '../metrics/metric';
import { INSPECTION_METRIC_IDS } from '../metrics/metricCatalogue';
import type { MetricValue } from '../metrics/parseMetricValue';
import type { Target } from '../plan/plan';
import type { Academy, IsoDate } from '../roster/roster';
import type { TermRef } from '../terms/term';
import { compareTerms, formatAcademicYear, formatTermKey, type TermCalendar } from '../terms/termCalendar';
import type { DeadlineEvidence, Evidence, EvidenceValue, Rag, TargetStatus } from './evaluation';
import { formatDayMonth, formatMetricValue, formatTermLabel } from './formatForTrustees';
import type { NotAvailableAnswer, Observation } from './observation';
import type { SharedOutcomes } from './sharedOutcomes';
import { termNumber } from './termNumber';

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
  /** Outcomes this target has already given in this evaluation, for subjects with the same figure to share. */
  shared: SharedOutcomes;
  /** The owner's "not available" answer for the expected figure, when they gave one. */
  notAvailable?: NotAvailableAnswer;
  /** Set while the round of the expected figures is still open: the last day it takes answers. */
  openUntil?: IsoDate;
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
  return metric.frequency === 'annual' ? academicYear(term.startYear) : termLabel(term);
}

// Every result names the term of its figure; the same few keys and labels are made once rather than
// per result.
const TERM_KEYS = new Map<number, string>();
const TERM_LABELS = new Map<number, string>();

/** `2025-26-summer`, shared by every result naming the term. */
export function termKey(ref: TermRef): string {
  const index = termNumber(ref);
  let key = TERM_KEYS.get(index);
  if (key === undefined) {
    key = formatTermKey(ref);
    TERM_KEYS.set(index, key);
  }
  return key;
}

/** "summer 2026", shared by every reason naming the term. */
function termLabel(ref: TermRef): string {
  const index = termNumber(ref);
  let label = TERM_LABELS.get(index);
  if (label === undefined) {
    label = formatTermLabel(ref);
    TERM_LABELS.set(index, label);
  }
  return label;
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

const ACADEMIC_YEARS = new Map<number, string>();

/** "2024-25", made once per year rather than once per result. */
function academicYear(startYear: number): string {
  let year = ACADEMIC_YEARS.get(startYear);
  if (year === undefined) {
    year = formatAcademicYear(startYear);
    ACADEMIC_YEARS.set(startYear, year);
  }
  return year;
}

/** The period a figure is for, as evidence: the term key, or the academic year for annual results. */
function periodKey(metric: Metric, ref: TermRef): string {
  return metric.frequency === 'annual' ? academicYear(ref.startYear) : termKey(ref);
}

/**
 * How many values of one metric keep their display text. Real figures repeat (a percentage to one
 * decimal has a thousand values), so a large trust's results share a few thousand strings rather than
 * each holding its own; the bound keeps a long-running host from collecting every value it ever saw.
 */
const DISPLAYS_PER_METRIC = 4096;
const DISPLAYS = new WeakMap<Metric, Map<MetricValue, string>>();

/** The value as a trustee reads it ("94.4%"), shared by every result showing the same value. */
function displayOf(metric: Metric, value: MetricValue): string {
  let displays = DISPLAYS.get(metric);
  if (!displays) {
    displays = new Map();
    DISPLAYS.set(metric, displays);
  }
  let display = displays.get(value);
  if (display === undefined) {
    display = formatMetricValue(metric, value);
    if (displays.size < DISPLAYS_PER_METRIC) displays.set(value, display);
  }
  return display;
}

/**
 * The figure as evidence. Two literal shapes rather than a spread of the optional part: this runs for
 * nearly every result, and a spread copies through V8's slow generic path.
 */
export function evidenceValue(context: RuleContext, observation: Observation): EvidenceValue {
  const { metric } = context;
  const knownOn = knownOnOf(metric, observation, context.calendar);
  const { value } = observation;
  const display = displayOf(metric, value);
  const term = termKey(observation.term);
  const period = periodKey(metric, observation.term);
  return knownOn === undefined ? { value, display, term, period } : { value, display, term, period, knownOn };
}

function isBehind(expected: ExpectedFigure, latest: Observation): boolean {
  return expected.kind === 'term'
    ? compareTerms(latest.term, expected.term) < 0
    : yearOf(latest) < expected.startYear;
}

function expectedLabel(expected: ExpectedFigure): string {
  return expected.kind === 'term' ? termLabel(expected.term) : academicYear(expected.startYear);
}

function expectedKey(expected: ExpectedFigure): string {
  return expected.kind === 'term' ? termKey(expected.term) : academicYear(expected.startYear);
}

export type CurrentFigure =
  { kind: 'current'; observation: Observation } | { kind: 'missing'; outcome: RuleOutcome };

/** The evidence of a missing figure; literal shapes rather than properties added one by one, which V8 stores apart. */
function missingEvidence(
  context: RuleContext,
  missing: string | undefined,
  value: EvidenceValue | undefined,
  deadline: DeadlineEvidence | undefined,
): Evidence {
  const { metric, targetText: target } = context;
  const metricId = metric.id;
  if (deadline) {
    if (missing !== undefined && value) return { metricId, target, missing, value, deadline };
    if (missing !== undefined) return { metricId, target, missing, deadline };
    return value ? { metricId, target, value, deadline } : { metricId, target, deadline };
  }
  if (missing !== undefined && value) return { metricId, target, missing, value };
  if (missing !== undefined) return { metricId, target, missing };
  return value ? { metricId, target, value } : { metricId, target };
}

/**
 * The figure to judge: the latest one, unless the one expected by now is missing. Missing data once a
 * round has closed is itself a risk (noData, amber); before any figure is due there is nothing to judge.
 * A rule with a deadline passes it, to have it in the evidence and the reason ("(by 31 Aug 2028)").
 */
export function currentFigure(context: RuleContext, deadline?: DeadlineEvidence): CurrentFigure {
  const { series, expected } = context;
  const latest = series[series.length - 1];
  if (latest !== undefined && (expected === undefined || !isBehind(expected, latest))) {
    return { kind: 'current', observation: latest };
  }
  // An answer of "not available" is this subject's own: never shared with another.
  if (context.notAvailable && expected) {
    return {
      kind: 'missing',
      outcome: notAvailableOutcome(context, expected, context.notAvailable, deadline),
    };
  }
  if (latest !== undefined) {
    // What was due is the same for every subject of the target, so the figure decides the outcome.
    const sameFigure = context.shared.forLastFigure(latest, deadline);
    let outcome = sameFigure.get(latest.value);
    if (!outcome) {
      outcome = missingOutcome(context, latest, deadline);
      sameFigure.set(latest.value, outcome);
    }
    return { kind: 'missing', outcome };
  }
  // With no figure at all, the outcome is the same for every subject expecting the same: made once.
  const key = `${expected ? expectedKey(expected) : ''}|${deadline ? deadline.date : ''}`;
  const outcome =
    context.shared.withoutFigureFor(key) ??
    context.shared.rememberWithoutFigure(key, missingOutcome(context, undefined, deadline));
  return { kind: 'missing', outcome };
}

/**
 * "Revenue reserves: not available — awaiting year-end audit adjustments (Helen Marsh, 7 Dec)": the
 * owner's reason where the figure would be; still no data for the roll-ups, told apart by its evidence.
 */
function notAvailableOutcome(
  context: RuleContext,
  expected: ExpectedFigure,
  answer: NotAvailableAnswer,
  deadline: DeadlineEvidence | undefined,
): RuleOutcome {
  const { metric, targetText } = context;
  const who = [answer.by, answer.on === undefined ? undefined : formatDayMonth(answer.on)].filter(Boolean);
  const notAvailable = {
    reason: answer.reason,
    ...(answer.by === undefined ? {} : { by: answer.by }),
    ...(answer.on === undefined ? {} : { on: answer.on }),
  };
  const evidence = missingEvidence(context, expectedKey(expected), undefined, deadline);
  return {
    status: 'noData',
    reason: `${metric.label}: not available — ${answer.reason}${who.length > 0 ? ` (${who.join(', ')})` : ''}; target: ${targetText}`,
    evidence: { ...evidence, notAvailable },
  };
}

function missingOutcome(
  context: RuleContext,
  latest: Observation | undefined,
  deadline: DeadlineEvidence | undefined,
): RuleOutcome {
  const { metric, expected, targetText } = context;
  const byWhen = deadline ? ` (by ${deadline.label})` : '';
  if (latest === undefined && expected === undefined) {
    const reason = INSPECTION_METRIC_IDS.has(metric.id)
      ? `No inspection has graded ${metric.label} yet; target: ${targetText}${byWhen}`
      : `No ${metric.label} figure is due yet; target: ${targetText}${byWhen}`;
    return { status: 'notDue', reason, evidence: missingEvidence(context, undefined, undefined, deadline) };
  }
  const wanted = !expected
    ? ''
    : context.openUntil === undefined || expected.kind !== 'term'
      ? ` for ${expectedLabel(expected)} although its round has closed`
      : ` for ${expectedLabel(expected)}: not sent yet (round open until ${formatDayMonth(context.openUntil)})`;
  const last = latest
    ? `; the last was ${displayOf(metric, latest.value)} in ${periodLabel(metric, latest.term)}`
    : '';
  return {
    status: 'noData',
    reason: `No ${metric.label} figure${wanted}${last}; target: ${targetText}${byWhen}`,
    evidence: missingEvidence(
      context,
      expected ? expectedKey(expected) : undefined,
      latest ? evidenceValue(context, latest) : undefined,
      deadline,
    ),
  };
}

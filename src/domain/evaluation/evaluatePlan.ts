/**
 * The evaluator: judges every target of a plan for every academy it concerns (or for the trust) as of
 * a date, and rolls the results up per academy and per objective.
 *
 * Work is linear in the number of academies: observations are indexed by academy and metric once, and
 * each (academy, target) pair then reads only its own series.
 */
import { availableOn } from '../metrics/availability';
import type { Metric } from '../metrics/metric';
import { getMetric, INSPECTION_METRIC_IDS } from '../metrics/metricCatalogue';
import { DEFAULT_PRINCIPLES } from '../plan/defaultPrinciples';
import { momentStart } from '../plan/parsePlanMoment';
import type { Plan, Target } from '../plan/plan';
import type { Academy, IsoDate, Roster } from '../roster/roster';
import type { TermRef } from '../terms/term';
import { addTerms, compareTerms, formatTermKey, type TermCalendar } from '../terms/termCalendar';
import { notApplicableReason, notStartedReason } from './applicability';
import { type BenchmarkSource, evaluateBenchmark } from './benchmarkRule';
import { describeTarget } from './describeTarget';
import type {
  Evaluation,
  ObjectiveRollUp,
  PrincipleRollUp,
  RollUp,
  Subject,
  TargetResult,
  TargetStatus,
} from './evaluation';
import { evaluateInspection } from './inspectionRule';
import { type Inspection, listInspections } from './inspections';
import { memoiseCalendar } from './memoiseCalendar';
import { indexObservations, type Observation, type ObservationIndex, TRUST_SUBJECT } from './observation';
import { addToRollUp, emptyRollUp, ragOf } from './rollUp';
import type { ExpectedFigure, RuleContext, RuleOutcome } from './ruleContext';
import { evaluateThreshold } from './thresholdRule';
import { evaluateTrend } from './trendRule';
import { evaluateTrustCount } from './trustCountRule';

export type { BenchmarkSource } from './benchmarkRule';

export interface EvaluationInput {
  plan: Plan;
  roster: Roster;
  observations: readonly Observation[];
  calendar: TermCalendar;
  /** National figures by metric id and academic year (loadNationalBenchmarks in production). */
  benchmarks: BenchmarkSource;
  /** The day the evaluation is for; nothing after its term is read. */
  asOf: IsoDate;
  /**
   * The latest term whose collection round has closed: its termly figures are expected, and a missing
   * one is a risk. Defaults to the term before the as-of term.
   */
  closedThrough?: TermRef;
}

/** What a principle no target serves says, rather than a colour. */
export const NOT_MEASURED = 'not measured by this plan';

/** Everything that is the same for every (subject, target) pair of one evaluation. */
interface Run {
  input: EvaluationInput;
  /** The input's calendar, remembering its answers: every academy asks it the same questions. */
  calendar: TermCalendar;
  index: ObservationIndex;
  asOfTerm: TermRef;
  closedThrough: TermRef;
  inspections: Map<string, Inspection[]>;
}

function laterOf(a: IsoDate, b: IsoDate | undefined): IsoDate {
  return b !== undefined && b > a ? b : a;
}

/**
 * Which figure should be in by now. Figures are expected from the term an academy opened and joined
 * the trust (and the target started); annual results for a year once the autumn round after it closed.
 * Inspections and derived figures come when they come, so nothing is expected of them.
 */
function expectedFigure(
  run: Run,
  metric: Metric,
  academy: Academy | undefined,
  startsOn: IsoDate | undefined,
): ExpectedFigure | undefined {
  if (metric.source === 'derived' || INSPECTION_METRIC_IDS.has(metric.id)) return undefined;
  const { calendar } = run;
  const from = academy ? laterOf(laterOf(academy.openedOn, academy.joinedOn), startsOn) : startsOn;
  if (metric.frequency === 'annual' && metric.term !== undefined) {
    // A measure the trust collects once a year (a staff survey) is due once its term's round has closed.
    const closed = run.closedThrough;
    const startYear =
      compareTerms(closed, { startYear: closed.startYear, term: metric.term }) >= 0
        ? closed.startYear
        : closed.startYear - 1;
    const termOfYear: TermRef = { startYear, term: metric.term };
    if (from !== undefined && compareTerms(termOfYear, calendar.termContaining(from)) < 0) return undefined;
    return { kind: 'year', startYear };
  }
  if (metric.frequency === 'annual') {
    // Results for 2024-25 arrive over the following summer and autumn; they are due once the autumn
    // round of 2025-26 has closed, i.e. whenever the closed round is in 2025-26.
    let startYear = run.closedThrough.startYear - 1;
    // A year whose results are not published by the as-of date cannot be expected yet.
    const published = (year: number) =>
      availableOn(metric.availability, { startYear: year, term: 'summer' }, calendar);
    while ((published(startYear) ?? '') > run.input.asOf) startYear--;
    if (from !== undefined && startYear < calendar.academicYearOf(from)) return undefined;
    return { kind: 'year', startYear };
  }
  if (from !== undefined && compareTerms(run.closedThrough, calendar.termContaining(from)) < 0)
    return undefined;
  return { kind: 'term', term: run.closedThrough };
}

/**
 * The part of a term-ordered list from `from` up to `to` (both included). The list is sorted, so the part
 * is one slice; the list itself is returned when nothing falls outside, which is the common case.
 */
function termWindow<T extends { term: TermRef }>(
  sorted: readonly T[],
  from: TermRef | undefined,
  to: TermRef,
): readonly T[] {
  let start = 0;
  let end = sorted.length;
  while (end > start && compareTerms((sorted[end - 1] as T).term, to) > 0) end--;
  if (from) while (start < end && compareTerms((sorted[start] as T).term, from) < 0) start++;
  return start === 0 && end === sorted.length ? sorted : sorted.slice(start, end);
}

/** The first term figures are read from for a target starting on `startsOn`: annual results count by year. */
function firstTerm(run: Run, metric: Metric, startsOn: IsoDate | undefined): TermRef | undefined {
  if (startsOn === undefined) return undefined;
  const term = run.calendar.termContaining(startsOn);
  return metric.frequency === 'annual' ? { startYear: term.startYear, term: 'autumn' } : term;
}

/**
 * Only the figures known by the as-of date: a result is not known in its own term but when it is
 * published, and a stored figure from when it was stored. The list itself is returned when every figure
 * is known, which is the common case.
 */
function knownBy(run: Run, metric: Metric, series: readonly Observation[]): readonly Observation[] {
  const { asOf } = run.input;
  // Plain loops rather than every/filter with a callback: this runs for every (academy, target) pair.
  let known: Observation[] | undefined;
  for (let index = 0; index < series.length; index++) {
    const observation = series[index] as Observation;
    const on = observation.knownOn ?? availableOn(metric.availability, observation.term, run.calendar);
    const isKnown = on === undefined || on <= asOf;
    if (!isKnown && known === undefined) known = series.slice(0, index);
    else if (isKnown && known !== undefined) known.push(observation);
  }
  return known ?? series;
}

function inspectionsOf(run: Run, academy: Academy, startsOn: IsoDate | undefined): readonly Inspection[] {
  let all = run.inspections.get(academy.urn);
  if (!all) {
    all = listInspections(run.index.subjectSeries(academy.urn));
    run.inspections.set(academy.urn, all);
  }
  const from = startsOn === undefined ? undefined : run.calendar.termContaining(startsOn);
  const window = termWindow(all, from, run.asOfTerm);
  // An inspection dated later in the as-of term has not happened yet; one dated before the target's
  // start does not count for it.
  const { asOf } = run.input;
  let happened: Inspection[] | undefined;
  for (let index = 0; index < window.length; index++) {
    const inspection = window[index] as Inspection;
    const { date } = inspection;
    const ok = date === undefined || (date <= asOf && (startsOn === undefined || date >= startsOn));
    if (!ok && happened === undefined) happened = window.slice(0, index);
    else if (ok && happened !== undefined) happened.push(inspection);
  }
  return happened ?? window;
}

function judge(run: Run, prepared: PreparedTarget, academy: Academy | undefined): RuleOutcome {
  const { target, metric, text: targetText } = prepared;
  const { input } = run;
  const { rule } = target;
  if (rule.kind === 'trustCount') {
    return evaluateTrustCount(rule, input.roster.academies, input.asOf, run.calendar, metric.id, targetText);
  }
  const startsOn = target.from ? momentStart(target.from, run.calendar) : undefined;
  const subject = academy ? academy.urn : TRUST_SUBJECT;
  const context: RuleContext = {
    academy,
    target,
    metric,
    series: knownBy(
      run,
      metric,
      termWindow(run.index.series(subject, metric.id), firstTerm(run, metric, startsOn), run.asOfTerm),
    ),
    asOf: input.asOf,
    asOfTerm: run.asOfTerm,
    calendar: run.calendar,
    expected: expectedFigure(run, metric, academy, startsOn),
    targetText,
  };
  switch (rule.kind) {
    case 'threshold':
      return evaluateThreshold(rule, context);
    case 'benchmark':
      return evaluateBenchmark(rule, context, input.benchmarks);
    case 'trend':
      return evaluateTrend(rule, context);
    case 'inspection':
      return evaluateInspection(rule, context, academy ? inspectionsOf(run, academy, startsOn) : []);
  }
}

/** A target with what every subject's evaluation of it shares, and the results collected for it. */
interface PreparedTarget {
  objectiveId: string;
  objectiveRollUp: RollUp;
  /** The roll-ups of the principles the target serves (its objective's and its own). */
  principleRollUps: RollUp[];
  target: Target;
  metric: Metric;
  /** The target in words, e.g. "at least 40% within 3 years of opening". */
  text: string;
  /** The outcome for a subject the target does not apply to (yet); shared by subjects with the same reason. */
  skipped(reason: { status: TargetStatus; reason: string }): RuleOutcome;
  results: TargetResult[];
}

function prepareTarget(
  objectiveId: string,
  objectiveRollUp: RollUp,
  principleRollUps: RollUp[],
  target: Target,
): PreparedTarget {
  const metric = getMetric(target.metricId);
  if (!metric) {
    throw new Error(
      `evaluatePlan: metric "${target.metricId}" of target "${target.id}" is not in the catalogue`,
    );
  }
  const text = describeTarget(target, metric);
  // Skipped academies share a handful of reasons ("Applies to secondary academies only"), so each
  // distinct one is made once and its outcome shared by every result that gives it.
  const skippedOutcomes = new Map<string, RuleOutcome>();
  return {
    objectiveId,
    objectiveRollUp,
    principleRollUps,
    target,
    metric,
    text,
    skipped: ({ status, reason }) => {
      const key = `${status}|${reason}`;
      let outcome = skippedOutcomes.get(key);
      if (!outcome) {
        outcome = {
          status,
          reason: `${reason}; target: ${text}`,
          evidence: { metricId: metric.id, target: text },
        };
        skippedOutcomes.set(key, outcome);
      }
      return outcome;
    },
    results: [],
  };
}

/**
 * The same text as one flat string. V8 keeps a string built from pieces (`${a} ${b}`) as a tree of those
 * pieces until its characters are read; reading one flattens it. Every result keeps its reason until the
 * evaluation is done, so for a large trust the trees cost more memory than the text and most of the
 * garbage-collection time (a 1,000-academy evaluation took half as long again without this).
 */
function flatten(text: string): string {
  text.charCodeAt(0);
  return text;
}

function record(
  prepared: PreparedTarget,
  subject: Subject,
  outcome: RuleOutcome,
  subjectRollUp: RollUp,
): void {
  const result: TargetResult = {
    objectiveId: prepared.objectiveId,
    targetId: prepared.target.id,
    targetTitle: prepared.target.title,
    subject,
    status: outcome.status,
    rag: outcome.rag ?? ragOf(outcome.status),
    reason: flatten(outcome.reason),
    evidence: outcome.evidence,
  };
  prepared.results.push(result);
  addToRollUp(prepared.objectiveRollUp, result);
  addToRollUp(subjectRollUp, result);
  for (const rollUp of prepared.principleRollUps) addToRollUp(rollUp, result);
}

/**
 * Evaluates the plan as of `input.asOf`. Every (academy, target) pair for academy targets, and every
 * trust target once, gets exactly one result, including those that are not applicable, so a report can
 * show the whole grid.
 * @throws Error when the plan names a metric the catalogue lacks: parsePlan rules that out, so it is a bug.
 */
export function evaluatePlan(input: EvaluationInput): Evaluation {
  const { plan, roster, asOf } = input;
  const calendar = memoiseCalendar(input.calendar);
  const asOfTerm = calendar.termContaining(asOf);
  const run: Run = {
    input,
    calendar,
    index: indexObservations(input.observations),
    asOfTerm,
    closedThrough: input.closedThrough ?? addTerms(asOfTerm, -1),
    inspections: new Map(),
  };

  // Subjects and roll-ups are made once and shared by every result about them.
  const academies = roster.academies.map((academy) => ({
    academy,
    subject: { kind: 'academy', urn: academy.urn, name: academy.name } satisfies Subject,
    rollUp: emptyRollUp(),
  }));
  const trustSubject: Subject = { kind: 'trust', name: roster.trust.name };
  const trustRollUp = emptyRollUp();
  const objectiveRollUps: ObjectiveRollUp[] = [];
  const principleRollUps = new Map<string, PrincipleRollUp>();
  for (const principle of plan.principles ?? DEFAULT_PRINCIPLES) {
    principleRollUps.set(principle.id, {
      principleId: principle.id,
      title: principle.title,
      ...(principle.description === undefined ? {} : { description: principle.description }),
      measured: false,
      targetIds: [],
      ...emptyRollUp(),
    });
  }
  const targets: PreparedTarget[] = [];
  for (const objective of plan.objectives) {
    const rollUp: ObjectiveRollUp = { objectiveId: objective.id, title: objective.title, ...emptyRollUp() };
    objectiveRollUps.push(rollUp);
    for (const target of objective.targets) {
      const served: PrincipleRollUp[] = [];
      for (const id of new Set([...(objective.principles ?? []), ...(target.principles ?? [])])) {
        const principle = principleRollUps.get(id);
        if (!principle) continue;
        principle.measured = true;
        principle.targetIds.push(target.id);
        served.push(principle);
      }
      targets.push(prepareTarget(objective.id, rollUp, served, target));
    }
  }

  for (const prepared of targets) {
    if (prepared.target.appliesTo.kind !== 'trust') continue;
    const notStarted = notStartedReason(prepared.target, asOf, calendar);
    const outcome = notStarted ? prepared.skipped(notStarted) : judge(run, prepared, undefined);
    record(prepared, trustSubject, outcome, trustRollUp);
  }
  // Academy by academy, so each academy's figures are read while they are at hand; the results still
  // come out grouped by target, in plan order.
  const academyTargets = targets.filter((prepared) => prepared.target.appliesTo.kind !== 'trust');
  for (const { academy, subject, rollUp } of academies) {
    for (const prepared of academyTargets) {
      const skip = notApplicableReason(prepared.target, prepared.metric, academy, asOf, calendar);
      const outcome = skip ? prepared.skipped(skip) : judge(run, prepared, academy);
      record(prepared, subject, outcome, rollUp);
    }
  }

  return {
    planId: plan.id,
    planTitle: plan.title,
    asOf,
    term: formatTermKey(asOfTerm),
    closedThrough: formatTermKey(run.closedThrough),
    results: targets.flatMap((prepared) => prepared.results),
    academies: academies.map(({ academy, rollUp }) => ({ urn: academy.urn, name: academy.name, ...rollUp })),
    trust: trustRollUp,
    objectives: objectiveRollUps,
    principles: [...principleRollUps.values()].map((principle) =>
      principle.measured ? principle : { ...principle, note: NOT_MEASURED },
    ),
  };
}

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
import { describeNotApplicable, notApplicableCause, notStartedReason } from './applicability';
import { type BenchmarkSource, evaluateBenchmark } from './benchmarkRule';
import { describeTarget } from './describeTarget';
import type {
  Evaluation,
  FigureOwner,
  ObjectiveRollUp,
  PrincipleRollUp,
  Subject,
  TargetResult,
  TargetStatus,
} from './evaluation';
import { evaluateInspection } from './inspectionRule';
import { type Inspection, listInspections } from './inspections';
import { memoiseCalendar } from './memoiseCalendar';
import {
  findSubjectRuns,
  type NotAvailableAnswer,
  type Observation,
  type SeriesByMetric,
  seriesOf,
  type SeriesScratch,
  seriesScratch,
  type SubjectRuns,
  TRUST_SUBJECT,
} from './observation';
import { countInto, emptyRollUp, mergeInto, ragOf, type RollUpTally, severityOf, tallyOf } from './rollUp';
import type { ExpectedFigure, RuleContext, RuleOutcome } from './ruleContext';
import { SharedOutcomes } from './sharedOutcomes';
import { termNumber } from './termNumber';
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
  /** Figures their owners answered "not available", with the reason: shown where the figure would be. */
  notAvailable?: readonly NotAvailableAnswer[];
  /**
   * Set for a provisional evaluation while the round of `closedThrough` is still open: a figure of that
   * term not in yet is "not sent yet (round open until 12 Dec)", not missing.
   */
  openUntil?: IsoDate;
}

const EMPTY_RESULTS: readonly TargetResult[] = [];

/** What a principle no target serves says, rather than a colour. */
export const NOT_MEASURED = 'not measured by this plan';

/** Everything that is the same for every (subject, target) pair of one evaluation. */
interface Run {
  input: EvaluationInput;
  /** The input's calendar, remembering its answers: every academy asks it the same questions. */
  calendar: TermCalendar;
  /** Where each subject's figures are in `input.observations`. */
  runs: SubjectRuns;
  /** A series for each metric any target reads, and the inspection figures, refilled academy by academy. */
  scratch: SeriesScratch;
  asOfTerm: TermRef;
  /** termNumber(asOfTerm). */
  asOfTermNumber: number;
  closedThrough: TermRef;
  /** The "not available" answers by subject and metric. */
  notAvailable: ReadonlyMap<string, readonly NotAvailableAnswer[]>;
}

function answersBySubjectAndMetric(
  answers: readonly NotAvailableAnswer[] | undefined,
): Map<string, NotAvailableAnswer[]> {
  const byKey = new Map<string, NotAvailableAnswer[]>();
  for (const answer of answers ?? []) {
    const key = `${answer.subject}|${answer.metricId}`;
    const list = byKey.get(key);
    if (list) list.push(answer);
    else byKey.set(key, [answer]);
  }
  return byKey;
}

/** The subject's "not available" answer for the figure expected of it, if it gave one. */
function answerFor(
  run: Run,
  subject: string,
  metricId: string,
  expected: ExpectedFigure | undefined,
): NotAvailableAnswer | undefined {
  if (!expected || run.notAvailable.size === 0) return undefined;
  return run.notAvailable
    .get(`${subject}|${metricId}`)
    ?.find((answer) =>
      expected.kind === 'term'
        ? compareTerms(answer.term, expected.term) === 0
        : answer.term.startYear === expected.startYear,
    );
}

/**
 * One subject's figures, grouped when the evaluation reaches the subject in the run's scratch: good only
 * until the next subject's are grouped, so no outcome may keep a series.
 */
interface SubjectFigures {
  series: SeriesByMetric;
  /** Listed from the figures when an inspection target first asks. */
  inspections: Inspection[] | undefined;
}

const NO_FIGURES: readonly Observation[] = [];

function figuresOf(run: Run, subject: string): SubjectFigures {
  return {
    series: seriesOf(run.input.observations, run.runs.get(subject), run.scratch),
    inspections: undefined,
  };
}

function laterOf(a: IsoDate, b: IsoDate | undefined): IsoDate {
  return b !== undefined && b > a ? b : a;
}

/**
 * Which figure of the target's metric should be in by now, for a subject whose figures are expected from
 * the start: annual results for a year once the autumn round after it closed, termly figures for the
 * last closed round. Inspections and derived figures come when they come, so nothing is expected of them.
 * It is the same for every subject (only whether it is expected of one differs, see expectedOf), which
 * is what lets subjects with the same figures share an outcome.
 */
function expectedFigure(run: Run, metric: Metric): { figure: ExpectedFigure; lastTerm: number } | undefined {
  if (metric.source === 'derived' || INSPECTION_METRIC_IDS.has(metric.id)) return undefined;
  const { calendar } = run;
  if (metric.frequency === 'annual' && metric.term !== undefined) {
    // A measure the trust collects once a year (a staff survey) is due once its term's round has closed.
    const closed = run.closedThrough;
    const startYear =
      compareTerms(closed, { startYear: closed.startYear, term: metric.term }) >= 0
        ? closed.startYear
        : closed.startYear - 1;
    // Expected of a subject whose figures start by the survey's term.
    return {
      figure: { kind: 'year', startYear },
      lastTerm: termNumber({ startYear, term: metric.term }),
    };
  }
  if (metric.frequency === 'annual') {
    // Results for 2024-25 arrive over the following summer and autumn; they are due once the autumn
    // round of 2025-26 has closed, i.e. whenever the closed round is in 2025-26.
    let startYear = run.closedThrough.startYear - 1;
    // A year whose results are not published by the as-of date cannot be expected yet.
    while ((availableOn(metric.availability, { startYear, term: 'summer' }, calendar) ?? '') > run.input.asOf)
      startYear--;
    // Expected of a subject whose figures start within the year.
    return {
      figure: { kind: 'year', startYear },
      lastTerm: termNumber({ startYear, term: 'summer' }),
    };
  }
  return { figure: { kind: 'term', term: run.closedThrough }, lastTerm: termNumber(run.closedThrough) };
}

/**
 * The target's expected figure, if it is expected of this subject: figures are expected from the term
 * an academy opened and joined the trust (and the target started).
 */
function expectedOf(
  run: Run,
  prepared: PreparedTarget,
  academy: Academy | undefined,
): ExpectedFigure | undefined {
  const { expected, startsOn } = prepared;
  if (!expected) return undefined;
  const from = academy ? laterOf(laterOf(academy.openedOn, academy.joinedOn), startsOn) : startsOn;
  if (from !== undefined && termNumber(run.calendar.termContaining(from)) > expected.lastTerm)
    return undefined;
  return expected.figure;
}

/**
 * The part of a term-ordered list from term number `from` up to `to` (both included). The list is
 * sorted, so the part is one slice; the list itself is returned when nothing falls outside, which is the
 * common case.
 */
function termWindow<T extends { term: TermRef }>(
  sorted: readonly T[],
  from: number | undefined,
  to: number,
): readonly T[] {
  let start = 0;
  let end = sorted.length;
  while (end > start && termNumber((sorted[end - 1] as T).term) > to) end--;
  if (from !== undefined) while (start < end && termNumber((sorted[start] as T).term) < from) start++;
  return start === 0 && end === sorted.length ? sorted : sorted.slice(start, end);
}

/** The first term figures are read from for a target starting on `startsOn`: annual results count by year. */
function firstTerm(run: Run, metric: Metric, startsOn: IsoDate | undefined): number | undefined {
  if (startsOn === undefined) return undefined;
  const term = run.calendar.termContaining(startsOn);
  return metric.frequency === 'annual'
    ? termNumber({ startYear: term.startYear, term: 'autumn' })
    : termNumber(term);
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

function inspectionsOf(
  run: Run,
  figures: SubjectFigures,
  startsOn: IsoDate | undefined,
  academy: Academy,
): readonly Inspection[] {
  figures.inspections ??= listInspections(figures.series, { ...academy, calendar: run.calendar });
  const from = startsOn === undefined ? undefined : termNumber(run.calendar.termContaining(startsOn));
  const window = termWindow(figures.inspections, from, run.asOfTermNumber);
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

function judge(
  run: Run,
  prepared: PreparedTarget,
  academy: Academy | undefined,
  figures: SubjectFigures,
): RuleOutcome {
  const { target, metric, text: targetText, startsOn } = prepared;
  const { input } = run;
  const { rule } = target;
  if (rule.kind === 'trustCount') {
    return evaluateTrustCount(rule, input.roster.academies, input.asOf, run.calendar, metric.id, targetText);
  }
  const series = figures.series.get(metric.id) ?? NO_FIGURES;
  const expected = expectedOf(run, prepared, academy);
  const answer = answerFor(run, academy ? academy.urn : TRUST_SUBJECT, metric.id, expected);
  const context: RuleContext = {
    academy,
    target,
    metric,
    series: knownBy(run, metric, termWindow(series, prepared.firstTerm, run.asOfTermNumber)),
    asOf: input.asOf,
    asOfTerm: run.asOfTerm,
    calendar: run.calendar,
    expected,
    targetText,
    shared: prepared.shared,
    ...(answer && { notAvailable: answer }),
    ...(input.openUntil !== undefined && { openUntil: input.openUntil }),
  };
  switch (rule.kind) {
    case 'threshold':
      return evaluateThreshold(rule, context);
    case 'benchmark':
      return evaluateBenchmark(rule, context, input.benchmarks);
    case 'trend':
      return evaluateTrend(rule, context);
    case 'inspection':
      return evaluateInspection(rule, context, academy ? inspectionsOf(run, figures, startsOn, academy) : []);
  }
}

/** A target with what every subject's evaluation of it shares, and the results collected for it. */
interface PreparedTarget {
  objectiveId: string;
  objectiveTally: RollUpTally;
  /** The roll-ups of the principles the target serves (its objective's and its own). */
  principleTallies: RollUpTally[];
  /**
   * The target's own results counted, added to its objective's and principles' roll-ups once every
   * subject is judged: one count per result here rather than one into each of those roll-ups.
   */
  tally: RollUpTally;
  target: Target;
  metric: Metric;
  /** Whose figure the target reads (figureOwner). */
  owner: FigureOwner;
  /** The target in words, e.g. "at least 40% within 3 years of opening". */
  text: string;
  /** The day the target starts (undefined when it always applies). */
  startsOn: IsoDate | undefined;
  /** The term number figures are read from (undefined when the target always applies). */
  firstTerm: number | undefined;
  /** The figure expected by now, and the last term a subject's figures may start in to owe it. */
  expected: { figure: ExpectedFigure; lastTerm: number } | undefined;
  /** Why the target does not apply to anyone yet ("Applies from 2026-27"), or undefined. */
  notStarted: { status: TargetStatus; reason: string } | undefined;
  /** Outcomes for subjects the target does not apply to (yet), by cause: a handful, shared by many. */
  skipped: Map<string, RuleOutcome>;
  /** Outcomes of the target that subjects with the same figure share. */
  shared: SharedOutcomes;
  results: TargetResult[];
}

/**
 * Whose figure a target reads: its metric's source, except that a target about the trust as a whole is
 * never a head's to answer (the trust supplies it, unless it is derived).
 */
export function figureOwner(metric: Metric, target: Target): FigureOwner {
  if (metric.source === 'derived' || target.rule.kind === 'trustCount') return 'derived';
  return target.appliesTo.kind === 'trust' ? 'trust' : metric.source;
}

function prepareTarget(
  run: Run,
  objective: { id: string; tally: RollUpTally; principleTallies: RollUpTally[] },
  target: Target,
): PreparedTarget {
  const metric = getMetric(target.metricId);
  if (!metric) {
    throw new Error(
      `evaluatePlan: metric "${target.metricId}" of target "${target.id}" is not in the catalogue`,
    );
  }
  const startsOn = target.from ? momentStart(target.from, run.calendar) : undefined;
  return {
    objectiveId: objective.id,
    objectiveTally: objective.tally,
    principleTallies: objective.principleTallies,
    tally: tallyOf(emptyRollUp()),
    target,
    metric,
    owner: figureOwner(metric, target),
    text: describeTarget(target, metric),
    startsOn,
    firstTerm: firstTerm(run, metric, startsOn),
    expected: expectedFigure(run, metric),
    notStarted: notStartedReason(target, run.input.asOf, run.calendar),
    skipped: new Map(),
    shared: new SharedOutcomes(),
    results: [],
  };
}

/** The outcome for a subject the target does not apply to (yet): no figure is judged. */
function skippedOutcome(
  prepared: PreparedTarget,
  why: { status: TargetStatus; reason: string },
): RuleOutcome {
  return {
    status: why.status,
    reason: `${why.reason}; target: ${prepared.text}`,
    evidence: { metricId: prepared.metric.id, target: prepared.text },
  };
}

/**
 * Why the target does not apply to the academy (yet), as a shared outcome, or undefined when it applies.
 * The causes are checked without words; the reason is written the first time a cause comes up.
 */
function skipFor(run: Run, prepared: PreparedTarget, academy: Academy): RuleOutcome | undefined {
  const { target, metric } = prepared;
  const { asOf } = run.input;
  const cause = notApplicableCause(target, metric, academy, asOf, prepared.startsOn);
  if (cause === undefined) return undefined;
  const key =
    cause === 'joinsLater'
      ? `${cause}|${academy.joinedOn}`
      : cause === 'phase'
        ? `${cause}|${academy.phase}`
        : cause;
  let outcome = prepared.skipped.get(key);
  if (!outcome) {
    outcome = skippedOutcome(prepared, describeNotApplicable(cause, target, metric, academy));
    prepared.skipped.set(key, outcome);
  }
  return outcome;
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
  subjectTally: RollUpTally,
): void {
  const { status } = outcome;
  const rag = outcome.rag ?? ragOf(status);
  prepared.results.push({
    objectiveId: prepared.objectiveId,
    targetId: prepared.target.id,
    targetTitle: prepared.target.title,
    subject,
    owner: prepared.owner,
    status,
    rag,
    reason: flatten(outcome.reason),
    evidence: outcome.evidence,
  });
  const severity = severityOf(rag, status);
  countInto(prepared.tally, status, rag, severity);
  countInto(subjectTally, status, rag, severity);
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
  // Only the figures some target reads are grouped: the metrics of the targets and the inspections.
  const read = new Set<string>(INSPECTION_METRIC_IDS);
  for (const objective of plan.objectives) for (const target of objective.targets) read.add(target.metricId);
  const run: Run = {
    input,
    calendar,
    runs: findSubjectRuns(input.observations),
    scratch: seriesScratch(read),
    asOfTerm,
    asOfTermNumber: termNumber(asOfTerm),
    closedThrough: input.closedThrough ?? addTerms(asOfTerm, -1),
    notAvailable: answersBySubjectAndMetric(input.notAvailable),
  };

  // Subjects and roll-ups are made once and shared by every result about them.
  const academies = roster.academies.map((academy) => ({
    academy,
    subject: { kind: 'academy', urn: academy.urn, name: academy.name } satisfies Subject,
    tally: tallyOf(emptyRollUp()),
  }));
  const trustSubject: Subject = { kind: 'trust', name: roster.trust.name };
  const trustTally = tallyOf(emptyRollUp());
  const objectiveRollUps: ObjectiveRollUp[] = [];
  const principleRollUps = new Map<string, PrincipleRollUp>();
  const principleTallies = new Map<string, RollUpTally>();
  for (const principle of plan.principles ?? DEFAULT_PRINCIPLES) {
    const rollUp: PrincipleRollUp = {
      principleId: principle.id,
      title: principle.title,
      ...(principle.description === undefined ? {} : { description: principle.description }),
      measured: false,
      targetIds: [],
      ...emptyRollUp(),
    };
    principleRollUps.set(principle.id, rollUp);
    principleTallies.set(principle.id, tallyOf(rollUp));
  }
  const targets: PreparedTarget[] = [];
  for (const objective of plan.objectives) {
    const rollUp: ObjectiveRollUp = { objectiveId: objective.id, title: objective.title, ...emptyRollUp() };
    objectiveRollUps.push(rollUp);
    const tally = tallyOf(rollUp);
    for (const target of objective.targets) {
      const served: RollUpTally[] = [];
      for (const id of new Set([...(objective.principles ?? []), ...(target.principles ?? [])])) {
        const principle = principleRollUps.get(id);
        const principleTally = principleTallies.get(id);
        if (!principle || !principleTally) continue;
        principle.measured = true;
        principle.targetIds.push(target.id);
        served.push(principleTally);
      }
      targets.push(prepareTarget(run, { id: objective.id, tally, principleTallies: served }, target));
    }
  }

  const trustFigures = figuresOf(run, TRUST_SUBJECT);
  for (const prepared of targets) {
    if (prepared.target.appliesTo.kind !== 'trust') continue;
    const outcome = prepared.notStarted
      ? skippedOutcome(prepared, prepared.notStarted)
      : judge(run, prepared, undefined, trustFigures);
    record(prepared, trustSubject, outcome, trustTally);
  }
  // Academy by academy, so each academy's figures are grouped once, read while they are at hand and
  // dropped after; the results still come out grouped by target, in plan order.
  const academyTargets = targets.filter((prepared) => prepared.target.appliesTo.kind !== 'trust');
  for (const { academy, subject, tally } of academies) {
    let figures: SubjectFigures | undefined;
    for (const prepared of academyTargets) {
      let outcome = skipFor(run, prepared, academy);
      if (!outcome) {
        figures ??= figuresOf(run, academy.urn);
        outcome = judge(run, prepared, academy, figures);
      }
      record(prepared, subject, outcome, tally);
    }
  }

  for (const prepared of targets) {
    mergeInto(prepared.objectiveTally, prepared.tally);
    for (const tally of prepared.principleTallies) mergeInto(tally, prepared.tally);
  }

  return {
    planId: plan.id,
    planTitle: plan.title,
    asOf,
    term: formatTermKey(asOfTerm),
    closedThrough: formatTermKey(run.closedThrough),
    // concat copies each target's list in one go; flatMap adds element by element, a tenth of the
    // whole evaluation's time at 10,000 academies.
    results: EMPTY_RESULTS.concat(...targets.map((prepared) => prepared.results)),
    academies: academies.map(({ academy, tally }) => ({
      urn: academy.urn,
      name: academy.name,
      ...tally.rollUp,
    })),
    trust: trustTally.rollUp,
    objectives: objectiveRollUps,
    principles: [...principleRollUps.values()].map((principle) =>
      principle.measured ? principle : { ...principle, note: NOT_MEASURED },
    ),
  };
}

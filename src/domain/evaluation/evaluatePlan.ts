/**
 * The evaluator: judges every target of a plan for every academy it concerns (or for the trust) as of
 * a date, and rolls the results up per academy and per objective.
 *
 * Work is linear in the number of academies: observations are indexed by academy and metric once, and
 * each (academy, target) pair then reads only its own series.
 */
import type { Metric } from '../metrics/metric';
import { getMetric, INSPECTION_METRIC_IDS } from '../metrics/metricCatalogue';
import { momentStart } from '../plan/parsePlanMoment';
import type { Plan, Target } from '../plan/plan';
import type { Academy, IsoDate, Roster } from '../roster/roster';
import type { TermRef } from '../terms/term';
import { addTerms, compareTerms, formatTermKey, type TermCalendar } from '../terms/termCalendar';
import { notApplicableReason, notStartedReason } from './applicability';
import { type BenchmarkSource, evaluateBenchmark } from './benchmarkRule';
import { describeTarget } from './describeTarget';
import type { Evaluation, Subject, TargetResult, TargetStatus } from './evaluation';
import { evaluateInspection } from './inspectionRule';
import { type Inspection, listInspections } from './inspections';
import { indexObservations, type Observation, type ObservationIndex, TRUST_SUBJECT } from './observation';
import { ragOf, rollUp } from './rollUp';
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
  /** National figures by metric id and academic year (`findBenchmark` in production). */
  benchmarks: BenchmarkSource;
  /** The day the evaluation is for; nothing after its term is read. */
  asOf: IsoDate;
  /**
   * The latest term whose collection round has closed: its termly figures are expected, and a missing
   * one is a risk. Defaults to the term before the as-of term.
   */
  closedThrough?: TermRef;
}

/** Everything that is the same for every (subject, target) pair of one evaluation. */
interface Run {
  input: EvaluationInput;
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
  const { calendar } = run.input;
  const from = academy ? laterOf(laterOf(academy.openedOn, academy.joinedOn), startsOn) : startsOn;
  if (metric.frequency === 'annual') {
    // Results for 2024-25 arrive over the following summer and autumn; they are due once the autumn
    // round of 2025-26 has closed, i.e. whenever the closed round is in 2025-26.
    const startYear = run.closedThrough.startYear - 1;
    if (from !== undefined && startYear < calendar.academicYearOf(from)) return undefined;
    return { kind: 'year', startYear };
  }
  if (from !== undefined && compareTerms(run.closedThrough, calendar.termContaining(from)) < 0)
    return undefined;
  return { kind: 'term', term: run.closedThrough };
}

/** The subject's figures for the target's metric from the target's start up to the as-of term. */
function seriesFor(
  run: Run,
  subject: string,
  metric: Metric,
  startsOn: IsoDate | undefined,
): readonly Observation[] {
  const all = run.index.series(subject, metric.id);
  const fromTerm = startsOn === undefined ? undefined : run.input.calendar.termContaining(startsOn);
  return all.filter(
    (observation) =>
      compareTerms(observation.term, run.asOfTerm) <= 0 &&
      (fromTerm === undefined ||
        (metric.frequency === 'annual'
          ? observation.term.startYear >= fromTerm.startYear
          : compareTerms(observation.term, fromTerm) >= 0)),
  );
}

function inspectionsOf(run: Run, academy: Academy, startsOn: IsoDate | undefined): readonly Inspection[] {
  let all = run.inspections.get(academy.urn);
  if (!all) {
    all = listInspections(run.index.subjectSeries(academy.urn));
    run.inspections.set(academy.urn, all);
  }
  const fromTerm = startsOn === undefined ? undefined : run.input.calendar.termContaining(startsOn);
  return all.filter(
    (inspection) =>
      compareTerms(inspection.term, run.asOfTerm) <= 0 &&
      (fromTerm === undefined || compareTerms(inspection.term, fromTerm) >= 0),
  );
}

function judge(
  run: Run,
  target: Target,
  metric: Metric,
  academy: Academy | undefined,
  targetText: string,
): RuleOutcome {
  const { input } = run;
  const { rule } = target;
  if (rule.kind === 'trustCount') {
    return evaluateTrustCount(
      rule,
      input.roster.academies,
      input.asOf,
      input.calendar,
      metric.id,
      targetText,
    );
  }
  const startsOn = target.from ? momentStart(target.from, input.calendar) : undefined;
  const subject = academy ? academy.urn : TRUST_SUBJECT;
  const context: RuleContext = {
    academy,
    target,
    metric,
    series: seriesFor(run, subject, metric, startsOn),
    asOf: input.asOf,
    asOfTerm: run.asOfTerm,
    calendar: input.calendar,
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

/**
 * Evaluates the plan as of `input.asOf`. Every (academy, target) pair for academy targets, and every
 * trust target once, gets exactly one result, including those that are not applicable, so a report can
 * show the whole grid.
 * @throws Error when the plan names a metric the catalogue lacks: parsePlan rules that out, so it is a bug.
 */
export function evaluatePlan(input: EvaluationInput): Evaluation {
  const { plan, roster, calendar, asOf } = input;
  const asOfTerm = calendar.termContaining(asOf);
  const run: Run = {
    input,
    index: indexObservations(input.observations),
    asOfTerm,
    closedThrough: input.closedThrough ?? addTerms(asOfTerm, -1),
    inspections: new Map(),
  };

  const results: TargetResult[] = [];
  const byAcademy = new Map<string, TargetResult[]>(roster.academies.map((academy) => [academy.urn, []]));
  const byObjective = new Map<string, TargetResult[]>();
  const trustResults: TargetResult[] = [];
  const trustSubject: Subject = { kind: 'trust', name: roster.trust.name };

  for (const objective of plan.objectives) {
    const objectiveResults: TargetResult[] = [];
    byObjective.set(objective.id, objectiveResults);
    for (const target of objective.targets) {
      const metric = getMetric(target.metricId);
      if (!metric)
        throw new Error(
          `evaluatePlan: metric "${target.metricId}" of target "${target.id}" is not in the catalogue`,
        );
      const targetText = describeTarget(target, metric);
      const record = (subject: Subject, outcome: RuleOutcome): TargetResult => {
        const result: TargetResult = {
          objectiveId: objective.id,
          targetId: target.id,
          targetTitle: target.title,
          subject,
          status: outcome.status,
          rag: outcome.rag ?? ragOf(outcome.status),
          reason: outcome.reason,
          evidence: outcome.evidence,
        };
        results.push(result);
        objectiveResults.push(result);
        return result;
      };

      const skipped = (reason: { status: TargetStatus; reason: string }): RuleOutcome => ({
        ...reason,
        reason: `${reason.reason}; target: ${targetText}`,
        evidence: { metricId: metric.id, target: targetText },
      });

      if (target.appliesTo.kind === 'trust') {
        const notStarted = notStartedReason(target, asOf, calendar);
        const outcome = notStarted ? skipped(notStarted) : judge(run, target, metric, undefined, targetText);
        trustResults.push(record(trustSubject, outcome));
        continue;
      }

      for (const academy of roster.academies) {
        const subject: Subject = { kind: 'academy', urn: academy.urn, name: academy.name };
        const skip = notApplicableReason(target, metric, academy, asOf, calendar);
        const outcome = skip ? skipped(skip) : judge(run, target, metric, academy, targetText);
        byAcademy.get(academy.urn)?.push(record(subject, outcome));
      }
    }
  }

  return {
    planId: plan.id,
    planTitle: plan.title,
    asOf,
    term: formatTermKey(asOfTerm),
    closedThrough: formatTermKey(run.closedThrough),
    results,
    academies: roster.academies.map((academy) => ({
      urn: academy.urn,
      name: academy.name,
      ...rollUp(byAcademy.get(academy.urn) ?? []),
    })),
    trust: rollUp(trustResults),
    objectives: plan.objectives.map((objective) => ({
      objectiveId: objective.id,
      title: objective.title,
      ...rollUp(byObjective.get(objective.id) ?? []),
    })),
  };
}

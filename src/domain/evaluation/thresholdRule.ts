/**
 * Threshold rules: a figure at least, at most or exactly a level, either every term or by a deadline
 * (fixed, or counted from the academy's opening). Before the deadline a figure not yet at the level is
 * judged by its trajectory.
 */
import { INSPECTION_METRIC_IDS } from '../metrics/metricCatalogue';
import type { ThresholdRule } from '../plan/plan';
import type { TermRef } from '../terms/term';
import { parseTermKey } from '../terms/termCalendar';
import { meetsLevel, meetsNumber, numericLevel } from './compareValues';
import type { DeadlineEvidence, Evidence, TrajectoryEvidence } from './evaluation';
import { formatMetricValue, formatNumericValue } from './formatForTrustees';
import { resolveDeadline } from './resolveDeadline';
import { currentFigure, type RuleContext, type RuleOutcome, statedFigure, termKey } from './ruleContext';
import { termNumber } from './termNumber';
import {
  fitTrajectory,
  MIN_TRAJECTORY_POINTS,
  TRAJECTORY_WINDOW_TERMS,
  TRAJECTORY_WINDOW_YEARS,
  type TrajectoryPoint,
} from './trajectory';

/** The lowest (or highest) rank of a grade's options; undefined for a metric without options. */
function extremeRank(metric: RuleContext['metric'], highest: boolean): number | undefined {
  let extreme: number | undefined;
  for (const option of metric.options ?? []) {
    if (extreme === undefined || (highest ? option.rank > extreme : option.rank < extreme))
      extreme = option.rank;
  }
  return extreme;
}

/**
 * The projection held to the values the metric can take: a straight line through falling percentages
 * runs below 0 %, which no academy can report. For a grade, the range of its options' ranks.
 */
function withinRange(
  metric: RuleContext['metric'],
  projected: number,
): { value: number; clamped?: 'min' | 'max' } {
  const min = metric.min ?? extremeRank(metric, false);
  const max = metric.max ?? extremeRank(metric, true);
  if (min !== undefined && projected < min) return { value: min, clamped: 'min' };
  if (max !== undefined && projected > max) return { value: max, clamped: 'max' };
  return { value: projected };
}

// Deadlines name a handful of terms; each is parsed once.
const DEADLINE_TERMS = new Map<string, TermRef | undefined>();

function deadlineTermOf(deadline: DeadlineEvidence): TermRef | undefined {
  if (DEADLINE_TERMS.has(deadline.term)) return DEADLINE_TERMS.get(deadline.term);
  const term = parseTermKey(deadline.term);
  DEADLINE_TERMS.set(deadline.term, term);
  return term;
}

/** Where a term sits on the line: terms (or years, for annual results) from the as-of term, so recent figures sit at 0, −1, −2 … */
function xOf(term: TermRef, asOfTerm: TermRef, annual: boolean): number {
  return annual ? term.startYear - asOfTerm.startYear : termNumber(term) - termNumber(asOfTerm);
}

/**
 * Draws the line through the recent figures and reads it at the deadline. Undefined when there are too
 * few figures, or the figures are not on a scale (yes/no).
 */
function projectToDeadline(
  rule: ThresholdRule,
  context: RuleContext,
  deadline: DeadlineEvidence,
): { trajectory: TrajectoryEvidence; onCourse: boolean } | undefined {
  const { metric, series, asOfTerm } = context;
  if (metric.type === 'yesNo' || INSPECTION_METRIC_IDS.has(metric.id)) return undefined;
  const annual = metric.frequency === 'annual';
  const deadlineTerm = deadlineTermOf(deadline);
  if (!deadlineTerm) return undefined;
  const window = annual ? TRAJECTORY_WINDOW_YEARS : TRAJECTORY_WINDOW_TERMS;
  const points: TrajectoryPoint[] = [];
  const shown: TrajectoryEvidence['points'] = [];
  for (const observation of series) {
    const x = xOf(observation.term, asOfTerm, annual);
    const y = numericLevel(metric, observation.value);
    if (x > -window && y !== undefined) {
      points.push({ x, y });
      shown.push({ term: termKey(observation.term), value: y });
    }
  }
  const line = fitTrajectory(points);
  const wanted = numericLevel(metric, rule.value);
  if (!line || wanted === undefined) return undefined;
  const { value: projected, clamped } = withinRange(metric, line.at(xOf(deadlineTerm, asOfTerm, annual)));
  // "Exactly 100 %" is reached from below for a figure where higher is better, so read equals as at least.
  const operator =
    rule.operator === 'equals' ? (metric.higherIsBetter ? 'atLeast' : 'atMost') : rule.operator;
  const graded = metric.type === 'grade' || metric.type === 'enum';
  const projectedDisplay = graded
    ? (metric.options?.reduce((best, option) =>
        Math.abs(option.rank - projected) < Math.abs(best.rank - projected) ? option : best,
      )?.label ?? String(projected))
    : formatNumericValue(metric, Number(projected.toFixed(1))) +
      (clamped === 'min' ? ' (the lowest possible)' : clamped === 'max' ? ' (the highest possible)' : '');
  const { slope } = line;
  const at = deadline.term;
  return {
    onCourse: meetsNumber(operator, projected, wanted),
    trajectory: clamped
      ? { points: shown, slope, projected, projectedDisplay, at, clamped }
      : { points: shown, slope, projected, projectedDisplay, at },
  };
}

/** Judges a threshold target for one subject. */
export function evaluateThreshold(rule: ThresholdRule, context: RuleContext): RuleOutcome {
  const { metric, targetText, asOf, calendar, academy } = context;
  const deadline = rule.by ? resolveDeadline(rule.by, academy, calendar) : undefined;
  const due = deadline === undefined || asOf >= deadline.date;
  // Every reason names the deadline as a day or term ("by 31 Aug 2020"): the target's words say "by the
  // end of 2019-20" or "within 3 years of opening", which a trustee should not have to work out.
  const byWhen = deadline ? ` (by ${deadline.label})` : '';

  const figure = currentFigure(context, deadline);
  if (figure.kind === 'missing') return figure.outcome;

  const { observation } = figure;
  // Met and missed are decided by the figure alone: academies with the same figure share the outcome.
  const sameFigure = context.shared.forFigure(observation, deadline);
  const shared = sameFigure.get(observation.value);
  if (shared) return shared;
  const { value, stated } = statedFigure(context, observation);
  const metricId = metric.id;
  const evidence: Evidence = deadline
    ? { metricId, target: targetText, value, deadline }
    : { metricId, target: targetText, value };

  if (meetsLevel(metric, rule.operator, observation.value, rule.value)) {
    const outcome: RuleOutcome = {
      status: 'met',
      reason: `${stated} meets the target: ${targetText}${byWhen}`,
      evidence,
    };
    sameFigure.set(observation.value, outcome);
    return outcome;
  }
  if (due || deadline === undefined) {
    const passed = deadline ? ` (deadline ${deadline.label})` : '';
    const outcome: RuleOutcome = {
      status: 'missed',
      reason: `${stated} misses the target: ${targetText}${passed}`,
      evidence,
    };
    sameFigure.set(observation.value, outcome);
    return outcome;
  }
  const projection = projectToDeadline(rule, context, deadline);
  const level = formatMetricValue(metric, rule.value);
  if (!projection) {
    // Below the level with the deadline ahead is a risk, even when there is too little history to
    // draw a line; inspection grades change only at an inspection, so there is no line to draw.
    const why = INSPECTION_METRIC_IDS.has(metric.id)
      ? 'the next inspection will tell'
      : `not enough history to project (${MIN_TRAJECTORY_POINTS} recent figures are needed)`;
    return {
      status: 'atRisk',
      reason: `${stated}; ${level} needed by ${deadline.label}; ${why}; target: ${targetText}`,
      evidence,
    };
  }
  const { trajectory, onCourse } = projection;
  const withTrajectory: Evidence = { metricId, target: targetText, value, deadline, trajectory };
  return onCourse
    ? {
        status: 'onTrack',
        reason: `${stated} is on course: the trend reaches ${trajectory.projectedDisplay} by ${deadline.label}; target: ${targetText}`,
        evidence: withTrajectory,
      }
    : {
        status: 'atRisk',
        reason: `${stated} is off course: the trend reaches ${trajectory.projectedDisplay} by ${deadline.label}, short of ${level}; target: ${targetText}`,
        evidence: withTrajectory,
      };
}

/**
 * Trend rules: the figure moves the right way from one period to the next — term on term for termly
 * figures, year on year for annual results ("the gap narrows"). Any real change counts: a gap that
 * widened by 0.01 has not narrowed. Unchanged is at risk rather than missed: the gap has not widened.
 */
import type { TrendRule } from '../plan/plan';
import { EPSILON, numericLevel } from './compareValues';
import { formatNumericValue } from './formatForTrustees';
import {
  currentFigure,
  evidenceValue,
  periodLabel,
  type RuleContext,
  type RuleOutcome,
  statedFigure,
} from './ruleContext';

/** Judges a trend target for one subject. */
export function evaluateTrend(rule: TrendRule, context: RuleContext): RuleOutcome {
  const { metric, series, targetText } = context;
  const figure = currentFigure(context);
  if (figure.kind === 'missing') return figure.outcome;

  const latest = figure.observation;
  const latestValue = numericLevel(metric, latest.value) ?? NaN;
  const { value, stated } = statedFigure(context, latest);
  const falling = rule.direction === 'falling';

  if (rule.closedAt !== undefined) {
    const closed = falling ? latestValue <= rule.closedAt + EPSILON : latestValue >= rule.closedAt - EPSILON;
    if (closed) {
      return {
        status: 'met',
        reason: `${stated} is at or ${falling ? 'below' : 'above'} ${formatNumericValue(metric, rule.closedAt)}; target: ${targetText}`,
        evidence: { metricId: metric.id, target: targetText, value },
      };
    }
  }

  // The series is in term order and annual results hold one value a year, so the previous entry is the
  // previous term (or year) supplied; a gap in the data compares with the last figure before it.
  const previous = series[series.length - 2];
  if (!previous) {
    return {
      status: 'notDue',
      reason: `${stated} is the first figure; a trend needs a second; target: ${targetText}`,
      evidence: { metricId: metric.id, target: targetText, value },
    };
  }
  const previousValue = evidenceValue(context, previous);
  const change = latestValue - (numericLevel(metric, previous.value) ?? NaN);
  const evidence = { metricId: metric.id, target: targetText, value, previous: previousValue };
  // Annual results say which two years they compare: "from 3.21 (2022-23 to 2023-24)".
  const since =
    metric.frequency === 'annual'
      ? `${previousValue.display} (${periodLabel(metric, previous.term)} to ${periodLabel(metric, latest.term)})`
      : `${previousValue.display} in ${periodLabel(metric, previous.term)}`;
  const amount = formatNumericValue(metric, Math.abs(change));
  if (Math.abs(change) <= EPSILON) {
    return {
      status: 'atRisk',
      reason: `${stated} is unchanged from ${since}; target: ${targetText}`,
      evidence,
    };
  }
  const improved = falling ? change < 0 : change > 0;
  const word = change < 0 ? 'down' : 'up';
  return {
    status: improved ? 'met' : 'missed',
    reason: `${stated} is ${word} ${amount} from ${since}; target: ${targetText}`,
    evidence,
  };
}

/**
 * Comparing metric values with a level. Grades compare by their rank on the scale ("good or better"),
 * numbers with a tolerance far below any published precision so that 40 vs 40.0000000001 from float
 * arithmetic never flips a result, while a real difference of 0.01 always counts.
 */
import type { Metric } from '../metrics/metric';
import type { MetricValue } from '../metrics/parseMetricValue';
import type { ThresholdOperator } from '../plan/plan';

export const EPSILON = 1e-9;

/** A value as a number on its scale: numbers as they are, grades by rank, yes as 1 and no as 0. */
export function numericLevel(metric: Metric, value: MetricValue): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return metric.options?.find((option) => option.value === value)?.rank;
}

/** Whether `value` satisfies "atLeast / atMost / equals `level`" on the metric's scale. */
export function meetsLevel(
  metric: Metric,
  operator: ThresholdOperator,
  value: MetricValue,
  level: MetricValue,
): boolean {
  const actual = numericLevel(metric, value);
  const wanted = numericLevel(metric, level);
  if (actual === undefined || wanted === undefined) return false;
  return meetsNumber(operator, actual, wanted);
}

export function meetsNumber(operator: ThresholdOperator, actual: number, wanted: number): boolean {
  switch (operator) {
    case 'atLeast':
      return actual >= wanted - EPSILON;
    case 'atMost':
      return actual <= wanted + EPSILON;
    case 'equals':
      return Math.abs(actual - wanted) <= EPSILON;
  }
}

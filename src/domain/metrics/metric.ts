/**
 * A metric is one figure the plan is judged on. The catalogue (metricCatalogue.ts) lists them all;
 * plans name metrics by id.
 */
import type { Phase } from '../roster/roster';

export type MetricType = 'number' | 'percent' | 'grade' | 'enum' | 'yesNo' | 'count';

/** Who gives us the figure: the head on the termly card, or derived by the bot (e.g. from the roster). */
export type MetricSource = 'head' | 'derived';

/** How often a value is expected: every term, or once a year after results are published. */
export type MetricFrequency = 'termly' | 'annual';

export interface EnumOption {
  value: string;
  label: string;
  /** Position on the scale, higher is better; lets rules compare grades ("good or better"). */
  rank: number;
}

export interface Metric {
  id: string;
  label: string;
  /** Short help text shown under the input on the head's card. */
  help: string;
  /** Display unit, e.g. '%', 'points', ''. */
  unit: string;
  type: MetricType;
  /** Inclusive valid range for number/percent/count. */
  min?: number;
  max?: number;
  /** Ordered options for grade/enum metrics. */
  options?: EnumOption[];
  /** Phases it applies to; absent means all phases. */
  phases?: Phase[];
  source: MetricSource;
  frequency: MetricFrequency;
  /** Whether a higher value is better; trend and trajectory rules use it. */
  higherIsBetter: boolean;
  /** Optional date window the metric exists in (e.g. an Ofsted framework), `YYYY-MM-DD`. */
  validFrom?: string;
  validTo?: string;
}

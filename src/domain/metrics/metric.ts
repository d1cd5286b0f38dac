/**
 * A metric is one figure the plan is judged on. The catalogue (metricCatalogue.ts) lists them all;
 * plans name metrics by id.
 */
import type { PublishedSourceId } from '../published/publication';
import type { Phase } from '../roster/roster';
import type { TermName } from '../terms/term';

export type MetricType = 'number' | 'percent' | 'grade' | 'enum' | 'yesNo' | 'count' | 'date';

/**
 * Who gives us the figure: the head on the termly card, the trust centrally (HR, finance, governance
 * figures entered by the trust for each academy), or derived by the bot (e.g. from the roster).
 */
export type MetricSource = 'head' | 'trust' | 'derived';

/**
 * The part of the central team a trust figure belongs to, so the roster can name its owner by area
 * (people.csv `owns`, docs/roster-format.md) rather than figure by figure.
 */
export type MetricArea = 'finance' | 'hr' | 'governance' | 'estates';
export const METRIC_AREAS: readonly MetricArea[] = ['finance', 'hr', 'governance', 'estates'];

/** How often a value is expected: every term, or once a year after results are published. */
export type MetricFrequency = 'termly' | 'annual';

/**
 * When a period's figure becomes known, if later than the period itself: nobody knows the 2017 GCSE
 * results on 31 July 2017. Without one, a figure is known from the start of the term it is for.
 * - `afterTerm`: `days` days after the last day of the figure's term;
 * - `month`: the first day of `month` (1–12) in the calendar year the figure's academic year ends in
 *   (2017 for 2016-17), or `yearAfter` years later: KS4 results `{ month: 10 }` are October 2017 for
 *   2016-17; revised ones `{ month: 1, yearAfter: 1 }` are January 2018.
 */
export type Availability =
  { kind: 'afterTerm'; days: number } | { kind: 'month'; month: number; yearAfter?: number };

/** Where the national figure for a metric comes from, for metrics that have one. */
export interface NationalFigure {
  /** The series it is published in, for a trustee: "DfE, Key stage 4 performance". */
  publisher: string;
  /** When a year's national figure is published, where the data file gives no date. */
  availability: Availability;
}

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
  /**
   * The publishers' files the figure is also in (docs/published-figures.md): a plan that imports one of
   * them (`imported:`) never asks the head for it; otherwise the head gives it as `source` says.
   */
  publishedBy?: readonly PublishedSourceId[];
  /** For trust figures: the central team's area it belongs to (every trust metric has one). */
  area?: MetricArea;
  frequency: MetricFrequency;
  /** Whether a higher value is better; trend and trajectory rules use it. */
  higherIsBetter: boolean;
  /** Optional date window the metric exists in (e.g. an Ofsted framework), `YYYY-MM-DD`. */
  validFrom?: string;
  validTo?: string;
  /** When a figure becomes known; absent: from the start of its term (docs/plan-format.md, "When a figure is known"). */
  availability?: Availability;
  /** Set when a national figure is published for the metric, so benchmark rules may compare with it. */
  national?: NationalFigure;
  /**
   * For annual figures collected by the trust itself (a staff survey, a skills audit): the one term a
   * year it is asked in and belongs to, so the termly card stays short. The figure is due once that
   * term's round has closed. Absent for results, which are due after their publication.
   */
  term?: TermName;
}

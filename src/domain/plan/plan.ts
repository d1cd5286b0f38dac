/**
 * A trust's strategic plan as data: objectives, each with targets; each target names a metric, to whom
 * it applies, from when, and the rule it is judged by. Plans are written as YAML (docs/plan-format.md)
 * and read by parsePlan, which checks every reference here (metric ids, option values, benchmarks).
 */
import type { PublishedSourceId } from '../published/publication';
import type { AcademyRoute, IsoDate, Phase } from '../roster/roster';
import type { TermRef } from '../terms/term';

/** A point in the school calendar as a plan writes it: a day, a term, or a whole academic year. */
export type PlanMoment =
  | { kind: 'date'; date: IsoDate }
  | { kind: 'term'; term: TermRef }
  /** `startYear` 2017 for 2017-18. */
  | { kind: 'academicYear'; startYear: number };

/** When a target falls due: a fixed moment, or a moment counted from each academy's opening. */
export type Deadline =
  /** The end of that day, term or academic year. */
  | { kind: 'fixed'; at: PlanMoment }
  /** The end of the n-th term since opening; term 1 contains the opening date. */
  | { kind: 'termOfOpening'; term: number }
  /** The day before the n-th anniversary of opening: "within three years of opening". */
  | { kind: 'yearsAfterOpening'; years: number }
  /**
   * The day before the n-th anniversary of joining the trust (the roster's `joinedOn`): "good or better
   * within two years of joining", for a school that opened long before it joined.
   */
  | { kind: 'yearsAfterJoining'; years: number };

/** Conditions on an academy's roster entry; every condition given must hold, any listed value matches. */
export interface AcademyFilter {
  phases?: Phase[];
  routes?: AcademyRoute[];
  /** The academy has at least one of these tags. */
  tags?: string[];
  /** The academy has none of these tags ("not tagged …"). */
  notTags?: string[];
  /** Compared without regard to case. */
  towns?: string[];
  /** The academy joined the trust (the roster's `joinedOn`) before this day. */
  joinedBefore?: IsoDate;
  /** The academy joined the trust on or after this day. */
  joinedFrom?: IsoDate;
  /** Only founder academies (route `founder`, or the roster's founder flag), or only others when false. */
  founder?: boolean;
}

/** To whom a target applies: the trust as a whole, or each academy that passes the filter. */
export type Applicability = { kind: 'trust' } | { kind: 'academies'; filter: AcademyFilter };

export type ThresholdOperator = 'atLeast' | 'atMost' | 'equals';

/** A fixed level: a number for numeric metrics, an option value for grades and choices, a boolean for yes/no. */
export interface ThresholdRule {
  kind: 'threshold';
  operator: ThresholdOperator;
  value: number | string | boolean;
  /** Without a deadline the level must hold every term; with one, trajectory decides on track or at risk. */
  by?: Deadline;
}

export type BenchmarkComparison = 'above' | 'atLeast' | 'below' | 'atMost';

/** Compared with the national figure for the same academic year. */
export interface BenchmarkRule {
  kind: 'benchmark';
  comparison: BenchmarkComparison;
  /** The benchmark's metric id; the target's own metric unless the plan says otherwise. */
  benchmarkId: string;
  /**
   * `same`: the national figure for the value's own academic year (missing → the value cannot be judged).
   * `latestPublished`: the most recent national figure up to that year, for measures DfE publishes late
   * (absence); the reason names the year used.
   */
  year: 'same' | 'latestPublished';
}

/** The two standards the seed plan speaks of, read across every Ofsted framework (see inspectionOutcome.ts). */
export type InspectionStandard = 'good' | 'outstanding';

/** At which inspection the standard falls due. */
export type InspectionDue =
  /** Judged at every inspection: the latest outcome must meet the standard. */
  | { kind: 'everyInspection' }
  /** "Good by the sixth term of opening, or at the first inspection after it." */
  | { kind: 'byTermOfOpening'; term: number }
  /** "Outstanding following the second inspection." */
  | { kind: 'atInspection'; number: number }
  /**
   * By a deadline, or at the first inspection after it: a calendar day ("by 31 August 2027") or a time
   * after joining the trust ("within two years of joining").
   */
  | { kind: 'byDeadline'; deadline: Deadline };

export interface InspectionRule {
  kind: 'inspection';
  standard: InspectionStandard;
  due: InspectionDue;
  /**
   * The lowest report-card grade (from Nov 2025) every area must reach to count as this standard.
   * Defaults: good → expectedStandard, outstanding → strongStandard.
   */
  reportCardFloor: string;
}

/** The value moves the right way from one period to the next (term on term, or year on year for annual metrics). */
export interface TrendRule {
  kind: 'trend';
  direction: 'falling' | 'rising';
  /** A level at or beyond which the aim is already reached (e.g. a gap of 0 or less is closed). */
  closedAt?: number;
}

/** A count of academies from the roster's join dates, e.g. "a minimum of two further academies in 2017-18". */
export interface TrustCountRule {
  kind: 'trustCount';
  /** `in`: joined during that academic year; `by`: joined on or before its last day. */
  joined: { kind: 'in' | 'by'; startYear: number };
  where: AcademyFilter;
  atLeast: number;
}

export type Rule = ThresholdRule | BenchmarkRule | InspectionRule | TrendRule | TrustCountRule;
export type RuleKind = Rule['kind'];

export interface Target {
  /** Unique in the plan; how reports and commands name it. */
  id: string;
  /** The target in a trustee's words. */
  title: string;
  /** The plan's own wording, when the target encodes a sentence of it. */
  quote?: string;
  metricId: string;
  appliesTo: Applicability;
  /** The target does not apply before this moment (and figures from before it are not used). */
  from?: PlanMoment;
  rule: Rule;
  /** Ids of the plan's principles the target serves, besides those of its objective. */
  principles?: string[];
}

export interface Objective {
  id: string;
  title: string;
  description?: string;
  /** Ids of the plan's principles every target of the objective serves. */
  principles?: string[];
  targets: Target[];
}

/** One principle the trust measures itself against ("An employer of choice"). */
export interface Principle {
  /** How objectives and targets name it: letters and digits, e.g. employerOfChoice. */
  id: string;
  title: string;
  /** One line saying what it means. */
  description?: string;
}

export interface Plan {
  id: string;
  title: string;
  /** The trust the plan was written for, for display. */
  trust?: string;
  /** Academic years the plan covers, inclusive, as start years (2016 for 2016-17). */
  period: { from: number; to: number };
  /**
   * The principles the plan is judged against: declared in the file, or the six defaults (parsePlan
   * always fills it; a plan built by hand without it is judged against the defaults).
   */
  principles?: Principle[];
  objectives: Objective[];
  /**
   * The publishers' files the trust imports (docs/published-figures.md): a metric published in one of
   * them is never asked of heads. None when absent.
   */
  imported?: PublishedSourceId[];
}

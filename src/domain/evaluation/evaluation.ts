/**
 * What an evaluation says: one status per (academy or trust, target) with a reason a trustee can read
 * and the evidence behind it, plus roll-ups per academy and per objective. The shape is the stable
 * JSON interface documented in docs/evaluation-json.md; add fields, never rename or remove them.
 */
import type { IsoDate } from '../roster/roster';

export type TargetStatus = 'met' | 'onTrack' | 'atRisk' | 'missed' | 'notDue' | 'noData' | 'notApplicable';
export const TARGET_STATUSES: readonly TargetStatus[] = [
  'met',
  'onTrack',
  'atRisk',
  'missed',
  'notDue',
  'noData',
  'notApplicable',
];

/**
 * Red / amber / green for the board. Grey is "nothing to judge" (not due, not applicable, or no national
 * figure to compare with); a figure the academy has not supplied once its round has closed is amber.
 */
export type Rag = 'red' | 'amber' | 'green' | 'grey';

/** A value as evidence: the stored value, how a trustee reads it, and the term (or year) it is for. */
export interface EvidenceValue {
  value: number | string | boolean;
  display: string;
  /** Term key, e.g. `2025-26-summer`; for annual results, a term of the year the result is for. */
  term: string;
  /**
   * The period the figure is for: the term key for termly figures, the academic year (`2016-17`) for
   * annual results. Always set by evaluatePlan (optional only so evidence built elsewhere stays valid).
   */
  period?: string;
  /** The day the figure became known (stored, given in the data file, or published), when that is later than its term's start. */
  knownOn?: IsoDate;
}

export type BenchmarkEvidence =
  | {
      status: 'found';
      academicYear: string;
      value: number;
      display: string;
      source: string;
      provisional: boolean;
      /** `provisional`, `revised` or `final`. */
      revision?: string;
      /** The day the figure was published (or, where the data gives none, the metric's usual month). */
      publishedOn?: IsoDate;
    }
  /** Figures are held for the year, but none was published by the as-of date. */
  | { status: 'notYetPublished'; academicYear: string; publishedOn: IsoDate }
  /** No figure exists for the year, by design (the reason says why). */
  | { status: 'notPublished'; academicYear: string; reason: string }
  /** No figure is held for the year. */
  | { status: 'missing'; academicYear: string };

export interface DeadlineEvidence {
  /** The last day the target can be met on. */
  date: IsoDate;
  /** Term key of the term containing `date`. */
  term: string;
  /** As a trustee reads it: "summer 2019", "31 Aug 2019". */
  label: string;
}

export interface TrajectoryEvidence {
  /** The figures the line was drawn through, oldest first. */
  points: { term: string; value: number }[];
  /** Change per term (termly figures) or per year (annual results). */
  slope: number;
  /** Where the line reaches at the deadline, held within the metric's valid range. */
  projected: number;
  /** Set when the line itself ran past the metric's range and `projected` is the range's end. */
  clamped?: 'min' | 'max';
  projectedDisplay: string;
  /** Term key the projection is for. */
  at: string;
}

export interface InspectionEvidence {
  term: string;
  /** The day it began, when recorded. */
  date?: IsoDate;
  /** 1 for the first inspection since opening as an academy. */
  number: number;
  framework: 'overallGrade' | 'keyJudgements' | 'reportCard';
  /** The grades recorded for the inspection, by metric id. */
  grades: Record<string, string | boolean>;
  /** Whether the inspection reached the rule's standard. */
  meetsStandard: boolean;
  summary: string;
}

export interface CountEvidence {
  /** URNs of matching academies that had joined by the as-of date. */
  joined: string[];
  /** URNs of matching academies due to join later in the window. */
  pipeline: string[];
  required: number;
  window: { from?: IsoDate; to: IsoDate };
}

export interface Evidence {
  metricId: string;
  /** The target as words, e.g. "at least 40% within 3 years of opening". */
  target: string;
  value?: EvidenceValue;
  /** The earlier value a trend compared with. */
  previous?: EvidenceValue;
  benchmark?: BenchmarkEvidence;
  deadline?: DeadlineEvidence;
  trajectory?: TrajectoryEvidence;
  inspection?: InspectionEvidence;
  count?: CountEvidence;
  /** The term (or academic year) whose figure was expected and not supplied. */
  missing?: string;
  /** Set with `missing` when the figure's owner answered "not available": why, who and when. */
  notAvailable?: NotAvailableEvidence;
}

export interface NotAvailableEvidence {
  reason: string;
  by?: string;
  on?: IsoDate;
}

export type Subject = { kind: 'academy'; urn: string; name: string } | { kind: 'trust'; name: string };

/**
 * Whose figure a result rests on: the academy's head (on the termly card), the trust's own central team
 * (a metric with `source: trust`, such as governing body vacancies, even when it is about one academy),
 * or `derived` (worked out by the evaluator from the roster or other figures). A missing figure is its
 * owner's to supply: a trust figure is never an academy's gap.
 */
export type FigureOwner = 'head' | 'trust' | 'derived';

export interface TargetResult {
  objectiveId: string;
  targetId: string;
  targetTitle: string;
  subject: Subject;
  /** Whose figure it is (always set by evaluatePlan; optional so evaluations stored before it still read). */
  owner?: FigureOwner;
  status: TargetStatus;
  rag: Rag;
  /** One line for a trustee. */
  reason: string;
  evidence: Evidence;
}

export type StatusCounts = Record<TargetStatus, number>;

export interface RollUp {
  counts: StatusCounts;
  /** The worst colour among the results: red over amber over green over grey. */
  rag: Rag;
  /**
   * The status of the worst result: by colour first (as `rag`), then missed over atRisk over noData over
   * onTrack over met over notDue over notApplicable. Absent when the roll-up has no results.
   */
  worst?: TargetStatus;
}

export interface AcademyRollUp extends RollUp {
  urn: string;
  name: string;
}

export interface ObjectiveRollUp extends RollUp {
  objectiveId: string;
  title: string;
}

/**
 * How the trust stands against one of the plan's principles: every result of every target that serves
 * it. A principle no target serves is `measured: false`, "not measured by this plan" — grey with no
 * counts, never green.
 */
export interface PrincipleRollUp extends RollUp {
  principleId: string;
  title: string;
  description?: string;
  measured: boolean;
  /** Ids of the targets that serve the principle, in plan order. */
  targetIds: string[];
  /** "not measured by this plan" when no target serves it. */
  note?: string;
}

export interface Evaluation {
  planId: string;
  planTitle: string;
  asOf: IsoDate;
  /** Term key of the term containing `asOf`. */
  term: string;
  /** Term key of the latest term whose round has closed: its termly figures are expected. */
  closedThrough: string;
  results: TargetResult[];
  academies: AcademyRollUp[];
  /** Roll-up of the targets that apply to the trust as a whole. */
  trust: RollUp;
  objectives: ObjectiveRollUp[];
  /** One roll-up per principle of the plan, in the plan's order (always present from evaluatePlan). */
  principles?: PrincipleRollUp[];
}

/**
 * Reading a stored evaluation for the board: counts, colours and order. The evaluation's JSON may gain
 * fields (docs/evaluation-json.md promises only additions), and one stored by an older version may lack
 * a roll-up, so everything here reads it defensively and recomputes what it needs from the results.
 */
import type {
  Evaluation,
  FigureOwner,
  Rag,
  StatusCounts,
  TargetResult,
  TargetStatus,
} from '../../domain/evaluation/evaluation';
import { TARGET_STATUSES } from '../../domain/evaluation/evaluation';
import { formatDateLabel } from '../../domain/evaluation/formatForTrustees';
import { getMetric } from '../../domain/metrics/metricCatalogue';
import { termLabel } from '../round/roundTerm';
import type { CardColor, RagLine } from './boardViews';

/** Worst first: what a trustee should read before anything else. */
const STATUS_ORDER: Record<TargetStatus, number> = {
  missed: 0,
  atRisk: 1,
  noData: 2,
  onTrack: 3,
  met: 4,
  notDue: 5,
  notApplicable: 6,
};

const RAG_ORDER: Record<Rag, number> = { red: 0, amber: 1, green: 2, grey: 3 };

export const RAG_WORDS: Record<Rag, { label: string; color: CardColor }> = {
  red: { label: 'Red', color: 'Attention' },
  amber: { label: 'Amber', color: 'Warning' },
  green: { label: 'Green', color: 'Good' },
  grey: { label: 'Grey', color: 'Default' },
};

export const STATUS_WORDS: Record<TargetStatus, string> = {
  met: 'met',
  onTrack: 'on track',
  atRisk: 'at risk',
  missed: 'missed',
  noData: 'no data',
  notDue: 'not due',
  notApplicable: 'not applicable',
};

/** The statuses the headline counts, in the order it shows them. */
export const HEADLINE_STATUSES: readonly TargetStatus[] = ['met', 'onTrack', 'atRisk', 'missed', 'noData'];

/** The results of an evaluation, or none when the stored JSON has no readable list. */
export function resultsOf(evaluation: Evaluation | undefined): TargetResult[] {
  const results: unknown = evaluation?.results;
  if (!Array.isArray(results)) return [];
  return results.filter(
    (result: unknown): result is TargetResult =>
      typeof result === 'object' &&
      result !== null &&
      typeof (result as TargetResult).status === 'string' &&
      (result as TargetResult).status in STATUS_ORDER &&
      typeof (result as TargetResult).subject === 'object',
  );
}

export function countStatuses(results: readonly TargetResult[]): StatusCounts {
  const counts = Object.fromEntries(TARGET_STATUSES.map((status) => [status, 0])) as StatusCounts;
  for (const result of results) counts[result.status] += 1;
  return counts;
}

/** Red if anything missed, amber if at risk or no data, green if anything met or on track, else grey. */
export function ragOfCounts(counts: StatusCounts): Rag {
  if (counts.missed > 0) return 'red';
  if (counts.atRisk > 0 || counts.noData > 0) return 'amber';
  if (counts.met > 0 || counts.onTrack > 0) return 'green';
  return 'grey';
}

/**
 * Whose figure a result is: as the evaluation says, or, for one stored before results said it, from the
 * metric's source in the catalogue (a trust-wide result is the trust's).
 */
export function ownerOf(result: TargetResult): FigureOwner {
  if (result.owner === 'head' || result.owner === 'trust' || result.owner === 'derived') return result.owner;
  const source = getMetric(result.evidence?.metricId ?? '')?.source ?? 'head';
  return source === 'head' && result.subject.kind === 'trust' ? 'trust' : source;
}

/** Orders results worst first, then by objective and target as the plan lists them. */
export function worstFirst(results: readonly TargetResult[]): TargetResult[] {
  return [...results].sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status]);
}

/** Whether a result is a risk for the board: at risk, missed, or missing data. */
export function isRisk(result: TargetResult): boolean {
  return result.status === 'missed' || result.status === 'atRisk' || result.status === 'noData';
}

/** Compares two roll-ups worst first: colour, then missed, at risk, no data. */
export function compareWorst(a: StatusCounts, b: StatusCounts): number {
  return (
    RAG_ORDER[ragOfCounts(a)] - RAG_ORDER[ragOfCounts(b)] ||
    b.missed - a.missed ||
    b.atRisk - a.atRisk ||
    b.noData - a.noData
  );
}

/** "2 missed, 1 at risk, 4 met": the non-zero counts, worst first. */
export function countsLine(counts: StatusCounts): string {
  const parts = (['missed', 'atRisk', 'noData', 'onTrack', 'met'] as const)
    .filter((status) => counts[status] > 0)
    .map((status) => `${counts[status]} ${STATUS_WORDS[status]}`);
  return parts.length > 0 ? parts.join(', ') : 'nothing to judge yet';
}

/** Reasons are written for trustees already; long ones are cut so one academy cannot fill the card. */
export function shortReason(text: string, max = 220): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** One result as a coloured line: the target, and its reason. */
export function resultLine(result: TargetResult, withSubject: boolean): RagLine {
  const words = RAG_WORDS[result.rag in RAG_WORDS ? result.rag : 'grey'];
  const subject = result.subject.kind === 'academy' ? result.subject.name : 'Trust';
  return {
    label: words.label,
    color: words.color,
    title: withSubject ? `${subject}: ${result.targetTitle}` : result.targetTitle,
    details: [`${capitalise(STATUS_WORDS[result.status])}. ${shortReason(result.reason)}`],
  };
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The objectives of an evaluation, in plan order, from its roll-up or else from its results. */
export function objectivesOf(evaluation: Evaluation): { objectiveId: string; title: string }[] {
  const listed: unknown = evaluation.objectives;
  if (Array.isArray(listed) && listed.length > 0) {
    return listed
      .filter(
        (entry: unknown): entry is { objectiveId: string; title: string } =>
          typeof entry === 'object' &&
          entry !== null &&
          typeof (entry as { objectiveId?: unknown }).objectiveId === 'string',
      )
      .map(({ objectiveId, title }) => ({
        objectiveId,
        title: typeof title === 'string' ? title : objectiveId,
      }));
  }
  const seen = new Map<string, string>();
  for (const result of resultsOf(evaluation)) seen.set(result.objectiveId, result.objectiveId);
  return [...seen.keys()].map((objectiveId) => ({ objectiveId, title: objectiveId }));
}

/** Academies' URNs a person may see; undefined for everyone's. */
export type Scope = ReadonlySet<string> | undefined;

/** Whether the asker may see the result: everything, or their own academies' results only. */
export function inScope(result: TargetResult, scope: Scope): boolean {
  if (!scope) return true;
  return result.subject.kind === 'academy' && scope.has(result.subject.urn);
}

/** The term an evaluation is for, as a trustee reads it: "summer 2026". */
export function termOfEvaluation(evaluation: Evaluation): string {
  return termLabel(evaluation.closedThrough || evaluation.term);
}

/** "Demo plan: summer 2026, as of 12 Dec 2026". */
export function subtitleOf(evaluation: Evaluation): string {
  return `${evaluation.planTitle}: ${termOfEvaluation(evaluation)}, as of ${formatDateLabel(evaluation.asOf)}`;
}

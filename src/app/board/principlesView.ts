/**
 * The plan's principles for the board, from a stored evaluation: the summary's compact row (one cell per
 * principle, in plan order), `status principles` (each principle with its targets and reasons) and
 * `status principle <name>` (one principle, target by target, academy by academy). Counts are taken from
 * the results of the targets that serve each principle, within the asker's scope, so a head sees their
 * own academies' targets only. A principle no target serves reads "not measured by this plan", never
 * green.
 */
import type { Evaluation, TargetResult } from '../../domain/evaluation/evaluation';
import { editDistance } from '../../domain/roster/closestName';
import type { BoardDetailView, PrincipleCell, RagLine } from './boardViews';
import {
  capitalise,
  countsLine,
  countStatuses,
  inScope,
  isRisk,
  RAG_WORDS,
  ragOfCounts,
  resultLine,
  resultsOf,
  type Scope,
  shortReason,
  STATUS_WORDS,
  subtitleOf,
  termOfEvaluation,
  worstFirst,
} from './evaluationReading';

/** What a principle no target serves says, rather than a colour (as the evaluator says it). */
export const NOT_MEASURED = 'not measured by this plan';
/** Risk reasons shown per target in `status principles`; `status principle <name>` shows more. */
export const REASONS_PER_TARGET = 3;
/** Results shown per target in `status principle <name>`; the rest are counted, so the card stays small. */
export const RESULTS_PER_TARGET = 12;

/** A principle as a stored evaluation names it. */
export interface PrincipleEntry {
  principleId: string;
  title: string;
  description?: string;
  measured: boolean;
  /** The targets that serve it, in plan order. */
  targetIds: string[];
}

/**
 * The principles of a stored evaluation, in plan order; none for one stored before principles were
 * judged (read defensively, as everything the board reads from storage).
 */
export function principlesOf(evaluation: Evaluation): PrincipleEntry[] {
  const listed: unknown = evaluation.principles;
  if (!Array.isArray(listed)) return [];
  return listed
    .filter(
      (entry: unknown): entry is Record<string, unknown> =>
        typeof entry === 'object' &&
        entry !== null &&
        typeof (entry as { principleId?: unknown }).principleId === 'string',
    )
    .map((entry) => {
      const targetIds = Array.isArray(entry.targetIds)
        ? entry.targetIds.filter((id): id is string => typeof id === 'string')
        : [];
      return {
        principleId: entry.principleId as string,
        title: typeof entry.title === 'string' ? entry.title : (entry.principleId as string),
        ...(typeof entry.description === 'string' && { description: entry.description }),
        // A principle is measured when a target serves it, whatever an older field said.
        measured: entry.measured !== false && targetIds.length > 0,
        targetIds,
      };
    });
}

/** The results of the principle's targets the asker may see. */
function resultsFor(
  principle: PrincipleEntry,
  results: readonly TargetResult[],
  scope: Scope,
): TargetResult[] {
  const targets = new Set(principle.targetIds);
  return results.filter((result) => targets.has(result.targetId) && inScope(result, scope));
}

/** The worst status with its count, e.g. "2 missed"; "nothing to judge yet" when nothing is judged. */
function worstCount(results: readonly TargetResult[]): string {
  const counts = countStatuses(results);
  const worst = (['missed', 'atRisk', 'noData', 'onTrack', 'met'] as const).find((s) => counts[s] > 0);
  return worst ? `${counts[worst]} ${STATUS_WORDS[worst]}` : 'nothing to judge yet';
}

function notMeasuredCell(principle: PrincipleEntry): PrincipleCell {
  return {
    principleId: principle.principleId,
    label: 'Not measured',
    color: 'Default',
    title: principle.title,
    status: NOT_MEASURED,
  };
}

/** The summary's compact row: every principle in plan order with its colour and worst status. */
export function principleRow(evaluation: Evaluation, scope: Scope = undefined): PrincipleCell[] {
  const results = resultsOf(evaluation);
  return principlesOf(evaluation).map((principle) => {
    if (!principle.measured) return notMeasuredCell(principle);
    const own = resultsFor(principle, results, scope);
    const words = RAG_WORDS[ragOfCounts(countStatuses(own))];
    return {
      principleId: principle.principleId,
      label: words.label,
      color: words.color,
      title: principle.title,
      status: worstCount(own),
    };
  });
}

/** The targets of a principle, in plan order, each with its results. */
function byTarget(principle: PrincipleEntry, results: readonly TargetResult[]): TargetResult[][] {
  return principle.targetIds
    .map((targetId) => results.filter((result) => result.targetId === targetId))
    .filter((own) => own.length > 0);
}

function subjectName(result: TargetResult): string {
  return result.subject.kind === 'academy' ? result.subject.name : 'Trust';
}

/** One target of a principle as a line: its colour, counts and worst reasons. */
function targetLine(own: readonly TargetResult[]): RagLine {
  const counts = countStatuses(own);
  const words = RAG_WORDS[ragOfCounts(counts)];
  const risks = worstFirst(own.filter(isRisk));
  const reasons = risks
    .slice(0, REASONS_PER_TARGET)
    .map((result) => `${subjectName(result)}: ${shortReason(result.reason, 160)}`);
  // With nothing at risk, one reason shows what was judged (a met target's evidence).
  const shown =
    reasons.length > 0 ? reasons : own.slice(0, 1).map((result) => shortReason(result.reason, 160));
  const more = risks.length - reasons.length;
  return {
    label: words.label,
    color: words.color,
    title: own[0]?.targetTitle ?? '',
    details: [capitalise(countsLine(counts)), ...shown, ...(more > 0 ? [`and ${more} more`] : [])],
  };
}

function heading(principle: PrincipleEntry, own: readonly TargetResult[]): string {
  if (!principle.measured) return `Not measured: ${principle.title}`;
  const counts = countStatuses(own);
  return `${RAG_WORDS[ragOfCounts(counts)].label}: ${principle.title} (${countsLine(counts)})`;
}

function emptyLine(principle: PrincipleEntry, scope: Scope): RagLine {
  return principle.measured
    ? {
        label: 'Grey',
        color: 'Default',
        title: scope ? 'No target of this principle applies to your academy' : 'Nothing to judge yet',
        details: [],
      }
    : {
        label: 'Not measured',
        color: 'Default',
        title: capitalise(NOT_MEASURED),
        details: ['No target of the plan serves this principle, so there is nothing to judge.'],
      };
}

/** `status principles`: every principle in plan order, each with its targets and their reasons. */
export function principlesView(evaluation: Evaluation, scope: Scope): BoardDetailView {
  const results = resultsOf(evaluation);
  const principles = principlesOf(evaluation);
  return {
    title: `Principles: ${termOfEvaluation(evaluation)}`,
    subtitle: subtitleOf(evaluation),
    lines: [
      `How ${scope ? 'your academy stands' : 'the trust stands'} against the plan's ${principles.length} principles. ` +
        // A TextRun on the card: the command is quoted, since markdown would show as typed.
        'Type "status principle" and a name for one of them.',
    ],
    sections: principles.map((principle) => {
      const own = principle.measured ? resultsFor(principle, results, scope) : [];
      const items = byTarget(principle, own).map(targetLine);
      return {
        title: heading(principle, own),
        items: items.length > 0 ? items : [emptyLine(principle, scope)],
      };
    }),
    buttons: principles
      .slice(0, 3)
      .map((principle) => ({ title: principle.title, text: `status principle ${principle.principleId}` })),
  };
}

/** `status principle <name>`: one principle, target by target, its results worst first. */
export function principleView(
  evaluation: Evaluation,
  principle: PrincipleEntry,
  scope: Scope,
): BoardDetailView {
  const own = principle.measured ? resultsFor(principle, resultsOf(evaluation), scope) : [];
  const counts = countStatuses(own);
  const targets = byTarget(principle, own);
  return {
    title: `Principle: ${principle.title}`,
    subtitle: subtitleOf(evaluation),
    lines: [
      ...(principle.description ? [principle.description] : []),
      principle.measured
        ? `${RAG_WORDS[ragOfCounts(counts)].label}: ${countsLine(counts)}.`
        : `${capitalise(NOT_MEASURED)}: no target of the plan serves this principle.`,
    ],
    sections:
      targets.length > 0
        ? targets.map((results) => {
            const sorted = worstFirst(results);
            const hidden = sorted.slice(RESULTS_PER_TARGET);
            return {
              title: `${results[0]?.targetTitle ?? ''} (${capitalise(countsLine(countStatuses(results)))})`,
              items: [
                ...sorted.slice(0, RESULTS_PER_TARGET).map((result) => ({
                  ...resultLine(result, false),
                  title: subjectName(result),
                })),
                ...(hidden.length > 0
                  ? [
                      {
                        label: 'And',
                        color: 'Default' as const,
                        title: `${hidden.length} more`,
                        details: [capitalise(countsLine(countStatuses(hidden)))],
                      },
                    ]
                  : []),
              ],
            };
          })
        : [{ title: principle.title, items: [emptyLine(principle, scope)] }],
    buttons: [{ title: 'All principles', text: 'status principles' }],
  };
}

/** Lower-case letters and digits only: "Employer of choice" and "employerOfChoice" read alike. */
function squash(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

const NUMBER_WORDS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

/**
 * A principle by its number ("3", "three"), its id, or its title or a part of it, forgiving a slip or two
 * ("employer of choise"); undefined when nothing is close.
 */
export function findPrinciple(
  principles: readonly PrincipleEntry[],
  query: string,
): PrincipleEntry | undefined {
  const typed = query
    .trim()
    .toLowerCase()
    .replace(/[.!?]+$/, '');
  if (!typed) return undefined;
  const asNumber = /^\d+$/.test(typed) ? Number(typed) : NUMBER_WORDS.indexOf(typed) + 1;
  if (asNumber > 0) return principles[asNumber - 1];
  const wanted = squash(typed);
  if (wanted.length === 0) return undefined;
  const names = (principle: PrincipleEntry): string[] => [
    squash(principle.principleId),
    squash(principle.title),
    // "employer of choice" for "An employer of choice": the title without its article.
    squash(principle.title.replace(/^(an?|the)\s+/i, '')),
  ];
  const exact = principles.find((principle) => names(principle).includes(wanted));
  if (exact) return exact;
  if (wanted.length >= 4) {
    const part = principles.find((principle) => names(principle).some((name) => name.includes(wanted)));
    if (part) return part;
  }
  // A slip in the whole name, or in one word of the title ("goverance").
  const slips = wanted.length < 5 ? 0 : wanted.length < 12 ? 1 : 2;
  let best: { principle: PrincipleEntry; distance: number } | undefined;
  for (const principle of principles) {
    const words = principle.title
      .split(/\s+/)
      .map(squash)
      .filter((word) => word.length >= 5);
    for (const name of [...names(principle), ...words]) {
      const d = editDistance(wanted, name);
      if (d <= slips && (!best || d < best.distance)) best = { principle, distance: d };
    }
  }
  return best?.principle;
}

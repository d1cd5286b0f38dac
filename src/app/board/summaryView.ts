/**
 * The board's risk summary for one term, from its evaluation (and the previous closed term's, for the
 * change): a headline, every objective with its top reasons, a compact row of the plan's principles, every
 * academy worst first, who did not submit or could not be reached, and two charts with fallbacks. It summarises; the drill-down buttons
 * show the detail, so the card stays small for a trust of any size.
 */
import type { Evaluation, TargetResult } from '../../domain/evaluation/evaluation';
import { formatDateLabel, formatDayMonth } from '../../domain/evaluation/formatForTrustees';
import { getMetric } from '../../domain/metrics/metricCatalogue';
import type { IsoDate } from '../../domain/roster/roster';
import type { AcademyProgress } from '../round/roundProgress';
import { termLabel } from '../round/roundTerm';
import type { BoardSummaryView, ChartView, RagLine } from './boardViews';
import {
  capitalise,
  compareWorst,
  countsLine,
  countStatuses,
  HEADLINE_STATUSES,
  isRisk,
  objectivesOf,
  ownerOf,
  RAG_WORDS,
  ragOfCounts,
  resultsOf,
  shortReason,
  STATUS_WORDS,
  worstFirst,
} from './evaluationReading';
import { principleRow } from './principlesView';

/** The summary's last line: the channel is read by all, the questions are asked in private. */
export const ASK_NOTE =
  'Ask me in a 1:1 chat with the bot for more: status, risks, objective 2, status and an academy’s name.';

/** Reasons shown per objective; the objective's drill-down shows them all. */
export const REASONS_PER_OBJECTIVE = 3;
/** Terms the trend chart goes back over. */
export const TREND_TERMS = 6;

export interface SummaryInput {
  evaluation: Evaluation;
  /** The closed term before it, for the change; absent for the first. */
  previous?: Evaluation;
  /** Earlier closed terms' evaluations, oldest first, for the trend chart (the current one is added). */
  history?: readonly Evaluation[];
  /** The round's standings, for who did not submit and who could not be reached. */
  progress?: readonly AcademyProgress[];
  /** An open round's summary: the figures may still change. */
  provisional?: boolean;
  /** The last day an open round takes answers, for "not sent yet (round open until 12 Dec)". */
  openUntil?: IsoDate;
}

/** A figure the trust owes and has not supplied: the trust's gap, never the academy's. */
function isTrustGap(result: TargetResult): boolean {
  return result.status === 'noData' && ownerOf(result) === 'trust';
}

/** URNs of the academies that sent nothing although the round has closed (not excused, not unreachable). */
function sentNothing(input: SummaryInput): Map<string, AcademyProgress> {
  if (input.provisional || !input.progress) return new Map();
  return new Map(
    input.progress
      .filter((entry) => entry.standing === 'notStarted' || entry.standing === 'draft')
      .map((entry) => [entry.academy.urn, entry]),
  );
}

/**
 * The trust's own figures it has not supplied, one line: "Local governing body vacancies (6 academies),
 * Climate action plan", or undefined when there are none.
 */
export function trustGapsLine(results: readonly TargetResult[]): string | undefined {
  const byLabel = new Map<string, Set<string>>();
  for (const result of results) {
    if (!isTrustGap(result)) continue;
    const label = getMetric(result.evidence.metricId)?.label ?? result.targetTitle;
    const subjects = byLabel.get(label) ?? new Set<string>();
    subjects.add(result.subject.kind === 'academy' ? result.subject.urn : 'trust');
    byLabel.set(label, subjects);
  }
  if (byLabel.size === 0) return undefined;
  return [...byLabel]
    .map(([label, subjects]) => {
      const academies = [...subjects].filter((subject) => subject !== 'trust').length;
      return academies > 0 ? `${label} (${academies} ${academies === 1 ? 'academy' : 'academies'})` : label;
    })
    .join(', ');
}

function change(now: number, before: number | undefined): string {
  if (before === undefined) return String(now);
  const delta = now - before;
  return delta === 0 ? `${now} (no change)` : `${now} (${delta > 0 ? '+' : '−'}${Math.abs(delta)})`;
}

function objectiveLines(evaluation: Evaluation, results: readonly TargetResult[]): RagLine[] {
  return objectivesOf(evaluation).map(({ objectiveId, title }) => {
    const own = results.filter((result) => result.objectiveId === objectiveId);
    const counts = countStatuses(own);
    const words = RAG_WORDS[ragOfCounts(counts)];
    // The trust's own missing figures are one line under the trust, not one per academy.
    const risks = own.filter((result) => isRisk(result) && !isTrustGap(result));
    const trustGaps = trustGapsLine(own);
    const reasons = [
      ...(trustGaps ? [`Trust: not supplied: ${trustGaps}`] : []),
      ...worstFirst(risks).map(
        (result) =>
          `${result.subject.kind === 'academy' ? result.subject.name : 'Trust'}: ${shortReason(result.reason, 160)}`,
      ),
    ].slice(0, REASONS_PER_OBJECTIVE);
    const more = risks.length + (trustGaps ? 1 : 0) - reasons.length;
    return {
      label: words.label,
      color: words.color,
      title: title,
      details: [capitalise(countsLine(counts)), ...reasons, ...(more > 0 ? [`and ${more} more`] : [])],
    };
  });
}

function academyLines(
  results: readonly TargetResult[],
  nothing: ReadonlyMap<string, AcademyProgress>,
  termName: string,
): (RagLine & { sentNothing?: true })[] {
  const byUrn = new Map<string, { name: string; results: TargetResult[] }>();
  for (const result of results) {
    // A figure the trust owes is the trust's gap: never counted against the academy.
    if (result.subject.kind !== 'academy' || isTrustGap(result)) continue;
    const entry = byUrn.get(result.subject.urn) ?? { name: result.subject.name, results: [] };
    entry.results.push(result);
    byUrn.set(result.subject.urn, entry);
  }
  // An academy that sent nothing once the round closed is the first risk the board sees.
  return [...byUrn]
    .map(([urn, entry]) => ({
      ...entry,
      urn,
      counts: countStatuses(entry.results),
      nothing: nothing.get(urn),
    }))
    .sort(
      (a, b) =>
        Number(b.nothing !== undefined) - Number(a.nothing !== undefined) ||
        compareWorst(a.counts, b.counts) ||
        a.name.localeCompare(b.name),
    )
    .map((entry) => {
      if (entry.nothing) {
        const words = RAG_WORDS.red;
        const head = entry.nothing.headName ? ` (${entry.nothing.headName})` : '';
        return {
          label: words.label,
          color: words.color,
          title: entry.name,
          details: [`Sent no figures for ${termName}${head}: ${entry.counts.noData} not sent`],
          sentNothing: true,
        };
      }
      const words = RAG_WORDS[ragOfCounts(entry.counts)];
      const worst = worstFirst(entry.results.filter(isRisk))[0];
      return {
        label: words.label,
        color: words.color,
        title: entry.name,
        details: [
          capitalise(countsLine(entry.counts)),
          ...(worst ? [`${worst.targetTitle}: ${shortReason(worst.reason, 160)}`] : []),
        ],
      };
    });
}

function attentionOf(input: SummaryInput): BoardSummaryView['attention'] {
  const { progress } = input;
  if (!progress) return [];
  const line = (entry: AcademyProgress): string =>
    [entry.academy.name, entry.headName ? `(${entry.headName})` : '', entry.detail ? `— ${entry.detail}` : '']
      .filter(Boolean)
      .join(' ');
  return [
    {
      title:
        input.provisional && input.openUntil
          ? `Not sent yet (round open until ${formatDayMonth(input.openUntil)})`
          : 'Sent no figures',
      lines: progress
        .filter((entry) => entry.standing === 'notStarted' || entry.standing === 'draft')
        .map(line),
    },
    {
      title: 'Could not be reached',
      lines: progress.filter((entry) => entry.standing === 'unreachable').map(line),
    },
    { title: 'Excused', lines: progress.filter((entry) => entry.standing === 'excused').map(line) },
  ].filter((section) => section.lines.length > 0);
}

/** Statuses per objective as grouped bars; the fallback says the same per objective in words. */
function objectiveChart(evaluation: Evaluation, results: readonly TargetResult[]): ChartView {
  const objectives = objectivesOf(evaluation);
  const label = (index: number): string => `Obj ${index + 1}`;
  const statuses = ['met', 'onTrack', 'atRisk', 'missed', 'noData'] as const;
  const counts = objectives.map(({ objectiveId }) =>
    countStatuses(results.filter((result) => result.objectiveId === objectiveId)),
  );
  return {
    kind: 'Chart.VerticalBar.Grouped',
    title: 'Targets by status, per objective',
    xAxisTitle: 'Objective',
    yAxisTitle: 'Targets',
    series: statuses.map((status) => ({
      legend: capitalise(STATUS_WORDS[status]),
      values: counts.map((count, index) => ({ x: label(index), y: count[status] })),
    })),
    fallbackFacts: objectives.map(({ title }, index) => ({
      title: `${label(index)}: ${title}`,
      value: countsLine(counts[index] ?? countStatuses([])),
    })),
  };
}

/** Met, at risk and missed over the closed terms, oldest first. */
function trendChart(evaluations: readonly Evaluation[]): ChartView {
  const terms = evaluations.slice(-TREND_TERMS).map((evaluation) => ({
    term: termLabel(evaluation.closedThrough || evaluation.term),
    counts: countStatuses(resultsOf(evaluation)),
  }));
  const statuses = ['met', 'atRisk', 'missed'] as const;
  return {
    kind: 'Chart.Line',
    title: 'Targets met, at risk and missed, by term',
    xAxisTitle: 'Term',
    yAxisTitle: 'Targets',
    series: statuses.map((status) => ({
      legend: capitalise(STATUS_WORDS[status]),
      values: terms.map(({ term, counts }) => ({ x: term, y: counts[status] })),
    })),
    fallbackFacts: terms.map(({ term, counts }) => ({
      title: term,
      value: statuses.map((status) => `${counts[status]} ${STATUS_WORDS[status]}`).join(', '),
    })),
  };
}

/** Builds the summary's view; pure, so its content is tested from tables of evaluations. */
export function summaryView(input: SummaryInput): BoardSummaryView {
  const { evaluation, previous } = input;
  const results = resultsOf(evaluation);
  const counts = countStatuses(results);
  const before = previous ? countStatuses(resultsOf(previous)) : undefined;
  const term = evaluation.closedThrough || evaluation.term;
  const provisional = input.provisional === true;
  const nothing = sentNothing(input);
  const lines = academyLines(results, nothing, termLabel(term));
  const nothingCount = lines.filter((line) => line.sentNothing).length;
  const academies: RagLine[] = lines.map(({ sentNothing: _sentNothing, ...line }) => line);
  const trustGaps = trustGapsLine(results);
  return {
    term,
    title: `Risk summary: ${termLabel(term)}${provisional ? ' (provisional)' : ''}`,
    subtitle: `${evaluation.planTitle}, as of ${formatDateLabel(evaluation.asOf)}`,
    ...(provisional && {
      provisionalNote:
        input.openUntil === undefined
          ? 'Provisional: the round is still open, so figures may change; what is not in yet shows as not sent yet.'
          : `Provisional: the round is open until ${formatDayMonth(input.openUntil)}, so figures may change; what is not in yet shows as not sent yet.`,
    }),
    headline: HEADLINE_STATUSES.map((status) => ({
      title: capitalise(STATUS_WORDS[status]),
      value: change(counts[status], before?.[status]),
    })),
    changeLine: previous
      ? `Changes are since ${termLabel(previous.closedThrough || previous.term)}.`
      : 'No earlier closed term to compare with.',
    askNote: ASK_NOTE,
    objectives: objectiveLines(evaluation, results),
    principles: principleRow(evaluation),
    // Who sent nothing first, then the trust's own missing figures, then the academies worst first.
    academies: [
      ...academies.slice(0, nothingCount),
      ...(trustGaps
        ? [
            {
              label: RAG_WORDS.amber.label,
              color: RAG_WORDS.amber.color,
              title: "The trust's own figures",
              details: [`Not supplied: ${trustGaps}`],
            },
          ]
        : []),
      ...academies.slice(nothingCount),
    ],
    attention: attentionOf(input),
    charts: [objectiveChart(evaluation, results), trendChart([...(input.history ?? []), evaluation])],
    academyChoices: academies.map((line) => {
      const urn = results.find(
        (result) => result.subject.kind === 'academy' && result.subject.name === line.title,
      )?.subject;
      return { title: line.title, value: urn?.kind === 'academy' ? urn.urn : line.title };
    }),
    objectiveChoices: objectivesOf(evaluation).map(({ objectiveId, title }) => ({
      title,
      value: objectiveId,
    })),
  };
}

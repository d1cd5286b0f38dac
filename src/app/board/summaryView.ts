/**
 * The board's risk summary for one term, as an exceptions report a trustee reads in two screens: the
 * one sentence and the change since the last closed term, the worst exceptions (at most eight, then a
 * button to all of them), each objective in one line, the principles in one line, who sent nothing,
 * was excused or could not be reached, and at most one chart. What it says is decided in
 * exceptionsReport.ts; this builds the view, so its size does not grow with the trust.
 */
import type { Evaluation, TargetResult } from '../../domain/evaluation/evaluation';
import { formatDateLabel, formatDayMonth } from '../../domain/evaluation/formatForTrustees';
import { fitWords } from '../../domain/text/fitWords';
import type { AcademyProgress } from '../round/roundProgress';
import { termLabel } from '../round/roundTerm';
import type { BoardSummaryView, ChartColor, ChartView, RagLine } from './boardViews';
import {
  capitalise,
  compareWorst,
  countsLine,
  countStatuses,
  HEADLINE_STATUSES,
  isRisk,
  objectivesOf,
  RAG_WORDS,
  ragOfCounts,
  resultsOf,
  shortReason,
  STATUS_WORDS,
  worstFirst,
} from './evaluationReading';
import {
  changeSentence,
  exceptionsOf,
  headlineSentence,
  isTrustGap,
  type ReportInput,
  shownExceptions,
  silentAcademies,
  trustGapsLine,
  whoLines,
} from './exceptionsReport';
import { principleRow } from './principlesView';

/** The summary's last line: the channel is read by all, the questions are asked in private. */
export const ASK_NOTE =
  'Ask me in a 1:1 chat with the bot for more: status, risks, objective 2, status and an academy’s name.';

/** Terms the trend chart goes back over. */
export const TREND_TERMS = 6;
/** The longest objective title on its one line; the objective's drill-down has it whole. */
export const OBJECTIVE_TITLE_CHARS = 70;

export interface SummaryInput extends ReportInput {
  /** Earlier closed terms' evaluations, oldest first, for the trend chart (the current one is added). */
  history?: readonly Evaluation[];
}

/** Met / on track / at risk / missed / no data, each with the change since the previous term: "2 (+1)". */
export function headlineCounts(
  evaluation: Evaluation,
  previous: Evaluation | undefined,
): { title: string; value: string }[] {
  const counts = countStatuses(resultsOf(evaluation));
  const before = previous ? countStatuses(resultsOf(previous)) : undefined;
  return HEADLINE_STATUSES.map((status) => ({
    title: capitalise(STATUS_WORDS[status]),
    value: change(counts[status], before?.[status]),
  }));
}

function change(now: number, before: number | undefined): string {
  if (before === undefined) return String(now);
  const delta = now - before;
  return delta === 0 ? `${now} (no change)` : `${now} (${delta > 0 ? '+' : '−'}${Math.abs(delta)})`;
}

/**
 * Every academy worst first, each with its counts and worst reason (for `status` and the board pack):
 * those that sent nothing once the round closed first, then the trust's own missing figures, then the
 * rest by colour and counts. A figure the trust owes is never counted against an academy.
 */
export function academiesWorstFirst(input: ReportInput): (RagLine & { urn?: string })[] {
  const results = resultsOf(input.evaluation);
  const silent = new Map(silentAcademies(input).map((entry) => [entry.academy.urn, entry]));
  const term = termLabel(input.evaluation.closedThrough || input.evaluation.term);
  const byUrn = new Map<string, { name: string; results: TargetResult[] }>();
  for (const result of results) {
    if (result.subject.kind !== 'academy' || isTrustGap(result)) continue;
    const entry = byUrn.get(result.subject.urn) ?? { name: result.subject.name, results: [] };
    entry.results.push(result);
    byUrn.set(result.subject.urn, entry);
  }
  const lines = [...byUrn]
    .map(([urn, entry]) => ({ ...entry, urn, counts: countStatuses(entry.results), silent: silent.get(urn) }))
    .sort(
      (a, b) =>
        Number(b.silent !== undefined) - Number(a.silent !== undefined) ||
        compareWorst(a.counts, b.counts) ||
        a.name.localeCompare(b.name),
    )
    .map((entry) => {
      if (entry.silent) {
        const head = entry.silent.headName ? ` (${entry.silent.headName})` : '';
        return {
          ...RAG_WORDS.red,
          title: entry.name,
          urn: entry.urn,
          details: [`Sent no figures for ${term}${head}: ${entry.counts.noData} not sent`],
        };
      }
      const words = RAG_WORDS[ragOfCounts(entry.counts)];
      const worst = worstFirst(entry.results.filter(isRisk))[0];
      return {
        label: words.label,
        color: words.color,
        title: entry.name,
        urn: entry.urn,
        details: [
          capitalise(countsLine(entry.counts)),
          ...(worst ? [`${worst.targetTitle}: ${shortReason(worst.reason, 160)}`] : []),
        ],
      };
    });
  const silentCount = lines.filter((line) => silent.has(line.urn)).length;
  const gaps = trustGapsLine(results, input.trustOwners);
  const trust = gaps
    ? [{ ...RAG_WORDS.amber, title: "The trust's own figures", details: [`Not supplied: ${gaps}`] }]
    : [];
  return [...lines.slice(0, silentCount), ...trust, ...lines.slice(silentCount)];
}

/** Who did not send, who could not be reached, who was excused, academy by academy (the board pack's list). */
export function attentionOf(input: SummaryInput): { title: string; lines: string[] }[] {
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

/** Each objective in one line: "1. Pupils are in school: 2 missed, 3 at risk, 12 met", with its colour. */
function objectiveLines(
  evaluation: Evaluation,
  results: readonly TargetResult[],
): BoardSummaryView['objectives'] {
  return objectivesOf(evaluation).map(({ objectiveId, title }, index) => {
    const counts = countStatuses(results.filter((result) => result.objectiveId === objectiveId));
    const words = RAG_WORDS[ragOfCounts(counts)];
    return {
      label: words.label,
      color: words.color,
      text: `${index + 1}. ${fitWords(title, OBJECTIVE_TITLE_CHARS)}: ${countsLine(counts)}`,
    };
  });
}

/** The colours a status chart uses: red, amber, green as Teams draws them, each named in its legend. */
const RAG_SERIES = [
  { rag: 'red', legend: 'Red: missed', color: 'attention' },
  { rag: 'amber', legend: 'Amber: at risk or not sent', color: 'warning' },
  { rag: 'green', legend: 'Green: met or on track', color: 'good' },
] as const;

/**
 * Targets per objective by colour, as grouped bars in red, amber and green; each objective labelled
 * by its number, as its line on the card starts. The fallback says the same per objective in words.
 */
export function objectiveChart(evaluation: Evaluation, results: readonly TargetResult[]): ChartView {
  const objectives = objectivesOf(evaluation);
  const own = objectives.map(({ objectiveId }) =>
    results.filter((result) => result.objectiveId === objectiveId),
  );
  return {
    kind: 'Chart.VerticalBar.Grouped',
    title: 'Targets by colour, per objective',
    xAxisTitle: 'Objective',
    yAxisTitle: 'Targets',
    series: RAG_SERIES.map(({ rag, legend, color }) => ({
      legend,
      color,
      values: own.map((list, index) => ({
        x: String(index + 1),
        y: list.filter((result) => result.rag === rag).length,
      })),
    })),
    // "Objective 1", not "1. …": a number and a full stop would start a list where Teams reads markdown.
    fallbackFacts: objectives.map(({ title }, index) => ({
      title: `Objective ${index + 1}`,
      value: `${fitWords(title, OBJECTIVE_TITLE_CHARS)}: ${countsLine(countStatuses(own[index] ?? []))}`,
    })),
  };
}

const TREND_SERIES: readonly { status: 'met' | 'atRisk' | 'missed'; color: ChartColor }[] = [
  { status: 'met', color: 'good' },
  { status: 'atRisk', color: 'warning' },
  { status: 'missed', color: 'attention' },
];

/** Met, at risk and missed over the closed terms, oldest first, in green, amber and red. */
export function trendChart(evaluations: readonly Evaluation[]): ChartView {
  const terms = evaluations.slice(-TREND_TERMS).map((evaluation) => ({
    term: termLabel(evaluation.closedThrough || evaluation.term),
    counts: countStatuses(resultsOf(evaluation)),
  }));
  return {
    kind: 'Chart.Line',
    title: 'Targets met, at risk and missed, by term',
    xAxisTitle: 'Term',
    yAxisTitle: 'Targets',
    series: TREND_SERIES.map(({ status, color }) => ({
      legend: capitalise(STATUS_WORDS[status]),
      color,
      values: terms.map(({ term, counts }) => ({ x: term, y: counts[status] })),
    })),
    fallbackFacts: terms.map(({ term, counts }) => ({
      title: term,
      value: TREND_SERIES.map(({ status }) => `${counts[status]} ${STATUS_WORDS[status]}`).join(', '),
    })),
  };
}

/**
 * The summary's one chart, only when it adds something: the trend once two or more terms have closed
 * (movement the lines above cannot show); else the colours per objective when two or more objectives
 * have something judged (a comparison at a glance); else none.
 */
export function summaryChart(input: SummaryInput): ChartView | undefined {
  const closed = [...(input.history ?? []), ...(input.provisional ? [] : [input.evaluation])];
  if (closed.length >= 2) return trendChart(closed);
  const results = resultsOf(input.evaluation);
  const judged = objectivesOf(input.evaluation).filter(({ objectiveId }) =>
    results.some((result) => result.objectiveId === objectiveId && result.rag !== 'grey'),
  );
  return judged.length >= 2 ? objectiveChart(input.evaluation, results) : undefined;
}

/** Builds the summary's view; pure, so its content is tested from tables of evaluations. */
export function summaryView(input: SummaryInput): BoardSummaryView {
  const { evaluation } = input;
  const results = resultsOf(evaluation);
  const term = evaluation.closedThrough || evaluation.term;
  const provisional = input.provisional === true;
  const { shown, more } = shownExceptions(exceptionsOf(input));
  const chart = summaryChart(input);
  return {
    term,
    title: `Risk summary: ${termLabel(term)}${provisional ? ' (provisional)' : ''}`,
    subtitle: `${evaluation.planTitle}, as of ${formatDateLabel(evaluation.asOf)}`,
    ...(provisional && {
      provisionalNote:
        input.openUntil === undefined
          ? 'Provisional: the round is still open, so figures may change.'
          : `Provisional: the round is open until ${formatDayMonth(input.openUntil)}, so figures may change.`,
    }),
    headline: headlineSentence(input),
    changeLine: changeSentence(evaluation, input.previous),
    exceptions: shown.map(({ label, color, text }) => ({ label, color, text })),
    moreExceptions: more,
    objectives: objectiveLines(evaluation, results),
    principles: principleRow(evaluation),
    who: whoLines(input),
    charts: chart ? [chart] : [],
    askNote: ASK_NOTE,
    academyChoices: academiesWorstFirst(input).flatMap((line) =>
      line.urn ? [{ title: line.title, value: line.urn }] : [],
    ),
    objectiveChoices: objectivesOf(evaluation).map(({ objectiveId, title }, index) => ({
      title: `${index + 1}. ${title}`,
      value: objectiveId,
    })),
  };
}

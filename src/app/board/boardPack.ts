/**
 * The board pack: the term's board paper as a document model, built from the stored evaluation of a
 * closed round (never re-judged), the round's standings, the stored figures and their audit trail. An
 * adapter renders it (src/adapters/document: HTML, and PDF through Chromium); this module decides what
 * the paper says, so the HTML and the PDF cannot disagree.
 */
import { describeTarget } from '../../domain/evaluation/describeTarget';
import type { Evaluation, TargetResult } from '../../domain/evaluation/evaluation';
import { formatDateLabel, formatMetricValue } from '../../domain/evaluation/formatForTrustees';
import type { Metric } from '../../domain/metrics/metric';
import { getMetric } from '../../domain/metrics/metricCatalogue';
import type { Plan } from '../../domain/plan/plan';
import type { Roster } from '../../domain/roster/roster';
import type { AcademyTermRecord, AuditRecord, Round, StoredFigure } from '../../domain/round/round';
import { formatTermKey, parseTermKey, termRange } from '../../domain/terms/termCalendar';
import { ownerLine, type OwnerProgress, ownerProgress } from '../round/ownerProgress';
import type { RoundDeps } from '../round/roundDeps';
import { type AcademyProgress, academyProgress } from '../round/roundProgress';
import { termLabel } from '../round/roundTerm';
import type { ChartView } from './boardViews';
import {
  capitalise,
  countsLine,
  countStatuses,
  isRisk,
  objectivesOf,
  RAG_WORDS,
  ragOfCounts,
  resultsOf,
  STATUS_WORDS,
  worstFirst,
} from './evaluationReading';
import {
  changeSentence,
  EXCEPTIONS_SHOWN,
  exceptionsOf,
  headlineSentence,
  isTrustGap,
  type ReportInput,
  shownExceptions,
} from './exceptionsReport';
import { metricChart } from './metricChart';
import { trustOwnerNames } from './postBoardSummary';
import { principlesOf } from './principlesView';
import {
  attentionOf,
  headlineCounts,
  objectiveChart,
  summaryView,
  TREND_TERMS,
  trendChart,
} from './summaryView';

/** Exception lines on the cover, as the summary card has them. */
export const MAX_EXCEPTIONS = EXCEPTIONS_SHOWN;
/** Trend charts on one academy's page: its measures at risk first, then the rest in plan order. */
export const CHARTS_PER_ACADEMY = 4;

/** One judged target of one academy (or the trust) as the paper prints it. */
export interface PackResult {
  /** The academy's name, or "Trust". */
  subject: string;
  target: string;
  /** "Met", "At risk", …: the status in words, printed beside its colour. */
  status: string;
  /** "Red", "Amber", "Green", "Grey". */
  rag: string;
  reason: string;
}

/** A titled group of results: an objective, a principle, one academy's objective. */
export interface PackGroup {
  title: string;
  rag: string;
  /** "2 missed, 1 at risk, 4 met" or a note ("not measured by this plan"). */
  counts: string;
  description?: string;
  results: PackResult[];
}

/** One figure as given this term: its value, or the head's reason it is not available. */
export interface PackFigure {
  measure: string;
  value?: string;
  notAvailable?: string;
  givenBy: string;
  givenAt: string;
}

export interface PackAcademy {
  urn: string;
  name: string;
  rag: string;
  counts: string;
  /** "Submitted by Helen Marsh on 3 Dec 2026", "Excused: …", "Did not submit". */
  standing: string;
  groups: PackGroup[];
  figures: PackFigure[];
  charts: ChartView[];
}

/** One row of the appendix of figures: a figure the evaluation used, who gave it and when. */
export interface PackFigureUse {
  subject: string;
  measure: string;
  /** The term or year the figure is for. */
  period: string;
  value: string;
  givenBy: string;
  givenAt: string;
  /** "card", "import", or "not stored" for a figure the evaluation read from elsewhere. */
  how: string;
  /** Changes after the first value, from the audit trail ("changed twice; first 97.2"). */
  changes?: string;
}

export interface BoardPack {
  /** "Board pack: autumn 2026". */
  title: string;
  trustName: string;
  /** True for the made-up demo trust: the paper says so. */
  fictional: boolean;
  planTitle: string;
  term: string;
  termLabel: string;
  /** "12 Dec 2026": the evaluation's as-of day. */
  asOf: string;
  /** When the pack was written, from the product's clock. */
  generatedOn: string;
  /** One sentence for a trustee who reads nothing else. */
  headline: string;
  /** At most MAX_EXCEPTIONS lines, worst first. */
  exceptions: string[];
  counts: { title: string; value: string }[];
  changeLine: string;
  /** The summary's charts (statuses per objective, the trend over terms). */
  charts: ChartView[];
  objectives: PackGroup[];
  principles: PackGroup[];
  academies: PackAcademy[];
  /** Who did not send, who could not be reached, who was excused and why; empty sections left out. */
  attention: { title: string; lines: string[] }[];
  /** Every headline count now and at the previous closed term. */
  change: { status: string; before?: number; now: number }[];
  previousTermLabel?: string;
  targets: { objective: string; target: string; measure: string; rule: string }[];
  figuresUsed: PackFigureUse[];
}

export type BoardPackOutcome =
  { kind: 'pack'; pack: BoardPack } | { kind: 'noRound' | 'notClosed' | 'noEvaluation'; text: string };

/** What building a pack reads: the round's stores and plan, and the clock for its date. */
export type BoardPackDeps = Pick<
  RoundDeps,
  | 'plan'
  | 'calendar'
  | 'settings'
  | 'rounds'
  | 'evaluations'
  | 'figures'
  | 'owners'
  | 'prompts'
  | 'conversations'
  | 'clock'
>;

/**
 * The cover's headline and exception lines: the summary card's own (exceptionsReport.ts), so the card
 * in the board channel and the paper say the same thing; the paper says where the rest are.
 */
export function headlineAndExceptions(input: ReportInput): { headline: string; exceptions: string[] } {
  const { shown, more } = shownExceptions(exceptionsOf(input));
  return {
    headline: `${headlineSentence(input)} ${changeSentence(input.evaluation, input.previous)}`,
    exceptions: [
      ...shown.map((entry) => `${entry.label}: ${entry.text}`),
      ...(more > 0 ? [`And ${more} more: the objectives' and academies' sections below have them.`] : []),
    ],
  };
}

function subjectOf(result: TargetResult): string {
  return result.subject.kind === 'academy' ? result.subject.name : 'Trust';
}

function packResult(result: TargetResult): PackResult {
  return {
    subject: subjectOf(result),
    target: result.targetTitle,
    status: capitalise(STATUS_WORDS[result.status]),
    rag: RAG_WORDS[result.rag in RAG_WORDS ? result.rag : 'grey'].label,
    reason: result.reason,
  };
}

/** Who owns each trust figure, by metric id (trustOwnerNames). */
type TrustOwners = ReadonlyMap<string, string>;

/**
 * The trust's figures of one target not supplied, as the paper says it: "Not supplied (6 academies); its
 * owner is Amara Okafor." They are the trust's gap, never the academies'. A trust-wide figure nobody
 * owns keeps the evaluation's reason.
 */
function notSuppliedText(gaps: readonly TargetResult[], owners: TrustOwners): string {
  const academies = new Set(
    gaps.flatMap((result) => (result.subject.kind === 'academy' ? [result.subject.urn] : [])),
  ).size;
  const owner = owners.get(gaps[0]?.evidence.metricId ?? '');
  // A trust-wide figure nobody is asked for: the evaluation's own reason says what is missing.
  if (!owner && academies === 0 && gaps[0]) return gaps[0].reason;
  return (
    `Not supplied${academies > 0 ? ` (${academies} ${academies === 1 ? 'academy' : 'academies'})` : ''}` +
    `${owner ? `; its owner is ${owner}` : ''}.`
  );
}

/** One row per target of the trust's own figures not supplied, under the trust with its owner. */
function trustGapRows(results: readonly TargetResult[], owners: TrustOwners): PackResult[] {
  const byTarget = new Map<string, TargetResult[]>();
  for (const result of results.filter(isTrustGap))
    byTarget.set(result.targetId, [...(byTarget.get(result.targetId) ?? []), result]);
  return [...byTarget.values()].map((gaps) => ({
    ...packResult(gaps[0] as TargetResult),
    subject: 'Trust',
    reason: notSuppliedText(gaps, owners),
  }));
}

/**
 * A titled group: counted as the summary counts it, each judged result a row, and the trust's own
 * figures not supplied one row per target under the trust (with `owners`), not a row per academy.
 */
function group(
  title: string,
  results: readonly TargetResult[],
  description?: string,
  owners: TrustOwners = new Map(),
): PackGroup {
  const counts = countStatuses(results);
  return {
    title,
    rag: RAG_WORDS[ragOfCounts(counts)].label,
    counts: capitalise(countsLine(counts)),
    ...(description && { description }),
    results: [
      ...worstFirst(results.filter((result) => !isTrustGap(result))).map(packResult),
      ...trustGapRows(results, owners),
    ],
  };
}

/** One target of a principle in a row: its colour, its counts and its worst reason (the objectives show every result). */
function targetRow(results: readonly TargetResult[], targetId: string, owners: TrustOwners): PackResult[] {
  const own = worstFirst(results.filter((result) => result.targetId === targetId));
  const worst = own[0];
  if (!worst) return [];
  const counts = countStatuses(own);
  const risks = own.filter(isRisk);
  const gaps = own.filter(isTrustGap);
  return [
    {
      subject: '',
      target: worst.targetTitle,
      status: capitalise(countsLine(counts)),
      rag: RAG_WORDS[ragOfCounts(counts)].label,
      reason: isTrustGap(worst)
        ? `Trust: ${notSuppliedText(gaps, owners)}`
        : risks.length > 0
          ? `${subjectOf(worst)}: ${worst.reason}${risks.length > 1 ? ` (and ${risks.length - 1} more)` : ''}`
          : worst.reason,
    },
  ];
}

/** Who a roster email is, as the paper names them: "Helen Marsh (Headteacher)"; imports say so. */
function personName(roster: Roster, by: string): string {
  if (by === 'import') return 'Imported';
  const person = roster.people.find((candidate) => candidate.email.toLowerCase() === by.toLowerCase());
  return person ? `${person.name} (${person.title || person.role})` : by;
}

function dateOf(iso: string): string {
  return iso ? formatDateLabel(iso.slice(0, 10)) : '';
}

function display(
  metric: Metric | undefined,
  figure: StoredFigure,
): { value?: string; notAvailable?: string } {
  if ('notAvailable' in figure.content) return { notAvailable: figure.content.notAvailable };
  return { value: metric ? formatMetricValue(metric, figure.content.value) : String(figure.content.value) };
}

function standingLine(
  roster: Roster,
  progress: AcademyProgress | undefined,
  record?: AcademyTermRecord,
): string {
  if (record?.state === 'submitted') {
    const who = record.submittedBy ? personName(roster, record.submittedBy) : 'the head';
    return `Submitted by ${who}${record.submittedAt ? ` on ${dateOf(record.submittedAt)}` : ''}.`;
  }
  if (!progress) return 'Not asked in this round.';
  switch (progress.standing) {
    case 'excused':
      return `Excused: ${progress.detail ?? 'no reason given'}.`;
    case 'unreachable':
      return `Could not be reached (${progress.detail ?? 'unknown'}).`;
    case 'draft':
      return 'Did not submit (a draft was saved).';
    default:
      return 'Did not submit.';
  }
}

function changesLine(trail: readonly AuditRecord[], metric: Metric | undefined): string | undefined {
  if (trail.length < 2) return undefined;
  const first = trail[0]?.new;
  const firstText =
    first === undefined
      ? ''
      : 'notAvailable' in first
        ? 'first given as not available'
        : `first ${metric ? formatMetricValue(metric, first.value) : String(first.value)}`;
  const times = trail.length - 1;
  return `changed ${times === 1 ? 'once' : `${times} times`}${firstText ? `; ${firstText}` : ''}`;
}

/** The numeric measures of the academy's results, at-risk ones first, with figures to draw. */
function chartMetrics(results: readonly TargetResult[]): Metric[] {
  const ids = [...new Set(worstFirst(results).map((result) => result.evidence.metricId))];
  return ids
    .map((id) => getMetric(id))
    .filter(
      (metric): metric is Metric =>
        metric !== undefined && ['number', 'percent', 'count'].includes(metric.type),
    );
}

export interface BoardPackInput {
  plan: Plan;
  roster: Roster;
  evaluation: Evaluation;
  /** Earlier closed terms' evaluations, oldest first; the last is the previous term. */
  history: readonly Evaluation[];
  progress: readonly AcademyProgress[];
  /** The owners of trust figures asked in the round, and where they stand. */
  owners?: readonly OwnerProgress[];
  /** The records of the trend's terms, oldest first, the pack's term last. */
  records: readonly AcademyTermRecord[];
  trendTerms: readonly string[];
  /** Each academy's (and the trust's) audit trail for the pack's term, by URN. */
  audit: ReadonlyMap<string, readonly AuditRecord[]>;
  generatedOn: string;
}

/** Builds the pack's model; pure, so what the paper says is tested from stored data alone. */
export function boardPackOf(input: BoardPackInput): BoardPack {
  const { evaluation, roster, plan } = input;
  const previous = input.history[input.history.length - 1];
  const trustOwners = trustOwnerNames(roster);
  const report = { evaluation, ...(previous && { previous }), progress: input.progress, trustOwners };
  const view = summaryView({ ...report, history: input.history });
  const term = view.term;
  const results = resultsOf(evaluation);
  const { headline, exceptions } = headlineAndExceptions(report);
  const recordOf = new Map(
    input.records.filter((record) => record.term === term).map((record) => [record.urn, record]),
  );
  const progressOf = new Map(input.progress.map((entry) => [entry.academy.urn, entry]));
  const nameOf = (urn: string): string =>
    roster.academies.find((academy) => academy.urn === urn)?.name ?? urn;
  const objectives = objectivesOf(evaluation);

  const academies: PackAcademy[] = view.academyChoices.map(({ title, value: urn }) => {
    // A figure the trust owes is the trust's gap, never counted against the academy (the objectives have it).
    const own = results.filter(
      (result) => result.subject.kind === 'academy' && result.subject.urn === urn && !isTrustGap(result),
    );
    const counts = countStatuses(own);
    const record = recordOf.get(urn);
    const figures = [...(record?.figures.values() ?? [])].map((figure): PackFigure => {
      const metric = getMetric(figure.metricId);
      return {
        measure: metric?.label ?? figure.metricId,
        ...display(metric, figure),
        givenBy: personName(roster, figure.by),
        givenAt: dateOf(figure.at),
      };
    });
    const charts = chartMetrics(own)
      .map((metric) => metricChart(metric, input.trendTerms, [urn], input.records, nameOf))
      .filter(({ chart }) => (chart.series[0]?.values.length ?? 0) >= 2)
      .slice(0, CHARTS_PER_ACADEMY)
      .map(({ chart }) => ({
        ...chart,
        title: chart.title.replace(/, by term$/, ''),
        yAxisTitle: chart.yAxisTitle,
      }));
    return {
      urn,
      name: title,
      rag: RAG_WORDS[ragOfCounts(counts)].label,
      counts: capitalise(countsLine(counts)),
      standing: standingLine(roster, progressOf.get(urn), record),
      groups: objectives
        .map(({ objectiveId, title: objective }) =>
          group(
            objective,
            own.filter((result) => result.objectiveId === objectiveId),
          ),
        )
        .filter((entry) => entry.results.length > 0),
      figures,
      charts,
    };
  });

  const principles = principlesOf(evaluation).map((principle) => {
    const targets = new Set(principle.targetIds);
    const own = results.filter((result) => targets.has(result.targetId));
    if (!principle.measured) {
      return {
        title: principle.title,
        rag: 'Not measured',
        counts: 'Not measured by this plan',
        ...(principle.description && { description: principle.description }),
        results: [],
      };
    }
    const counts = countStatuses(own);
    return {
      title: principle.title,
      rag: RAG_WORDS[ragOfCounts(counts)].label,
      counts: capitalise(countsLine(counts)),
      ...(principle.description && { description: principle.description }),
      results: principle.targetIds.flatMap((targetId) => targetRow(own, targetId, trustOwners)),
    };
  });

  const before = previous ? countStatuses(resultsOf(previous)) : undefined;
  const now = countStatuses(results);
  const change = (['met', 'onTrack', 'atRisk', 'missed', 'noData'] as const).map((status) => ({
    status: capitalise(STATUS_WORDS[status]),
    ...(before && { before: before[status] }),
    now: now[status],
  }));

  const figuresUsed = figuresUsedOf(input, nameOf);
  return {
    title: `Board pack: ${termLabel(term)}`,
    trustName: roster.trust.name,
    fictional: roster.trust.fictional,
    planTitle: evaluation.planTitle,
    term,
    termLabel: termLabel(term),
    asOf: formatDateLabel(evaluation.asOf),
    generatedOn: input.generatedOn,
    headline,
    exceptions,
    counts: headlineCounts(evaluation, previous),
    changeLine: previous
      ? `Changes are since ${termLabel(previous.closedThrough || previous.term)}.`
      : 'No earlier closed term to compare with.',
    // The paper has room for both charts: statuses per objective, and the trend over terms.
    charts: [objectiveChart(evaluation, results), trendChart([...input.history, evaluation])],
    objectives: objectives.map(({ objectiveId, title }, index) =>
      group(
        `Objective ${index + 1}: ${title}`,
        results.filter((result) => result.objectiveId === objectiveId),
        plan.objectives.find((objective) => objective.id === objectiveId)?.description,
        trustOwners,
      ),
    ),
    principles,
    academies,
    attention: withOwners(attentionOf(report), input.owners ?? []),
    change,
    ...(previous && { previousTermLabel: termLabel(previous.closedThrough || previous.term) }),
    targets: plan.objectives.flatMap((objective, index) =>
      objective.targets.map((target) => {
        const metric = getMetric(target.metricId);
        return {
          objective: `${index + 1}. ${objective.title}`,
          target: target.title,
          measure: metric?.label ?? target.metricId,
          rule: metric ? describeTarget(target, metric) : '',
        };
      }),
    ),
    figuresUsed,
  };
}

/**
 * The attention list with the owners of trust figures who did not submit, could not be reached or were
 * excused, after the academies under the same titles, as `missing` names them ("Trust figures (Teacher
 * turnover; 6 academies) — Priya Shah").
 */
function withOwners(
  attention: readonly { title: string; lines: string[] }[],
  owners: readonly OwnerProgress[],
): { title: string; lines: string[] }[] {
  const line = (entry: OwnerProgress): string =>
    `${ownerLine(entry)}${entry.detail ? ` — ${entry.detail}` : ''}`;
  const sections = [
    {
      title: 'Sent no figures',
      lines: owners.filter((entry) => entry.standing === 'notStarted' || entry.standing === 'draft'),
    },
    { title: 'Could not be reached', lines: owners.filter((entry) => entry.standing === 'unreachable') },
    { title: 'Excused', lines: owners.filter((entry) => entry.standing === 'excused') },
  ];
  const merged = attention.map((section) => ({
    title: section.title,
    lines: [
      ...section.lines,
      ...(sections.find((own) => own.title === section.title)?.lines ?? []).map(line),
    ],
  }));
  for (const own of sections) {
    if (own.lines.length > 0 && !merged.some((section) => section.title === own.title))
      merged.push({ title: own.title, lines: own.lines.map(line) });
  }
  const order = sections.map((section) => section.title);
  return merged.sort((a, b) => order.indexOf(a.title) - order.indexOf(b.title));
}

/** Every figure the evaluation's results name as evidence, once each, with who gave it from storage. */
function figuresUsedOf(input: BoardPackInput, nameOf: (urn: string) => string): PackFigureUse[] {
  const stored = new Map<string, StoredFigure>();
  for (const record of input.records) {
    for (const figure of record.figures.values()) {
      stored.set(`${figure.urn}|${figure.term}|${figure.metricId}`, figure);
    }
  }
  const seen = new Map<string, PackFigureUse>();
  for (const result of resultsOf(input.evaluation)) {
    const urn = result.subject.kind === 'academy' ? result.subject.urn : 'trust';
    const metric = getMetric(result.evidence.metricId);
    for (const value of [result.evidence.value, result.evidence.previous]) {
      if (!value) continue;
      const key = `${urn}|${value.term}|${result.evidence.metricId}`;
      if (seen.has(key)) continue;
      const figure = stored.get(key);
      const trail =
        value.term === input.evaluation.closedThrough
          ? (input.audit.get(urn) ?? []).filter((entry) => entry.metricId === result.evidence.metricId)
          : [];
      const changes = changesLine(trail, metric);
      seen.set(key, {
        subject: urn === 'trust' ? 'Trust' : nameOf(urn),
        measure: metric?.label ?? result.evidence.metricId,
        period:
          value.period && !/-(autumn|spring|summer)$/.test(value.period)
            ? value.period
            : termLabel(value.term),
        value: value.display,
        givenBy: figure ? personName(input.roster, figure.by) : '',
        givenAt: figure ? dateOf(figure.at) : value.knownOn ? dateOf(value.knownOn) : '',
        how: figure ? figure.channel : 'not stored',
        ...(changes && { changes }),
      });
    }
  }
  return [...seen.values()].sort(
    (a, b) =>
      (a.subject === 'Trust' ? 1 : 0) - (b.subject === 'Trust' ? 1 : 0) ||
      a.subject.localeCompare(b.subject) ||
      a.measure.localeCompare(b.measure) ||
      a.period.localeCompare(b.period),
  );
}

/**
 * Builds the pack of a closed round's term (the latest closed term when none is named) from what its
 * close stored. An open round has no pack: its figures may still change.
 */
export async function buildBoardPack(
  deps: BoardPackDeps,
  roster: Roster,
  term?: string,
): Promise<BoardPackOutcome> {
  const rounds = await deps.rounds.list();
  const round: Round | undefined = term
    ? rounds.find((candidate) => candidate.term === term)
    : rounds.find((candidate) => candidate.status === 'closed');
  if (!round) {
    return {
      kind: 'noRound',
      text: term
        ? `There is no ${termLabel(term)} round, so there is no board pack for it.`
        : 'No round has closed yet, so there is no board pack to write.',
    };
  }
  if (round.status !== 'closed') {
    return {
      kind: 'notClosed',
      text: `The ${termLabel(round.term)} round is still open: its board pack can be written once it closes.`,
    };
  }
  const evaluation = await deps.evaluations.get(round.term);
  if (!evaluation) {
    return { kind: 'noEvaluation', text: `The ${termLabel(round.term)} round has no stored evaluation.` };
  }
  const earlier = rounds
    .filter((candidate) => candidate.status === 'closed' && candidate.term < round.term)
    .slice(0, TREND_TERMS - 1);
  const last = parseTermKey(round.term);
  const trendTerms = last
    ? termRange({ startYear: last.startYear - 2, term: 'autumn' }, last)
        .map(formatTermKey)
        .slice(-TREND_TERMS)
    : [round.term];
  const subjects = [...roster.academies.map((academy) => academy.urn), 'trust'];
  const [history, progress, owners, records, trails] = await Promise.all([
    Promise.all(earlier.map((closed) => deps.evaluations.get(closed.term))),
    academyProgress(deps, roster, round),
    ownerProgress(deps, roster, round),
    Promise.all(trendTerms.map((key) => deps.figures.term(key))),
    Promise.all(subjects.map((urn) => deps.figures.audit(round.term, urn))),
  ]);
  const pack = boardPackOf({
    plan: deps.plan,
    roster,
    evaluation,
    history: history.filter((stored): stored is Evaluation => stored !== undefined).reverse(),
    progress,
    owners,
    records: records.flat(),
    trendTerms,
    audit: new Map(subjects.map((urn, index) => [urn, trails[index] ?? []])),
    generatedOn: formatDateLabel(deps.clock().toISOString().slice(0, 10)),
  });
  return { kind: 'pack', pack };
}

/**
 * The board's exceptions report, the decisions behind the summary card and the board pack's cover: the
 * one sentence a trustee can repeat, the change since the last closed term, what counts as an exception
 * and in which order, how each is worded (at most MAX_EXCEPTION_CHARS, never cut mid-word), and who sent
 * nothing, was excused or could not be reached. Pure: the same evaluation and standings always read the
 * same, whoever draws them.
 */
import type { Evaluation, StatusCounts, TargetResult } from '../../domain/evaluation/evaluation';
import { formatDayMonth } from '../../domain/evaluation/formatForTrustees';
import { getMetric } from '../../domain/metrics/metricCatalogue';
import type { IsoDate } from '../../domain/roster/roster';
import { parseTermKey } from '../../domain/terms/termCalendar';
import { fitWords } from '../../domain/text/fitWords';
import type { AcademyProgress } from '../round/roundProgress';
import { termLabel } from '../round/roundTerm';
import type { BoardDetailView, CardColor } from './boardViews';
import {
  capitalise,
  compareWorst,
  countStatuses,
  ownerOf,
  RAG_WORDS,
  resultsOf,
  STATUS_WORDS,
  subtitleOf,
  termOfEvaluation,
} from './evaluationReading';

/** The longest an exception line may be, in characters. */
export const MAX_EXCEPTION_CHARS = 140;
/** The longest "why" of an exception line, kept whole at its end. */
const WHY_CHARS = 60;
/** Exception lines the summary shows; the rest are one button away. */
export const EXCEPTIONS_SHOWN = 8;
/** Exception lines the "all exceptions" answer shows: ~300 bytes of card each keeps it well inside 80 KB. */
export const EXCEPTIONS_LISTED = 150;
/** Academies named in one "who" line before "and N more". */
export const WHO_NAMES = 3;
/** The longest excusal reason on the summary; the "all exceptions" answer has it whole. */
export const EXCUSED_REASON_CHARS = 80;
/** Excused academies given with their reason before "and N more". */
export const EXCUSED_SHOWN = 2;

/** What the report reads: the evaluation, and the round's standings for who sent what. */
export interface ReportInput {
  evaluation: Evaluation;
  /** The closed term before it, for the change. */
  previous?: Evaluation;
  /** The round's standings; without them, every missing figure is its own exception. */
  progress?: readonly AcademyProgress[];
  /** An open round: what is not in yet is "not sent yet", never an exception. */
  provisional?: boolean;
  /** The open round's last day, for "not sent yet (round open until 12 Dec)". */
  openUntil?: IsoDate;
  /** Who owns each trust figure, by metric id (trustFigureOwners): named beside what they have not supplied. */
  trustOwners?: ReadonlyMap<string, string>;
}

/**
 * The kinds of exception, worst first: an academy that sent nothing once the round closed, a target
 * missed, a target at risk, the trust's own figures not supplied, a figure its owner said is not
 * available (with why), a figure not sent by an academy that sent others.
 */
export type ExceptionKind =
  'sentNothing' | 'missed' | 'atRisk' | 'trustNotSupplied' | 'notAvailable' | 'notSent';

const KIND_ORDER: Record<ExceptionKind, number> = {
  sentNothing: 0,
  missed: 1,
  atRisk: 2,
  trustNotSupplied: 3,
  notAvailable: 4,
  notSent: 5,
};

export interface BoardException {
  kind: ExceptionKind;
  /** "Red" or "Amber": the colour in words. */
  label: string;
  color: CardColor;
  /** The academy's name, or "Trust". */
  subject: string;
  /** "academy — target: value against target (why)", at most MAX_EXCEPTION_CHARS, whole words. */
  text: string;
}

const NOT_SENT_STANDINGS = new Set<AcademyProgress['standing']>(['notStarted', 'draft', 'unreachable']);

/** Academies that sent nothing although the round has closed (not excused), in roster order. */
export function silentAcademies(input: ReportInput): AcademyProgress[] {
  if (input.provisional || !input.progress) return [];
  return input.progress.filter((entry) => NOT_SENT_STANDINGS.has(entry.standing));
}

/** Academies whose missing figures are told once, by their standing, rather than figure by figure. */
function toldByStanding(input: ReportInput): Set<string> {
  const progress = input.progress ?? [];
  return new Set(
    progress
      .filter(
        (entry) =>
          entry.standing === 'excused' ||
          (input.provisional ? entry.standing !== 'submitted' : NOT_SENT_STANDINGS.has(entry.standing)),
      )
      .map((entry) => entry.academy.urn),
  );
}

/** A figure the trust owes and has not supplied: the trust's gap, never the academy's. */
export function isTrustGap(result: TargetResult): boolean {
  return result.status === 'noData' && ownerOf(result) === 'trust';
}

/** Each figure the trust has not supplied, by label, with its academies and its owner, in results order. */
export function trustGaps(
  results: readonly TargetResult[],
  owners: ReadonlyMap<string, string>,
): { label: string; text: string; owner?: string }[] {
  const byLabel = new Map<string, { subjects: Set<string>; owner?: string }>();
  for (const result of results) {
    if (!isTrustGap(result)) continue;
    const metricId = result.evidence?.metricId ?? '';
    const label = getMetric(metricId)?.label ?? result.targetTitle;
    const entry = byLabel.get(label) ?? { subjects: new Set<string>() };
    entry.subjects.add(result.subject.kind === 'academy' ? result.subject.urn : 'trust');
    entry.owner ??= owners.get(metricId);
    byLabel.set(label, entry);
  }
  return [...byLabel].map(([label, { subjects, owner }]) => {
    const academies = [...subjects].filter((subject) => subject !== 'trust').length;
    const parts = [
      ...(academies > 0 ? [plural(academies, 'academy', 'academies')] : []),
      ...(owner ? [owner] : []),
    ];
    return {
      label,
      text: parts.length > 0 ? `${label} (${parts.join(', ')})` : label,
      ...(owner && { owner }),
    };
  });
}

/**
 * The trust's own figures it has not supplied, one line: "Local governing body vacancies (6 academies,
 * Amara Okafor), Climate action plan", with each figure's owner when `owners` names one, or undefined
 * when there are none.
 */
export function trustGapsLine(
  results: readonly TargetResult[],
  owners: ReadonlyMap<string, string> = new Map(),
): string | undefined {
  const gaps = trustGaps(results, owners);
  return gaps.length === 0 ? undefined : gaps.map((gap) => gap.text).join(', ');
}

/**
 * The same, one line per owner (the figures nobody owns in one line of their own), in the order their
 * first figure comes: each exception line is cut at MAX_EXCEPTION_CHARS, and a cut must never drop an
 * owner's name or figures, so an owner whose figures do not fit in `room` characters has as many lines
 * as they need, each figure whole with their name.
 */
export function trustGapsLinesByOwner(
  results: readonly TargetResult[],
  owners: ReadonlyMap<string, string> = new Map(),
  room = Number.POSITIVE_INFINITY,
): string[] {
  const byOwner = new Map<string, string[]>();
  for (const gap of trustGaps(results, owners)) {
    const key = gap.owner ?? '';
    byOwner.set(key, [...(byOwner.get(key) ?? []), gap.text]);
  }
  return [...byOwner.values()].flatMap((texts) => {
    const lines: string[] = [];
    for (const text of texts) {
      const last = lines[lines.length - 1];
      if (last !== undefined && last.length + 2 + text.length <= room)
        lines[lines.length - 1] = `${last}, ${text}`;
      else lines.push(text);
    }
    return lines;
  });
}

/** How an exception line of the trust's own figures not supplied starts. */
const TRUST_GAP_PREFIX = 'Trust — not supplied: ';

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

function subjectOf(result: TargetResult): string {
  return result.subject.kind === 'academy' ? result.subject.name : 'Trust';
}

/** The figure's name as a trustee reads it ("Attendance"), else the target's title. */
function measureOf(result: TargetResult): string {
  return getMetric(result.evidence?.metricId ?? '')?.label ?? result.targetTitle;
}

/** A term key or academic year as read: "autumn 2026", "2025-26". */
function periodLabel(period: string): string {
  return parseTermKey(period) ? termLabel(period) : period;
}

/** Why a judged target is an exception, after its status word: the projection, the national figure, the change. */
function whyOf(result: TargetResult): string {
  const status = STATUS_WORDS[result.status];
  const { trajectory, benchmark, previous, deadline } = result.evidence ?? {};
  if (trajectory)
    return `${status}: heading for ${trajectory.projectedDisplay}${deadline ? ` by ${deadline.label}` : ''}`;
  if (benchmark?.status === 'found') return `${status}: national ${benchmark.display}`;
  if (previous) return `${status}: was ${previous.display}`;
  // At risk with a deadline the target already names: the status says it.
  if (deadline && result.status === 'missed') return `${status}, deadline ${deadline.label}`;
  return status;
}

/** "academy — target: value against target (why)" for a missed or at-risk target. */
function judgedLine(result: TargetResult): string {
  const subject = subjectOf(result);
  const evidence = result.evidence;
  const count = evidence?.count;
  const value = evidence?.value?.display ?? (count ? `${count.joined.length} joined` : undefined);
  if (value === undefined || !evidence?.target) {
    // No single figure to show (an inspection's grades): the target, its status and the reason.
    return `${subject} — ${result.targetTitle}: ${STATUS_WORDS[result.status]}; ${result.reason}`;
  }
  const measure = count ? 'Academies' : measureOf(result);
  // The why is kept whole (it says what the line is about): a long measure or target gives way first.
  const why = ` (${fitWords(whyOf(result), WHY_CHARS)})`;
  return (
    fitWords(
      `${subject} — ${measure}: ${value} against ${evidence.target}`,
      MAX_EXCEPTION_CHARS - why.length,
    ) + why
  );
}

function missingLine(result: TargetResult): string {
  const subject = subjectOf(result);
  const answer = result.evidence?.notAvailable;
  if (answer) {
    const who = [answer.by, answer.on === undefined ? undefined : formatDayMonth(answer.on)].filter(Boolean);
    return `${subject} — ${measureOf(result)}: not available (${answer.reason}${who.length > 0 ? `; ${who.join(', ')}` : ''})`;
  }
  const missing = result.evidence?.missing;
  const last = result.evidence?.value;
  return (
    `${subject} — ${measureOf(result)}: not sent${missing ? ` for ${periodLabel(missing)}` : ''}` +
    (last ? ` (last ${last.display}, ${periodLabel(last.period ?? last.term)})` : '')
  );
}

/** The card's title names the term, so the line does not. */
function silentLine(entry: AcademyProgress, missing: number): string {
  const name = entry.academy.name;
  if (entry.standing === 'unreachable') {
    return `${name} — sent no figures: could not be reached${entry.detail ? ` (${entry.detail})` : ''}`;
  }
  const head = entry.headName ? `; head ${entry.headName}` : '';
  return `${name} — sent no figures (${plural(missing, 'figure', 'figures')} missing${head})`;
}

function exception(kind: ExceptionKind, subject: string, text: string): BoardException {
  const words = RAG_WORDS[kind === 'sentNothing' || kind === 'missed' ? 'red' : 'amber'];
  return { kind, label: words.label, color: words.color, subject, text: fitWords(text, MAX_EXCEPTION_CHARS) };
}

/** The kind of exception a result is, or undefined for one that is not (met, on track, grey, told elsewhere). */
function kindOf(result: TargetResult, told: ReadonlySet<string>): ExceptionKind | undefined {
  if (result.status === 'missed') return 'missed';
  if (result.status === 'atRisk') return 'atRisk';
  // No data that is grey is a gap in national statistics, never the academy's doing.
  if (result.status !== 'noData' || result.rag === 'grey' || isTrustGap(result)) return undefined;
  if (result.subject.kind === 'academy' && told.has(result.subject.urn)) return undefined;
  return result.evidence?.notAvailable ? 'notAvailable' : 'notSent';
}

/**
 * Every exception, worst first: by kind (KIND_ORDER), then the academy's own standing (worse academies
 * first, compareWorst), then its name, then plan order. Academies that sent nothing come first, in
 * roster order, each one line; their missing figures are not repeated one by one.
 */
export function exceptionsOf(input: ReportInput): BoardException[] {
  const results = resultsOf(input.evaluation);
  const told = toldByStanding(input);
  const countsBySubject = new Map<string, TargetResult[]>();
  for (const result of results) {
    const key = result.subject.kind === 'academy' ? result.subject.urn : 'trust';
    countsBySubject.set(key, [...(countsBySubject.get(key) ?? []), result]);
  }
  const counts = new Map<string, StatusCounts>(
    [...countsBySubject].map(([key, own]) => [key, countStatuses(own.filter((r) => !isTrustGap(r)))]),
  );
  const ranked = results
    .map((result, index) => ({ result, index, kind: kindOf(result, told) }))
    .filter((entry): entry is typeof entry & { kind: ExceptionKind } => entry.kind !== undefined)
    .map((entry) => ({
      ...entry,
      key: entry.result.subject.kind === 'academy' ? entry.result.subject.urn : 'trust',
    }));
  const none = countStatuses([]);
  ranked.sort(
    (a, b) =>
      KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
      compareWorst(counts.get(a.key) ?? none, counts.get(b.key) ?? none) ||
      subjectOf(a.result).localeCompare(subjectOf(b.result)) ||
      a.index - b.index,
  );
  const silent = silentAcademies(input).map((entry) => {
    const missing = (countsBySubject.get(entry.academy.urn) ?? []).filter(
      (result) => result.status === 'noData' && ownerOf(result) === 'head',
    ).length;
    return exception('sentNothing', entry.academy.name, silentLine(entry, missing));
  });
  const judged = ranked.map(({ result, kind }) =>
    exception(
      kind,
      subjectOf(result),
      kind === 'missed' || kind === 'atRisk' ? judgedLine(result) : missingLine(result),
    ),
  );
  const trust = trustGapsLinesByOwner(
    results,
    input.trustOwners,
    MAX_EXCEPTION_CHARS - TRUST_GAP_PREFIX.length,
  ).map((gaps) => exception('trustNotSupplied', 'Trust', `${TRUST_GAP_PREFIX}${gaps}`));
  const split = judged.findIndex((entry) => KIND_ORDER[entry.kind] > KIND_ORDER.trustNotSupplied);
  const at = split === -1 ? judged.length : split;
  return [...silent, ...judged.slice(0, at), ...trust, ...judged.slice(at)];
}

/** The summary's share of the exceptions: the worst EXCEPTIONS_SHOWN, and how many more there are. */
export function shownExceptions(all: readonly BoardException[]): { shown: BoardException[]; more: number } {
  return { shown: all.slice(0, EXCEPTIONS_SHOWN), more: Math.max(0, all.length - EXCEPTIONS_SHOWN) };
}

function targetsPart(missed: number, atRisk: number): string {
  if (missed > 0 && atRisk > 0) return `${plural(missed, 'target', 'targets')} missed and ${atRisk} at risk`;
  if (missed > 0) return `${plural(missed, 'target', 'targets')} missed`;
  if (atRisk > 0) return `${plural(atRisk, 'target', 'targets')} at risk`;
  return 'no target missed or at risk';
}

/**
 * The one sentence a trustee can repeat: "Autumn 2026: 2 targets missed and 6 at risk in 3 academies;
 * 4 academies sent no figures." The trust's own targets are "the trust"; an open round says what is not
 * in yet instead of what was not sent.
 */
export function headlineSentence(input: ReportInput): string {
  const results = resultsOf(input.evaluation);
  const counts = countStatuses(results);
  const troubled = results.filter((result) => result.status === 'missed' || result.status === 'atRisk');
  const academies = new Set(
    troubled.flatMap((result) => (result.subject.kind === 'academy' ? [result.subject.urn] : [])),
  ).size;
  const trust = troubled.some((result) => result.subject.kind === 'trust');
  const where = [academies > 0 ? plural(academies, 'academy', 'academies') : '', trust ? 'the trust' : '']
    .filter(Boolean)
    .join(' and ');
  const parts = [`${targetsPart(counts.missed, counts.atRisk)}${where ? ` in ${where}` : ''}`];
  const progress = input.progress ?? [];
  if (input.provisional) {
    const waiting = progress.filter(
      (entry) => entry.standing !== 'submitted' && entry.standing !== 'excused',
    ).length;
    if (waiting > 0) {
      const until = input.openUntil ? ` (round open until ${formatDayMonth(input.openUntil)})` : '';
      parts.push(`${plural(waiting, 'academy has', 'academies have')} not sent figures yet${until}`);
    }
  } else {
    const silent = silentAcademies(input).length;
    if (silent > 0) parts.push(`${plural(silent, 'academy', 'academies')} sent no figures`);
  }
  return `${capitalise(termOfEvaluation(input.evaluation))}: ${parts.join('; ')}.`;
}

function moved(name: string, now: number, before: number): string {
  if (now === before) return `${name} unchanged at ${now}`;
  return `${name} ${now > before ? 'up' : 'down'} ${Math.abs(now - before)} to ${now}`;
}

/**
 * The change since the last closed term, one sentence: "Since summer 2026: missed up 1 to 2, at risk
 * down 2 to 6, met or on track unchanged at 30." Without an earlier closed term, says so.
 */
export function changeSentence(evaluation: Evaluation, previous: Evaluation | undefined): string {
  if (!previous) return 'No earlier closed term to compare with.';
  const now = countStatuses(resultsOf(evaluation));
  const before = countStatuses(resultsOf(previous));
  return (
    `Since ${termOfEvaluation(previous)}: ` +
    [
      moved('missed', now.missed, before.missed),
      moved('at risk', now.atRisk, before.atRisk),
      moved('met or on track', now.met + now.onTrack, before.met + before.onTrack),
    ].join(', ') +
    '.'
  );
}

/** One line of who sent what: a title with its count, and the academies. */
export interface WhoLine {
  title: string;
  text: string;
}

function names(entries: readonly AcademyProgress[], shown: number): string {
  const listed = entries.slice(0, shown).map((entry) => entry.academy.name);
  const more = entries.length - listed.length;
  return more > 0 ? `${listed.join(', ')} and ${more} more` : listed.join(', ');
}

/**
 * Who sent nothing (or, in an open round, has not sent yet), who could not be reached (with why, when
 * it is the same for all), who was excused (with the executive's reason); empty lines left out. At
 * most `shown` names a line, so the lines do not grow with the trust.
 */
export function whoLines(input: ReportInput, shown = WHO_NAMES, excusedShown = EXCUSED_SHOWN): WhoLine[] {
  const progress = input.progress ?? [];
  const waiting = progress.filter((entry) => entry.standing === 'notStarted' || entry.standing === 'draft');
  const unreachable = progress.filter((entry) => entry.standing === 'unreachable');
  const excused = progress.filter((entry) => entry.standing === 'excused');
  const lines: WhoLine[] = [];
  if (waiting.length > 0) {
    const title = input.provisional
      ? `Not sent yet${input.openUntil ? ` (round open until ${formatDayMonth(input.openUntil)})` : ''}`
      : 'Sent no figures';
    lines.push({ title: `${title} (${waiting.length})`, text: names(waiting, shown) });
  }
  if (unreachable.length > 0) {
    const details = new Set(unreachable.map((entry) => entry.detail ?? ''));
    const [detail] = [...details];
    const why = details.size === 1 && detail ? `: ${detail}` : '';
    lines.push({
      title: `Could not be reached (${unreachable.length})`,
      text: `${names(unreachable, shown)}${why}`,
    });
  }
  if (excused.length > 0) {
    const listed = excused
      .slice(0, excusedShown)
      .map(
        (entry) =>
          `${entry.academy.name}: ${fitWords(entry.detail ?? 'no reason given', EXCUSED_REASON_CHARS)}`,
      );
    const more = excused.length - listed.length;
    lines.push({
      title: `Excused (${excused.length})`,
      text: [...listed, ...(more > 0 ? [`And ${more} more.`] : [])].join('. '),
    });
  }
  return lines;
}

/** The "and N more" button's answer: every exception (the first EXCEPTIONS_LISTED), worst first, and who sent what. */
export function exceptionsView(input: ReportInput): BoardDetailView {
  const all = exceptionsOf(input);
  const listed = all.slice(0, EXCEPTIONS_LISTED);
  const hidden = all.length - listed.length;
  return {
    title: `Exceptions: ${termOfEvaluation(input.evaluation)}`,
    subtitle: subtitleOf(input.evaluation),
    lines: [
      headlineSentence(input),
      all.length === 0
        ? 'Nothing is missed, at risk or missing.'
        : `${plural(all.length, 'exception', 'exceptions')}, worst first.`,
      ...(hidden > 0
        ? [
            `This card shows the worst ${listed.length}; the other ${hidden} are in each academy's status (ask status and its name).`,
          ]
        : []),
    ],
    sections: [
      {
        title: 'Exceptions, worst first',
        items: listed.map((entry) => ({
          label: entry.label,
          color: entry.color,
          title: entry.text,
          details: [],
        })),
      },
      ...whoLines(input, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY).map((line) => ({
        title: line.title,
        items: [{ label: '', color: 'Default' as const, title: line.text, details: [] }],
      })),
    ].filter((section) => section.items.length > 0),
    buttons: [],
  };
}

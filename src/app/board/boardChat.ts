/**
 * The board's commands in chat (status, risks, status principles, objective, trend, post summary) and its drill-down
 * buttons. Each checks who is asking: heads see their own academies only, trustees and executives see
 * everything, only executives post the summary. Answers are values the Teams adapter sends.
 */
import type { Evaluation } from '../../domain/evaluation/evaluation';
import { formatDateLabel } from '../../domain/evaluation/formatForTrustees';
import type { Roster } from '../../domain/roster/roster';
import type { Round } from '../../domain/round/round';
import { formatTermKey } from '../../domain/terms/termCalendar';
import { type CommandName, COMMANDS, commandText } from '../commands';
import { escapeMarkdown, md, ownMarkdown } from '../escapeMarkdown';
import type { KnownPerson } from '../identifyPerson';
import { quoteUserText } from '../quoteUserText';
import { evaluateRound } from '../round/closeRound';
import { findAcademy } from '../round/excuseAcademy';
import { type OwnerProgress, ownerProgress, ownersCount, ownersMissing } from '../round/ownerProgress';
import type { ChatReply } from '../round/roundChat';
import { academiesLedBy } from '../round/roundPeople';
import { academyProgress } from '../round/roundProgress';
import { currentTerm, readTerm, termLabel } from '../round/roundTerm';
import type { BoardDeps } from './boardDeps';
import { buildBoardPack } from './boardPack';
import {
  ACADEMY_PICKER_ID,
  BOARD_VERBS,
  type BoardDetailView,
  type BoardVerb,
  OBJECTIVE_PICKER_ID,
} from './boardViews';
import { inScope, objectivesOf, resultsOf } from './evaluationReading';
import { exceptionsView } from './exceptionsReport';
import { closedRounds, postBoardSummary, postOutcomeText, trustOwnerNames } from './postBoardSummary';
import { findPrinciple, principlesOf, principlesView, principleView } from './principlesView';
import {
  academyStatusView,
  objectiveView,
  owedOwnersSections,
  risksView,
  type Scope,
  trustStatusView,
} from './statusViews';
import { trendView } from './trendView';

/**
 * The board pack offered as a file, for a client that takes one (Teams asks the person's consent to
 * upload it; `term` comes back with the answer).
 */
export interface BoardPackOffer {
  kind: 'fileOffer';
  fileName: string;
  sizeInBytes: number;
  description: string;
  term: string;
}

export type BoardReply = ChatReply | BoardPackOffer;

/** Where the question was asked: whether the client takes a file from the bot there. */
export interface AskedIn {
  takesFiles: boolean;
}

/** The commands this module answers. */
export const BOARD_COMMANDS: ReadonlySet<CommandName> = new Set<CommandName>([
  'status',
  'risks',
  'principles',
  'objective',
  'trend',
  'postSummary',
  'boardPack',
]);

function allowed(name: CommandName, known: KnownPerson): boolean {
  return COMMANDS.find((command) => command.name === name)?.roles.includes(known.person.role) ?? false;
}

function text(value: string): ChatReply[] {
  return [{ kind: 'text', text: value }];
}

/** The academies a person may see: a head's own; everyone's (undefined) for trustees and executives. */
export function scopeOf(known: KnownPerson, roster: Roster): Scope {
  if (known.person.role !== 'head') return undefined;
  return new Set(academiesLedBy(known.person, roster).map((academy) => academy.urn));
}

/**
 * The latest closed term's evaluation, and the one before it only when the answer shows the change
 * (the trust's `status`): one or two reads of what the closed rounds stored, whatever the history. A
 * stored evaluation of 50 academies is most of a megabyte, so an answer that does not need the previous
 * one does not read it.
 */
async function latestEvaluations(
  deps: BoardDeps,
  roster: Roster,
  trustOverview: boolean,
): Promise<{ latest?: Evaluation; previous?: Evaluation; standing?: RoundStanding; open?: Round }> {
  const rounds = await deps.round.rounds.list();
  const closed = rounds.filter((round) => round.status === 'closed');
  const open = trustOverview ? rounds.find((round) => round.status === 'open') : undefined;
  // The trust's overview tells the open round's progress, else how the latest closed round ended.
  const told = trustOverview ? (open ?? closed[0]) : undefined;
  // The round's progress is read beside the evaluations, not after them.
  const [standing, latest, previous] = await Promise.all([
    told ? roundStanding(deps, roster, told) : Promise.resolve(undefined),
    ...closed.slice(0, trustOverview ? 2 : 1).map((round) => deps.round.evaluations.get(round.term)),
  ]);
  return {
    ...(latest && { latest }),
    ...(previous && { previous }),
    ...(standing && { standing }),
    ...(open && { open }),
  };
}

const NOTHING_CLOSED =
  'No round has closed yet, so there is no evaluation to show. The first status comes when the first round closes.';

const NO_PRINCIPLES =
  'The latest evaluation was stored before the plan’s principles were judged; they show once the next round closes.';

/** Answers one of the board's commands. */
export async function boardCommand(
  deps: BoardDeps,
  roster: Roster,
  known: KnownPerson,
  name: CommandName,
  args: string,
): Promise<ChatReply[]> {
  if (!allowed(name, known)) {
    deps.round.log.warn(`Refused ${known.person.email} (${known.person.role}): ${name}`);
    const usage = commandText(COMMANDS.find((command) => command.name === name)?.usage ?? name);
    const who =
      name === 'postSummary' || name === 'boardPack' ? 'executives' : 'heads, trustees and executives';
    return text(`Sorry, only ${who} can use **${usage}**. Type **help** to see what you can do.`);
  }
  if (name === 'postSummary') return postSummaryCommand(deps, roster, args);
  if (name === 'boardPack') return boardPackCommand(deps, roster, args, { takesFiles: false });
  const scope = scopeOf(known, roster);
  if (scope && scope.size === 0) return text('The roster does not name an academy you lead.');
  if (name === 'trend') return trendView(deps, roster, scope, args);
  // Only the trust's overview shows the change since the term before.
  const trustOverview = name === 'status' && !args.trim() && !scope;
  const { latest, previous, standing, open } = await latestEvaluations(deps, roster, trustOverview);
  if (!latest && open && standing)
    return [{ kind: 'card', card: deps.cards.detail(openRoundStatus(open, standing, known)) }];
  if (!latest) return text(NOTHING_CLOSED);
  const card = (view: Parameters<BoardDeps['cards']['detail']>[0]): ChatReply => ({
    kind: 'card',
    card: deps.cards.detail(view),
  });
  switch (name) {
    case 'status': {
      const query = args.trim();
      if (!query) {
        if (scope)
          return [...scope].map((urn) => card(academyStatusView(latest, urn, academyName(roster, urn))));
        return [
          card(
            trustStatusView(latest, previous, standing?.line, {
              owed: standing?.owed ?? [],
              trustOwners: trustOwnerNames(roster),
            }),
          ),
        ];
      }
      const match = findAcademy(roster, query);
      if (match.kind === 'several') {
        return [
          card({
            title: `Which academy did you mean by "${query}"?`,
            subtitle: '',
            lines: [],
            sections: [],
            buttons: match.academies
              .filter((academy) => !scope || scope.has(academy.urn))
              .slice(0, 5)
              .map((academy) => ({ title: academy.name, text: `status ${academy.urn}` })),
          }),
        ];
      }
      if (match.kind === 'none') return noAcademy(roster, query, scope);
      if (scope && !scope.has(match.academy.urn)) {
        deps.round.log.warn(`Refused ${known.person.email}: status of ${match.academy.urn}`);
        return text(`Sorry, you can see the status of your own academy only. Type **status** to see it.`);
      }
      return [card(academyStatusView(latest, match.academy.urn, match.academy.name))];
    }
    case 'risks':
      return [card(risksView(latest, scope, trustOwnerNames(roster)))];
    case 'principles': {
      const principles = principlesOf(latest);
      if (principles.length === 0) return text(NO_PRINCIPLES);
      if (!args.trim()) return [card(principlesView(latest, scope))];
      const principle = findPrinciple(principles, args);
      if (!principle) {
        const list = principles.map((entry, index) => md`${index + 1}. ${entry.title}`).join('; ');
        return text(
          md`I couldn't find a principle called "${args.trim().slice(0, 80)}". Say which by its number or part of its name: ${ownMarkdown(list)}.`,
        );
      }
      return [card(principleView(latest, principle, scope))];
    }
    case 'objective': {
      const objective = findObjective(latest, args);
      if (!objective) {
        const list = objectivesOf(latest)
          .map((entry, index) => md`${index + 1}. ${entry.title}`)
          .join('; ');
        return text(`Say which objective by its number or part of its name: ${list}.`);
      }
      return [card(objectiveView(latest, objective, scope))];
    }
    default:
      return text('Type **help** to see what I can do.');
  }
}

function academyName(roster: Roster, urn: string): string {
  return roster.academies.find((academy) => academy.urn === urn)?.name ?? urn;
}

function noAcademy(roster: Roster, query: string, scope: Scope): ChatReply[] {
  const names = roster.academies
    .filter((academy) => !scope || scope.has(academy.urn))
    .map((academy) => escapeMarkdown(academy.name));
  const shown = names.slice(0, 8).join(', ');
  return text(
    `I couldn't find an academy called "${quoteUserText(query, 80)}". Try part of its name, its initials or its URN: ${shown}${names.length > 8 ? ', …' : ''}.`,
  );
}

/** A round's progress for the trust's status: one line, and the owners of trust figures still owed. */
interface RoundStanding {
  line: string;
  owed: OwnerProgress[];
}

/**
 * One read of the term's records and one of its owners': how many academies have submitted, out of those
 * asked and not excused, and how many owners of trust figures, as `missing` counts them; the open
 * round's close day, or the day the round closed.
 */
async function roundStanding(deps: BoardDeps, roster: Roster, round: Round): Promise<RoundStanding> {
  const [records, owners] = await Promise.all([
    deps.round.figures.term(round.term),
    ownerProgress(deps.round, roster, round),
  ]);
  const submitted = records.filter((record) => record.state === 'submitted').length;
  const excused = records.filter((record) => record.state !== 'submitted' && record.excused).length;
  const asked = Math.max(round.academyCount || roster.academies.length, submitted + excused);
  const expected = asked - excused;
  const open = round.status === 'open';
  const trust = ownersCount(owners);
  const line =
    (open
      ? `The ${termLabel(round.term)} round is open until ${formatDateLabel(round.closesOn)}: ` +
        `${submitted} of ${expected} ${expected === 1 ? 'academy has' : 'academies have'} submitted`
      : `The ${termLabel(round.term)} round closed on ${formatDateLabel(round.closedAt?.slice(0, 10) ?? round.closesOn)}: ` +
        `${submitted} of ${expected} ${expected === 1 ? 'academy' : 'academies'} submitted`) +
    `${excused > 0 ? `, ${excused} excused` : ''}${trust ? `; trust figures: ${trust}` : ''}.`;
  return { line, owed: ownersMissing(owners) };
}

/**
 * The trust's `status` while the first round is open: nothing is evaluated yet, so the answer is what is
 * happening now and where to look (an executive's own commands; trustees wait for the summary). The
 * lines are plain text runs on the card (no markdown), so commands are quoted.
 */
function openRoundStatus(round: Round, standing: RoundStanding, known: KnownPerson): BoardDetailView {
  const executive = allowed('missing', known);
  return {
    title: `Status: ${termLabel(round.term)} (round open)`,
    subtitle: `No round has closed yet: the first status comes when this round closes on ${formatDateLabel(round.closesOn)}.`,
    lines: [
      standing.line,
      executive
        ? 'Type “missing” to see who has yet to send, or “round” for its dates and counts (or press below).'
        : `The board's summary of ${termLabel(round.term)} comes to the Board channel when the round closes.`,
    ],
    sections: owedOwnersSections(standing.owed),
    buttons: executive
      ? [
          { title: 'Missing', text: 'missing' },
          { title: 'Round', text: 'round' },
        ]
      : [],
  };
}

/** An objective by its number ("2", "objective two") or a word of its title. */
export function findObjective(
  evaluation: Evaluation,
  query: string,
): { objectiveId: string; title: string; number: number } | undefined {
  const objectives = objectivesOf(evaluation).map((entry, index) => ({ ...entry, number: index + 1 }));
  const wanted = query
    .trim()
    .toLowerCase()
    .replace(/[.!?]+$/, '');
  if (!wanted) return undefined;
  const numbers = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
  const asNumber = /^\d+$/.test(wanted) ? Number(wanted) : numbers.indexOf(wanted) + 1;
  if (asNumber > 0) return objectives[asNumber - 1];
  return (
    objectives.find((entry) => entry.objectiveId.toLowerCase() === wanted) ??
    objectives.find((entry) => entry.title.toLowerCase().includes(wanted))
  );
}

/**
 * `board pack [term]`: the closed term's board paper. Where the client takes a file (Teams in a 1:1
 * chat, through a file consent card), it is offered as one; elsewhere (a channel, the local playground,
 * which shows no consent card) it is written where the host keeps files and the answer says where.
 */
async function boardPackCommand(
  deps: BoardDeps,
  roster: Roster,
  args: string,
  askedIn: { takesFiles: false },
): Promise<ChatReply[]>;
async function boardPackCommand(
  deps: BoardDeps,
  roster: Roster,
  args: string,
  askedIn: AskedIn,
): Promise<BoardReply[]>;
async function boardPackCommand(
  deps: BoardDeps,
  roster: Roster,
  args: string,
  askedIn: AskedIn,
): Promise<BoardReply[]> {
  let term: string | undefined;
  if (args.trim()) {
    const read = readTerm(args, currentTerm(deps.round));
    if (!read.ok) return text(read.message);
    term = formatTermKey(read.term);
  }
  const outcome = await buildBoardPack(deps.round, roster, term);
  if (outcome.kind !== 'pack') return text(outcome.text);
  const label = outcome.pack.termLabel;
  if (askedIn.takesFiles && deps.renderer) {
    const file = await deps.renderer.render(outcome.pack, 'pdf');
    return [
      {
        kind: 'fileOffer',
        fileName: file.fileName,
        sizeInBytes: file.bytes.length,
        description: `${roster.trust.name}: the ${label} board pack (${file.format.toUpperCase()}).`,
        term: outcome.pack.term,
      },
    ];
  }
  if (!deps.packs) {
    return text(
      `This host keeps no files, so I can't write the ${label} board pack here. An administrator writes it with **npm run cli -- board-pack --term ${outcome.pack.term}**.`,
    );
  }
  const written = await deps.packs.write(outcome.pack, 'pdf');
  const kb = Math.max(1, Math.round(written.bytes / 1024));
  return text(
    `The ${label} board pack is written to ${written.path} (${written.format.toUpperCase()}, ${kb} KB)` +
      (written.format === 'html'
        ? ': no Chromium here to print a PDF, so it is HTML (print it from a browser).'
        : '.'),
  );
}

async function postSummaryCommand(deps: BoardDeps, roster: Roster, args: string): Promise<ChatReply[]> {
  const rounds = await deps.round.rounds.list();
  let round: Round | undefined;
  if (args.trim()) {
    const term = readTerm(args, currentTerm(deps.round));
    if (!term.ok) return text(term.message);
    const key = `${term.term.startYear}-${String((term.term.startYear + 1) % 100).padStart(2, '0')}-${term.term.term}`;
    round = rounds.find((candidate) => candidate.term === key);
    if (!round) return text(`There is no ${termLabel(key)} round, so there is no summary to post.`);
  } else {
    round = rounds.find((candidate) => candidate.status === 'open') ?? (await closedRounds(deps))[0];
    if (!round) return text('No round has been opened yet, so there is no summary to post.');
  }
  const outcome = await postBoardSummary(deps, roster, round);
  // The channel's name comes from the trust file: a chat message shows it escaped (the close card escapes its own).
  return text(postOutcomeText(outcome, md`${roster.trust.boardChannel}`));
}

/** The data of a drill-down button, checked; undefined for anything else. */
export function readBoardAction(
  data: unknown,
): { verb: BoardVerb; term: string; academy?: string; objective?: string } | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const record = data as Record<string, unknown>;
  const verb = BOARD_VERBS.find((candidate) => candidate === record.verb);
  if (!verb || typeof record.term !== 'string' || !/^\d{4}-\d{2}-(autumn|spring|summer)$/.test(record.term))
    return undefined;
  const academy = record[ACADEMY_PICKER_ID];
  const objective = record[OBJECTIVE_PICKER_ID];
  return {
    verb,
    term: record.term,
    ...(typeof academy === 'string' && /^\d{6,7}$/.test(academy) && { academy }),
    ...(typeof objective === 'string' && objective.length <= 100 && { objective }),
  };
}

/** Whether a card's data is a board button's (so the adapter routes it here). */
export function isBoardAction(data: unknown): boolean {
  const verb = (data as { verb?: unknown } | null)?.verb;
  return typeof verb === 'string' && (BOARD_VERBS as readonly string[]).includes(verb);
}

/** The evaluation with only the results the asker may see. */
function withinScope(evaluation: Evaluation, scope: Scope): Evaluation {
  return { ...evaluation, results: resultsOf(evaluation).filter((result) => inScope(result, scope)) };
}

/** Answers a drill-down button: the detail as a new card. The clicker's role decides, not the card. */
export async function boardAction(
  deps: BoardDeps,
  roster: Roster,
  known: KnownPerson,
  data: unknown,
): Promise<ChatReply> {
  const action = readBoardAction(data);
  if (!action) {
    deps.round.log.warn(`Refused ${known.person.email}: a board button with unreadable data`);
    return { kind: 'text', text: 'This card is out of date or damaged, so I did nothing.' };
  }
  if (!allowed('status', known)) {
    deps.round.log.warn(`Refused ${known.person.email} (${known.person.role}): ${action.verb}`);
    return { kind: 'text', text: 'Sorry, only heads, trustees and executives can see the plan’s status.' };
  }
  const scope = scopeOf(known, roster);
  const round = (await deps.round.rounds.list()).find((candidate) => candidate.term === action.term);
  const evaluation = !round
    ? undefined
    : round.status === 'open'
      ? await evaluateRound(deps.round, roster, round)
      : await deps.round.evaluations.get(round.term);
  if (!round || !evaluation)
    return { kind: 'text', text: `There is no evaluation of ${termLabel(action.term)} to show.` };
  if (action.verb === 'boardAcademy') {
    if (!action.academy)
      return { kind: 'text', text: 'Choose an academy first, then press **Show academy**.' };
    if (scope && !scope.has(action.academy)) {
      deps.round.log.warn(`Refused ${known.person.email}: detail of ${action.academy}`);
      return { kind: 'text', text: 'Sorry, you can see the detail of your own academy only.' };
    }
    return {
      kind: 'card',
      card: deps.cards.detail(
        academyStatusView(evaluation, action.academy, academyName(roster, action.academy)),
      ),
    };
  }
  if (action.verb === 'boardExceptions') {
    // The same exceptions as the summary, from the same standings; a head sees their own academy's only.
    const progress = await academyProgress(deps.round, roster, round);
    const open = round.status === 'open';
    const view = exceptionsView({
      evaluation: scope ? withinScope(evaluation, scope) : evaluation,
      progress: scope ? progress.filter((entry) => scope.has(entry.academy.urn)) : progress,
      trustOwners: trustOwnerNames(roster),
      provisional: open,
      ...(open && { openUntil: round.closesOn }),
    });
    return { kind: 'card', card: deps.cards.detail(view) };
  }
  if (action.verb === 'boardPrinciples') {
    if (principlesOf(evaluation).length === 0) return { kind: 'text', text: NO_PRINCIPLES };
    return { kind: 'card', card: deps.cards.detail(principlesView(evaluation, scope)) };
  }
  const objective = action.objective ? findObjective(evaluation, action.objective) : undefined;
  if (!objective) return { kind: 'text', text: 'Choose an objective first, then press **Show objective**.' };
  return { kind: 'card', card: deps.cards.detail(objectiveView(evaluation, objective, scope)) };
}

/**
 * `board pack [term]` asked where the client may take a file (`askedIn`): the offer of the file there,
 * the answer of boardCommand otherwise (a refusal, the file written and where).
 */
export async function boardPackReplies(
  deps: BoardDeps,
  roster: Roster,
  known: KnownPerson,
  args: string,
  askedIn: AskedIn,
): Promise<BoardReply[]> {
  if (!askedIn.takesFiles || !allowed('boardPack', known)) {
    return boardCommand(deps, roster, known, 'boardPack', args);
  }
  return boardPackCommand(deps, roster, args, askedIn);
}

/** The board pack to upload once the person accepted it, or why not (the words to send instead). */
export type BoardPackUpload =
  | { kind: 'file'; fileName: string; bytes: Uint8Array; contentType: string; sent: string; failed: string }
  | { kind: 'text'; text: string };

const TERM_KEY = /^\d{4}-\d{2}-(autumn|spring|summer)$/;

/**
 * The person accepted the board pack offered as a file: the document to upload, rendered again from the
 * stored evaluation (what the client sends back is only the term, and the clicker's role is checked
 * again, as for every button).
 */
export async function boardPackUpload(
  deps: BoardDeps,
  roster: Roster,
  known: KnownPerson,
  accepted: unknown,
): Promise<BoardPackUpload> {
  if (!allowed('boardPack', known)) {
    deps.round.log.warn(`Refused ${known.person.email} (${known.person.role}): a board pack upload`);
    return { kind: 'text', text: 'Sorry, only executives can have the board pack.' };
  }
  const term = (accepted as { term?: unknown } | null)?.term;
  if (typeof term !== 'string' || !TERM_KEY.test(term) || !deps.renderer) {
    return {
      kind: 'text',
      text: 'This file offer is out of date or damaged. Type **board pack** to have it again.',
    };
  }
  const outcome = await buildBoardPack(deps.round, roster, term);
  if (outcome.kind !== 'pack') return { kind: 'text', text: outcome.text };
  const file = await deps.renderer.render(outcome.pack, 'pdf');
  const label = outcome.pack.termLabel;
  return {
    kind: 'file',
    fileName: file.fileName,
    bytes: file.bytes,
    contentType: file.format === 'pdf' ? 'application/pdf' : 'text/html',
    sent: `Here is the ${label} board pack.`,
    failed: `I couldn't put the ${label} board pack in your OneDrive. Type **board pack** to try again.`,
  };
}

/** The person declined the board pack offered as a file. */
export function boardPackDeclined(): ChatReply {
  return { kind: 'text', text: 'Not sent. Type **board pack** when you want it.' };
}

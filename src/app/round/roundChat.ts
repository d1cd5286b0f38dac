/**
 * The round as people meet it in chat: the commands (figures, open round, missing, remind, excuse, round,
 * close round) and the card buttons (submit, save for later, edit, open, close). Each checks who is
 * asking; the answer is a value the Teams adapter sends or puts in place of the card.
 */
import type { TargetStatus } from '../../domain/evaluation/evaluation';
import { formatDateLabel } from '../../domain/evaluation/formatForTrustees';
import type { Roster } from '../../domain/roster/roster';
import { parseTermKey, readTermKey } from '../../domain/terms/termCalendar';
import { type CommandName, COMMANDS, commandText, parseCommand } from '../commands';
import { escapeMarkdown } from '../escapeMarkdown';
import type { KnownPerson } from '../identifyPerson';
import { isOutcomeUnknown, OUTCOME_UNKNOWN_TEXT } from '../storageFailure';
import { chatAnswer, chatSessionOf, startChatAnswers } from './chatAnswers';
import { closeRound, previewClose } from './closeRound';
import { excuseAcademy, unexcuseAcademy } from './excuseAcademy';
import { type HeadOutcome, saveDraft, showFigures, submitFigures } from './headFigures';
import { type AskedAcademy, openRound, ownerPromptKey, previewOpen } from './openRound';
import { ownerChatAnswer, startOwnerChatAnswers } from './ownerChatAnswers';
import { ownerCardAction, ownerContext, showOwnerFigures } from './ownerFigures';
import { ownerProgress } from './ownerProgress';
import { remindHeads } from './remindHeads';
import { recordShownCard } from './roundClosedCards';
import type { CardAttachment, RoundDeps } from './roundDeps';
import { academiesLedBy } from './roundPeople';
import { academyProgress, latestRound, roundProgressView } from './roundProgress';
import { currentTerm, readTerm, termLabel, trustNow } from './roundTerm';
import { ROUND_VERBS, type RoundVerb } from './roundViews';

/** Called with the message id once Teams shows a card (a figures card is recorded for the close). */
export type CardShown = (activityId: string) => Promise<void>;

export type ChatReply =
  { kind: 'text'; text: string } | { kind: 'card'; card: CardAttachment; shown?: CardShown };

/** The commands this module answers. */
export const ROUND_COMMANDS: ReadonlySet<CommandName> = new Set<CommandName>([
  'figures',
  'answerInChat',
  'openRound',
  'closeRound',
  'remind',
  'missing',
  'round',
  'excuse',
  'unexcuse',
]);

const NO_TRUST_FIGURES =
  'The open round asks you for no trust figures. Type **help** to see what you can do.';

function refusal(deps: RoundDeps, known: KnownPerson, what: string, who: string): ChatReply {
  deps.log.warn(`Refused ${known.person.email} (${known.person.role}): ${what}`);
  return { kind: 'text', text: `Sorry, only ${who} can ${what}. Type **help** to see what you can do.` };
}

function allowed(name: CommandName, known: KnownPerson): boolean {
  if (isOwnerCommand(name, known)) return true;
  return COMMANDS.find((command) => command.name === name)?.roles.includes(known.person.role) ?? false;
}

/**
 * `figures` and `answer in chat` are the heads' commands, and the help lists them for heads only; an
 * executive or administrator may use them too, for the trust figures they own (answered when they own
 * none this term).
 */
function isOwnerCommand(name: CommandName, known: KnownPerson): boolean {
  return (
    (name === 'figures' || name === 'answerInChat') &&
    (known.person.role === 'executive' || known.person.role === 'administrator')
  );
}

function headReplies(outcomes: HeadOutcome[], shown?: (index: number) => CardShown): ChatReply[] {
  return outcomes.map((outcome, index) =>
    outcome.kind === 'card'
      ? { kind: 'card', card: outcome.card, ...(shown && { shown: shown(index) }) }
      : { kind: 'text', text: outcome.text },
  );
}

/** Answers one of the round's commands. */
export async function roundCommand(
  deps: RoundDeps,
  roster: Roster,
  known: KnownPerson,
  name: CommandName,
  args: string,
): Promise<ChatReply[]> {
  if (!allowed(name, known)) {
    const what = commandText(COMMANDS.find((command) => command.name === name)?.usage ?? name);
    return [
      refusal(
        deps,
        known,
        `use **${what}**`,
        name === 'figures' || name === 'answerInChat' ? 'heads of academies' : 'executives',
      ),
    ];
  }
  const round = await latestRound(deps);
  switch (name) {
    case 'figures': {
      if (!round || round.status !== 'open') {
        return [
          {
            kind: 'text',
            text: "No round is open just now. I'll send you the card here when the next one opens.",
          },
        ];
      }
      if (known.person.role !== 'head') {
        // An owner of trust figures: their card across the academies (ownerFigures.ts).
        const owner = await ownerContext(deps, roster, known.person, round.term);
        if (!owner.ok) return [{ kind: 'text', text: NO_TRUST_FIGURES }];
        return headReplies([await showOwnerFigures(deps, roster, known.person, round.term)], () =>
          recordShownCard(deps, round.term, ownerPromptKey(known.person.email), conversationOf(known)),
        );
      }
      const academies = academiesLedBy(known.person, roster);
      if (academies.length === 0)
        return [{ kind: 'text', text: 'The roster does not name an academy you lead.' }];
      const outcomes = await Promise.all(
        academies.map((academy) =>
          showFigures(deps, roster, known.person, { term: round.term, urn: academy.urn }),
        ),
      );
      return headReplies(outcomes, (index) =>
        recordShownCard(deps, round.term, academies[index]?.urn ?? '', conversationOf(known)),
      );
    }
    case 'answerInChat':
      if (known.person.role !== 'head') {
        return (
          (await startOwnerChatAnswers(deps, roster, known.person)) ?? [
            { kind: 'text', text: NO_TRUST_FIGURES },
          ]
        );
      }
      return startChatAnswers(deps, roster, known.person);
    case 'openRound': {
      const term = readTerm(args, currentTerm(deps));
      if (!term.ok) return [{ kind: 'text', text: term.message }];
      const preview = await previewOpen(deps, roster, term.term);
      return [
        preview.kind === 'confirm'
          ? { kind: 'card', card: preview.card }
          : { kind: 'text', text: preview.text },
      ];
    }
    case 'closeRound': {
      const preview = await previewClose(deps, roster, round);
      return [
        preview.kind === 'confirm'
          ? { kind: 'card', card: preview.card }
          : { kind: 'text', text: preview.text },
      ];
    }
    case 'missing':
    case 'round': {
      if (!round)
        return [{ kind: 'text', text: 'No round has been opened yet. Type **open round** to open one.' }];
      const [progress, owners] = await Promise.all([
        academyProgress(deps, roster, round),
        ownerProgress(deps, roster, round),
      ]);
      const view = roundProgressView(round, progress, owners);
      return [{ kind: 'card', card: deps.cards.progress(view) }];
    }
    case 'remind': {
      if (!round || round.status !== 'open')
        return [{ kind: 'text', text: 'No round is open, so there is nobody to remind.' }];
      const result = await remindHeads(deps, roster, round, trustNow(deps).date);
      // Academies' names come from the roster file: shown as written, never as markdown.
      const names = (list: string[]): string => list.map(escapeMarkdown).join(', ');
      const lines = [
        result.reminded.length > 0
          ? `Reminded ${result.reminded.length}: ${names(result.reminded)}.`
          : 'Nobody needed a reminder just now.',
        result.alreadyToday.length > 0 ? `Already reminded today: ${names(result.alreadyToday)}.` : '',
        result.unreachable.length > 0 ? `Can't be reached: ${names(result.unreachable)}.` : '',
      ];
      return [{ kind: 'text', text: lines.filter(Boolean).join('\n\n') }];
    }
    case 'excuse':
      return [{ kind: 'text', text: await excuseAcademy(deps, roster, round, known.person, args) }];
    case 'unexcuse':
      return [{ kind: 'text', text: await unexcuseAcademy(deps, roster, round, known.person, args) }];
    default:
      return [{ kind: 'text', text: 'Type **help** to see what I can do.' }];
  }
}

/**
 * A head answering the round in chat: their message is the next answer (chatAnswers), unless it is a
 * command they may use (`help`, `figures`, `status` …), which is answered as usual while the walk waits.
 * Undefined when the message is not an answer.
 */
export async function chatReplyTo(
  deps: RoundDeps,
  roster: Roster,
  known: KnownPerson,
  text: string,
): Promise<ChatReply[] | undefined> {
  const command = parseCommand(text);
  if (command.kind === 'command' && allowed(command.name, known)) return undefined;
  if (known.person.role !== 'head') {
    // An owner of trust figures answering in chat (ownerChatAnswers.ts).
    if (known.person.role !== 'executive' && known.person.role !== 'administrator') return undefined;
    const current = await deps.chatSessions.get(known.person.email);
    return current?.owner ? ownerChatAnswer(deps, roster, known.person, current, text) : undefined;
  }
  const current = await chatSessionOf(deps, known.person);
  return current ? chatAnswer(deps, roster, known.person, current, text) : undefined;
}

/** The data of a round button, checked; undefined for anything else (a forged or foreign card). */
export function readRoundAction(data: unknown):
  | {
      verb: RoundVerb;
      term: string;
      urn?: string;
      early?: true;
      version?: string;
      page?: number;
      to?: number;
    }
  | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const { verb, term, urn, early, version, page, to } = data as Record<string, unknown>;
  const known = ROUND_VERBS.find((candidate) => candidate === verb);
  // readTermKey, not parseTermKey: a term outside the year window is as unreadable as a malformed one.
  if (!known || typeof term !== 'string' || !readTermKey(term).ok) return undefined;
  if (urn !== undefined && (typeof urn !== 'string' || !/^\d{6,7}$/.test(urn))) return undefined;
  // An ETag as storage writes it: printable ASCII, short.
  if (version !== undefined && (typeof version !== 'string' || !/^[\x20-\x7e]{0,200}$/.test(version)))
    return undefined;
  // An owner card's page numbers: small whole numbers from 0.
  const pageNumber = (value: unknown): value is number =>
    typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < 1000;
  if ((page !== undefined && !pageNumber(page)) || (to !== undefined && !pageNumber(to))) return undefined;
  return {
    verb: known,
    term,
    ...(typeof urn === 'string' ? { urn } : {}),
    ...(early === true ? { early } : {}),
    ...(typeof version === 'string' ? { version } : {}),
    ...(pageNumber(page) ? { page } : {}),
    ...(pageNumber(to) ? { to } : {}),
  };
}

/** Who the fan-out will not reach, as known when the round opened. */
function attentionLines(asked: readonly AskedAcademy[]): string[] {
  const noConversation = asked.flatMap(({ academy, head, reachable }) =>
    head && !reachable ? [`${head.name} (${academy.name})`] : [],
  );
  const noHead = asked.flatMap(({ academy, head }) => (head ? [] : [academy.name]));
  return [
    ...(noConversation.length > 0 ? [`Can't be messaged yet: ${noConversation.join(', ')}`] : []),
    ...(noHead.length > 0 ? [`No head on the roster: ${noHead.join(', ')}`] : []),
  ];
}

const STATUS_WORDS: [TargetStatus, string][] = [
  ['met', 'met'],
  ['onTrack', 'on track'],
  ['atRisk', 'at risk'],
  ['missed', 'missed'],
  ['noData', 'no data'],
];

/**
 * What the clicker is told when a card action failed on our side (storage unreachable or hanging, a bug).
 * A submission or a draft is one atomic write, and a write that got no answer is settled before the turn
 * fails (FigureStore.write), so after a failure nothing of it is stored and the same click stores it once;
 * when storage did not answer the settling either, the clicker is told it is not confirmed (`error`).
 * Other actions are idempotent, so pressing again finishes what was started.
 */
export function failedActionText(data: unknown, error?: unknown): string {
  if (isOutcomeUnknown(error)) return OUTCOME_UNKNOWN_TEXT;
  const verb = readRoundAction(data)?.verb;
  if (verb === 'submitFigures') {
    return "Sorry, I couldn't reach the trust's records just now, so nothing from this card was saved. Please press Submit again in a minute.";
  }
  if (verb === 'saveDraft') {
    return "Sorry, I couldn't reach the trust's records just now, so nothing from this card was saved. Please press Save for later again in a minute.";
  }
  return 'Sorry, something went wrong on my side and this may not have finished. Please press the button again in a minute; nothing will be done twice.';
}

/** Answers a round button. A card answer replaces the card it came from. */
export async function roundAction(
  deps: RoundDeps,
  roster: Roster,
  known: KnownPerson,
  data: Readonly<Record<string, unknown>>,
): Promise<ChatReply> {
  const action = readRoundAction(data);
  if (!action) {
    deps.log.warn(`Refused ${known.person.email}: a card action with unreadable data`);
    return {
      kind: 'text',
      text: 'This card is out of date or damaged, so I did nothing. Type **help** to start again.',
    };
  }
  const { verb, term } = action;
  if (verb === 'openRound' || verb === 'closeRound') {
    if (!allowed(verb, known)) {
      return refusal(deps, known, verb === 'openRound' ? 'open rounds' : 'close rounds', 'executives');
    }
    const ref = parseTermKey(term);
    if (!ref) return { kind: 'text', text: 'This card is out of date or damaged, so I did nothing.' };
    if (verb === 'openRound') {
      const outcome = await openRound(deps, roster, ref, known.person.email, { early: action.early });
      if (outcome.kind === 'refused') return { kind: 'text', text: outcome.text };
      if (outcome.kind === 'opened') {
        // Answered at once: the prompts are being queued by the fan-out, so the progress is not read
        // here (it would show nobody yet); `missing` shows it as it fills in.
        const prompting = outcome.asked.filter((entry) => entry.reachable).length;
        const lines = attentionLines(outcome.asked);
        return {
          kind: 'card',
          card: deps.cards.progress({
            ...roundProgressView(outcome.round, []),
            summaryLine:
              `Round opened for ${termLabel(outcome.round.term)}: prompting ${prompting} ${prompting === 1 ? 'head' : 'heads'} now; ` +
              `type **missing** to see who has their card. It closes at the end of ${formatDateLabel(outcome.round.closesOn)}.`,
            sections: lines.length > 0 ? [{ title: 'Needs attention', lines }] : [],
          }),
        };
      }
      const [academies, owners] = await Promise.all([
        academyProgress(deps, roster, outcome.round),
        ownerProgress(deps, roster, outcome.round),
      ]);
      const progress = roundProgressView(outcome.round, academies, owners);
      return {
        kind: 'card',
        card: deps.cards.progress({
          ...progress,
          summaryLine: `Already open: nobody was prompted twice. ${progress.summaryLine}.`,
        }),
      };
    }
    const outcome = await closeRound(deps, roster, term, known.person.email);
    if (outcome.kind !== 'closed') return { kind: 'text', text: outcome.text };
    const counts = outcome.evaluation.results.reduce<Partial<Record<TargetStatus, number>>>((acc, result) => {
      acc[result.status] = (acc[result.status] ?? 0) + 1;
      return acc;
    }, {});
    // The owners of trust figures beside the academies, as `missing` lists them.
    const [academies, owners] = await Promise.all([
      academyProgress(deps, roster, outcome.round),
      ownerProgress(deps, roster, outcome.round),
    ]);
    const progress = roundProgressView(outcome.round, academies, owners);
    return {
      kind: 'card',
      card: deps.cards.progress({
        ...progress,
        summaryLine: `Round closed; the plan was evaluated: ${STATUS_WORDS.map(([status, word]) => `${counts[status] ?? 0} ${word}`).join(', ')}.`,
        sections: [
          ...(outcome.afterClose ? [{ title: 'Board summary', lines: [outcome.afterClose] }] : []),
          ...progress.sections,
        ],
      }),
    };
  }
  const urn = action.urn;
  if (!urn) {
    // A card about no academy is an owner's: their trust figures across the academies (ownerFigures.ts).
    if (verb === 'answerInChat') {
      const replies = await startOwnerChatAnswers(deps, roster, known.person);
      return replies?.[0] ?? { kind: 'text', text: NO_TRUST_FIGURES };
    }
    const outcome = await ownerCardAction(deps, roster, known.person, verb, action, data);
    return outcome.kind === 'card'
      ? {
          kind: 'card',
          card: outcome.card,
          shown: recordShownCard(deps, term, ownerPromptKey(known.person.email), conversationOf(known)),
        }
      : { kind: 'text', text: outcome.text };
  }
  if (verb === 'showPage') {
    // Only an owner's card has pages.
    return { kind: 'text', text: 'This card is out of date or damaged, so I did nothing.' };
  }
  if (verb === 'answerInChat') {
    // The first question comes as a new message; the card stays as it is, to go back to.
    const replies = await startChatAnswers(deps, roster, known.person, { term, urn });
    return replies[0] ?? { kind: 'text', text: 'Type **answer in chat** to start again.' };
  }
  const target = { term, urn, ...(action.version !== undefined ? { version: action.version } : {}) };
  let outcome: HeadOutcome;
  if (verb === 'submitFigures') outcome = await submitFigures(deps, roster, known.person, target, data);
  else if (verb === 'saveDraft') outcome = await saveDraft(deps, roster, known.person, target, data);
  else outcome = await showFigures(deps, roster, known.person, target, { edit: true });
  return outcome.kind === 'card'
    ? { kind: 'card', card: outcome.card, shown: recordShownCard(deps, term, urn, conversationOf(known)) }
    : { kind: 'text', text: outcome.text };
}

/** The person's 1:1 chat, as the conversation store keys it. */
function conversationOf(known: KnownPerson): string {
  return `person:${known.person.email}`;
}

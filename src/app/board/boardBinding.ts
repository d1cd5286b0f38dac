/**
 * Which channel is the board's. Every summary carries every academy's figures, so the channel is bound
 * deliberately, by its team and channel ids: an executive confirms it once on a card the bot posts in a
 * channel named like trust.yaml's `boardChannel`, or the host binds it as configuration (`npm start`
 * binds the playground's). A channel's name alone never makes it the board's: a second "Board" in any
 * other team is ignored, and the executives are told about it once.
 */
import type { Roster } from '../../domain/roster/roster';
import type { KnownPerson } from '../identifyPerson';
import type { BoardBinding, StoredConversation } from '../ports';
import { quoteUserText } from '../quoteUserText';
import type { ChatReply } from '../round/roundChat';
import type { BoardDeps } from './boardDeps';

/** The verb of the card's Confirm button. */
export const BIND_BOARD_VERB = 'bindBoardChannel';

export interface BoardBindingAction {
  verb: typeof BIND_BOARD_VERB;
  /** The stored conversation of the channel the card was posted in. */
  conversationKey: string;
}

/** What the confirmation card shows: the question with its Confirm button, or, once answered, the answer. */
export interface BoardBindingView {
  channelName: string;
  teamName?: string;
  /** The Confirm button's data, while the channel waits for an executive. */
  action?: BoardBindingAction;
  /** Once an executive pressed Confirm: whether this channel is the board's, and what to say. */
  answered?: { bound: boolean; text: string };
}

/** Where the board's summaries go, as far as the bot knows. */
export type BoardChannelState =
  | { kind: 'unbound' }
  /** Bound, but the channel's conversation is not stored (or Teams refused it): the app is not in that team. */
  | { kind: 'unavailable'; binding: BoardBinding; unreachable?: { status: number; at: string } }
  | { kind: 'bound'; binding: BoardBinding; conversation: StoredConversation };

const sameName = (a: string | undefined, b: string): boolean =>
  a !== undefined && a.normalize('NFC').trim().toLowerCase() === b.normalize('NFC').trim().toLowerCase();

/** A stored channel's Teams id: recorded since ids are kept; earlier records have it in their key. */
export function channelIdOf(conversation: StoredConversation): string | undefined {
  if (conversation.kind !== 'channel') return undefined;
  if (conversation.channelId) return conversation.channelId;
  const fromKey = conversation.key.slice('channel:'.length);
  return fromKey.startsWith('sha256-') ? undefined : fromKey;
}

/** Whether the stored channel is the bound one: the same channel id in the same team. */
export function isBoundChannel(binding: BoardBinding, conversation: StoredConversation): boolean {
  return channelIdOf(conversation) === binding.channelId && conversation.teamId === binding.teamId;
}

/** The bound board channel and its stored conversation. */
export async function boardChannelState(deps: BoardDeps): Promise<BoardChannelState> {
  const binding = await deps.bindings.get();
  if (!binding) return { kind: 'unbound' };
  const conversation = await deps.round.conversations.get(binding.conversationKey);
  if (!conversation || !isBoundChannel(binding, conversation)) return { kind: 'unavailable', binding };
  if (conversation.unreachable) {
    const { status, at } = conversation.unreachable;
    return { kind: 'unavailable', binding, unreachable: { status, at } };
  }
  return { kind: 'bound', binding, conversation };
}

/** "Board in team Thrive Trust Board, confirmed by ceo@… on 2026-12-07", for executives and `roster check`. */
export function describeBinding(binding: BoardBinding): string {
  const how =
    binding.how === 'executive'
      ? `confirmed by ${binding.by} on ${binding.at.slice(0, 10)}`
      : `bound by ${binding.by} (configuration) on ${binding.at.slice(0, 10)}`;
  return `channel ${binding.channelName ? `"${binding.channelName}" ` : ''}(${binding.channelId}) in team ${binding.teamId}, ${how}`;
}

function where(conversation: StoredConversation): string {
  const channel = conversation.channelName ? `"${quoteUserText(conversation.channelName)}"` : 'a channel';
  const team = conversation.teamName
    ? `the team "${quoteUserText(conversation.teamName)}"`
    : `team ${quoteUserText(conversation.teamId ?? '(unknown)', 80)}`;
  return `${channel} in ${team}`;
}

/** Tells each executive, once per channel, that a channel named like the board's is not the board's. */
async function tellExecutivesIgnored(
  deps: BoardDeps,
  roster: Roster,
  conversation: StoredConversation,
  binding: BoardBinding,
): Promise<void> {
  const at = deps.round.clock();
  if (!(await deps.bindings.claimNotice('executivesTold', conversation.key, at))) return;
  const text =
    `The app was added where there is a channel named like the board's: ${where(conversation)}. ` +
    `It is not the board channel, so nothing is posted there: the board channel is ` +
    `${binding.channelName ? `"${quoteUserText(binding.channelName)}"` : 'the one'} in team ` +
    `${quoteUserText(binding.teamId, 80)}, bound on ${binding.at.slice(0, 10)}. ` +
    'If that is not expected, ask who added the app there; `npm run cli -- roster check` shows the binding.';
  deps.round.log.warn(
    `Ignored a second board-named channel ${conversation.key} (team ${conversation.teamId ?? 'unknown'}); executives told.`,
  );
  for (const executive of roster.people.filter((person) => person.role === 'executive')) {
    await deps.round.outbox.enqueue({
      id: `board-ignored:${conversation.key}:${executive.email}`,
      conversationKey: `person:${executive.email}`,
      activity: { type: 'message', text },
    });
  }
}

/**
 * A channel conversation was stored. One named like the board's is either the bound channel (nothing
 * to do), another team's (ignored; the executives are told once), or, while nothing is bound, a
 * candidate: the bot asks in it, once, for an executive to confirm it.
 */
export async function noticeBoardCandidate(
  deps: BoardDeps,
  roster: Roster,
  conversation: StoredConversation,
): Promise<void> {
  if (conversation.kind !== 'channel' || !sameName(conversation.channelName, roster.trust.boardChannel))
    return;
  const binding = await deps.bindings.get();
  if (binding) {
    if (!isBoundChannel(binding, conversation))
      await tellExecutivesIgnored(deps, roster, conversation, binding);
    return;
  }
  if (!channelIdOf(conversation) || !conversation.teamId) return;
  if (!(await deps.bindings.claimNotice('confirmationAsked', conversation.key, deps.round.clock()))) return;
  const view: BoardBindingView = {
    channelName: conversation.channelName ?? roster.trust.boardChannel,
    ...(conversation.teamName && { teamName: conversation.teamName }),
    action: { verb: BIND_BOARD_VERB, conversationKey: conversation.key },
  };
  await deps.round.outbox.enqueue({
    id: `board-confirm:${conversation.key}`,
    conversationKey: conversation.key,
    activity: { type: 'message', attachments: [deps.cards.bindConfirm(view)] },
  });
}

export function isBoardBindingAction(data: unknown): boolean {
  return (data as { verb?: unknown } | null)?.verb === BIND_BOARD_VERB;
}

/** Whether a stored binding is the one just attempted: the same channel, by the same person, at the same instant. */
function isSameBinding(a: BoardBinding, b: BoardBinding): boolean {
  return a.teamId === b.teamId && a.channelId === b.channelId && a.by === b.by && a.at === b.at;
}

/**
 * The Confirm button on the card in a channel (an Action.Submit, or an Action.Execute on a card posted
 * before): only an executive (roster role), pressing it in that channel (`from`: the conversation key the
 * press came from), binds it; the first confirmation wins. A refusal is a text, so the card stays for an
 * executive; an executive's press is answered with the card that replaces the pressed one, saying what
 * the channel now is, and without a button. A second press, a replay or a stale card stores nothing and
 * gets the same answer.
 */
export async function confirmBoardChannel(
  deps: BoardDeps,
  roster: Roster,
  known: KnownPerson,
  data: unknown,
  from: string | undefined,
): Promise<ChatReply> {
  const text = (message: string): ChatReply => ({ kind: 'text', text: message });
  const key = (data as { conversationKey?: unknown } | null)?.conversationKey;
  if (known.person.role !== 'executive') {
    deps.round.log.warn(
      `Refused ${known.person.email} (${known.person.role}): only an executive binds the board channel`,
    );
    return text('Only an executive of the trust can confirm the board channel.');
  }
  if (typeof key !== 'string' || key !== from) {
    return text('This card is out of date or damaged, so I did nothing.');
  }
  const conversation = await deps.round.conversations.get(key);
  const channelId = conversation && channelIdOf(conversation);
  if (!conversation || !channelId || !conversation.teamId) {
    return text(
      "I don't know this channel's team yet, so I can't bind it; remove the app from the team and add it again.",
    );
  }
  const attempted: BoardBinding = {
    teamId: conversation.teamId,
    channelId,
    conversationKey: key,
    ...(conversation.channelName && { channelName: conversation.channelName }),
    how: 'executive',
    by: known.person.email,
    at: deps.round.clock().toISOString(),
  };
  const binding = await deps.bindings.bind(attempted);
  const answered = (bound: boolean, said: string): ChatReply => ({
    kind: 'card',
    card: deps.cards.bindConfirm({
      channelName: conversation.channelName ?? roster.trust.boardChannel,
      ...(conversation.teamName && { teamName: conversation.teamName }),
      answered: { bound, text: said },
    }),
  });
  if (!isBoundChannel(binding, conversation)) {
    return answered(
      false,
      `The board channel is already bound: ${describeBinding(binding)}. Nothing is posted here.`,
    );
  }
  if (isSameBinding(binding, attempted)) {
    deps.round.log.info(`Board channel bound: ${describeBinding(binding)}.`);
    // Candidates that asked before this one was confirmed are now other teams' channels: say so once.
    for (const other of await deps.round.conversations.list('channel')) {
      if (!isBoundChannel(binding, other) && sameName(other.channelName, roster.trust.boardChannel)) {
        await tellExecutivesIgnored(deps, roster, other, binding);
      }
    }
  }
  const by = roster.people.find((person) => person.email === binding.by)?.name ?? binding.by;
  const how =
    binding.how === 'executive' ? `confirmed by ${by} on ${binding.at.slice(0, 10)}` : `bound by ${by}`;
  return answered(
    true,
    `This channel is now the board channel: the ${roster.trust.boardChannel} summaries are posted here (${how}).`,
  );
}

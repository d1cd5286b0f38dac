/**
 * Installs and the conversations the bot keeps: a person's 1:1 chat, group chats and team channels with
 * a roster person in them, and the board's channel found among a team's channels.
 */
import type { Application } from '@microsoft/teams-ai/lib/Application';
import type { TurnState } from '@microsoft/teams-ai/lib/TurnState';
import { TeamsInfo, type TurnContext } from 'botbuilder';

import { identifyPerson, type KnownPerson } from '../../app/identifyPerson';
import type { StoredConversation } from '../../app/ports';
import { shortenUserText } from '../../app/quoteUserText';
import type { Roster } from '../../domain/roster/roster';
import type { BotDeps } from './botDeps';
import {
  channelConversation,
  conversationFor,
  MAX_NAME_LENGTH,
  referenceOf,
  type TeamsChannelData,
} from './conversationCapture';
import { helpReply } from './helpReply';
import { identifySender } from './identifySender';
import { lookup } from './turnHelpers';

/**
 * Whether a roster person is in the conversation: the sender, or (for a stranger who added the bot to
 * a chat or team) someone in the first page of its members. Nothing is kept about a conversation with
 * no roster person in it.
 */
async function rosterPersonPresent(
  context: TurnContext,
  roster: Roster,
  known: KnownPerson | undefined,
): Promise<boolean> {
  if (known) return true;
  if (context.activity.conversation.conversationType === 'personal') return false;
  if (context.activity.channelId !== 'msteams') return false;
  const page = await lookup(() => TeamsInfo.getPagedMembers(context, 100));
  const members: unknown = page?.members;
  if (!Array.isArray(members)) return false;
  return members.some((member: unknown) => {
    if (typeof member !== 'object' || member === null) return false;
    const { aadObjectId, email, userPrincipalName } = member as Record<string, unknown>;
    return (
      identifyPerson(roster, {
        ...(typeof aadObjectId === 'string' && { aadObjectId }),
        ...(typeof email === 'string'
          ? { email }
          : typeof userPrincipalName === 'string' && { email: userPrincipalName }),
      }) !== undefined
    );
  });
}

const sameName = (a: string | undefined, b: string): boolean =>
  a !== undefined && a.normalize('NFC').trim().toLowerCase() === b.normalize('NFC').trim().toLowerCase();

/**
 * The team the board channel belongs to, once known: a channel named like the board's in any other
 * team is not the board's, whoever added the bot there.
 */
async function boardTeamId(deps: BotDeps, boardChannel: string): Promise<string | undefined> {
  const channels = await deps.conversations.list('channel');
  return channels.find((channel) => sameName(channel.channelName, boardChannel) && channel.teamId)?.teamId;
}

/** Drops the board's name from a channel of another team, so it cannot pass for the board channel. */
async function withoutBorrowedBoardName(
  deps: BotDeps,
  conversation: StoredConversation,
  boardChannel: string,
): Promise<StoredConversation> {
  if (conversation.kind !== 'channel' || !sameName(conversation.channelName, boardChannel))
    return conversation;
  const pinned = await boardTeamId(deps, boardChannel);
  if (pinned === undefined || pinned === conversation.teamId) return conversation;
  deps.log.warn(
    `A channel named "${shortenUserText(boardChannel)}" in team ${shortenUserText(conversation.teamId ?? '(unknown)')} ` +
      `is not the board channel, which is in team ${shortenUserText(pinned)}; it is kept without that name.`,
  );
  const { channelName: _borrowed, ...rest } = conversation;
  return rest;
}

/** Keeps (or refreshes) the turn's conversation, when it may be kept: see conversationFor. */
export async function remember(
  deps: BotDeps,
  context: TurnContext,
  roster: Roster,
  known: KnownPerson | undefined,
): Promise<void> {
  if (!deps.serviceUrls.allows(context.activity.serviceUrl)) return;
  const captured = conversationFor(context.activity, known, deps.clock());
  if (!captured) return;
  if (!(await rosterPersonPresent(context, roster, known))) return;
  const conversation = await withoutBorrowedBoardName(deps, captured, roster.trust.boardChannel);
  const existing = await deps.conversations.get(conversation.key);
  const unchanged =
    existing &&
    !existing.unreachable &&
    JSON.stringify(existing.reference) === JSON.stringify(conversation.reference) &&
    existing.channelName === conversation.channelName &&
    existing.teamId === conversation.teamId;
  if (!unchanged) await deps.conversations.save(conversation);
}

/**
 * Teams tells a bot about its install in a team from the General channel only; the board's channel is
 * found by name among the team's channels so summaries can be posted there without anyone messaging it.
 * Only called once remember() has found a roster person in the team.
 */
async function rememberBoardChannel(
  deps: BotDeps,
  context: TurnContext,
  boardChannel: string,
): Promise<void> {
  const answer: unknown = await lookup(() => TeamsInfo.getTeamChannels(context));
  if (!Array.isArray(answer)) {
    deps.log.warn(`Could not list the team's channels to find "${shortenUserText(boardChannel)}".`);
    return;
  }
  // Teams' answer is read defensively: an entry without a text id or name is skipped.
  const board = answer.find(
    (channel: unknown): channel is { id: string; name: string } =>
      typeof channel === 'object' &&
      channel !== null &&
      typeof (channel as { id?: unknown }).id === 'string' &&
      (channel as { id: string }).id !== '' &&
      typeof (channel as { name?: unknown }).name === 'string' &&
      sameName((channel as { name: string }).name, boardChannel),
  );
  if (!board) return;
  const teamId = (context.activity.channelData as TeamsChannelData | undefined)?.team?.id;
  const reference = referenceOf(context.activity);
  const conversation = {
    ...(reference.conversation as object),
    id: board.id,
    name: board.name.slice(0, MAX_NAME_LENGTH),
  };
  const stored = await withoutBorrowedBoardName(
    deps,
    channelConversation(board.id, board.name, { ...reference, conversation }, deps.clock(), teamId),
    boardChannel,
  );
  if (stored.channelName === undefined) return;
  await deps.conversations.save(stored);
}

/** Whether the conversation was stored (or already was): the board channel is only looked for then. */
async function isRemembered(deps: BotDeps, context: TurnContext): Promise<boolean> {
  const conversation = conversationFor(context.activity, undefined, deps.clock());
  return conversation !== undefined && (await deps.conversations.get(conversation.key)) !== undefined;
}

/** The bot added to a chat or team: keep the conversation, find the board channel, welcome a person. */
export function addInstallRoutes(app: Application<TurnState>, deps: BotDeps): void {
  app.conversationUpdate('membersAdded', async (context) => {
    const botId = context.activity.recipient.id;
    const botAdded = (context.activity.membersAdded ?? []).some((member) => member.id === botId);
    if (!botAdded) return;
    const { roster, known } = await identifySender(deps, context);
    if (!roster) return;
    await remember(deps, context, roster, known);
    if (context.activity.conversation.conversationType === 'channel' && (await isRemembered(deps, context))) {
      await rememberBoardChannel(deps, context, roster.trust.boardChannel);
    }
    if (context.activity.conversation.conversationType === 'personal' && known) {
      const day = deps.clock().toISOString().slice(0, 10);
      await deps.outbox.enqueue({
        id: `welcome:${known.person.email}:${day}`,
        conversationKey: `person:${known.person.email}`,
        activity: { type: 'message', attachments: [helpReply(deps, roster, known)] },
      });
    }
  });
}

/**
 * Installs and the conversations the bot keeps: a person's 1:1 chat, group chats and team channels with
 * a roster person in them, and the board's channel found among a team's channels.
 */
import type { Application } from '@microsoft/teams-ai/lib/Application';
import type { TurnState } from '@microsoft/teams-ai/lib/TurnState';
import { TeamsInfo, type TurnContext } from 'botbuilder';

import { noticeBoardCandidate } from '../../app/board/boardBinding';
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
  const existing = await deps.conversations.get(captured.key);
  // An activity that does not name the team (or the channel's name) keeps what an earlier one said: the
  // board channel is bound by its team, and a message without that detail must not unbind it.
  const conversation: StoredConversation = {
    ...captured,
    ...(captured.teamId === undefined && existing?.teamId !== undefined && { teamId: existing.teamId }),
    ...(captured.teamName === undefined &&
      existing?.teamName !== undefined && { teamName: existing.teamName }),
    ...(captured.channelName === undefined &&
      existing?.channelName !== undefined && { channelName: existing.channelName }),
  };
  const unchanged =
    existing &&
    !existing.unreachable &&
    JSON.stringify(existing.reference) === JSON.stringify(conversation.reference) &&
    existing.channelName === conversation.channelName &&
    existing.teamId === conversation.teamId &&
    existing.channelId === conversation.channelId;
  if (unchanged) return;
  await deps.conversations.save(conversation);
  await noticeBoardCandidate(deps.board, roster, conversation);
}

/**
 * Teams tells a bot about its install in a team from the General channel only; a channel named like
 * the board's is looked for among the team's channels and kept, so the bot can ask there for an
 * executive to confirm it (boardBinding) and post there once bound, without anyone messaging it.
 * Only called once remember() has found a roster person in the team.
 */
async function rememberBoardChannel(deps: BotDeps, context: TurnContext, roster: Roster): Promise<void> {
  const boardChannel = roster.trust.boardChannel;
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
  const team = (context.activity.channelData as TeamsChannelData | undefined)?.team;
  const reference = referenceOf(context.activity);
  const conversation = {
    ...(reference.conversation as object),
    id: board.id,
    name: board.name.slice(0, MAX_NAME_LENGTH),
  };
  const stored = channelConversation(
    board.id,
    board.name,
    { ...reference, conversation },
    deps.clock(),
    team?.id,
    team?.name,
  );
  await deps.conversations.save(stored);
  await noticeBoardCandidate(deps.board, roster, stored);
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
      await rememberBoardChannel(deps, context, roster);
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

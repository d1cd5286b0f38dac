/**
 * The bot's Teams behaviour, wired onto teams-ai's Application. It translates Teams activities into
 * the use cases in src/app and their answers back into messages and cards; no decisions live here.
 */
import { createHash } from 'node:crypto';

// Deep imports: teams-ai's index loads its AI planner and tokenizers, which a turn of this bot never uses.
import { Application } from '@microsoft/teams-ai/lib/Application';
import type { TeamsAdapter } from '@microsoft/teams-ai/lib/TeamsAdapter';
import { TurnState } from '@microsoft/teams-ai/lib/TurnState';
import { type Activity, TeamsInfo, TurnContext } from 'botbuilder';

import { boardDetailCard } from '../../../cards/boardDetailCard';
import { helpCard } from '../../../cards/helpCard';
import { BOARD_COMMANDS, boardAction, boardCommand, isBoardAction } from '../../app/board/boardChat';
import type { BoardDeps } from '../../app/board/boardDeps';
import { closestCommands, parseCommand } from '../../app/commands';
import { helpFor, roleLabel } from '../../app/helpFor';
import { identifyPerson, type KnownPerson } from '../../app/identifyPerson';
import type { ActivityLog, ConversationStore, Logger, Outbox, StoredConversation } from '../../app/ports';
import { quoteUserText, shortenUserText } from '../../app/quoteUserText';
import type { RosterDirectory } from '../../app/rosterDirectory';
import {
  type ChatReply,
  failedActionText,
  ROUND_COMMANDS,
  roundAction,
  roundCommand,
} from '../../app/round/roundChat';
import type { RoundDeps } from '../../app/round/roundDeps';
import type { Roster } from '../../domain/roster/roster';
import type { ServiceUrlAllowList } from './serviceUrlAllowList';

export interface BotDeps {
  roster: RosterDirectory;
  conversations: ConversationStore;
  activityLog: ActivityLog;
  outbox: Outbox;
  clock: () => Date;
  log: Logger;
  /** The termly round's use cases and what they work with. */
  round: RoundDeps;
  /** The board summary and status on demand. */
  board: BoardDeps;
  /**
   * The Bot Connector URLs the bot may store and call. The HTTP edge refuses other activities already;
   * this keeps a turn that arrives another way (tests, a future host) from storing or calling one.
   */
  serviceUrls: ServiceUrlAllowList;
  /** Absent in tests that drive the application through botbuilder's TestAdapter. */
  adapter?: TeamsAdapter;
  botAppId?: string;
}

/** Teams ids of a channel conversation carry the thread after `;messageid=`; posts go to the channel root. */
function channelRoot(conversationId: string): string {
  return conversationId.split(';')[0] ?? conversationId;
}

/** Teams caps channel and chat names at 50 characters; longer text did not come from Teams' own UI. */
const MAX_NAME_LENGTH = 256;

function boundedName<T extends { name?: string }>(account: T | undefined): T | undefined {
  if (!account || typeof account.name !== 'string' || account.name.length <= MAX_NAME_LENGTH) return account;
  return { ...account, name: account.name.slice(0, MAX_NAME_LENGTH) };
}

function referenceOf(activity: Activity): Record<string, unknown> {
  const reference = TurnContext.getConversationReference(activity) as Record<string, unknown>;
  const conversation = boundedName({ ...activity.conversation, id: channelRoot(activity.conversation.id) });
  // The activity id only ties the reference to one message; proactive sends must start fresh.
  delete reference.activityId;
  // Names are only for people reading Storage Explorer; a huge one must not make the reference unstorable.
  return {
    ...reference,
    user: boundedName(reference.user as { name?: string } | undefined),
    bot: boundedName(reference.bot as { name?: string } | undefined),
    conversation,
  };
}

/** Ids that would not fit a Table key (512 units with the key's prefix and escapes) are keyed by a hash. */
function keyPart(id: string): string {
  return id.length <= 200 ? id : `sha256-${createHash('sha256').update(id, 'utf8').digest('hex')}`;
}

/** Teams answers member and channel lookups well within this; a slower answer is treated as none. */
const LOOKUP_TIMEOUT_MS = 3000;

/** The lookup's answer, or undefined when it fails or takes longer than LOOKUP_TIMEOUT_MS. */
async function lookup<T>(call: () => Promise<T>): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), LOOKUP_TIMEOUT_MS);
  });
  try {
    return await Promise.race([call().catch(() => undefined), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The sender's email or UPN from Teams' members API, when the client implements it. */
async function senderEmail(context: TurnContext): Promise<string | undefined> {
  if (context.activity.channelId !== 'msteams') return undefined;
  // Not every client implements the members API; the object id alone still identifies roster people.
  const member = await lookup(() => TeamsInfo.getMember(context, context.activity.from.id));
  const email: unknown = member?.email ?? member?.userPrincipalName;
  return typeof email === 'string' ? email : undefined;
}

interface TeamsChannelData {
  channel?: { id?: string; name?: string };
  team?: { id?: string };
}

/**
 * The channel's display name. Teams names it in channelData on messages; install events may carry it on
 * the conversation instead; the General channel has no name, but its id is the team's id.
 */
function channelNameOf(activity: Activity, channelId: string): string | undefined {
  const channelData = activity.channelData as TeamsChannelData | undefined;
  const named = channelData?.channel?.name ?? activity.conversation.name;
  if (named) return named;
  return channelData?.team?.id === channelId ? 'General' : undefined;
}

function channelConversation(
  id: string,
  name: string | undefined,
  reference: Record<string, unknown>,
  at: Date,
  teamId: string | undefined,
): StoredConversation {
  const stored: StoredConversation = {
    key: `channel:${keyPart(id)}`,
    kind: 'channel',
    reference,
    updatedAt: at.toISOString(),
  };
  if (name) stored.channelName = name.slice(0, MAX_NAME_LENGTH);
  if (teamId) stored.teamId = teamId;
  return stored;
}

function conversationFor(
  activity: Activity,
  known: KnownPerson | undefined,
  at: Date,
): StoredConversation | undefined {
  const type = activity.conversation.conversationType;
  const reference = referenceOf(activity);
  const updatedAt = at.toISOString();
  if (type === 'channel') {
    const channelData = activity.channelData as TeamsChannelData | undefined;
    const id = channelData?.channel?.id ?? channelRoot(activity.conversation.id);
    return channelConversation(id, channelNameOf(activity, id), reference, at, channelData?.team?.id);
  }
  if (type === 'groupChat') {
    return { key: `group:${keyPart(activity.conversation.id)}`, kind: 'groupChat', reference, updatedAt };
  }
  // Only roster people: nothing is kept about someone the bot does not know.
  if (!known) return undefined;
  return {
    key: `person:${known.person.email}`,
    kind: 'personal',
    personEmail: known.person.email,
    reference,
    updatedAt,
  };
}

/** The key under which an incoming activity is claimed, so a re-send is recognised. */
function activityKey(activity: Activity): string | undefined {
  return activity.id
    ? `${activity.channelId}:${channelRoot(activity.conversation.id)}:${activity.id}`
    : undefined;
}

function toActivity(reply: ChatReply): Partial<Activity> {
  return reply.kind === 'card' ? { attachments: [reply.card] } : { text: reply.text };
}

/**
 * Answers an Action.Submit: a card replaces the card that was clicked when the client says which one
 * (replyToId), as Action.Execute would; otherwise, and for text, it is sent as a new message.
 */
async function replaceOrSend(context: TurnContext, reply: ChatReply): Promise<void> {
  const replyToId = context.activity.replyToId;
  if (reply.kind === 'card' && replyToId) {
    try {
      await context.updateActivity({ type: 'message', id: replyToId, attachments: [reply.card] });
      return;
    } catch {
      // Not every client can update a message; a new one carries the same card.
    }
  }
  await context.sendActivity(toActivity(reply));
}

/** The data of an Action.Submit (a message carrying the card's data with a verb), if it is one. */
function cardData(activity: Partial<Activity>): Record<string, unknown> | undefined {
  const value = activity.value as Record<string, unknown> | undefined;
  return activity.type === 'message' &&
    !activity.text &&
    value &&
    typeof value === 'object' &&
    typeof value.verb === 'string'
    ? value
    : undefined;
}

/** Runs `step`, reporting whether it finished; used where a failure must not become another one. */
async function safely(step: () => unknown): Promise<boolean> {
  try {
    await step();
    return true;
  } catch {
    return false;
  }
}

/** Creates the Teams application: routes for installs, messages, card actions and errors. */
export function createBotApplication(deps: BotDeps): Application<TurnState> {
  const app = new Application<TurnState>({
    adapter: deps.adapter,
    botAppId: deps.botAppId,
    removeRecipientMention: true,
    startTypingTimer: false,
    longRunningMessages: false,
  });

  // Teams re-sends an activity it got no answer to within 15 s: handle each activity once.
  app.turn('beforeTurn', async (context) => {
    // Card actions are idempotent by content (the same figures store once) and must always be answered:
    // a repeat that got no invoke response would show the head an error.
    if (context.activity.type === 'invoke') return true;
    const key = activityKey(context.activity);
    if (!key) return true;
    const first = await deps.activityLog.claim(key, deps.clock());
    if (!first) {
      deps.log.info(
        `Activity ${shortenUserText(context.activity.id ?? '', 80)} was already handled; ignoring the repeat.`,
      );
    }
    return first;
  });

  async function whoIsThis(context: TurnContext): Promise<{ roster?: Roster; known?: KnownPerson }> {
    const roster = await deps.roster.current();
    if (!roster) return {};
    const aadObjectId = context.activity.from.aadObjectId;
    // The object id is on every Teams activity. The email costs a call to Teams (with the connector's
    // retries when Teams is slow), so it is asked for only when it could find someone: when the roster
    // lists people without an object id. A stranger's message then costs no call at all.
    const byEmailOnly = roster.people.some((person) => !person.aadObjectId);
    const known =
      identifyPerson(roster, { aadObjectId }) ??
      (byEmailOnly && deps.serviceUrls.allows(context.activity.serviceUrl)
        ? identifyPerson(roster, { aadObjectId, email: await senderEmail(context) })
        : undefined);
    return { roster, known };
  }

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
  async function boardTeamId(boardChannel: string): Promise<string | undefined> {
    const channels = await deps.conversations.list('channel');
    return channels.find((channel) => sameName(channel.channelName, boardChannel) && channel.teamId)?.teamId;
  }

  /** Drops the board's name from a channel of another team, so it cannot pass for the board channel. */
  async function withoutBorrowedBoardName(
    conversation: StoredConversation,
    boardChannel: string,
  ): Promise<StoredConversation> {
    if (conversation.kind !== 'channel' || !sameName(conversation.channelName, boardChannel))
      return conversation;
    const pinned = await boardTeamId(boardChannel);
    if (pinned === undefined || pinned === conversation.teamId) return conversation;
    deps.log.warn(
      `A channel named "${shortenUserText(boardChannel)}" in team ${shortenUserText(conversation.teamId ?? '(unknown)')} ` +
        `is not the board channel, which is in team ${shortenUserText(pinned)}; it is kept without that name.`,
    );
    const { channelName: _borrowed, ...rest } = conversation;
    return rest;
  }

  async function remember(
    context: TurnContext,
    roster: Roster,
    known: KnownPerson | undefined,
  ): Promise<void> {
    if (!deps.serviceUrls.allows(context.activity.serviceUrl)) return;
    const captured = conversationFor(context.activity, known, deps.clock());
    if (!captured) return;
    if (!(await rosterPersonPresent(context, roster, known))) return;
    const conversation = await withoutBorrowedBoardName(captured, roster.trust.boardChannel);
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
  async function rememberBoardChannel(context: TurnContext, boardChannel: string): Promise<void> {
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
      channelConversation(board.id, board.name, { ...reference, conversation }, deps.clock(), teamId),
      boardChannel,
    );
    if (stored.channelName === undefined) return;
    await deps.conversations.save(stored);
  }

  /** Whether the conversation was stored (or already was): the board channel is only looked for then. */
  async function isRemembered(context: TurnContext): Promise<boolean> {
    const conversation = conversationFor(context.activity, undefined, deps.clock());
    return conversation !== undefined && (await deps.conversations.get(conversation.key)) !== undefined;
  }

  app.conversationUpdate('membersAdded', async (context) => {
    const botId = context.activity.recipient.id;
    const botAdded = (context.activity.membersAdded ?? []).some((member) => member.id === botId);
    if (!botAdded) return;
    const { roster, known } = await whoIsThis(context);
    if (!roster) return;
    await remember(context, roster, known);
    if (context.activity.conversation.conversationType === 'channel' && (await isRemembered(context))) {
      await rememberBoardChannel(context, roster.trust.boardChannel);
    }
    if (context.activity.conversation.conversationType === 'personal' && known) {
      const day = deps.clock().toISOString().slice(0, 10);
      await deps.outbox.enqueue({
        id: `welcome:${known.person.email}:${day}`,
        conversationKey: `person:${known.person.email}`,
        activity: { type: 'message', attachments: [helpCard(helpFor(known, roster.trust))] },
      });
    }
  });

  app.activity('message', async (context) => {
    const { roster, known } = await whoIsThis(context);
    if (!roster) {
      await context.sendActivity(
        "I can't help yet: the trust's roster has not been loaded. Please ask your trust administrator to load it.",
      );
      return;
    }
    if (!known) {
      await context.sendActivity(
        `Hello! I don't recognise you, so I can't help yet: I work with the people on ${roster.trust.name}'s roster. ` +
          'If you should be on it, ask your trust administrator to add you with your work email.',
      );
      return;
    }
    await remember(context, roster, known);

    // An Action.Submit (the fallback of every round button) arrives as a message carrying the card's data.
    const value = context.activity.value as Record<string, unknown> | undefined;
    if (!context.activity.text && value && typeof value === 'object' && typeof value.verb === 'string') {
      if (isBoardAction(value)) {
        await context.sendActivity(toActivity(await boardAction(deps.board, roster, known, value)));
        return;
      }
      const reply = await roundAction(deps.round, roster, known, value);
      await replaceOrSend(context, reply);
      return;
    }

    const command = parseCommand(context.activity.text ?? '');
    if (command.kind === 'unknown') {
      const quoted = quoteUserText(command.text);
      const closest = closestCommands(command.text, known.person.role);
      await context.sendActivity({
        text: quoted
          ? `Sorry, I don't know "${quoted}". Type **help** to see what I can do.`
          : 'Type **help** to see what I can do.',
        // The nearest commands as buttons: one click sends the command as if typed.
        ...(closest.length > 0 && {
          attachments: [
            boardDetailCard({
              title: 'Did you mean one of these?',
              subtitle: '',
              lines: [],
              sections: [],
              buttons: closest.map(({ usage }) => ({ title: usage, text: usage.replace(/ <.*$/, '') })),
            }),
          ],
        }),
      });
      return;
    }
    if (BOARD_COMMANDS.has(command.name)) {
      for (const reply of await boardCommand(deps.board, roster, known, command.name, command.args)) {
        await context.sendActivity(toActivity(reply));
      }
      return;
    }
    if (ROUND_COMMANDS.has(command.name)) {
      for (const reply of await roundCommand(deps.round, roster, known, command.name, command.args)) {
        await context.sendActivity(toActivity(reply));
      }
      return;
    }
    switch (command.name) {
      case 'help':
        await context.sendActivity({ attachments: [helpCard(helpFor(known, roster.trust))] });
        return;
      case 'whoami': {
        const { person, academy } = known;
        const where = academy ? ` at ${academy.name} (URN ${academy.urn})` : '';
        await context.sendActivity(
          `You are ${person.name}, ${person.title}: ${roleLabel(person.role)}${where}. Roster email: ${person.email}.`,
        );
        return;
      }
    }
  });

  // Universal actions: the card in the response replaces the card that was clicked, for the clicker.
  // Every verb, known or not, is answered: roundAction refuses what it does not know, so a stale or
  // forged card gets a message rather than the client's "something went wrong".
  app.adaptiveCards.actionExecute<Record<string, unknown>>(/.*/, async (context, _state, data) => {
    const { roster, known } = await whoIsThis(context);
    if (!roster || !known) {
      deps.log.warn(
        `Refused a card action from someone not on the roster (${shortenUserText(context.activity.from.id, 80)})`,
      );
      return "I don't recognise you, so I can't take anything from this card.";
    }
    if (isBoardAction(data)) {
      // The summary stays as it is for everyone: the detail comes as a new message (in a channel, in the
      // summary's thread), and the clicker is told so.
      const detail = await boardAction(deps.board, roster, known, data);
      if (detail.kind === 'text') return detail.text;
      await context.sendActivity(toActivity(detail));
      return 'Here is the detail, in a new message.';
    }
    const reply = await roundAction(deps.round, roster, known, data);
    return reply.kind === 'card' ? (reply.card.content as never) : reply.text;
  });

  // The last line of defence: it must not throw itself, whatever the activity or the failure.
  app.error(async (context, error) => {
    const activity = (context.activity ?? {}) as Partial<Activity>;
    await safely(() =>
      deps.log.error(
        `Turn failed for activity ${shortenUserText(String(activity.id ?? '(no id)'), 80)} ` +
          `(${shortenUserText(String(activity.type), 40)})`,
        error,
      ),
    );
    // Let Teams' re-send of this activity be handled rather than ignored as a repeat.
    await safely(async () => {
      const key = activityKey(context.activity);
      if (key) await deps.activityLog.release(key);
    });
    // A card action must get an invoke response: without one the adapter answers 501 and the head sees
    // the client's own error. It says whether anything was saved (docs/round.md).
    const isCardAction = activity.type === 'invoke' && activity.name === 'adaptiveCard/action';
    const told = await safely(() =>
      isCardAction
        ? context.sendActivity({
            type: 'invokeResponse',
            value: {
              status: 200,
              body: {
                statusCode: 200,
                type: 'application/vnd.microsoft.activity.message',
                value: failedActionText(
                  (activity.value as { action?: { data?: unknown } } | undefined)?.action?.data,
                ),
              },
            },
          })
        : context.sendActivity(
            cardData(activity) !== undefined
              ? failedActionText(cardData(activity))
              : 'Sorry, something went wrong on my side. Please try again in a minute.',
          ),
    );
    if (!told) await safely(() => deps.log.warn('Could not tell the sender that the turn failed.'));
  });

  return app;
}

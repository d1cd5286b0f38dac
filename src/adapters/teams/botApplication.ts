/**
 * The bot's Teams behaviour, wired onto teams-ai's Application. It translates Teams activities into
 * the use cases in src/app and their answers back into messages and cards; no decisions live here.
 */
// Deep imports: teams-ai's index loads its AI planner and tokenizers, which a turn of this bot never uses.
import { Application } from '@microsoft/teams-ai/lib/Application';
import type { TeamsAdapter } from '@microsoft/teams-ai/lib/TeamsAdapter';
import { TurnState } from '@microsoft/teams-ai/lib/TurnState';
import { type Activity, TeamsInfo, TurnContext } from 'botbuilder';

import { helpCard } from '../../../cards/helpCard';
import { parseCommand } from '../../app/commands';
import { helpFor, roleLabel } from '../../app/helpFor';
import { identifyPerson, type KnownPerson } from '../../app/identifyPerson';
import type { ActivityLog, ConversationStore, Logger, Outbox, StoredConversation } from '../../app/ports';
import type { RosterDirectory } from '../../app/rosterDirectory';
import { type ChatReply, ROUND_COMMANDS, roundAction, roundCommand } from '../../app/round/roundChat';
import type { RoundDeps } from '../../app/round/roundDeps';
import type { Roster } from '../../domain/roster/roster';

export interface BotDeps {
  roster: RosterDirectory;
  conversations: ConversationStore;
  activityLog: ActivityLog;
  outbox: Outbox;
  clock: () => Date;
  log: Logger;
  /** The termly round's use cases and what they work with. */
  round: RoundDeps;
  /** Absent in tests that drive the application through botbuilder's TestAdapter. */
  adapter?: TeamsAdapter;
  botAppId?: string;
}

/** Teams ids of a channel conversation carry the thread after `;messageid=`; posts go to the channel root. */
function channelRoot(conversationId: string): string {
  return conversationId.split(';')[0] ?? conversationId;
}

function referenceOf(activity: Activity): Record<string, unknown> {
  const reference = TurnContext.getConversationReference(activity) as Record<string, unknown>;
  const conversation = { ...activity.conversation, id: channelRoot(activity.conversation.id) };
  // The activity id only ties the reference to one message; proactive sends must start fresh.
  delete reference.activityId;
  return { ...reference, conversation };
}

/** The sender's email or UPN from Teams' members API, when the client implements it. */
async function senderEmail(context: TurnContext): Promise<string | undefined> {
  if (context.activity.channelId !== 'msteams') return undefined;
  try {
    const member = await TeamsInfo.getMember(context, context.activity.from.id);
    return member.email ?? member.userPrincipalName;
  } catch {
    // Not every client implements the members API; the object id alone still identifies roster people.
    return undefined;
  }
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
): StoredConversation {
  const stored: StoredConversation = {
    key: `channel:${id}`,
    kind: 'channel',
    reference,
    updatedAt: at.toISOString(),
  };
  if (name) stored.channelName = name;
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
    return channelConversation(id, channelNameOf(activity, id), reference, at);
  }
  if (type === 'groupChat') {
    return { key: `group:${activity.conversation.id}`, kind: 'groupChat', reference, updatedAt };
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
    if (!first) deps.log.info(`Activity ${context.activity.id} was already handled; ignoring the repeat.`);
    return first;
  });

  async function whoIsThis(context: TurnContext): Promise<{ roster?: Roster; known?: KnownPerson }> {
    const roster = await deps.roster.current();
    if (!roster) return {};
    const aadObjectId = context.activity.from.aadObjectId;
    // The object id is on every Teams activity; the email costs a call to Teams, so only ask when needed.
    const known =
      identifyPerson(roster, { aadObjectId }) ??
      identifyPerson(roster, { aadObjectId, email: await senderEmail(context) });
    return { roster, known };
  }

  async function remember(context: TurnContext, known: KnownPerson | undefined): Promise<void> {
    const conversation = conversationFor(context.activity, known, deps.clock());
    if (!conversation) return;
    const existing = await deps.conversations.get(conversation.key);
    const unchanged =
      existing &&
      !existing.unreachable &&
      JSON.stringify(existing.reference) === JSON.stringify(conversation.reference) &&
      existing.channelName === conversation.channelName;
    if (!unchanged) await deps.conversations.save(conversation);
  }

  /**
   * Teams tells a bot about its install in a team from the General channel only; the board's channel is
   * found by name among the team's channels so summaries can be posted there without anyone messaging it.
   */
  async function rememberBoardChannel(context: TurnContext, boardChannel: string): Promise<void> {
    let channels: { id?: string; name?: string }[];
    try {
      channels = await TeamsInfo.getTeamChannels(context);
    } catch (error) {
      deps.log.warn(`Could not list the team's channels to find "${boardChannel}": ${String(error)}`);
      return;
    }
    const board = channels.find((c) => c.name?.trim().toLowerCase() === boardChannel.trim().toLowerCase());
    if (!board?.id) return;
    const reference = referenceOf(context.activity);
    const conversation = { ...(reference.conversation as object), id: board.id, name: board.name };
    await deps.conversations.save(
      channelConversation(board.id, board.name, { ...reference, conversation }, deps.clock()),
    );
  }

  app.conversationUpdate('membersAdded', async (context) => {
    const botId = context.activity.recipient.id;
    const botAdded = (context.activity.membersAdded ?? []).some((member) => member.id === botId);
    if (!botAdded) return;
    const { roster, known } = await whoIsThis(context);
    if (!roster) return;
    await remember(context, known);
    if (context.activity.conversation.conversationType === 'channel') {
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
    await remember(context, known);

    // An Action.Submit (the fallback of every round button) arrives as a message carrying the card's data.
    const value = context.activity.value as Record<string, unknown> | undefined;
    if (!context.activity.text && value && typeof value === 'object' && typeof value.verb === 'string') {
      const reply = await roundAction(deps.round, roster, known, value);
      await replaceOrSend(context, reply);
      return;
    }

    const command = parseCommand(context.activity.text ?? '');
    if (command.kind === 'unknown') {
      await context.sendActivity(
        command.text
          ? `Sorry, I don't know "${command.text}". Type **help** to see what I can do.`
          : 'Type **help** to see what I can do.',
      );
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
      deps.log.warn(`Refused a card action from someone not on the roster (${context.activity.from.id})`);
      return "I don't recognise you, so I can't take anything from this card.";
    }
    const reply = await roundAction(deps.round, roster, known, data);
    return reply.kind === 'card' ? (reply.card.content as never) : reply.text;
  });

  app.error(async (context, error) => {
    deps.log.error(
      `Turn failed for activity ${context.activity.id ?? '(no id)'} (${context.activity.type})`,
      error,
    );
    // Let Teams' re-send of this activity be handled rather than ignored as a repeat.
    const key = activityKey(context.activity);
    if (key) await deps.activityLog.release(key).catch(() => undefined);
    await context.sendActivity('Sorry, something went wrong on my side. Please try again in a minute.');
  });

  return app;
}

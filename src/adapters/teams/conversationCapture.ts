/**
 * What the bot keeps about a conversation so it can message it later: the conversation reference, trimmed
 * to what a proactive send needs, under a key that fits Table Storage.
 */
import { createHash } from 'node:crypto';

import { type Activity, TurnContext } from 'botbuilder';

import type { KnownPerson } from '../../app/identifyPerson';
import type { StoredConversation } from '../../app/ports';
import { channelRoot } from './turnHelpers';

/** Teams caps channel and chat names at 50 characters; longer text did not come from Teams' own UI. */
export const MAX_NAME_LENGTH = 256;

function boundedName<T extends { name?: string }>(account: T | undefined): T | undefined {
  if (!account || typeof account.name !== 'string' || account.name.length <= MAX_NAME_LENGTH) return account;
  return { ...account, name: account.name.slice(0, MAX_NAME_LENGTH) };
}

/** The activity's conversation reference, for proactive sends to its conversation (a channel's root). */
export function referenceOf(activity: Activity): Record<string, unknown> {
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

export interface TeamsChannelData {
  channel?: { id?: string; name?: string };
  team?: { id?: string; name?: string };
}

/** Longer ids did not come from Teams (its ids are under 100 characters): such a channel is never bound. */
const MAX_BINDABLE_ID_LENGTH = 200;

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

/** A team channel as stored: keyed by its id, with its name and team when known. */
export function channelConversation(
  id: string,
  name: string | undefined,
  reference: Record<string, unknown>,
  at: Date,
  teamId: string | undefined,
  teamName?: string,
): StoredConversation {
  const stored: StoredConversation = {
    key: `channel:${keyPart(id)}`,
    kind: 'channel',
    reference,
    updatedAt: at.toISOString(),
  };
  if (name) stored.channelName = name.slice(0, MAX_NAME_LENGTH);
  if (id.length <= MAX_BINDABLE_ID_LENGTH) stored.channelId = id;
  if (teamId) stored.teamId = teamId;
  if (teamName) stored.teamName = teamName.slice(0, MAX_NAME_LENGTH);
  return stored;
}

/** The conversation to keep for an activity; undefined for a 1:1 chat with someone not on the roster. */
export function conversationFor(
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
    return channelConversation(
      id,
      channelNameOf(activity, id),
      reference,
      at,
      channelData?.team?.id,
      channelData?.team?.name,
    );
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

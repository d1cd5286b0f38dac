/**
 * Who the bot can message. A proactive message needs a stored conversation (captured when the app is
 * installed for the person or they first message the bot); a conversation Teams answered 403/404 for is
 * marked unreachable. Before a round opens the administrator installs the app for everyone listed here.
 */
import type { Person, Roster } from '../domain/roster/roster';
import { channelIdOf, isBoundChannel } from './board/boardBinding';
import type { BoardBinding, StoredConversation } from './ports';

export type Reachability =
  | { kind: 'reachable'; lastUndelivered?: StoredConversation['undelivered'] }
  | { kind: 'noConversation' }
  | { kind: 'unreachable'; status: number; since: string };

export interface PersonReachability {
  person: Person;
  academyName?: string;
  reachability: Reachability;
}

export interface RosterReachability {
  people: PersonReachability[];
  /**
   * The board's channel: the binding (team and channel ids, how it was bound), whether its conversation
   * is stored and reachable, and the other stored channels named like it, which are never posted to.
   */
  boardChannel: {
    name: string;
    binding?: BoardBinding;
    stored: boolean;
    unreachable: boolean;
    /** Channels named like trust.yaml's `boardChannel` that are not the bound one (all of them, unbound). */
    others: { teamId?: string; teamName?: string; channelId?: string; channelName?: string }[];
  };
}

/** Matches every roster person, in roster order, with their stored 1:1 conversation, and finds the bound board channel. */
export function rosterReachability(
  roster: Roster,
  conversations: readonly StoredConversation[],
  binding?: BoardBinding,
): RosterReachability {
  const byKey = new Map(conversations.map((conversation) => [conversation.key, conversation]));
  const academies = new Map(roster.academies.map((academy) => [academy.urn, academy.name]));
  const people = roster.people.map((person): PersonReachability => {
    const conversation = byKey.get(`person:${person.email}`);
    const academyName = person.academyUrn ? academies.get(person.academyUrn) : undefined;
    const entry = (reachability: Reachability): PersonReachability =>
      academyName ? { person, academyName, reachability } : { person, reachability };
    if (!conversation) return entry({ kind: 'noConversation' });
    if (conversation.unreachable) {
      return entry({
        kind: 'unreachable',
        status: conversation.unreachable.status,
        since: conversation.unreachable.at,
      });
    }
    return entry(
      conversation.undelivered
        ? { kind: 'reachable', lastUndelivered: conversation.undelivered }
        : { kind: 'reachable' },
    );
  });
  const wanted = roster.trust.boardChannel.normalize('NFC').trim().toLowerCase();
  const channels = conversations.filter((c) => c.kind === 'channel');
  const board = binding && channels.find((c) => isBoundChannel(binding, c));
  const others = channels
    .filter((c) => c !== board && c.channelName?.normalize('NFC').trim().toLowerCase() === wanted)
    .map((c) => {
      const channelId = channelIdOf(c);
      return {
        ...(c.teamId && { teamId: c.teamId }),
        ...(c.teamName && { teamName: c.teamName }),
        ...(channelId && { channelId }),
        ...(c.channelName && { channelName: c.channelName }),
      };
    });
  return {
    people,
    boardChannel: {
      name: roster.trust.boardChannel,
      ...(binding && { binding }),
      stored: board !== undefined,
      unreachable: board?.unreachable !== undefined,
      others,
    },
  };
}

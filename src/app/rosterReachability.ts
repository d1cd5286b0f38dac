/**
 * Who the bot can message. A proactive message needs a stored conversation (captured when the app is
 * installed for the person or they first message the bot); a conversation Teams answered 403/404 for is
 * marked unreachable. Before a round opens the administrator installs the app for everyone listed here.
 */
import type { Person, Roster } from '../domain/roster/roster';
import type { StoredConversation } from './ports';

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
  /** The board's channel (the trust's `boardChannel`), found by name among stored channel conversations. */
  boardChannel: { name: string; stored: boolean; unreachable: boolean };
}

/** Matches every roster person, in roster order, with their stored 1:1 conversation. */
export function rosterReachability(
  roster: Roster,
  conversations: readonly StoredConversation[],
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
  const wanted = roster.trust.boardChannel.trim().toLowerCase();
  const board = conversations.find(
    (c) => c.kind === 'channel' && c.channelName?.trim().toLowerCase() === wanted,
  );
  return {
    people,
    boardChannel: {
      name: roster.trust.boardChannel,
      stored: board !== undefined,
      unreachable: board?.unreachable !== undefined,
    },
  };
}

/**
 * What the use cases need from the outside world. Each port has a Table Storage implementation in
 * src/adapters/tableStorage, tested against Azurite.
 */
import type { Roster } from '../domain/roster/roster';

/** Where a conversation lives: the bot can only message people and channels it has a reference for. */
export type ConversationKind = 'personal' | 'channel' | 'groupChat';

export interface StoredConversation {
  /**
   * Our key for the conversation: `person:<email>` for a roster person's 1:1 chat,
   * `channel:<conversation id>` for a team channel, `group:<conversation id>` for a group chat.
   */
  key: string;
  kind: ConversationKind;
  /** The roster email of the person, for personal chats. */
  personEmail?: string;
  /** For channels: the channel's display name, so the board channel can be found by name. */
  channelName?: string;
  /** botbuilder's ConversationReference as JSON, kept opaque here. */
  reference: Record<string, unknown>;
  /** ISO timestamp of the last time the reference was captured. */
  updatedAt: string;
  /** Set when Teams answered 403/404 to a proactive send: the app is not installed there any more. */
  unreachable?: { status: number; at: string; detail: string };
  /**
   * The last message that could not be delivered here even after the queue's retries (it went to the
   * poison queue). A record for the administrator (`roster check`); sending still goes on, and a fresh
   * capture of the conversation clears it.
   */
  undelivered?: { messageId: string; at: string; detail: string };
}

export interface ConversationStore {
  /** Inserts or replaces by key. */
  save(conversation: StoredConversation): Promise<void>;
  get(key: string): Promise<StoredConversation | undefined>;
  list(kind?: ConversationKind): Promise<StoredConversation[]>;
  markUnreachable(key: string, status: number, detail: string, at: Date): Promise<void>;
  /** Records a message that could not be delivered after all retries; a key with no conversation is ignored. */
  markUndelivered(key: string, messageId: string, detail: string, at: Date): Promise<void>;
}

/** Remembers which incoming activities were handled, so a re-sent activity is handled once. */
export interface ActivityLog {
  /** Records the id; resolves true the first time an id is seen, false for a repeat. Atomic. */
  claim(activityId: string, at: Date): Promise<boolean>;
  /** Forgets one claim, so that work which failed after claiming can be tried again. */
  release(activityId: string): Promise<void>;
  /** Forgets ids claimed before the given time; returns how many were removed. */
  prune(before: Date): Promise<number>;
}

export interface RosterStore {
  /** The stored roster, or undefined when none has been loaded yet. */
  load(): Promise<Roster | undefined>;
  /** Replaces the whole roster; a failure leaves the previous roster in place. */
  replace(roster: Roster): Promise<void>;
}

/** A proactive message waiting to be sent; the queue-triggered `deliver` function sends it. */
export interface OutboxMessage {
  /** Unique per message; delivery is idempotent on it. */
  id: string;
  conversationKey: string;
  /** A botbuilder Activity (partial) as JSON. */
  activity: Record<string, unknown>;
}

export interface Outbox {
  enqueue(message: OutboxMessage): Promise<void>;
}

/** How a proactive send ended, when it did not throw. */
export type SendOutcome =
  | { kind: 'sent'; activityId?: string }
  /** Teams answered 403 or 404: the app is not installed for that person or team any more. */
  | { kind: 'unreachable'; status: number; detail: string };

/** Sends an activity into a stored conversation. Throws for failures worth retrying (429, 412, 5xx, network). */
export interface ProactiveSender {
  send(reference: Record<string, unknown>, activity: Record<string, unknown>): Promise<SendOutcome>;
}

/** Where the product writes what it did; the hosts route it to their own logs. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

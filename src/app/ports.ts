/**
 * What the use cases need from the outside world. Each port has a Table Storage implementation in
 * src/adapters/tableStorage, tested against Azurite.
 */
import type { Evaluation } from '../domain/evaluation/evaluation';
import type { IsoDate, Roster } from '../domain/roster/roster';
import type { OwnerTermRecord } from '../domain/round/ownerRound';
import type {
  AcademyTermRecord,
  AuditRecord,
  Draft,
  Excusal,
  PromptCard,
  PromptCardClosing,
  PromptRecord,
  Round,
  StoredFigure,
  SubmissionState,
} from '../domain/round/round';

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
  /** For channels: the channel's display name, for people reading (never what binds the board channel). */
  channelName?: string;
  /** For channels: the channel's Teams id (the key holds a hash of an id too long for a key). */
  channelId?: string;
  /** For channels: the Teams id of the team the channel belongs to, when Teams said. */
  teamId?: string;
  /** For channels: the team's display name, when Teams said, for people reading. */
  teamName?: string;
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

/**
 * Who holds the send of each outbox message. The queue delivers at least once, and a host may stop
 * between claiming a send and making it; the claim names the queue message that made it (its holder),
 * so the redelivery of that same queue message takes the claim over and sends, while another copy of the
 * message (a duplicate on the queue) leaves it to its holder.
 */
export interface DeliveryLog {
  /**
   * Claims the send of `messageId` for the queue message `holder`: `claimed` (send it; also when this
   * holder's earlier attempt stopped before it sent), `sent` (it was sent already), `held` (another queue
   * message holds it: it sends, or it is redelivered and sends). Atomic across hosts.
   */
  claimSend(messageId: string, holder: string, at: Date): Promise<SendClaim>;
  /**
   * Records that the claimed send was made, conditional on the claim's version, so no redelivery sends
   * it again; false when the claim changed meanwhile (a redelivery took it over) or is gone.
   */
  markSent(messageId: string, version: string, at: Date): Promise<boolean>;
  /** Forgets a claim whose send failed, so the queue's retry (or another copy) can send. */
  releaseSend(messageId: string): Promise<void>;
}

export type SendClaim =
  /** `version` is the claim's, for `markSent`. */
  { kind: 'claimed'; version: string } | { kind: 'sent' } | { kind: 'held' };

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
  /** A botbuilder Activity (partial) as JSON; empty when `compose` says how to build it at send time. */
  activity: Record<string, unknown>;
  /**
   * Built when the message is sent rather than when it is queued, so it shows the latest state (a draft
   * saved since) and stays small in the queue; the composer may find it no longer needed (submitted).
   */
  compose?: OutboxComposition;
  /**
   * The conversation reference as the queuer read it a moment before (the round's fan-out), so the
   * delivery need not read it again; absent, the delivery reads the stored conversation.
   */
  reference?: Record<string, unknown>;
}

/** A message the round builds at send time. */
export type OutboxComposition =
  | { kind: 'figuresPrompt'; term: string; urn: string }
  /** An owner's card of their trust figures across the academies (ownerFigures.ts). */
  | { kind: 'ownerPrompt'; term: string; email: string }
  /** An owner's reminder of their trust figures (ownerProgress.ts). */
  | { kind: 'ownerReminder'; term: string; email: string; day: IsoDate }
  | { kind: 'reminder'; term: string; urn: string; day: IsoDate }
  /** A figures card shown for `key` (a URN or `owner:<email>`) in message `activityId`, updated in place: the round closed. */
  | { kind: 'roundClosed'; term: string; key: string; activityId: string };

/**
 * Builds a composed message's activity, or says it is no longer needed (e.g. the head has submitted).
 * `replaces` names a message sent earlier that the activity updates in place, instead of a new message.
 */
export type OutboxComposer = (
  composition: OutboxComposition,
) => Promise<
  | { kind: 'activity'; activity: Record<string, unknown>; replaces?: string }
  | { kind: 'obsolete'; reason: string }
>;

/** How the delivery of a composed message ended, for the use case that composed it to keep what it needs. */
export type DeliveryNote =
  /** Sent as a new message; `activityId` is Teams' id of it, when Teams said. */
  | { kind: 'sent'; activityId?: string }
  /** The earlier message was updated in place. */
  | { kind: 'updated' }
  /** The earlier message is gone (deleted in Teams: 404 on the update). */
  | { kind: 'gone' }
  /** The conversation is unreachable (403/404 on a send, 403 on an update) or was never known. */
  | { kind: 'unreachable' };

/** Told how each composed message's delivery ended (never for a duplicate or an obsolete one). */
export type DeliveryObserver = (
  composition: OutboxComposition,
  conversationKey: string,
  note: DeliveryNote,
) => Promise<void>;

export interface Outbox {
  enqueue(message: OutboxMessage): Promise<void>;
}

/**
 * A request to send a round's prompts: the open-round click and the schedule queue one, and the
 * queue-triggered `fanOutRound` function carries it out, so the click is answered at once.
 */
export interface FanOutRequest {
  /** Unique per request, for logs; the fan-out itself is idempotent on the round, not on this. */
  id: string;
  /** The round's term key, e.g. `2026-27-autumn`. */
  term: string;
  /** Who asked: a roster email, or `schedule`. */
  requestedBy: string;
  /** ISO timestamp. */
  requestedAt: string;
}

/** Where fan-out requests wait for the `fanOutRound` function (a queue of their own). */
export interface FanOutRequests {
  enqueue(request: FanOutRequest): Promise<void>;
}

/** How a proactive send ended, when it did not throw. */
export type SendOutcome =
  | { kind: 'sent'; activityId?: string }
  /** Teams answered 403 or 404: the app is not installed for that person or team any more. */
  | { kind: 'unreachable'; status: number; detail: string };

/** Sends an activity into a stored conversation. Throws for failures worth retrying (429, 412, 5xx, network). */
export interface ProactiveSender {
  send(reference: Record<string, unknown>, activity: Record<string, unknown>): Promise<SendOutcome>;
  /**
   * Replaces a message the bot sent earlier (its id from `send`) in place, for everyone in the
   * conversation. `unreachable` with 404 also when the message itself is gone.
   */
  update(
    reference: Record<string, unknown>,
    activityId: string,
    activity: Record<string, unknown>,
  ): Promise<SendOutcome>;
}

/** Where the product writes what it did; the hosts route it to their own logs. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

// ---------------------------------------------------------------------------------------------------
// The termly round (src/app/round). Table Storage implementations in src/adapters/tableStorage; the
// tables, keys and example entities are documented in docs/storage.md.

/** The rounds, one per term. */
export interface RoundStore {
  get(term: string): Promise<Round | undefined>;
  /** Every round, newest term first. */
  list(): Promise<Round[]>;
  /** Inserts the round if no round exists for its term (atomic across hosts); false when one did. */
  create(round: Round): Promise<boolean>;
  /**
   * Marks an open round closed (conditional on what was read, so two closers agree);
   * `alreadyClosed` when it was, `notFound` when there is no such round.
   */
  close(term: string, closedAt: string, closedBy: string): Promise<'closed' | 'alreadyClosed' | 'notFound'>;
}

/** A change to one academy's record for one term, written atomically (one batch transaction). */
export interface FigureWrite {
  urn: string;
  term: string;
  /** The version the change was computed from (AcademyTermRecord.version); undefined: nothing stored yet. */
  expectedVersion: string | undefined;
  /** New state; unchanged when absent. */
  state?: SubmissionState;
  submittedBy?: string;
  submittedAt?: string;
  /** Figures to insert or replace. */
  figures: StoredFigure[];
  /** Metric ids whose stored figure is removed (a head cleared an optional figure); none when absent. */
  cleared?: readonly string[];
  /** One per changed or cleared figure; the store inserts them, never updates one. */
  audit: AuditRecord[];
  /** `null` removes the draft; undefined leaves it as it is. */
  draft?: Draft | null;
  /** `null` removes the excusal; undefined leaves it as it is. */
  excused?: Excusal | null;
}

export type FigureWriteOutcome =
  /** `version` is the record's new version: a follow-up write can name it without reading again. */
  | { kind: 'written'; version: string }
  /** Someone else wrote the record since it was read: read it again and recompute, never overwrite. */
  | { kind: 'conflict' };

/** Figures, drafts, excusals and their audit trail, by academy and term. */
export interface FigureStore {
  /** One academy's record for one term, in one round trip; an empty record when nothing is stored. */
  read(term: string, urn: string): Promise<AcademyTermRecord>;
  /**
   * Writes the change in one transaction (at most 100 operations, one partition), conditional on
   * `expectedVersion`. Throws for broken storage; nothing is half-written either way. A write whose answer
   * is lost (storage hangs) is settled before this returns: `written`, `conflict`, or an error saying
   * nothing was stored; only when storage does not answer the settling either does the error carry
   * `outcomeUnknown: true` (storageFailure.ts). Nothing of the change is applied after this has returned.
   */
  write(change: FigureWrite): Promise<FigureWriteOutcome>;
  /** Every academy's record for one term (state, figures, draft, excusal). */
  term(term: string): Promise<AcademyTermRecord[]>;
  /** One academy's figures over the given terms (a bounded read: one query per term). */
  history(urn: string, terms: readonly string[]): Promise<StoredFigure[]>;
  /** The audit trail of one academy in one term, oldest first; only one metric's when given. */
  audit(term: string, urn: string, metricId?: string): Promise<AuditRecord[]>;
  /** True when no figure, draft or excusal was ever stored (e.g. to import the demo history once). */
  isEmpty(): Promise<boolean>;
}

/** The record an owner write replaces: everything but the version, which the write names. */
export type OwnerRecordWrite = Omit<OwnerTermRecord, 'version' | 'sameAs'> & {
  /** The version the change was computed from (OwnerTermRecord.version); undefined: nothing stored yet. */
  expectedVersion: string | undefined;
};

/**
 * The owners of trust figures, one record per owner and term: where their answer stands, their draft,
 * an excusal, and a submission still being applied to the academies (ownerRound.ts).
 */
export interface OwnerRoundStore {
  /**
   * One owner's record for one term; an empty record (state `notStarted`) when nothing is stored. With
   * `sameAs` when storage only fenced it after a write got no answer (its content is that version's).
   */
  read(term: string, email: string): Promise<OwnerTermRecord>;
  /**
   * Replaces the record, conditional on `expectedVersion`; `conflict` when it changed since the read. A
   * write that gets no answer is settled as FigureStore.write's: `written` when it was stored, else
   * nothing is stored (a TableStorageError), or `outcomeUnknown`.
   */
  write(record: OwnerRecordWrite): Promise<FigureWriteOutcome>;
  /** Every owner's record for one term. */
  term(term: string): Promise<OwnerTermRecord[]>;
}

/** Which academies were prompted in which round, so nobody is prompted twice. */
export interface PromptLog {
  /** Inserts the record if absent (atomic across hosts); false when the academy was already claimed. */
  claim(record: PromptRecord): Promise<boolean>;
  /** Records the outcome of queueing the prompt (state `queued`, `noConversation` or `noHead`). */
  update(
    term: string,
    urn: string,
    changes: Pick<PromptRecord, 'state'> & Partial<PromptRecord>,
  ): Promise<void>;
  /**
   * Claims many records at once, insert-if-absent, in transactions of at most 100 per round: answers,
   * by URN, the version of each record this call created; a URN missing from the answer was claimed by
   * someone else first.
   */
  claimAll(records: readonly PromptRecord[]): Promise<Map<string, string>>;
  /**
   * Records many outcomes at once, each conditional on the version it names (from `claimAll` or
   * `list`); when any record changed meanwhile, each is updated on its own on fresh data, as `update`.
   */
  updateAll(term: string, updates: readonly PromptUpdate[]): Promise<void>;
  get(term: string, urn: string): Promise<PromptRecord | undefined>;
  /** The round's records with their versions, in URN order. */
  list(term: string): Promise<PromptRecord[]>;
  /**
   * Records a reminder for one academy on one day, insert-if-absent; false when one was already
   * recorded for that day (so a reminder goes at most once a day, whichever host fires).
   */
  claimReminder(term: string, urn: string, day: IsoDate, at: string): Promise<boolean>;
  /**
   * Records a figures card shown for a key (an academy's URN or `owner:<email>`) by its message id: the
   * prompt, and every card shown later in another message (typed `figures`, a reminder's Open my
   * figures). Recording the same message again changes nothing (its closing kept). The close updates
   * every one.
   */
  recordCard(card: Omit<PromptCard, 'closed'>): Promise<void>;
  /** The card recorded for the key in that message, if any. */
  getCard(term: string, key: string, activityId: string): Promise<PromptCard | undefined>;
  /** Every card recorded in the round, in key order. */
  cards(term: string): Promise<PromptCard[]>;
  /** Records how telling the card that the round closed went; a card never recorded is ignored. */
  markCardClosed(
    term: string,
    key: string,
    activityId: string,
    outcome: PromptCardClosing,
    at: string,
  ): Promise<void>;
}

/** One outcome for `PromptLog.updateAll`. */
export interface PromptUpdate {
  urn: string;
  /** The record's version as read (PromptRecord.version, or from claimAll). */
  version: string;
  changes: Pick<PromptRecord, 'state'> & Partial<Omit<PromptRecord, 'version' | 'remindedOn'>>;
}

/** The evaluation stored when a round closes, for the board summary and status. */
export interface EvaluationStore {
  /** Replaces the stored evaluation of the term (written so a reader never sees half of it). */
  save(term: string, evaluation: Evaluation): Promise<void>;
  get(term: string): Promise<Evaluation | undefined>;
}

/** The board summary posted for a term: where, and the message id a re-post updates in place. */
export interface BoardPost {
  term: string;
  conversationKey: string;
  /** Absent while the first post is being sent (the claim). */
  activityId?: string;
  /** ISO timestamp of the claim or of the last post or update. */
  at: string;
  /** True while the summary is of an open round. */
  provisional: boolean;
}

export type BoardPostClaim =
  /** This caller posts (nothing was posted, or an earlier claim was abandoned). */
  | { kind: 'claimed' }
  /** Already posted: update the message in place. */
  | { kind: 'posted'; post: BoardPost & { activityId: string } }
  /** Another host is posting it right now. */
  | { kind: 'busy' };

/** One board summary per term: so a re-run updates the posted card instead of posting a second copy. */
export interface BoardPostStore {
  /**
   * Claims the first post of the term (atomic across hosts). A claim older than `staleAfterMs` that never
   * got its activity id (its host stopped) is taken over.
   */
  claim(term: string, conversationKey: string, at: Date, staleAfterMs: number): Promise<BoardPostClaim>;
  /** Records the posted (or updated) message. */
  save(post: BoardPost): Promise<void>;
  /** Drops a claim whose post failed, so the next attempt posts. */
  release(term: string): Promise<void>;
  get(term: string): Promise<BoardPost | undefined>;
}

/**
 * The board's channel, bound deliberately (docs/deploy.md): confirmed by an executive on the card the bot
 * posts in the channel, or by the local host's configuration. A channel's name never binds it.
 */
export interface BoardBinding {
  /** The Teams id of the team (its General channel's conversation id). */
  teamId: string;
  /** The Teams id of the channel. */
  channelId: string;
  /** The stored conversation of the channel (`channel:<id>`). */
  conversationKey: string;
  /** The channel's name when it was bound, for people reading. */
  channelName?: string;
  /** `executive`: an executive pressed Confirm on the card in the channel; `configuration`: the host bound it. */
  how: 'executive' | 'configuration';
  /** The executive's roster email, or the host that bound it (e.g. `npm start`). */
  by: string;
  /** ISO timestamp. */
  at: string;
}

/** What the bot has done once about a channel named like the board's: asked for confirmation, told the executives. */
export type BoardChannelNotice = 'confirmationAsked' | 'executivesTold';

/** The one board channel binding, and the notices that go once per channel. */
export interface BoardBindingStore {
  get(): Promise<BoardBinding | undefined>;
  /** Binds when nothing is bound yet (atomic across hosts); answers the binding in force afterwards. */
  bind(binding: BoardBinding): Promise<BoardBinding>;
  /** Records a notice about a channel (insert-if-absent, atomic); false when it was recorded already. */
  claimNotice(notice: BoardChannelNotice, conversationKey: string, at: Date): Promise<boolean>;
}

/**
 * Where a head is in answering a round in chat, one figure at a time. Kept in storage, not in memory:
 * each reply may reach another host. The answers themselves are the academy's draft (FigureStore).
 */
export interface ChatSession {
  personEmail: string;
  term: string;
  /** The academy being answered; absent while a head of several academies is choosing one. */
  urn?: string;
  /** The academies offered, in the order listed, while choosing. */
  choosing?: string[];
  /** The step asked now (chatAnswers' steps); the number of steps means the review before submitting. */
  position: number;
  /** The head's answer to "Was the academy inspected this term?", once given. */
  inspected?: boolean;
  /** An owner answering their trust figures across the academies (ownerChatAnswers.ts), not a head. */
  owner?: true;
  updatedAt: string;
}

export interface ChatSessionStore {
  get(personEmail: string): Promise<ChatSession | undefined>;
  /** Inserts or replaces the person's session. */
  save(session: ChatSession): Promise<void>;
  /** Ends the person's session; ending one that is not there is not an error. */
  clear(personEmail: string): Promise<void>;
}

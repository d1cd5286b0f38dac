/**
 * Sends one queued proactive message. The queue gives at-least-once delivery; the claim on the
 * message id turns that into at-most-once sending, and a failed send releases the claim so the
 * queue's retry can try again.
 *
 * The claim names the queue message that made it. A host that stops between claiming and sending
 * leaves the claim behind, and the queue delivers that same queue message again once its lease lapses:
 * that redelivery takes the claim over and sends, so the message is neither lost nor sent twice. A
 * duplicate copy of the message on the queue (a different queue message with the same id) leaves the
 * send to the claim's holder. What no claim can close is a host stopping in the instant after Teams
 * accepted the send and before the claim was marked sent: that redelivery sends again.
 */
import { randomUUID } from 'node:crypto';

import type {
  ConversationStore,
  DeliveryLog,
  DeliveryNote,
  DeliveryObserver,
  Logger,
  OutboxComposer,
  OutboxComposition,
  OutboxMessage,
  ProactiveSender,
  SendOutcome,
} from './ports';

export interface DeliverDeps {
  conversations: ConversationStore;
  sender: ProactiveSender;
  deliveries: DeliveryLog;
  clock: () => Date;
  log: Logger;
  /** Builds composed messages (the round's prompts and reminders); absent, they cannot be sent. */
  compose?: OutboxComposer;
  /** Told how each composed message's delivery ended (the round keeps its cards' message ids). */
  observe?: DeliveryObserver;
}

export type DeliveryResult =
  | { kind: 'sent' }
  /** A composed message that replaces an earlier one updated it in place. */
  | { kind: 'updated' }
  /** The message it was to update is gone (deleted in Teams: 404); nothing was sent. */
  | { kind: 'gone' }
  | { kind: 'obsolete'; reason: string }
  | { kind: 'duplicate' }
  | { kind: 'noConversation' }
  | { kind: 'unreachable'; status: number };

/** A queue message that is not an OutboxMessage; retrying cannot fix it, so it ends in the poison queue. */
export class MalformedOutboxMessageError extends Error {
  constructor(detail: string) {
    super(`Outbox message is malformed: ${detail}. It was not sent; inspect the poison queue.`);
    this.name = 'MalformedOutboxMessageError';
  }
}

/** Checks the shape of a message read from the queue. */
export function parseOutboxMessage(raw: unknown): OutboxMessage {
  if (typeof raw !== 'object' || raw === null) throw new MalformedOutboxMessageError('not a JSON object');
  const { id, conversationKey, activity } = raw as Record<string, unknown>;
  if (typeof id !== 'string' || !id) throw new MalformedOutboxMessageError('"id" must be a non-empty string');
  if (typeof conversationKey !== 'string' || !conversationKey) {
    throw new MalformedOutboxMessageError(`message ${id}: "conversationKey" must be a non-empty string`);
  }
  if (typeof activity !== 'object' || activity === null) {
    throw new MalformedOutboxMessageError(`message ${id}: "activity" must be an object`);
  }
  const message: OutboxMessage = { id, conversationKey, activity: activity as Record<string, unknown> };
  const { compose, reference } = raw as Record<string, unknown>;
  if (compose !== undefined) message.compose = parseComposition(id, compose);
  if (reference !== undefined) {
    if (typeof reference !== 'object' || reference === null || Array.isArray(reference)) {
      throw new MalformedOutboxMessageError(`message ${id}: "reference" must be an object`);
    }
    message.reference = reference as Record<string, unknown>;
  }
  return message;
}

function parseComposition(id: string, raw: unknown): OutboxComposition {
  const { kind, term, urn, day, email, key, activityId } = (
    typeof raw === 'object' && raw !== null ? raw : {}
  ) as Record<string, unknown>;
  if (kind === 'ownerPrompt' && typeof term === 'string' && typeof email === 'string') {
    return { kind, term, email };
  }
  if (
    kind === 'ownerReminder' &&
    typeof term === 'string' &&
    typeof email === 'string' &&
    typeof day === 'string'
  ) {
    return { kind, term, email, day };
  }
  if (
    kind === 'roundClosed' &&
    typeof term === 'string' &&
    typeof key === 'string' &&
    key &&
    typeof activityId === 'string' &&
    activityId
  ) {
    return { kind, term, key, activityId };
  }
  if (typeof term !== 'string' || typeof urn !== 'string') {
    throw new MalformedOutboxMessageError(`message ${id}: "compose" needs a term and a urn`);
  }
  if (kind === 'figuresPrompt') return { kind, term, urn };
  if (kind === 'reminder' && typeof day === 'string') return { kind, term, urn, day };
  throw new MalformedOutboxMessageError(`message ${id}: "compose.kind" ${JSON.stringify(kind)} is not known`);
}

/** What the queue says about the message being delivered. */
export interface QueueDelivery {
  /**
   * The queue's own id of this queue message (the Functions trigger's `id`), the same at every
   * redelivery of it; absent, the delivery cannot take over a claim its own earlier attempt left.
   */
  queueMessageId?: string;
}

/** Delivers a queued message; throws (so the queue retries) only when a retry may succeed. */
export async function deliverMessage(
  deps: DeliverDeps,
  raw: unknown,
  queued: QueueDelivery = {},
): Promise<DeliveryResult> {
  const message = parseOutboxMessage(raw);
  const { result, activityId } = await deliver(deps, message, queued);
  const note = noteOf(result, activityId);
  if (message.compose && deps.observe && note) {
    // Delivered whatever the observer does: its failure is logged, never retried by sending again.
    try {
      await deps.observe(message.compose, message.conversationKey, note);
    } catch (error) {
      deps.log.error(`Outbox ${message.id}: ${result.kind}, but recording it failed`, error);
    }
  }
  return result;
}

function noteOf(result: DeliveryResult, activityId: string | undefined): DeliveryNote | undefined {
  switch (result.kind) {
    case 'sent':
      return activityId ? { kind: 'sent', activityId } : { kind: 'sent' };
    case 'updated':
    case 'gone':
      return { kind: result.kind };
    case 'unreachable':
    case 'noConversation':
      return { kind: 'unreachable' };
    default:
      return undefined;
  }
}

async function deliver(
  deps: DeliverDeps,
  message: OutboxMessage,
  queued: QueueDelivery,
): Promise<{ result: DeliveryResult; activityId?: string }> {
  const stored = message.reference ? undefined : await deps.conversations.get(message.conversationKey);
  if (!message.reference && !stored) {
    deps.log.warn(
      `Outbox ${message.id}: no conversation ${message.conversationKey}; the bot was never installed there.`,
    );
    return { result: { kind: 'noConversation' } };
  }
  if (stored?.unreachable) {
    deps.log.warn(
      `Outbox ${message.id}: ${message.conversationKey} is unreachable since ${stored.unreachable.at}.`,
    );
    return { result: { kind: 'unreachable', status: stored.unreachable.status } };
  }
  const reference = message.reference ?? stored?.reference ?? {};
  const holder = queued.queueMessageId ?? `unqueued:${randomUUID()}`;
  // The message is composed while the claim is made (both wait on storage); nothing is sent unclaimed,
  // and a composition a duplicate delivery did not need is dropped, its failure with it.
  const composing = message.compose && deps.compose ? deps.compose(message.compose) : undefined;
  composing?.catch(() => undefined);
  const claim = await deps.deliveries.claimSend(message.id, holder, deps.clock());
  if (claim.kind !== 'claimed') return { result: { kind: 'duplicate' } };
  let outcome: SendOutcome;
  let replaces: string | undefined;
  try {
    let activity = message.activity;
    if (message.compose) {
      if (!composing)
        throw new Error(`Outbox ${message.id}: no composer is configured for ${message.compose.kind}`);
      const composed = await composing;
      if (composed.kind === 'obsolete') {
        deps.log.info(`Outbox ${message.id}: not sent, ${composed.reason}.`);
        return { result: { kind: 'obsolete', reason: composed.reason } };
      }
      activity = composed.activity;
      replaces = composed.replaces;
    }
    outcome = replaces
      ? await deps.sender.update(reference, replaces, activity)
      : await deps.sender.send(reference, activity);
  } catch (error) {
    await deps.deliveries.releaseSend(message.id);
    throw error;
  }
  // A 404 on an update says the message was deleted, not that the app was removed: the conversation
  // stays reachable.
  const gone = replaces !== undefined && outcome.kind === 'unreachable' && outcome.status === 404;
  // Sent (or refused for good): from here nothing may throw, or the queue's retry would send again.
  try {
    if (!(await deps.deliveries.markSent(message.id, claim.version, deps.clock()))) {
      deps.log.warn(`Outbox ${message.id}: sent, but its claim changed meanwhile; it may be sent twice.`);
    }
    if (outcome.kind === 'unreachable' && !gone) {
      await deps.conversations.markUnreachable(
        message.conversationKey,
        outcome.status,
        outcome.detail,
        deps.clock(),
      );
    }
  } catch (error) {
    deps.log.error(`Outbox ${message.id}: sent, but recording it failed`, error);
  }
  if (gone) {
    deps.log.warn(`Outbox ${message.id}: message ${replaces} in ${message.conversationKey} is gone (404).`);
    return { result: { kind: 'gone' } };
  }
  if (outcome.kind === 'unreachable') {
    deps.log.warn(
      `Outbox ${message.id}: ${message.conversationKey} answered ${outcome.status}; marked unreachable.`,
    );
    return { result: { kind: 'unreachable', status: outcome.status } };
  }
  if (replaces) return { result: { kind: 'updated' } };
  return { result: { kind: 'sent' }, ...(outcome.activityId && { activityId: outcome.activityId }) };
}

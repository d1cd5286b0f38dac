/**
 * Sends one queued proactive message. The queue gives at-least-once delivery; the claim on the
 * message id turns that into at-most-once sending, and a failed send releases the claim so the
 * queue's retry can try again.
 */
import type {
  ActivityLog,
  ConversationStore,
  Logger,
  OutboxComposer,
  OutboxComposition,
  OutboxMessage,
  ProactiveSender,
} from './ports';

export interface DeliverDeps {
  conversations: ConversationStore;
  sender: ProactiveSender;
  activityLog: ActivityLog;
  clock: () => Date;
  log: Logger;
  /** Builds composed messages (the round's prompts and reminders); absent, they cannot be sent. */
  compose?: OutboxComposer;
}

export type DeliveryResult =
  | { kind: 'sent' }
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
  const { compose } = raw as Record<string, unknown>;
  if (compose !== undefined) message.compose = parseComposition(id, compose);
  return message;
}

function parseComposition(id: string, raw: unknown): OutboxComposition {
  const { kind, term, urn, day } = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<
    string,
    unknown
  >;
  if (typeof term !== 'string' || typeof urn !== 'string') {
    throw new MalformedOutboxMessageError(`message ${id}: "compose" needs a term and a urn`);
  }
  if (kind === 'figuresPrompt') return { kind, term, urn };
  if (kind === 'reminder' && typeof day === 'string') return { kind, term, urn, day };
  throw new MalformedOutboxMessageError(`message ${id}: "compose.kind" ${JSON.stringify(kind)} is not known`);
}

/** Delivers a queued message; throws (so the queue retries) only when a retry may succeed. */
export async function deliverMessage(deps: DeliverDeps, raw: unknown): Promise<DeliveryResult> {
  const message = parseOutboxMessage(raw);
  const conversation = await deps.conversations.get(message.conversationKey);
  if (!conversation) {
    deps.log.warn(
      `Outbox ${message.id}: no conversation ${message.conversationKey}; the bot was never installed there.`,
    );
    return { kind: 'noConversation' };
  }
  if (conversation.unreachable) {
    deps.log.warn(
      `Outbox ${message.id}: ${message.conversationKey} is unreachable since ${conversation.unreachable.at}.`,
    );
    return { kind: 'unreachable', status: conversation.unreachable.status };
  }
  const claimKey = `outbox:${message.id}`;
  if (!(await deps.activityLog.claim(claimKey, deps.clock()))) return { kind: 'duplicate' };
  try {
    let activity = message.activity;
    if (message.compose) {
      if (!deps.compose)
        throw new Error(`Outbox ${message.id}: no composer is configured for ${message.compose.kind}`);
      const composed = await deps.compose(message.compose);
      if (composed.kind === 'obsolete') {
        deps.log.info(`Outbox ${message.id}: not sent, ${composed.reason}.`);
        return { kind: 'obsolete', reason: composed.reason };
      }
      activity = composed.activity;
    }
    const outcome = await deps.sender.send(conversation.reference, activity);
    if (outcome.kind === 'unreachable') {
      await deps.conversations.markUnreachable(
        conversation.key,
        outcome.status,
        outcome.detail,
        deps.clock(),
      );
      deps.log.warn(
        `Outbox ${message.id}: ${conversation.key} answered ${outcome.status}; marked unreachable.`,
      );
      return { kind: 'unreachable', status: outcome.status };
    }
    return { kind: 'sent' };
  } catch (error) {
    await deps.activityLog.release(claimKey);
    throw error;
  }
}

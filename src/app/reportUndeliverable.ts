/**
 * A proactive message that kept failing ends in the outbox's poison queue (the Functions runtime moves
 * it there after host.json's `maxDequeueCount` attempts). It is never dropped silently: this records it
 * against the person it was for and tells the trust's executives, through the outbox, who to follow up.
 */
import { parseOutboxMessage } from './deliverMessage';
import { md } from './escapeMarkdown';
import type { ConversationStore, Logger, Outbox, OutboxMessage } from './ports';
import type { RosterDirectory } from './rosterDirectory';

export interface ReportUndeliverableDeps {
  conversations: ConversationStore;
  roster: RosterDirectory;
  outbox: Outbox;
  clock: () => Date;
  log: Logger;
}

/** Ids of the notices this sends start with this, so a notice that itself fails is not reported again. */
export const UNDELIVERABLE_NOTICE_PREFIX = 'undeliverable:';

export type UndeliverableReport = {
  /** The outbox message id, or undefined when the message was not an outbox message at all. */
  messageId: string | undefined;
  /** The conversation the failure was recorded against, when one is stored. */
  recordedAgainst: string | undefined;
  /** Emails of the executives told. */
  told: string[];
};

function describeRecipient(key: string | undefined, name: string | undefined): string {
  if (!key) return 'someone (the message was not readable)';
  if (name) return `${name} (${key.replace(/^person:/, '')})`;
  if (key.startsWith('channel:')) return 'a team channel';
  return key.replace(/^person:/, '');
}

/** Records and reports one poison-queue message; throws only when storage fails (the queue retries). */
export async function reportUndeliverable(
  deps: ReportUndeliverableDeps,
  raw: unknown,
): Promise<UndeliverableReport> {
  let message: OutboxMessage | undefined;
  let problem = 'it kept failing to send';
  try {
    message = parseOutboxMessage(raw);
  } catch (error) {
    problem = error instanceof Error ? error.message : String(error);
  }
  const at = deps.clock();
  const key = message?.conversationKey;
  let recordedAgainst: string | undefined;
  if (message && key) {
    const conversation = await deps.conversations.get(key);
    if (conversation) {
      await deps.conversations.markUndelivered(key, message.id, problem, at);
      recordedAgainst = key;
    }
  }
  const roster = await deps.roster.current();
  const person = key?.startsWith('person:')
    ? roster?.people.find((p) => `person:${p.email}` === key)
    : undefined;
  const who = describeRecipient(key, person?.name);
  deps.log.error(`Outbox message ${message?.id ?? '(unreadable)'} for ${who} was not delivered: ${problem}.`);

  // A notice that could not be delivered is recorded above but not reported again: that would loop.
  if (message?.id.startsWith(UNDELIVERABLE_NOTICE_PREFIX)) {
    return { messageId: message.id, recordedAgainst, told: [] };
  }
  const executives = (roster?.people ?? []).filter((p) => p.role === 'executive');
  const text =
    // The name and address come from the roster file: shown as written, never as markdown.
    md`I could not deliver a message to ${who} after several attempts, so it has been set aside. ` +
    'Usually the app is not installed for them yet or Teams was unavailable: check with ' +
    '`npm run cli -- roster check`, install the app for them, and ask them to send me "help".';
  for (const executive of executives) {
    await deps.outbox.enqueue({
      id: `${UNDELIVERABLE_NOTICE_PREFIX}${message?.id ?? at.toISOString()}:${executive.email}`,
      conversationKey: `person:${executive.email}`,
      activity: { type: 'message', text },
    });
  }
  if (executives.length === 0) {
    deps.log.error('No executive is on the roster to tell about the undelivered message.');
  }
  return { messageId: message?.id, recordedAgainst, told: executives.map((e) => e.email) };
}

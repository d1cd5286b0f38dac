/**
 * The delivery use case over real Table Storage. The sender here is a recording implementation of our
 * own ProactiveSender port (what Teams answers is tested against the playground in
 * test/adapters/teams/cloudAdapterSender.test.ts).
 */
import { createTableStores } from '../../src/adapters/tableStorage/createTableStores';
import { deliverMessage, MalformedOutboxMessageError } from '../../src/app/deliverMessage';
import type { ProactiveSender, SendOutcome } from '../../src/app/ports';
import { testConnectionString, uniqueName } from '../support/storage';

const NOW = new Date('2026-11-22T10:00:00Z');
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

class RecordingSender implements ProactiveSender {
  readonly sent: Record<string, unknown>[] = [];
  constructor(private readonly answers: (SendOutcome | Error)[]) {}
  send(_reference: Record<string, unknown>, activity: Record<string, unknown>): Promise<SendOutcome> {
    const answer = this.answers.shift() ?? { kind: 'sent' };
    if (answer instanceof Error) return Promise.reject(answer);
    if (answer.kind === 'sent') this.sent.push(activity);
    return Promise.resolve(answer);
  }
  update(): Promise<SendOutcome> {
    return Promise.reject(new Error('delivery never updates a message'));
  }
}

async function setup(answers: (SendOutcome | Error)[] = []) {
  const stores = createTableStores(testConnectionString(), { tablePrefix: uniqueName('dlv') });
  await stores.createTables();
  await stores.conversations.save({
    key: 'person:head@hill.example',
    kind: 'personal',
    personEmail: 'head@hill.example',
    reference: { conversation: { id: 'a:1' }, serviceUrl: 'http://127.0.0.1:9/' },
    updatedAt: '2026-11-01T00:00:00.000Z',
  });
  const sender = new RecordingSender(answers);
  const deps = {
    conversations: stores.conversations,
    deliveries: stores.activityLog,
    sender,
    clock: () => NOW,
    log: quiet,
  };
  return { stores, sender, deps };
}

const message = {
  id: 'm-1',
  conversationKey: 'person:head@hill.example',
  activity: { type: 'message', text: 'Hello' },
};

describe('deliverMessage', () => {
  it('sends a queued message into the stored conversation', async () => {
    const { sender, deps } = await setup();
    expect(await deliverMessage(deps, message)).toEqual({ kind: 'sent' });
    expect(sender.sent).toEqual([{ type: 'message', text: 'Hello' }]);
  });

  it('sends a message the queue delivers twice only once', async () => {
    const { sender, deps } = await setup();
    await deliverMessage(deps, message);
    expect(await deliverMessage(deps, message)).toEqual({ kind: 'duplicate' });
    expect(sender.sent).toHaveLength(1);
  });

  it('sends once when the host stopped between the claim and the send, and the queue delivers it again', async () => {
    const { stores, sender, deps } = await setup();
    // The stopped host's attempt: it claimed the send for queue message q-1 and never sent.
    expect((await stores.activityLog.claimSend(message.id, 'q-1', NOW)).kind).toBe('claimed');
    // A duplicate copy of the message (another queue message) leaves it to the holder.
    expect(await deliverMessage(deps, message, { queueMessageId: 'q-2' })).toEqual({ kind: 'duplicate' });
    expect(sender.sent).toHaveLength(0);
    // The queue delivers q-1 again once its lease lapses: that attempt takes the claim over and sends.
    expect(await deliverMessage(deps, message, { queueMessageId: 'q-1' })).toEqual({ kind: 'sent' });
    expect(await deliverMessage(deps, message, { queueMessageId: 'q-1' })).toEqual({ kind: 'duplicate' });
    expect(await deliverMessage(deps, message, { queueMessageId: 'q-2' })).toEqual({ kind: 'duplicate' });
    expect(sender.sent).toEqual([{ type: 'message', text: 'Hello' }]);
  });

  it('sends to the reference the message carries, without reading the conversation again', async () => {
    const { sender, deps } = await setup();
    const references: Record<string, unknown>[] = [];
    const send = sender.send.bind(sender);
    sender.send = (reference, activity) => {
      references.push(reference);
      return send(reference, activity);
    };
    const carried = { conversation: { id: 'a:carried' }, serviceUrl: 'http://127.0.0.1:9/' };
    const outcome = await deliverMessage(deps, {
      ...message,
      conversationKey: 'person:not-stored@hill.example',
      reference: carried,
    });
    expect(outcome).toEqual({ kind: 'sent' });
    expect(references).toEqual([carried]);
  });

  it('lets the queue retry after a failed send, and then sends once', async () => {
    const { sender, deps } = await setup([new Error('503 from Teams')]);
    await expect(deliverMessage(deps, message)).rejects.toThrow('503 from Teams');
    expect(await deliverMessage(deps, message)).toEqual({ kind: 'sent' });
    expect(sender.sent).toHaveLength(1);
  });

  it('marks the conversation unreachable on 403 and sends nothing there afterwards', async () => {
    const { stores, sender, deps } = await setup([
      { kind: 'unreachable', status: 403, detail: 'app uninstalled' },
    ]);
    expect(await deliverMessage(deps, message)).toEqual({ kind: 'unreachable', status: 403 });
    const stored = await stores.conversations.get('person:head@hill.example');
    expect(stored?.unreachable).toMatchObject({ status: 403, detail: 'app uninstalled' });
    expect(await deliverMessage(deps, { ...message, id: 'm-2' })).toEqual({
      kind: 'unreachable',
      status: 403,
    });
    expect(sender.sent).toHaveLength(0);
  });

  it('drops a message for a conversation it has no reference for', async () => {
    const { deps } = await setup();
    expect(await deliverMessage(deps, { ...message, conversationKey: 'person:new@hill.example' })).toEqual({
      kind: 'noConversation',
    });
  });

  it.each([
    ['not an object', 'hello', 'not a JSON object'],
    ['no id', { conversationKey: 'k', activity: {} }, '"id"'],
    ['no conversation', { id: 'x', activity: {} }, '"conversationKey"'],
    ['no activity', { id: 'x', conversationKey: 'k' }, '"activity"'],
    [
      'a reference that is not an object',
      { id: 'x', conversationKey: 'k', activity: {}, reference: 'a:1' },
      '"reference"',
    ],
  ])('refuses a message with %s, naming the field', async (_case, raw, field) => {
    const { deps } = await setup();
    const attempt = deliverMessage(deps, raw);
    await expect(attempt).rejects.toThrow(MalformedOutboxMessageError);
    await expect(deliverMessage(deps, raw)).rejects.toThrow(field);
  });
});

import { QueueClient } from '@azure/storage-queue';

import { QueueOutbox } from '../../../src/adapters/storageQueue/QueueOutbox';
import { QueueStorageError } from '../../../src/adapters/storageQueue/QueueStorageError';
import type { OutboxMessage } from '../../../src/app/ports';
import { testConnectionString, uniqueName } from '../../support/storage';

const message: OutboxMessage = {
  id: 'round-2024-autumn:person:head@school.example',
  conversationKey: 'person:head@school.example',
  activity: { type: 'message', text: 'Autumn figures, please — Zoë' },
};

function queueName(): string {
  return uniqueName('outbox').toLowerCase();
}

describe('QueueOutbox', () => {
  it('creates the queue on first use and enqueues base64 JSON, as the Functions trigger expects', async () => {
    const name = queueName();
    await new QueueOutbox(testConnectionString(), name).enqueue(message);

    const queue = new QueueClient(testConnectionString(), name);
    const { receivedMessageItems } = await queue.receiveMessages();
    expect(receivedMessageItems).toHaveLength(1);
    const text = receivedMessageItems[0]?.messageText ?? '';
    expect(JSON.parse(Buffer.from(text, 'base64').toString('utf8'))).toEqual(message);
  });

  it('creates its queue idempotently', async () => {
    const name = queueName();
    const outbox = new QueueOutbox(testConnectionString(), name);
    await outbox.createQueue();
    await outbox.createQueue();
    await new QueueOutbox(testConnectionString(), name).createQueue();
    expect(outbox.queueName).toBe(name);
  });

  it('creates the queue again when it was deleted after start-up', async () => {
    const name = queueName();
    const outbox = new QueueOutbox(testConnectionString(), name);
    await outbox.createQueue();
    await new QueueClient(testConnectionString(), name).delete();
    await outbox.enqueue(message);
    const { receivedMessageItems } = await new QueueClient(testConnectionString(), name).receiveMessages();
    expect(receivedMessageItems).toHaveLength(1);
  });

  it('refuses a message too big for a queue message, naming it and saying what to do', async () => {
    const outbox = new QueueOutbox(testConnectionString(), queueName());
    const big = { ...message, activity: { type: 'message', attachments: ['x'.repeat(60_000)] } };
    const error = await outbox.enqueue(big).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QueueStorageError);
    expect((error as Error).message).toContain(message.id);
    expect((error as Error).message).toMatch(/put only its key in the message/);
  });

  it.each(['Outbox', 'ab', 'a--b', '-outbox', 'x'.repeat(57)])('refuses the queue name %j', (name) => {
    expect(() => new QueueOutbox(testConnectionString(), name)).toThrow(RangeError);
  });
});

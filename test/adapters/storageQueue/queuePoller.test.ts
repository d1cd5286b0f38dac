import { QueueClient } from '@azure/storage-queue';

import { encodeQueueMessage } from '../../../src/adapters/storageQueue/queueMessageCodec';
import { QueueOutbox } from '../../../src/adapters/storageQueue/QueueOutbox';
import {
  type QueueMessageMeta,
  type QueuePoller,
  type QueuePollerOptions,
  startQueuePoller,
} from '../../../src/adapters/storageQueue/queuePoller';
import type { Logger } from '../../../src/app/ports';
import { testConnectionString, uniqueName } from '../../support/storage';

interface Logged {
  level: 'info' | 'warn' | 'error';
  message: string;
}

function recordingLog(): Logger & { lines: Logged[] } {
  const lines: Logged[] = [];
  return {
    lines,
    info: (message) => lines.push({ level: 'info', message }),
    warn: (message) => lines.push({ level: 'warn', message }),
    error: (message) => lines.push({ level: 'error', message }),
  };
}

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Messages left in a queue, without taking them (peek does not change visibility or dequeue count). */
async function peek(queue: QueueClient): Promise<string[]> {
  const { peekedMessageItems } = await queue.peekMessages({ numberOfMessages: 32 });
  return peekedMessageItems.map((item) => item.messageText);
}

/** Messages in a queue, invisible ones included: zero means they were deleted, not just taken. */
async function count(queue: QueueClient): Promise<number> {
  return (await queue.getProperties()).approximateMessagesCount ?? -1;
}

describe('startQueuePoller', () => {
  const pollers: QueuePoller[] = [];
  let name: string;
  let queue: QueueClient;
  let poison: QueueClient;

  beforeEach(async () => {
    name = uniqueName('q').toLowerCase();
    queue = new QueueClient(testConnectionString(), name);
    poison = new QueueClient(testConnectionString(), `${name}-poison`);
    await queue.create();
  });

  afterEach(async () => {
    await Promise.all(pollers.splice(0).map((poller) => poller.stop()));
  });

  function start(options: Partial<QueuePollerOptions> & Pick<QueuePollerOptions, 'handler'>): void {
    pollers.push(
      startQueuePoller({
        connectionString: testConnectionString(),
        queueName: name,
        visibilityTimeoutSeconds: 2,
        pollIntervalMs: 50,
        log: recordingLog(),
        ...options,
      }),
    );
  }

  it('hands the decoded message to the handler and deletes it on success', async () => {
    const seen: Array<{ message: unknown; meta: QueueMessageMeta }> = [];
    start({
      handler: (message, meta) => {
        seen.push({ message, meta });
        return Promise.resolve();
      },
    });
    await queue.sendMessage(encodeQueueMessage({ id: 'm1', text: 'Zoë' }));

    await until(() => seen.length === 1);
    expect(seen[0]?.message).toEqual({ id: 'm1', text: 'Zoë' });
    expect(seen[0]?.meta.dequeueCount).toBe(1);
    expect(seen[0]?.meta.id).toEqual(expect.any(String));
    expect(seen[0]?.meta.insertedOn).toBeInstanceOf(Date);
    await until(async () => (await count(queue)) === 0);
  });

  it('retries a message whose handler failed, with the dequeue count rising', async () => {
    const counts: number[] = [];
    const log = recordingLog();
    start({
      log,
      handler: (_message, meta) => {
        counts.push(meta.dequeueCount);
        return meta.dequeueCount < 3 ? Promise.reject(new Error('Teams answered 503')) : Promise.resolve();
      },
    });
    await queue.sendMessage(encodeQueueMessage({ id: 'm2' }));

    await until(() => counts.length === 3);
    expect(counts).toEqual([1, 2, 3]);
    await until(async () => (await count(queue)) === 0);
    expect(await poison.exists()).toBe(false);
    expect(log.lines.filter((line) => line.level === 'warn').map((line) => line.message)).toEqual([
      expect.stringMatching(/attempt 1\) failed and will be retried: Teams answered 503/),
      expect.stringMatching(/attempt 2\) failed and will be retried: Teams answered 503/),
    ]);
  });

  it('moves a message that failed maxDequeueCount times to the poison queue, unchanged', async () => {
    let attempts = 0;
    const log = recordingLog();
    start({
      log,
      maxDequeueCount: 3,
      handler: () => {
        attempts++;
        return Promise.reject(new Error('always fails'));
      },
    });
    const text = encodeQueueMessage({ id: 'm3' });
    await queue.sendMessage(text);

    await until(async () => (await poison.exists()) && (await peek(poison)).length === 1);
    expect(await peek(poison)).toEqual([text]);
    expect(attempts).toBe(3);
    await until(async () => (await count(queue)) === 0);
    const errors = log.lines.filter((line) => line.level === 'error').map((line) => line.message);
    expect(errors.join('\n')).toContain(`moved to "${name}-poison": its handler failed 3 times`);
  });

  it('moves a message seen more than maxDequeueCount times (a host died handling it) without handling it', async () => {
    const text = encodeQueueMessage({ id: 'crashed' });
    await queue.sendMessage(text);
    // Two hosts that took the message and died before settling it.
    for (let i = 0; i < 2; i++) {
      await until(
        async () => (await queue.receiveMessages({ visibilityTimeout: 1 })).receivedMessageItems.length === 1,
      );
    }
    const handler = jest.fn(() => Promise.resolve());
    start({ maxDequeueCount: 2, handler });

    await until(async () => (await poison.exists()) && (await peek(poison)).length === 1);
    expect(await peek(poison)).toEqual([text]);
    expect(handler).not.toHaveBeenCalled();
  });

  it.each([
    ['plain text', 'this is not base64', /not base64/],
    ['base64 that is not JSON', Buffer.from('{not json').toString('base64'), /not JSON/],
  ])('moves %s straight to the poison queue with the reason logged', async (_name, text, reason) => {
    const handler = jest.fn(() => Promise.resolve());
    const log = recordingLog();
    start({ log, handler });
    await queue.sendMessage(text);

    await until(async () => (await poison.exists()) && (await peek(poison)).length === 1);
    expect(await peek(poison)).toEqual([text]);
    expect(handler).not.toHaveBeenCalled();
    const logged = log.lines.find((line) => line.level === 'error')?.message ?? '';
    expect(logged).toMatch(reason);
    expect(logged).toContain(`moved to "${name}-poison"`);
    await until(async () => (await count(queue)) === 0);
  });

  it('keeps a slow handler’s message invisible to others by renewing it', async () => {
    const calls: number[] = [];
    start({
      visibilityTimeoutSeconds: 1,
      handler: async (_message, meta) => {
        calls.push(meta.dequeueCount);
        await new Promise((resolve) => setTimeout(resolve, 3000));
      },
    });
    start({
      visibilityTimeoutSeconds: 1,
      handler: (_message, meta) => {
        calls.push(meta.dequeueCount);
        return Promise.resolve();
      },
    });
    await queue.sendMessage(encodeQueueMessage({ id: 'slow' }));

    await until(async () => calls.length === 1 && (await count(queue)) === 0, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(calls).toEqual([1]);
  });

  it('waits on stop for the handler in flight, then settles its message', async () => {
    let finished = false;
    let started = false;
    const poller = startQueuePoller({
      connectionString: testConnectionString(),
      queueName: name,
      pollIntervalMs: 50,
      log: recordingLog(),
      handler: async () => {
        started = true;
        await new Promise((resolve) => setTimeout(resolve, 500));
        finished = true;
      },
    });
    await queue.sendMessage(encodeQueueMessage({ id: 'in-flight' }));
    await until(() => started);

    await poller.stop();
    expect(finished).toBe(true);
    expect(await count(queue)).toBe(0);
  });

  it('creates a missing queue and stops promptly when idle', async () => {
    const missing = uniqueName('q').toLowerCase();
    const poller = startQueuePoller({
      connectionString: testConnectionString(),
      queueName: missing,
      pollIntervalMs: 60_000,
      log: recordingLog(),
      handler: () => Promise.resolve(),
    });
    const client = new QueueClient(testConnectionString(), missing);
    await until(() => client.exists());
    const started = Date.now();
    await poller.stop();
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('fetches the next batch as soon as the number in flight falls to newBatchThreshold', async () => {
    let releaseSlow: () => void = () => undefined;
    const slow = new Promise<void>((resolve) => (releaseSlow = resolve));
    const handled: string[] = [];
    start({
      batchSize: 4,
      newBatchThreshold: 2,
      handler: async (message) => {
        const { id } = message as { id: string };
        if (id === 'slow') await slow;
        handled.push(id);
      },
    });
    await queue.sendMessage(encodeQueueMessage({ id: 'slow' }));
    await until(async () => (await peek(queue)).length === 0); // the slow one is in flight
    for (let i = 0; i < 9; i++) await queue.sendMessage(encodeQueueMessage({ id: `m${i}` }));
    // Batch by batch, nothing after the slow one's batch would be handled while it is in flight.
    await until(() => handled.length === 9);
    expect(handled).not.toContain('slow');
    releaseSlow();
    await until(() => handled.length === 10);
    expect(await count(queue)).toBe(0);
  });

  it('wakes from its idle pause when this process writes to its queue', async () => {
    const seen: unknown[] = [];
    start({
      pollIntervalMs: 60_000,
      handler: (message) => {
        seen.push(message);
        return Promise.resolve();
      },
    });
    // Let the poller find the queue empty and start its minute-long pause.
    await new Promise((resolve) => setTimeout(resolve, 500));
    await new QueueOutbox(testConnectionString(), name).enqueue({
      id: 'woken',
      conversationKey: 'person:x@example.org',
      activity: {},
    });
    await until(() => seen.length === 1, 10_000);
    expect(seen).toEqual([{ id: 'woken', conversationKey: 'person:x@example.org', activity: {} }]);
  });

  it.each([
    ['a negative newBatchThreshold', { newBatchThreshold: -1 }, 'newBatchThreshold'],
    ['a fractional newBatchThreshold', { newBatchThreshold: 1.5 }, 'newBatchThreshold'],
  ])('refuses %s', (_case, options, named) => {
    expect(() =>
      startQueuePoller({
        connectionString: testConnectionString(),
        queueName: name,
        handler: () => Promise.resolve(),
        ...options,
      }),
    ).toThrow(named);
  });
});

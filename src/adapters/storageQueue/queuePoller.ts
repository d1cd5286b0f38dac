/**
 * The local stand-in for the Azure Functions queue trigger: the local host runs the same queue handlers
 * as production, fed by this poller on Azurite. It follows the Functions runtime's rules so that behaviour
 * seen locally is behaviour seen in Azure:
 *   - messages are base64 JSON; the handler gets the parsed value;
 *   - success deletes the message; a failure makes it visible again after `retryDelaySeconds` (the
 *     runtime's `visibilityTimeout` setting, default 0);
 *   - a message whose handler failed `maxDequeueCount` times (default 5) is moved to `<queue>-poison`,
 *     unchanged, as is one seen more often than that (a host died while handling it);
 *   - while a handler runs, the message's invisibility is renewed at half of `visibilityTimeoutSeconds`,
 *     so a slow handler is not raced by a second copy of its message;
 *   - up to `batchSize` messages are received at a time, and the next batch is fetched as soon as the
 *     number in flight falls to `newBatchThreshold` (the runtime's two settings of the same names), so a
 *     steady number is handled at once instead of each batch waiting for its slowest message.
 * A message written to the queue by this same process wakes an idle poller at once (queueSignals.ts).
 * Unlike the runtime, a message that is not base64 JSON goes to the poison queue at once, with the reason
 * logged: retrying cannot make it parse.
 */
import { type DequeuedMessageItem, QueueClient } from '@azure/storage-queue';

import type { Logger } from '../../app/ports';
import { BACKGROUND_STORAGE_TIMEOUT_MS } from '../tableStorage/storageDeadline';
import { assertQueueName } from './assertQueueName';
import { queueCallOptions } from './queueDeadline';
import { decodeQueueMessage } from './queueMessageCodec';
import { onQueueMessage } from './queueSignals';
import { isQueueNotFound } from './QueueStorageError';

/** What the handler learns about the message besides its content. */
export interface QueueMessageMeta {
  /** The queue's id for the message. */
  id: string;
  /** 1 the first time the message is handled, 2 on the first retry, and so on. */
  dequeueCount: number;
  insertedOn: Date;
}

export interface QueuePollerOptions {
  connectionString: string;
  queueName: string;
  /** Resolves when the message is handled; rejects to have it retried. */
  handler: (message: unknown, meta: QueueMessageMeta) => Promise<void>;
  /** Failed attempts before the message goes to the poison queue (Functions' default: 5). */
  maxDequeueCount?: number;
  /** How long a received message stays invisible to other receivers while it is handled; renewed. */
  visibilityTimeoutSeconds?: number;
  /** How long a failed message stays invisible before it is retried (Functions' default: 0). */
  retryDelaySeconds?: number;
  /** Pause between receives when the queue is empty, and after a receive failed. */
  pollIntervalMs?: number;
  /** Messages received at a time, 1–32 (Functions' default: 16). */
  batchSize?: number;
  /**
   * A new batch is received when the messages in flight fall to this many (Functions' default: half of
   * `batchSize`), so at most `batchSize + newBatchThreshold` are handled at once. 0: batch by batch.
   */
  newBatchThreshold?: number;
  log?: Logger;
}

export interface QueuePoller {
  /** Stops receiving and resolves once the handlers in flight have finished and their messages settled. */
  stop(): Promise<void>;
}

const consoleLog: Logger = {
  info: (message) => console.info(message),
  warn: (message) => console.warn(message),
  error: (message, error) => console.error(message, error ?? ''),
};

/** Starts polling `queueName`; the queue and its poison queue are created if missing. */
export function startQueuePoller(options: QueuePollerOptions): QueuePoller {
  const {
    connectionString,
    queueName,
    handler,
    maxDequeueCount = 5,
    visibilityTimeoutSeconds = 30,
    retryDelaySeconds = 0,
    pollIntervalMs = 1000,
    batchSize = 16,
    newBatchThreshold = Math.floor(batchSize / 2),
    log = consoleLog,
  } = options;
  if (!Number.isInteger(maxDequeueCount) || maxDequeueCount < 1)
    throw new RangeError(`maxDequeueCount must be a whole number of at least 1, not ${maxDequeueCount}.`);
  if (!Number.isInteger(visibilityTimeoutSeconds) || visibilityTimeoutSeconds < 1)
    throw new RangeError(
      `visibilityTimeoutSeconds must be a whole number of at least 1, not ${visibilityTimeoutSeconds}.`,
    );
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 32)
    throw new RangeError(`batchSize must be a whole number from 1 to 32, not ${batchSize}.`);
  if (!Number.isInteger(newBatchThreshold) || newBatchThreshold < 0)
    throw new RangeError(`newBatchThreshold must be a whole number of at least 0, not ${newBatchThreshold}.`);

  assertQueueName(queueName);
  const queue = new QueueClient(connectionString, queueName);
  const poison = new QueueClient(connectionString, `${queueName}-poison`);
  const stopping = new AbortController();

  const handle = async (item: DequeuedMessageItem): Promise<void> => {
    const lease = new Lease(queue, item, visibilityTimeoutSeconds, log);
    const label = `Queue "${queueName}" message ${item.messageId} (attempt ${item.dequeueCount})`;
    try {
      if (item.dequeueCount > maxDequeueCount) {
        await moveToPoison(
          lease,
          `it was received ${item.dequeueCount} times (a host stopped while handling it)`,
        );
        return;
      }
      const decoded = decodeQueueMessage(item.messageText);
      if (!decoded.ok) {
        await moveToPoison(lease, decoded.reason);
        return;
      }
      try {
        await handler(decoded.value, {
          id: item.messageId,
          dequeueCount: item.dequeueCount,
          insertedOn: item.insertedOn,
        });
      } catch (error) {
        if (item.dequeueCount >= maxDequeueCount) {
          log.error(`${label} failed for the last time`, error);
          await moveToPoison(lease, `its handler failed ${item.dequeueCount} times`);
        } else {
          log.warn(`${label} failed and will be retried: ${describe(error)}`);
          await lease.release(retryDelaySeconds);
        }
        return;
      }
      await lease.complete();
    } catch (error) {
      // Settling the message failed (storage unreachable, lease lost): it will reappear and be handled
      // again, so handlers must be idempotent, as they must be under the Functions runtime.
      log.error(`${label}: could not settle the message; it will be delivered again`, error);
    } finally {
      lease.end();
    }
  };

  const moveToPoison = async (lease: Lease, reason: string): Promise<void> => {
    await ensureQueue(poison);
    await poison.sendMessage(lease.item.messageText, queueCallOptions(BACKGROUND_STORAGE_TIMEOUT_MS));
    await lease.complete();
    log.error(
      `Queue "${queueName}" message ${lease.item.messageId} moved to "${poison.name}": ${reason}. ` +
        `Inspect it there; once the cause is fixed, put it back on "${queueName}" to retry it.`,
    );
  };

  // A message this process writes to the queue ends the idle pause at once.
  let wake: (() => void) | undefined;
  const unsubscribe = onQueueMessage(queue.url, () => wake?.());
  const idle = (ms: number): Promise<void> =>
    new Promise<void>((resolve) => {
      wake = resolve;
      void sleep(ms, stopping.signal).then(resolve);
    }).finally(() => (wake = undefined));

  const inFlight = new Set<Promise<void>>();
  const run = async (): Promise<void> => {
    let queueReady = false;
    while (!stopping.signal.aborted) {
      if (inFlight.size > newBatchThreshold) {
        // handle() never rejects: every failure is logged and settled there.
        await Promise.race(inFlight);
        continue;
      }
      let items: DequeuedMessageItem[];
      try {
        if (!queueReady) {
          await ensureQueue(queue);
          queueReady = true;
        }
        const response = await queue.receiveMessages({
          numberOfMessages: batchSize,
          visibilityTimeout: visibilityTimeoutSeconds,
          // Stopping ends the wait at once; storage that hangs, at the background bound.
          abortSignal: AbortSignal.any([
            stopping.signal,
            queueCallOptions(BACKGROUND_STORAGE_TIMEOUT_MS).abortSignal,
          ]),
        });
        items = response.receivedMessageItems;
      } catch (error) {
        if (stopping.signal.aborted) break;
        if (isQueueNotFound(error)) queueReady = false;
        log.warn(
          `Queue "${queueName}": receive failed, trying again in ${pollIntervalMs} ms: ${describe(error)}`,
        );
        await sleep(pollIntervalMs, stopping.signal);
        continue;
      }
      if (items.length === 0) {
        // With messages still in flight, look again when one settles (or the pause ends).
        await (inFlight.size > 0 ? Promise.race([...inFlight, idle(pollIntervalMs)]) : idle(pollIntervalMs));
        continue;
      }
      for (const item of items) {
        const handled = handle(item).finally(() => inFlight.delete(handled));
        inFlight.add(handled);
      }
    }
    await Promise.all(inFlight);
  };

  const running = run();
  return {
    async stop() {
      stopping.abort();
      wake?.();
      unsubscribe();
      await running;
    },
  };
}

/**
 * A received message, invisible to other receivers while we hold it. Every update gives the message a
 * new pop receipt; renewals, the final delete and the release are serialised so each uses the latest.
 */
class Lease {
  private popReceipt: string;
  private chain: Promise<void> = Promise.resolve();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly queue: QueueClient,
    readonly item: DequeuedMessageItem,
    private readonly visibilityTimeoutSeconds: number,
    private readonly log: Logger,
  ) {
    this.popReceipt = item.popReceipt;
    this.timer = setInterval(() => void this.renew(), (visibilityTimeoutSeconds * 1000) / 2);
    this.timer.unref();
  }

  /** Deletes the message: it was handled (or copied to the poison queue). */
  complete(): Promise<void> {
    this.end();
    return this.then(async () => {
      await this.queue.deleteMessage(
        this.item.messageId,
        this.popReceipt,
        queueCallOptions(BACKGROUND_STORAGE_TIMEOUT_MS),
      );
    });
  }

  /** Makes the message visible again after `delaySeconds`, for a retry. */
  release(delaySeconds: number): Promise<void> {
    this.end();
    return this.then(async () => {
      await this.queue.updateMessage(
        this.item.messageId,
        this.popReceipt,
        undefined,
        delaySeconds,
        queueCallOptions(BACKGROUND_STORAGE_TIMEOUT_MS),
      );
    });
  }

  end(): void {
    clearInterval(this.timer);
  }

  private renew(): Promise<void> {
    return this.then(async () => {
      const response = await this.queue.updateMessage(
        this.item.messageId,
        this.popReceipt,
        undefined,
        this.visibilityTimeoutSeconds,
        queueCallOptions(BACKGROUND_STORAGE_TIMEOUT_MS),
      );
      if (response.popReceipt) this.popReceipt = response.popReceipt;
    }).catch((error: unknown) => {
      this.log.warn(
        `Queue "${this.queue.name}" message ${this.item.messageId}: could not extend its invisibility; ` +
          `another receiver may get it while it is handled: ${describe(error)}`,
      );
    });
  }

  private then(step: () => Promise<void>): Promise<void> {
    const next = this.chain.then(step);
    this.chain = next.catch(() => undefined);
    return next;
  }
}

async function ensureQueue(queue: QueueClient): Promise<void> {
  await queue.createIfNotExists(queueCallOptions(BACKGROUND_STORAGE_TIMEOUT_MS));
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done);
  });
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

import { QueueClient } from '@azure/storage-queue';

import type { StorageConnection } from '../../config';
import { storageCredential } from '../storageCredential';
import { DEFAULT_STORAGE_TIMEOUT_MS } from '../tableStorage/storageDeadline';
import { assertQueueName } from './assertQueueName';
import { queueCallOptions, queueTimeoutProblem } from './queueDeadline';
import { encodeQueueMessage, MAX_QUEUE_MESSAGE_LENGTH } from './queueMessageCodec';
import { signalQueueMessage } from './queueSignals';
import { isQueueNotFound, QueueStorageError } from './QueueStorageError';

/**
 * A queue of JSON messages, each base64-encoded, which the Functions queue trigger decodes by default.
 * Creates the queue on first use if `createQueue` was not called. The outbox and the fan-out requests
 * are two of them.
 */
export class JsonMessageQueue<T extends { id: string }> {
  private readonly queue: QueueClient;
  private readonly callTimeoutMs: number;
  private created: Promise<void> | undefined;

  /**
   * `what` names the messages in errors, e.g. `outbox message`. `callTimeoutMs` bounds each call inside a
   * turn (queueDeadline.ts; STORAGE_TIMEOUT_MS, DEFAULT_STORAGE_TIMEOUT_MS when absent).
   */
  constructor(
    connection: StorageConnection,
    queueName: string,
    private readonly what: string,
    options: { callTimeoutMs?: number } = {},
  ) {
    this.callTimeoutMs = options.callTimeoutMs ?? DEFAULT_STORAGE_TIMEOUT_MS;
    assertQueueName(queueName);
    this.queue =
      typeof connection === 'string'
        ? new QueueClient(connection, queueName)
        : new QueueClient(
            `${connection.queueServiceUri.replace(/\/$/, '')}/${queueName}`,
            storageCredential(connection.clientId),
          );
  }

  /** The queue's address (which account, which endpoint), for logs and checks. */
  get queueUrl(): string {
    return this.queue.url;
  }

  /** The queue's name, for the queue trigger's binding. */
  get queueName(): string {
    return this.queue.name;
  }

  /** Creates the queue if it is missing; an existing queue is fine. Call once at start-up. */
  createQueue(): Promise<void> {
    this.created ??= this.queue.createIfNotExists(queueCallOptions(this.callTimeoutMs)).then(
      () => undefined,
      (error: unknown) => {
        this.created = undefined; // a failed attempt must not stick: the next call tries again
        throw new QueueStorageError(
          { queue: this.queue.name, operation: 'create queue' },
          queueTimeoutProblem(error, 'could not create the queue'),
          { cause: error },
        );
      },
    );
    return this.created;
  }

  async enqueue(message: T): Promise<void> {
    const context = { queue: this.queue.name, operation: `enqueue ${this.what}`, messageId: message.id };
    const text = encodeQueueMessage(message);
    if (text.length > MAX_QUEUE_MESSAGE_LENGTH) {
      // Base64 adds a third: the JSON may be at most 48 KiB, less than a large Adaptive Card (Teams allows
      // ~100 KB). Such a message must carry a reference to its content, not the content.
      throw new QueueStorageError(
        context,
        `the message is ${text.length} characters once encoded, over the queue's ${MAX_QUEUE_MESSAGE_LENGTH}`,
        { advice: 'Keep the card data in storage and put only its key in the message.' },
      );
    }
    await this.createQueue();
    try {
      await this.queue.sendMessage(text, queueCallOptions(this.callTimeoutMs));
    } catch (error) {
      if (!isQueueNotFound(error)) {
        throw new QueueStorageError(context, queueTimeoutProblem(error, 'could not send'), { cause: error });
      }
      // Someone deleted the queue since we created it (e.g. in Storage Explorer): create it and send again.
      this.created = undefined;
      await this.createQueue();
      try {
        await this.queue.sendMessage(text, queueCallOptions(this.callTimeoutMs));
      } catch (retryError) {
        throw new QueueStorageError(context, queueTimeoutProblem(retryError, 'could not send'), {
          cause: retryError,
        });
      }
    }
    signalQueueMessage(this.queue.url);
  }
}

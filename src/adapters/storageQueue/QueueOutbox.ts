import type { Outbox, OutboxMessage } from '../../app/ports';
import type { StorageConnection } from '../../config';
import { JsonMessageQueue } from './JsonMessageQueue';

/** The queue the `deliver` function is triggered by, before any prefix. */
export const OUTBOX_QUEUE = 'outbox';

/** Outbox on an Azure Storage queue: one JSON message per proactive message (JsonMessageQueue). */
export class QueueOutbox extends JsonMessageQueue<OutboxMessage> implements Outbox {
  /** `callTimeoutMs` bounds each call inside a turn (STORAGE_TIMEOUT_MS; queueDeadline.ts). */
  constructor(
    connection: StorageConnection,
    queueName: string = OUTBOX_QUEUE,
    options: { callTimeoutMs?: number } = {},
  ) {
    super(connection, queueName, 'outbox message', options);
  }
}

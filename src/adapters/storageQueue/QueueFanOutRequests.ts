import type { FanOutRequest, FanOutRequests } from '../../app/ports';
import type { StorageConnection } from '../../config';
import { JsonMessageQueue } from './JsonMessageQueue';

/** The queue the `fanOutRound` function is triggered by, before any prefix. */
export const FAN_OUT_QUEUE = 'fanout';

/**
 * Fan-out requests on an Azure Storage queue of their own: a request can wait for a whole round's
 * prompts to be written without holding up the outbox's messages behind it, and its poison queue says
 * "a round's fan-out failed", not "a message was undeliverable".
 */
export class QueueFanOutRequests extends JsonMessageQueue<FanOutRequest> implements FanOutRequests {
  /** `callTimeoutMs` bounds each call inside a turn (STORAGE_TIMEOUT_MS; queueDeadline.ts). */
  constructor(
    connection: StorageConnection,
    queueName: string = FAN_OUT_QUEUE,
    options: { callTimeoutMs?: number } = {},
  ) {
    super(connection, queueName, 'fan-out request', options);
  }
}

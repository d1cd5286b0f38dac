/**
 * Storage Queue implementations: the outbox, the fan-out requests, and the local stand-in for the
 * Functions queue trigger.
 */
export { assertQueueName } from './assertQueueName';
export { JsonMessageQueue } from './JsonMessageQueue';
export { FAN_OUT_QUEUE, QueueFanOutRequests } from './QueueFanOutRequests';
export {
  type DecodedQueueMessage,
  decodeQueueMessage,
  encodeQueueMessage,
  MAX_QUEUE_MESSAGE_LENGTH,
} from './queueMessageCodec';
export { OUTBOX_QUEUE, QueueOutbox } from './QueueOutbox';
export {
  type QueueMessageMeta,
  type QueuePoller,
  type QueuePollerOptions,
  startQueuePoller,
} from './queuePoller';
export { onQueueMessage, signalQueueMessage } from './queueSignals';
export { isQueueNotFound, type QueueErrorContext, QueueStorageError } from './QueueStorageError';

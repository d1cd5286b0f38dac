/** Storage Queue implementations: the outbox, and the local stand-in for the Functions queue trigger. */
export { assertQueueName } from './assertQueueName';
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
export { isQueueNotFound, type QueueErrorContext, QueueStorageError } from './QueueStorageError';

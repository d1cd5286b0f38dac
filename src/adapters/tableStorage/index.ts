/** Table Storage implementations of the ports in src/app/ports.ts. */
export { createTableClient, usesPlainHttp } from './createTableClient';
export {
  createTables,
  createTableStores,
  TABLE_NAMES,
  type TableStores,
  type TableStoresOptions,
} from './createTableStores';
export { activityPartition, TableActivityLog } from './TableActivityLog';
export { TableConversationStore } from './TableConversationStore';
export { decodeKey, encodeKey, MAX_KEY_LENGTH } from './tableKeys';
export { TableRosterStore, type TableRosterStoreOptions } from './TableRosterStore';
export {
  isMissingEntity,
  restErrorCode,
  restErrorStatus,
  type TableErrorContext,
  TableStorageError,
} from './TableStorageError';

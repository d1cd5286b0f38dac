/** Table Storage implementations of the ports in src/app/ports.ts. */
export { createTableClient, type TableClientOptions, usesPlainHttp } from './createTableClient';
export {
  createTables,
  createTableStores,
  TABLE_NAMES,
  type TableStores,
  type TableStoresOptions,
} from './createTableStores';
export { StorageRequestCounter } from './storageRequestCounter';
export { activityPartition, TableActivityLog } from './TableActivityLog';
export { TableBoardBindingStore } from './TableBoardBindingStore';
export { TableBoardPostStore } from './TableBoardPostStore';
export { TableConversationStore } from './TableConversationStore';
export { TableEvaluationStore, type TableEvaluationStoreOptions } from './TableEvaluationStore';
export { TableFigureStore } from './TableFigureStore';
export { decodeKey, encodeKey, MAX_KEY_LENGTH } from './tableKeys';
export { TableOwnerRoundStore } from './TableOwnerRoundStore';
export { TablePromptLog } from './TablePromptLog';
export { TableRosterStore, type TableRosterStoreOptions } from './TableRosterStore';
export { TableRoundStore } from './TableRoundStore';
export {
  isMissingEntity,
  restErrorCode,
  restErrorStatus,
  type TableErrorContext,
  TableStorageError,
} from './TableStorageError';

import type { TableClient } from '@azure/data-tables';

import type { StorageConnection } from '../../config';
import { createTableClient } from './createTableClient';
import type { StorageRequestCounter } from './storageRequestCounter';
import { TableActivityLog } from './TableActivityLog';
import { TableBoardBindingStore } from './TableBoardBindingStore';
import { TableBoardPostStore } from './TableBoardPostStore';
import { TableChatSessionStore } from './TableChatSessionStore';
import { TableConversationStore } from './TableConversationStore';
import { TableEvaluationStore, type TableEvaluationStoreOptions } from './TableEvaluationStore';
import { TableFigureStore } from './TableFigureStore';
import { TableOwnerRoundStore } from './TableOwnerRoundStore';
import { TablePromptLog } from './TablePromptLog';
import { TableRosterStore, type TableRosterStoreOptions } from './TableRosterStore';
import { TableRoundStore } from './TableRoundStore';
import { TableStorageError } from './TableStorageError';

/** The tables the stores use, before any prefix. */
export const TABLE_NAMES = {
  conversations: 'conversations',
  activities: 'activities',
  roster: 'roster',
  rounds: 'rounds',
  figures: 'figures',
  prompts: 'prompts',
  evaluations: 'evaluations',
  boardPosts: 'boardposts',
  owners: 'owners',
  boardBinding: 'boardbinding',
  chatSessions: 'chatsessions',
} as const;

export interface TableStoresOptions {
  /**
   * Put before every table name, e.g. `t1a2b` gives `t1a2bconversations`: lets tests, or two bots sharing
   * one storage account, keep their tables apart. Letters and digits, starting with a letter.
   */
  tablePrefix?: string;
  /** Passed to the roster store (its clock). */
  roster?: TableRosterStoreOptions;
  /** Passed to the evaluation store (its clock). */
  evaluations?: TableEvaluationStoreOptions;
  /** Counts every request the stores send, for tests and benchmarks (storage round trips). */
  requestCounter?: StorageRequestCounter;
  /** How often each request is retried (createTableClient's `maxRetries`). */
  maxRetries?: number;
  /** The longest one call may take, retries included (createTableClient's `callTimeoutMs`). */
  callTimeoutMs?: number;
}

/** The Table Storage implementations of the ports, one table each. */
export interface TableStores {
  conversations: TableConversationStore;
  activityLog: TableActivityLog;
  roster: TableRosterStore;
  rounds: TableRoundStore;
  figures: TableFigureStore;
  prompts: TablePromptLog;
  evaluations: TableEvaluationStore;
  boardPosts: TableBoardPostStore;
  owners: TableOwnerRoundStore;
  boardBinding: TableBoardBindingStore;
  chatSessions: TableChatSessionStore;
  /** The table name each store uses, after the prefix. */
  tableNames: Record<keyof typeof TABLE_NAMES, string>;
  /** Creates the tables if missing (see `createTables`); call once at start-up. */
  createTables(): Promise<void>;
  /**
   * Reads at most one row of the roster table: resolves when storage answers, throws a TableStorageError
   * when it refuses or does not answer (bounded like every call, storageDeadline.ts). For health checks.
   */
  probe(): Promise<void>;
}

/**
 * Builds the stores on the account the connection string names. Does no I/O: call `createTables()` once at
 * start-up so the tables exist. Throws a RangeError for a prefix that cannot start a table name.
 */
export function createTableStores(
  connectionString: StorageConnection,
  options: TableStoresOptions = {},
): TableStores {
  const clients = tableClients(connectionString, options);
  return {
    conversations: new TableConversationStore(clients.conversations),
    activityLog: new TableActivityLog(clients.activities),
    roster: new TableRosterStore(clients.roster, options.roster),
    rounds: new TableRoundStore(clients.rounds),
    figures: new TableFigureStore(clients.figures, {
      ...(options.callTimeoutMs !== undefined && { settleTimeoutMs: options.callTimeoutMs }),
    }),
    prompts: new TablePromptLog(clients.prompts),
    evaluations: new TableEvaluationStore(clients.evaluations, options.evaluations),
    boardPosts: new TableBoardPostStore(clients.boardPosts),
    owners: new TableOwnerRoundStore(clients.owners, {
      ...(options.callTimeoutMs !== undefined && { settleTimeoutMs: options.callTimeoutMs }),
    }),
    boardBinding: new TableBoardBindingStore(clients.boardBinding),
    chatSessions: new TableChatSessionStore(clients.chatSessions),
    tableNames: Object.fromEntries(
      Object.entries(clients).map(([store, client]) => [store, client.tableName]),
    ) as Record<keyof typeof TABLE_NAMES, string>,
    createTables: () => createTablesFor(clients),
    probe: () => probeTable(clients.roster),
  };
}

/**
 * Creates the stores' tables; tables that already exist are left as they are, so every host can call
 * this at every start-up.
 */
export async function createTables(
  connectionString: StorageConnection,
  options: Pick<TableStoresOptions, 'tablePrefix' | 'callTimeoutMs'> = {},
): Promise<void> {
  await createTablesFor(tableClients(connectionString, options));
}

async function probeTable(client: TableClient): Promise<void> {
  try {
    const pages = client
      .listEntities({ queryOptions: { select: ['PartitionKey'] } })
      .byPage({ maxPageSize: 1 });
    // One page answers the question; the rows themselves do not matter.
    for await (const page of pages) {
      void page;
      return;
    }
  } catch (error) {
    throw new TableStorageError(
      { table: client.tableName, operation: 'probe storage' },
      'storage did not answer',
      {
        cause: error,
      },
    );
  }
}

async function createTablesFor(clients: Record<keyof typeof TABLE_NAMES, TableClient>): Promise<void> {
  await Promise.all(
    Object.values(clients).map(async (client) => {
      try {
        await client.createTable(); // the SDK treats 409 TableAlreadyExists as success
      } catch (error) {
        throw new TableStorageError(
          { table: client.tableName, operation: 'create table' },
          'could not create it',
          {
            cause: error,
          },
        );
      }
    }),
  );
}

function tableClients(
  connectionString: StorageConnection,
  { tablePrefix: prefix = '', requestCounter, maxRetries, callTimeoutMs }: TableStoresOptions,
): Record<keyof typeof TABLE_NAMES, TableClient> {
  // Table names: 3–63 letters and digits, starting with a letter.
  if (!/^([A-Za-z][A-Za-z0-9]{0,49})?$/.test(prefix)) {
    throw new RangeError(
      `Table prefix "${prefix}" is not usable: use up to 50 letters and digits, starting with a letter.`,
    );
  }
  const client = (name: string): TableClient =>
    createTableClient(connectionString, prefix + name, {
      ...(requestCounter && { requestCounter }),
      ...(maxRetries !== undefined && { maxRetries }),
      ...(callTimeoutMs !== undefined && { callTimeoutMs }),
    });
  return {
    conversations: client(TABLE_NAMES.conversations),
    activities: client(TABLE_NAMES.activities),
    roster: client(TABLE_NAMES.roster),
    rounds: client(TABLE_NAMES.rounds),
    figures: client(TABLE_NAMES.figures),
    prompts: client(TABLE_NAMES.prompts),
    evaluations: client(TABLE_NAMES.evaluations),
    boardPosts: client(TABLE_NAMES.boardPosts),
    owners: client(TABLE_NAMES.owners),
    boardBinding: client(TABLE_NAMES.boardBinding),
    chatSessions: client(TABLE_NAMES.chatSessions),
  };
}

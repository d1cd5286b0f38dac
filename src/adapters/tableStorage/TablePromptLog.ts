import { odata, type TableClient, type TableEntityResult, type TransactionAction } from '@azure/data-tables';

import type { PromptLog, PromptUpdate } from '../../app/ports';
import type { IsoDate } from '../../domain/roster/roster';
import type { PromptCard, PromptCardClosing, PromptRecord, PromptState } from '../../domain/round/round';
import { KEY_SEPARATOR, keyPart, prefixRange } from './figureEntities';
import { decodeKey } from './tableKeys';
import { isMissingEntity, restErrorStatus, TableStorageError } from './TableStorageError';
import { MAX_TRANSACTION_OPERATIONS, submitCheckedTransaction } from './tableTransaction';

/*
 * Layout of the prompts table (docs/storage.md)
 *
 *   PartitionKey   RowKey              what
 *   <term>         p|<urn>             the prompt record: state, person, claimedAt, queuedAt
 *   <term>         r|<urn>|<day>       one reminder sent on that day, insert-only
 *   <term>         c|<urn>             the latest figures card sent (its message id), and its closing
 *
 * One partition per round: `list(term)` is one partition read. A claim, prompt or reminder, is the
 * creation of one entity, and the service's 409 for an existing one makes it atomic across hosts and
 * timers. Reminders are rows of their own, not a list in the record, so claiming one never races with an
 * update of the record; `remindedOn` is read from them, and claim() and update() ignore it (claimReminder
 * is the one way to record a reminder).
 */

const RECORD_PREFIX = 'p';
const REMINDER_PREFIX = 'r';
const CARD_PREFIX = 'c';

const CLOSINGS: readonly PromptCardClosing[] = ['updated', 'gone', 'unreachable'];

/** How often update() re-reads when the record changed between its read and its write. */
const MAX_UPDATE_ATTEMPTS = 5;

/** Single writes in flight at once when a transaction had to be taken apart. */
const SINGLE_WRITE_CONCURRENCY = 8;

const STATES: readonly PromptState[] = ['pending', 'queued', 'noConversation', 'noHead'];

type PromptEntity = {
  urn: string;
  personEmail?: string;
  state: string;
  claimedAt: string;
  queuedAt?: string;
};

type ReminderEntity = { urn: string; day: string; at: string };

type CardEntity = {
  key: string;
  conversationKey: string;
  activityId: string;
  at: string;
  closedOutcome?: string;
  closedAt?: string;
};

/** PromptLog on Azure Table Storage (table `prompts` by default). */
export class TablePromptLog implements PromptLog {
  constructor(private readonly table: TableClient) {}

  async claim(record: PromptRecord): Promise<boolean> {
    return (await this.createOne(record, 'claim prompt')) !== undefined;
  }

  /** The version of the created record, or undefined when one was there already. */
  private async createOne(record: PromptRecord, operation: string): Promise<string | undefined> {
    const entity = this.entityOf(record, operation);
    try {
      return (await this.table.createEntity(entity)).etag ?? '';
    } catch (error) {
      if (restErrorStatus(error) === 409) return undefined;
      throw this.failure(operation, entity.partitionKey, entity.rowKey, 'could not record the claim', error);
    }
  }

  private entityOf(
    record: PromptRecord,
    operation: string,
  ): PromptEntity & { partitionKey: string; rowKey: string } {
    return {
      ...this.recordKeys(record.term, record.urn, operation),
      urn: record.urn,
      state: record.state,
      claimedAt: record.claimedAt,
      ...(record.personEmail !== undefined && { personEmail: record.personEmail }),
      ...(record.queuedAt !== undefined && { queuedAt: record.queuedAt }),
    };
  }

  /**
   * One transaction of creates per 100 records of a round (one partition). A transaction fails whole
   * when any of its records exists (another fan-out claimed it first): that chunk is then claimed one
   * record at a time, so each record still goes to exactly one claimer.
   */
  async claimAll(records: readonly PromptRecord[]): Promise<Map<string, string>> {
    const operation = 'claim prompts';
    const claimed = new Map<string, string>();
    const entries = records.map((record) => ({ record, ...this.entityOf(record, operation) }));
    for (const chunk of chunksByPartition(entries)) {
      const partitionKey = chunk[0]?.partitionKey ?? '';
      const actions: TransactionAction[] = chunk.map(({ record: _record, ...entity }) => ['create', entity]);
      try {
        const response = await submitCheckedTransaction(this.table, actions, {
          table: this.table.tableName,
          operation,
          partitionKey,
        });
        // The service answers the operations in their order; the row keys it echoes are URL-encoded.
        chunk.forEach((entry, index) => claimed.set(entry.urn, response.subResponses[index]?.etag ?? ''));
      } catch (error) {
        if (error instanceof TableStorageError) throw error;
        if (restErrorStatus(error) !== 409) {
          throw this.failure(operation, partitionKey, undefined, 'could not record the claims', error);
        }
        await eachLimited(chunk, SINGLE_WRITE_CONCURRENCY, async ({ record }) => {
          const version = await this.createOne(record, operation);
          if (version !== undefined) claimed.set(record.urn, version);
        });
      }
    }
    return claimed;
  }

  /**
   * Merges of at most 100 records per transaction, each with the ETag it names. When any record changed
   * since (412, or 404 for one deleted), the service refuses the whole transaction and each of its
   * updates is made on its own by `update`, which reads the record again.
   */
  async updateAll(term: string, updates: readonly PromptUpdate[]): Promise<void> {
    const operation = 'update prompts';
    const partitionKey = this.partition(term, operation);
    // A record read without a version cannot be updated conditionally in a transaction.
    const unversioned = updates.filter((update) => !update.version);
    await eachLimited(unversioned, SINGLE_WRITE_CONCURRENCY, (update) =>
      this.update(term, update.urn, update.changes),
    );
    const versioned = updates.filter((update) => update.version);
    for (let start = 0; start < versioned.length; start += MAX_TRANSACTION_OPERATIONS) {
      const chunk = versioned.slice(start, start + MAX_TRANSACTION_OPERATIONS);
      const actions: TransactionAction[] = chunk.map((update) => [
        'update',
        { ...this.patchOf(term, update.urn, update.changes, operation) },
        'Merge',
        { etag: update.version },
      ]);
      try {
        await submitCheckedTransaction(this.table, actions, {
          table: this.table.tableName,
          operation,
          partitionKey,
        });
      } catch (error) {
        if (error instanceof TableStorageError) throw error;
        const status = restErrorStatus(error);
        if (status !== 412 && status !== 404) {
          throw this.failure(operation, partitionKey, undefined, 'could not write the prompt records', error);
        }
        await eachLimited(chunk, SINGLE_WRITE_CONCURRENCY, (update) =>
          this.update(term, update.urn, update.changes),
        );
      }
    }
  }

  private patchOf(
    term: string,
    urn: string,
    changes: Pick<PromptRecord, 'state'> & Partial<PromptRecord>,
    operation: string,
  ): Record<string, unknown> & { partitionKey: string; rowKey: string } {
    return {
      ...this.recordKeys(term, urn, operation),
      state: changes.state,
      ...(changes.personEmail !== undefined && { personEmail: changes.personEmail }),
      ...(changes.queuedAt !== undefined && { queuedAt: changes.queuedAt }),
      ...(changes.claimedAt !== undefined && { claimedAt: changes.claimedAt }),
    };
  }

  /** A Merge with the ETag read; retried on fresh data when another host updated the record meanwhile. */
  async update(
    term: string,
    urn: string,
    changes: Pick<PromptRecord, 'state'> & Partial<PromptRecord>,
  ): Promise<void> {
    const operation = 'update prompt';
    const patch = this.patchOf(term, urn, changes, operation);
    const { partitionKey, rowKey } = patch;
    for (let attempt = 1; attempt <= MAX_UPDATE_ATTEMPTS; attempt++) {
      let etag: string;
      try {
        etag = (await this.table.getEntity(partitionKey, rowKey, { queryOptions: { select: ['state'] } }))
          .etag;
      } catch (error) {
        if (isMissingEntity(error)) {
          throw new TableStorageError(
            { table: this.table.tableName, operation, partitionKey, rowKey },
            `no prompt was claimed for ${urn} in ${term}`,
            { advice: 'Claim the prompt first; update records the outcome of a claimed one.' },
          );
        }
        throw this.failure(operation, partitionKey, rowKey, 'could not read the prompt record', error);
      }
      try {
        await this.table.updateEntity(patch, 'Merge', { etag });
        return;
      } catch (error) {
        if (restErrorStatus(error) === 412) continue;
        throw this.failure(operation, partitionKey, rowKey, 'could not write the prompt record', error);
      }
    }
    throw new TableStorageError(
      { table: this.table.tableName, operation, partitionKey, rowKey },
      `the prompt record kept changing under ${MAX_UPDATE_ATTEMPTS} attempts`,
      { advice: 'Something is updating it in a loop; find what, then retry.' },
    );
  }

  /** The record and its reminders in one query. */
  async get(term: string, urn: string): Promise<PromptRecord | undefined> {
    const { partitionKey, rowKey } = this.recordKeys(term, urn, 'get prompt');
    const reminders = prefixRange(`${REMINDER_PREFIX}${KEY_SEPARATOR}${keyPart(urn)}`);
    const rows = await this.query(
      odata`PartitionKey eq ${partitionKey} and (RowKey eq ${rowKey} or (RowKey ge ${reminders.from} and RowKey lt ${reminders.to}))`,
      'get prompt',
      partitionKey,
    );
    return this.toRecords(term, rows)[0];
  }

  async list(term: string): Promise<PromptRecord[]> {
    const partitionKey = this.partition(term, 'list prompts');
    return this.toRecords(
      term,
      await this.query(odata`PartitionKey eq ${partitionKey}`, 'list prompts', partitionKey),
    );
  }

  async claimReminder(term: string, urn: string, day: IsoDate, at: string): Promise<boolean> {
    const operation = 'claim reminder';
    const partitionKey = this.partition(term, operation);
    const rowKey = this.key(
      () => `${REMINDER_PREFIX}${KEY_SEPARATOR}${keyPart(urn)}${KEY_SEPARATOR}${keyPart(day)}`,
      operation,
    );
    const entity: ReminderEntity = { urn, day, at };
    try {
      await this.table.createEntity({ partitionKey, rowKey, ...entity });
      return true;
    } catch (error) {
      if (restErrorStatus(error) === 409) return false;
      throw this.failure(operation, partitionKey, rowKey, 'could not record the reminder', error);
    }
  }

  /**
   * One row a card (key and message id), insert-if-absent: recording the same message again changes
   * nothing, and keeps how its closing went.
   */
  async recordCard(card: Omit<PromptCard, 'closed'>): Promise<void> {
    const operation = 'record card';
    const keys = this.cardKeys(card.term, card.key, card.activityId, operation);
    const entity: CardEntity = {
      key: card.key,
      conversationKey: card.conversationKey,
      activityId: card.activityId,
      at: card.at,
    };
    try {
      await this.table.createEntity({ ...keys, ...entity });
    } catch (error) {
      if (restErrorStatus(error) === 409) return;
      throw this.failure(operation, keys.partitionKey, keys.rowKey, 'could not record the card', error);
    }
  }

  async getCard(term: string, key: string, activityId: string): Promise<PromptCard | undefined> {
    const operation = 'get card';
    const { partitionKey, rowKey } = this.cardKeys(term, key, activityId, operation);
    try {
      return this.toCard(term, await this.table.getEntity<Record<string, unknown>>(partitionKey, rowKey));
    } catch (error) {
      if (isMissingEntity(error)) return undefined;
      if (error instanceof TableStorageError) throw error;
      throw this.failure(operation, partitionKey, rowKey, 'could not read the card', error);
    }
  }

  async cards(term: string): Promise<PromptCard[]> {
    const partitionKey = this.partition(term, 'list cards');
    const range = prefixRange(CARD_PREFIX);
    const rows = await this.query(
      odata`PartitionKey eq ${partitionKey} and RowKey ge ${range.from} and RowKey lt ${range.to}`,
      'list cards',
      partitionKey,
    );
    return rows.map((row) => this.toCard(term, row));
  }

  /** A Merge conditional on the row being there (ETag `*`): a card never recorded stays unrecorded. */
  async markCardClosed(
    term: string,
    key: string,
    activityId: string,
    outcome: PromptCardClosing,
    at: string,
  ): Promise<void> {
    const operation = 'mark card closed';
    const keys = this.cardKeys(term, key, activityId, operation);
    try {
      await this.table.updateEntity({ ...keys, closedOutcome: outcome, closedAt: at }, 'Merge', {
        etag: '*',
      });
    } catch (error) {
      if (isMissingEntity(error)) return;
      throw this.failure(operation, keys.partitionKey, keys.rowKey, 'could not record the closing', error);
    }
  }

  private toCard(term: string, row: TableEntityResult<Record<string, unknown>>): PromptCard {
    const bad = (field: string): TableStorageError =>
      new TableStorageError(
        {
          table: this.table.tableName,
          operation: 'read card',
          partitionKey: row.partitionKey,
          rowKey: row.rowKey,
        },
        `field "${field}" is missing or invalid`,
        { advice: 'The entity was not written by this adapter; fix or delete it in Storage Explorer.' },
      );
    const { key, conversationKey, activityId, at, closedOutcome, closedAt } = row;
    if (typeof key !== 'string') throw bad('key');
    if (typeof conversationKey !== 'string') throw bad('conversationKey');
    if (typeof activityId !== 'string' || !activityId) throw bad('activityId');
    if (typeof at !== 'string') throw bad('at');
    const card: PromptCard = { term, key, conversationKey, activityId, at };
    if (closedOutcome !== undefined) {
      if (!(CLOSINGS as readonly unknown[]).includes(closedOutcome)) throw bad('closedOutcome');
      if (typeof closedAt !== 'string') throw bad('closedAt');
      card.closed = { outcome: closedOutcome as PromptCardClosing, at: closedAt };
    }
    return card;
  }

  private cardKeys(
    term: string,
    key: string,
    activityId: string,
    operation: string,
  ): { partitionKey: string; rowKey: string } {
    return {
      partitionKey: this.partition(term, operation),
      rowKey: this.key(
        () => `${CARD_PREFIX}${KEY_SEPARATOR}${keyPart(key)}${KEY_SEPARATOR}${keyPart(activityId)}`,
        operation,
      ),
    };
  }

  /** Records with their reminder days, oldest first, in URN order. */
  private toRecords(
    term: string,
    rows: ReadonlyArray<TableEntityResult<Record<string, unknown>>>,
  ): PromptRecord[] {
    const records = new Map<string, PromptRecord>();
    const reminders = new Map<string, IsoDate[]>();
    for (const row of rows) {
      const rowKey = row.rowKey ?? '';
      if (rowKey.startsWith(RECORD_PREFIX + KEY_SEPARATOR)) {
        const record = this.toRecord(term, row);
        records.set(record.urn, record);
      } else if (rowKey.startsWith(REMINDER_PREFIX + KEY_SEPARATOR)) {
        const [, urnPart = '', dayPart = ''] = rowKey.split(KEY_SEPARATOR);
        const urn = decodeKey(urnPart);
        const days = reminders.get(urn) ?? [];
        days.push(decodeKey(dayPart));
        reminders.set(urn, days);
      }
    }
    for (const [urn, days] of reminders) {
      const record = records.get(urn);
      if (record) record.remindedOn = days.sort();
    }
    return [...records.values()];
  }

  private toRecord(term: string, row: TableEntityResult<Record<string, unknown>>): PromptRecord {
    const bad = (field: string): TableStorageError =>
      new TableStorageError(
        {
          table: this.table.tableName,
          operation: 'read prompt',
          partitionKey: row.partitionKey,
          rowKey: row.rowKey,
        },
        `field "${field}" is missing or invalid`,
        { advice: 'The entity was not written by this adapter; fix or delete it in Storage Explorer.' },
      );
    const { urn, state, claimedAt, personEmail, queuedAt } = row;
    if (typeof urn !== 'string') throw bad('urn');
    if (typeof state !== 'string' || !(STATES as readonly string[]).includes(state)) throw bad('state');
    if (typeof claimedAt !== 'string') throw bad('claimedAt');
    return {
      term,
      urn,
      state: state as PromptState,
      claimedAt,
      ...(typeof personEmail === 'string' && { personEmail }),
      ...(typeof queuedAt === 'string' && { queuedAt }),
      remindedOn: [],
      ...(row.etag !== undefined && { version: row.etag }),
    };
  }

  private async query(
    filter: string,
    operation: string,
    partitionKey: string,
  ): Promise<Array<TableEntityResult<Record<string, unknown>>>> {
    const rows: Array<TableEntityResult<Record<string, unknown>>> = [];
    try {
      for await (const row of this.table.listEntities<Record<string, unknown>>({
        queryOptions: { filter },
      })) {
        rows.push(row);
      }
    } catch (error) {
      throw this.failure(operation, partitionKey, undefined, 'could not read the prompt log', error);
    }
    return rows;
  }

  private recordKeys(term: string, urn: string, operation: string): { partitionKey: string; rowKey: string } {
    return {
      partitionKey: this.partition(term, operation),
      rowKey: this.key(() => `${RECORD_PREFIX}${KEY_SEPARATOR}${keyPart(urn)}`, operation),
    };
  }

  private partition(term: string, operation: string): string {
    return this.key(() => keyPart(term), operation);
  }

  private key(build: () => string, operation: string): string {
    try {
      return build();
    } catch (error) {
      throw new TableStorageError({ table: this.table.tableName, operation }, (error as Error).message, {
        cause: error,
      });
    }
  }

  private failure(
    operation: string,
    partitionKey: string,
    rowKey: string | undefined,
    problem: string,
    cause: unknown,
  ): TableStorageError {
    return new TableStorageError(
      { table: this.table.tableName, operation, partitionKey, ...(rowKey !== undefined && { rowKey }) },
      problem,
      { cause },
    );
  }
}

/** Groups entities by PartitionKey into chunks that each fit one transaction. */
function chunksByPartition<T extends { partitionKey: string }>(entities: readonly T[]): T[][] {
  const byPartition = new Map<string, T[]>();
  for (const entity of entities) {
    const group = byPartition.get(entity.partitionKey) ?? [];
    group.push(entity);
    byPartition.set(entity.partitionKey, group);
  }
  const chunks: T[][] = [];
  for (const group of byPartition.values()) {
    for (let start = 0; start < group.length; start += MAX_TRANSACTION_OPERATIONS) {
      chunks.push(group.slice(start, start + MAX_TRANSACTION_OPERATIONS));
    }
  }
  return chunks;
}

/** Runs `work` over the items, at most `limit` at a time. */
async function eachLimited<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++];
      if (item !== undefined) await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

import { odata, type TableClient, type TableEntityResult } from '@azure/data-tables';

import type { PromptLog } from '../../app/ports';
import type { IsoDate } from '../../domain/roster/roster';
import type { PromptRecord, PromptState } from '../../domain/round/round';
import { KEY_SEPARATOR, keyPart, prefixRange } from './figureEntities';
import { decodeKey } from './tableKeys';
import { isMissingEntity, restErrorStatus, TableStorageError } from './TableStorageError';

/*
 * Layout of the prompts table (docs/storage.md)
 *
 *   PartitionKey   RowKey              what
 *   <term>         p|<urn>             the prompt record: state, person, claimedAt, queuedAt
 *   <term>         r|<urn>|<day>       one reminder sent on that day, insert-only
 *
 * One partition per round: `list(term)` is one partition read. A claim, prompt or reminder, is the
 * creation of one entity, and the service's 409 for an existing one makes it atomic across hosts and
 * timers. Reminders are rows of their own, not a list in the record, so claiming one never races with an
 * update of the record; `remindedOn` is read from them, and claim() and update() ignore it (claimReminder
 * is the one way to record a reminder).
 */

const RECORD_PREFIX = 'p';
const REMINDER_PREFIX = 'r';

/** How often update() re-reads when the record changed between its read and its write. */
const MAX_UPDATE_ATTEMPTS = 5;

const STATES: readonly PromptState[] = ['pending', 'queued', 'noConversation', 'noHead'];

type PromptEntity = {
  urn: string;
  personEmail?: string;
  state: string;
  claimedAt: string;
  queuedAt?: string;
};

type ReminderEntity = { urn: string; day: string; at: string };

/** PromptLog on Azure Table Storage (table `prompts` by default). */
export class TablePromptLog implements PromptLog {
  constructor(private readonly table: TableClient) {}

  async claim(record: PromptRecord): Promise<boolean> {
    const operation = 'claim prompt';
    const { partitionKey, rowKey } = this.recordKeys(record.term, record.urn, operation);
    const entity: PromptEntity = {
      urn: record.urn,
      state: record.state,
      claimedAt: record.claimedAt,
      ...(record.personEmail !== undefined && { personEmail: record.personEmail }),
      ...(record.queuedAt !== undefined && { queuedAt: record.queuedAt }),
    };
    try {
      await this.table.createEntity({ partitionKey, rowKey, ...entity });
    } catch (error) {
      if (restErrorStatus(error) === 409) return false;
      throw this.failure(operation, partitionKey, rowKey, 'could not record the claim', error);
    }
    return true;
  }

  /** A Merge with the ETag read; retried on fresh data when another host updated the record meanwhile. */
  async update(
    term: string,
    urn: string,
    changes: Pick<PromptRecord, 'state'> & Partial<PromptRecord>,
  ): Promise<void> {
    const operation = 'update prompt';
    const { partitionKey, rowKey } = this.recordKeys(term, urn, operation);
    const patch = {
      partitionKey,
      rowKey,
      state: changes.state,
      ...(changes.personEmail !== undefined && { personEmail: changes.personEmail }),
      ...(changes.queuedAt !== undefined && { queuedAt: changes.queuedAt }),
      ...(changes.claimedAt !== undefined && { claimedAt: changes.claimedAt }),
    };
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

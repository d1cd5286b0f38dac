import { randomUUID } from 'node:crypto';

import { odata, type TableClient, type TableEntityResult } from '@azure/data-tables';

import type { FigureWriteOutcome, OwnerRecordWrite, OwnerRoundStore } from '../../app/ports';
import type { OwnerExcusal, OwnerSubmission, OwnerTermRecord } from '../../domain/round/ownerRound';
import type { Draft, SubmissionState } from '../../domain/round/round';
import { EntityFieldReader } from './EntityFieldReader';
import { FENCE_OF_PREFIX } from './figureEntities';
import { DEFAULT_STORAGE_TIMEOUT_MS, MAX_SETTLE_MS, withStorageDeadline } from './storageDeadline';
import { encodeKey } from './tableKeys';
import { isMissingEntity, restErrorStatus, storageKey, TableStorageError } from './TableStorageError';

/*
 * Layout of the owners table (docs/storage.md)
 *
 *   PartitionKey   RowKey           what
 *   <term>         <owner email>    state, submittedAt, draft, excusal, pending submission
 *
 * One entity per owner and term, replaced whole on the ETag read, so two writers never overwrite each
 * other. The draft and the pending submission can outgrow one property (a string property holds 32K
 * characters) for a trust of hundreds of academies: each is JSON split over `draft0`, `draft1`, ...
 * with `draftParts` saying how many (an entity holds 1 MiB: some 400 academies' answers in all).
 *
 * A write that gets no answer (storage hangs, the connection drops) is settled before the caller is told
 * anything, as the figures store settles its writes: the entity is fenced (merged with `fenceOf`,
 * conditional on the version the write named), so the write, if still on its way, can never be applied;
 * or, when the version has already moved on, the entity's `writeId` says whether it was this write.
 */

const STATES: readonly SubmissionState[] = ['notStarted', 'draft', 'submitted'];
/** Characters per property: a string property holds 64 KiB of UTF-16. */
const PART_LENGTH = 30_000;

/** OwnerRoundStore on Azure Table Storage (table `owners` by default). */
export class TableOwnerRoundStore implements OwnerRoundStore {
  private readonly settleMs: number;

  constructor(
    private readonly table: TableClient,
    options: { settleTimeoutMs?: number } = {},
  ) {
    this.settleMs = Math.min(options.settleTimeoutMs ?? DEFAULT_STORAGE_TIMEOUT_MS, MAX_SETTLE_MS);
  }

  async read(term: string, email: string): Promise<OwnerTermRecord> {
    const [partitionKey, rowKey] = this.keys(term, email, 'read owner');
    try {
      const entity = await this.table.getEntity<Record<string, unknown>>(partitionKey, rowKey);
      return this.toRecord(entity);
    } catch (error) {
      if (isMissingEntity(error)) return { term, email, state: 'notStarted' };
      if (error instanceof TableStorageError) throw error;
      throw new TableStorageError(
        { table: this.table.tableName, operation: 'read owner', partitionKey, rowKey },
        "could not read the owner's record",
        { cause: error },
      );
    }
  }

  async write(record: OwnerRecordWrite): Promise<FigureWriteOutcome> {
    const operation = 'write owner';
    const [partitionKey, rowKey] = this.keys(record.term, record.email, operation);
    const context = { table: this.table.tableName, operation, partitionKey, rowKey };
    if (record.expectedVersion === '') {
      throw new TableStorageError(context, 'the expected version is empty', {
        advice: 'Pass the version read (OwnerTermRecord.version), or undefined when nothing was stored.',
      });
    }
    const writeId = randomUUID();
    const entity = {
      partitionKey,
      rowKey,
      writeId,
      term: record.term,
      email: record.email,
      state: record.state,
      ...(record.submittedAt !== undefined && { submittedAt: record.submittedAt }),
      ...(record.excused && { excused: JSON.stringify(record.excused) }),
      ...parts('draft', record.draft),
      ...parts('pending', record.pending),
    };
    try {
      const response =
        record.expectedVersion === undefined
          ? await this.table.createEntity(entity)
          : await this.table.updateEntity(entity, 'Replace', { etag: record.expectedVersion });
      if (!response.etag) {
        throw new TableStorageError(context, 'the service did not say the new version of the record', {
          advice: "The change was stored; read the owner's record again before changing it further.",
        });
      }
      return { kind: 'written', version: response.etag };
    } catch (error) {
      if (error instanceof TableStorageError) throw error;
      const status = restErrorStatus(error);
      // 409: created since the read; 412: changed since; 404: removed since. Nothing was written.
      if (status === 409 || status === 412 || status === 404) return { kind: 'conflict' };
      // No answer (a timeout, a dropped connection): the change may be stored, or still on its way.
      if (status === undefined) return this.settle(record, writeId, context, error);
      throw new TableStorageError(
        context,
        "could not write the owner's record; nothing of this change was stored",
        {
          cause: error,
        },
      );
    }
  }

  /**
   * Settles a write that got no answer, on a budget of its own: fences the entity on the version the write
   * named, so the write can no longer be applied, and answers that nothing was stored; or, when the version
   * has moved on, reads the entity and answers `written` when it was this write, `conflict` when another's.
   * Throws a TableStorageError with `outcomeUnknown` when storage does not answer this either.
   */
  private async settle(
    record: OwnerRecordWrite,
    writeId: string,
    context: { table: string; operation: string; partitionKey: string; rowKey: string },
    cause: unknown,
  ): Promise<FigureWriteOutcome> {
    const { partitionKey, rowKey } = context;
    const fenceOf = FENCE_OF_PREFIX + (record.expectedVersion ?? '');
    let fenced = false;
    try {
      const outcome = await withStorageDeadline(
        this.settleMs,
        async (): Promise<FigureWriteOutcome | 'fenced'> => {
          try {
            if (record.expectedVersion === undefined) {
              const empty = { term: record.term, email: record.email, state: 'notStarted' as const };
              await this.table.createEntity({ partitionKey, rowKey, ...empty, fenceOf });
            } else {
              await this.table.updateEntity({ partitionKey, rowKey, fenceOf }, 'Merge', {
                etag: record.expectedVersion,
              });
            }
            return 'fenced';
          } catch (error) {
            const status = restErrorStatus(error);
            if (status !== 412 && status !== 409 && status !== 404) throw error;
          }
          // The version moved on before the fence: by this write, or by another writer.
          try {
            const row = await this.table.getEntity<Record<string, unknown>>(partitionKey, rowKey);
            return row.writeId === writeId && row.etag
              ? { kind: 'written', version: row.etag }
              : { kind: 'conflict' };
          } catch (error) {
            if (restErrorStatus(error) === 404) return { kind: 'conflict' };
            throw error;
          }
        },
      );
      if (outcome !== 'fenced') return outcome;
      fenced = true;
    } catch {
      // Falls through: neither the fence nor the read answered.
    }
    if (fenced) {
      throw new TableStorageError(
        context,
        "storage gave no answer, so the write was given up; nothing of this change to the owner's record was stored",
        { cause },
      );
    }
    throw new TableStorageError(
      context,
      "storage gave no answer, and whether the owner's record was changed could not be settled (read it again once storage answers: the change is either wholly stored or not at all)",
      { cause, outcomeUnknown: true },
    );
  }

  async term(term: string): Promise<OwnerTermRecord[]> {
    const partitionKey = storageKey({ table: this.table.tableName, operation: 'read owners' }, () =>
      encodeKey(term),
    );
    const records: OwnerTermRecord[] = [];
    try {
      for await (const entity of this.table.listEntities<Record<string, unknown>>({
        queryOptions: { filter: odata`PartitionKey eq ${partitionKey}` },
      })) {
        records.push(this.toRecord(entity));
      }
    } catch (error) {
      if (error instanceof TableStorageError) throw error;
      throw new TableStorageError(
        { table: this.table.tableName, operation: 'read owners', partitionKey },
        "could not read the owners' records",
        { cause: error },
      );
    }
    return records;
  }

  private keys(term: string, email: string, operation: string): [string, string] {
    const context = { table: this.table.tableName, operation };
    return [storageKey(context, () => encodeKey(term)), storageKey(context, () => encodeKey(email))];
  }

  private toRecord(entity: TableEntityResult<Record<string, unknown>>): OwnerTermRecord {
    return new OwnerRowReader(this.table.tableName, entity).record(entity.etag);
  }
}

/** JSON of `value` split over `<name>0`, `<name>1`, ... with `<name>Parts`; nothing for undefined. */
function parts(name: string, value: unknown): Record<string, string | number> {
  if (value === undefined) return {};
  const text = JSON.stringify(value);
  const out: Record<string, string | number> = {};
  let count = 0;
  for (let start = 0; start < text.length; start += PART_LENGTH) {
    out[`${name}${count++}`] = text.slice(start, start + PART_LENGTH);
  }
  out[`${name}Parts`] = count;
  return out;
}

class OwnerRowReader extends EntityFieldReader {
  constructor(table: string, row: TableEntityResult<Record<string, unknown>>) {
    super(row, {
      table,
      operation: 'read owner',
      partitionKey: row.partitionKey ?? '',
      advice: 'The row was not written by this adapter; fix or delete it in Storage Explorer.',
    });
  }

  record(version: string): OwnerTermRecord {
    const record: OwnerTermRecord = {
      term: this.text('term'),
      email: this.text('email'),
      state: this.oneOf<SubmissionState>('state', STATES),
      version,
    };
    const submittedAt = this.optionalText('submittedAt');
    if (submittedAt !== undefined) record.submittedAt = submittedAt;
    const excused = this.json('excused') as OwnerExcusal | undefined;
    if (excused !== undefined) {
      if (typeof excused.reason !== 'string') throw this.bad('excused');
      record.excused = excused;
    }
    const draft = this.joined('draft') as Draft | undefined;
    if (draft !== undefined) {
      if (typeof draft.inputs !== 'object' || draft.inputs === null) throw this.bad('draft0');
      record.draft = draft;
    }
    const pending = this.joined('pending') as OwnerSubmission | undefined;
    if (pending !== undefined) {
      if (!Array.isArray(pending.figures) || typeof pending.at !== 'string') throw this.bad('pending0');
      record.pending = pending;
    }
    return record;
  }

  /** The JSON split by `parts`, or undefined when none was stored. */
  private joined(name: string): unknown {
    const count = this.row[`${name}Parts`];
    if (count === undefined) return undefined;
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) throw this.bad(`${name}Parts`);
    let text = '';
    for (let index = 0; index < count; index++) text += this.text(`${name}${index}`);
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw this.bad(`${name}0`);
    }
  }
}

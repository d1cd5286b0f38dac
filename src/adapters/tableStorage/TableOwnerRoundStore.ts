import { odata, type TableClient, type TableEntityResult } from '@azure/data-tables';

import type { FigureWriteOutcome, OwnerRecordWrite, OwnerRoundStore } from '../../app/ports';
import type { OwnerExcusal, OwnerSubmission, OwnerTermRecord } from '../../domain/round/ownerRound';
import type { Draft, SubmissionState } from '../../domain/round/round';
import { EntityFieldReader } from './EntityFieldReader';
import { fencedWrite, sameAsOf, settleBudgetMs } from './fencedWrite';
import { encodeKey } from './tableKeys';
import { isMissingEntity, storageKey, TableStorageError } from './TableStorageError';

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
 * anything, as the figures store settles its writes (fencedWrite): the entity is fenced (merged with
 * `fenceOf`, conditional on the version the write named), so the write, if still on its way, can never be
 * applied; or, when the version has already moved on, the entity's `writeId` says whether it was this
 * write. A fenced entity is read with `sameAs`, the version whose content it has.
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
    this.settleMs = settleBudgetMs(options);
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
    return fencedWrite({
      table: this.table,
      context: { table: this.table.tableName, operation, partitionKey, rowKey },
      rowKey,
      record: "the owner's record",
      expectedVersion: record.expectedVersion,
      emptyRow: { term: record.term, email: record.email, state: 'notStarted' },
      settleMs: this.settleMs,
      // Replaced whole, so a `fenceOf` left by a fence goes with the rest.
      send: async (writeId) => {
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
        const response =
          record.expectedVersion === undefined
            ? await this.table.createEntity(entity)
            : await this.table.updateEntity(entity, 'Replace', { etag: record.expectedVersion });
        return response.etag;
      },
    });
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
    const sameAs = sameAsOf(this.row);
    if (sameAs !== undefined) record.sameAs = sameAs;
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

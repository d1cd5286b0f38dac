import {
  odata,
  type TableClient,
  type TableEntity,
  type TableEntityResult,
  type TransactionAction,
} from '@azure/data-tables';

import type { EvaluationStore } from '../../app/ports';
import type { Evaluation } from '../../domain/evaluation/evaluation';
import { KEY_SEPARATOR, keyPart, prefixRange } from './figureEntities';
import { newVersionId, versionTime } from './rosterVersions';
import {
  isMissingEntity,
  restErrorStatus,
  storageKey,
  type TableErrorContext,
  TableStorageError,
} from './TableStorageError';
import {
  entityBytes,
  MAX_TRANSACTION_BYTES,
  MAX_TRANSACTION_OPERATIONS,
  submitCheckedTransaction,
} from './tableTransaction';

/*
 * Layout of the evaluations table (docs/storage.md)
 *
 *   PartitionKey   RowKey                       what
 *   <term>         pointer                      { generation, chunkCount, length, savedAt }
 *   <term>         g|<generation>|000000        { json }: the next ≤ 30,000 characters of the JSON text
 *
 * An evaluation of 50 academies × 25 targets is about a megabyte of JSON: more than an entity holds
 * (1 MiB) and far more than a string property (64 KiB of UTF-16, 32 Ki characters). save() writes the JSON
 * as a new generation of chunk rows in batch transactions, then switches the pointer with an ETag-checked
 * update, then deletes the generation it displaced. Readers follow the pointer and check the chunk count,
 * so they see the old evaluation or the new one, never a mixture; a save that fails before the switch
 * leaves the old one in place. get() is one query of the partition (pointer and chunks together).
 */

const POINTER_ROW = 'pointer';
const GENERATION_PREFIX = 'g';

/** Characters of JSON per chunk row: under the 32 Ki UTF-16 code units a string property holds. */
export const CHUNK_CHARS = 30_000;

/** How often save() re-reads the pointer when another save switched it first (the last switch wins). */
const MAX_SWITCH_ATTEMPTS = 5;
/** How often get() reads again when a save deleted the generation it was reading. */
const MAX_READ_ATTEMPTS = 3;
/** Generations no pointer names and older than this were left by a save that failed; a later save deletes them. */
const ORPHAN_AGE_MS = 60 * 60 * 1000;

type PointerEntity = { generation: string; chunkCount: number; length: number; savedAt: string };
type ChunkEntity = { json: string };

export interface TableEvaluationStoreOptions {
  /** The clock, for generation ids and the age of abandoned generations; tests pass their own. */
  now?: () => Date;
  /** Characters per chunk row (default CHUNK_CHARS); tests pass fewer to make many transactions cheaply. */
  chunkChars?: number;
}

/**
 * Splits text into chunks of at most `size` UTF-16 code units, never between the two halves of a
 * surrogate pair (a lone half cannot be stored).
 */
export function chunkText(text: string, size = CHUNK_CHARS): string[] {
  const chunks: string[] = [];
  for (let start = 0; start < text.length;) {
    let end = Math.min(start + size, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
    chunks.push(text.slice(start, end));
    start = end;
  }
  return chunks;
}

/** EvaluationStore on Azure Table Storage (table `evaluations` by default): chunked JSON behind a pointer. */
export class TableEvaluationStore implements EvaluationStore {
  private readonly now: () => Date;
  private readonly chunkChars: number;

  constructor(
    private readonly table: TableClient,
    options: TableEvaluationStoreOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.chunkChars = Math.min(options.chunkChars ?? CHUNK_CHARS, CHUNK_CHARS);
  }

  async save(term: string, evaluation: Evaluation): Promise<void> {
    const partitionKey = this.partition(term, 'save evaluation');
    const createdAt = this.now();
    const generation = newVersionId(createdAt);
    const text = JSON.stringify(evaluation);
    const chunks = chunkText(text, this.chunkChars);

    try {
      await this.writeChunks(partitionKey, generation, chunks);
    } catch (error) {
      await this.deleteGeneration(partitionKey, generation).catch(() => undefined);
      throw error;
    }

    const pointer: PointerEntity = {
      generation,
      chunkCount: chunks.length,
      length: text.length,
      savedAt: createdAt.toISOString(),
    };
    const displaced = await this.switchPointer(partitionKey, pointer);
    // The new evaluation is current from here on; what is not cleaned up now a later save sweeps.
    if (displaced !== undefined) await this.deleteGeneration(partitionKey, displaced).catch(() => undefined);
    await this.sweepOrphans(partitionKey, generation, createdAt).catch(() => undefined);
  }

  async get(term: string): Promise<Evaluation | undefined> {
    const partitionKey = this.partition(term, 'get evaluation');
    const context = { table: this.table.tableName, operation: 'get evaluation', partitionKey };
    for (let attempt = 1; attempt <= MAX_READ_ATTEMPTS; attempt++) {
      const rows = await this.query(odata`PartitionKey eq ${partitionKey}`, context);
      const pointer = rows.find((row) => row.rowKey === POINTER_ROW);
      if (!pointer) return undefined;
      const generation = pointer.generation;
      if (typeof generation !== 'string' || typeof pointer.chunkCount !== 'number') {
        throw new TableStorageError({ ...context, rowKey: POINTER_ROW }, 'the pointer names no generation', {
          advice:
            'Delete the partition in Storage Explorer and close the round again to store the evaluation.',
        });
      }
      const prefix = `${GENERATION_PREFIX}${KEY_SEPARATOR}${generation}${KEY_SEPARATOR}`;
      // Zero-padded positions as RowKeys: the service returns the chunks in order.
      const chunks = rows.filter((row) => row.rowKey?.startsWith(prefix)).map((row) => row.json);
      if (chunks.length !== pointer.chunkCount || chunks.some((chunk) => typeof chunk !== 'string')) continue;
      try {
        return JSON.parse(chunks.join('')) as Evaluation;
      } catch (error) {
        throw new TableStorageError(
          { ...context, rowKey: POINTER_ROW },
          'the stored evaluation is not valid JSON',
          {
            cause: error,
            advice: 'Close the round again (or re-run the evaluation) to store it afresh.',
          },
        );
      }
    }
    throw new TableStorageError(context, 'the current evaluation is incomplete', {
      advice: 'Re-run the evaluation: that stores a complete new one.',
    });
  }

  /** Writes chunk rows in transactions within the service's count and size limits. */
  private async writeChunks(partitionKey: string, generation: string, chunks: string[]): Promise<void> {
    const context = { table: this.table.tableName, operation: 'save evaluation', partitionKey };
    let batch: TransactionAction[] = [];
    let bytes = 0;
    const flush = async (): Promise<void> => {
      if (batch.length === 0) return;
      try {
        await submitCheckedTransaction(this.table, batch, context);
      } catch (error) {
        if (error instanceof TableStorageError) throw error;
        throw new TableStorageError(
          context,
          'could not write the evaluation; the previous one stays current',
          {
            cause: error,
          },
        );
      }
      batch = [];
      bytes = 0;
    };
    for (const [index, json] of chunks.entries()) {
      const entity: TableEntity<ChunkEntity> = {
        partitionKey,
        rowKey: chunkRowKey(generation, index),
        json,
      };
      const size = entityBytes(entity);
      if (batch.length === MAX_TRANSACTION_OPERATIONS || bytes + size > MAX_TRANSACTION_BYTES) await flush();
      batch.push(['create', entity]);
      bytes += size;
    }
    await flush();
  }

  /** Points the term at the new generation; resolves the generation it displaced, if any. */
  private async switchPointer(partitionKey: string, pointer: PointerEntity): Promise<string | undefined> {
    const context: TableErrorContext = {
      table: this.table.tableName,
      operation: 'save evaluation (switch generation)',
      partitionKey,
      rowKey: POINTER_ROW,
    };
    for (let attempt = 1; attempt <= MAX_SWITCH_ATTEMPTS; attempt++) {
      let current: TableEntityResult<PointerEntity> | undefined;
      try {
        current = await this.table.getEntity<PointerEntity>(partitionKey, POINTER_ROW);
      } catch (error) {
        if (!isMissingEntity(error)) {
          throw new TableStorageError(
            context,
            'could not read the pointer; the previous evaluation stays current',
            {
              cause: error,
            },
          );
        }
      }
      const entity = { partitionKey, rowKey: POINTER_ROW, ...pointer };
      try {
        if (current) await this.table.updateEntity(entity, 'Replace', { etag: current.etag });
        else await this.table.createEntity(entity);
        return current?.generation;
      } catch (error) {
        // Another save switched (412) or created (409) the pointer since we read it: read it again.
        const status = restErrorStatus(error);
        if (status === 412 || status === 409 || isMissingEntity(error)) continue;
        throw new TableStorageError(
          context,
          'could not switch to the new evaluation; the previous one stays current',
          {
            cause: error,
          },
        );
      }
    }
    throw new TableStorageError(context, `the pointer kept moving under ${MAX_SWITCH_ATTEMPTS} attempts`, {
      advice: 'Another process is saving this evaluation in a loop; stop it, then save again.',
    });
  }

  /** Deletes a generation's chunk rows, 100 per transaction (insert-only rows: no ETag to respect). */
  private async deleteGeneration(partitionKey: string, generation: string): Promise<void> {
    const { from, to } = prefixRange(`${GENERATION_PREFIX}${KEY_SEPARATOR}${generation}`);
    const context = { table: this.table.tableName, operation: 'delete evaluation generation', partitionKey };
    const rows = await this.query(
      odata`PartitionKey eq ${partitionKey} and RowKey ge ${from} and RowKey lt ${to}`,
      context,
      ['RowKey'],
    );
    for (let start = 0; start < rows.length; start += MAX_TRANSACTION_OPERATIONS) {
      const actions: TransactionAction[] = rows
        .slice(start, start + MAX_TRANSACTION_OPERATIONS)
        .map((row) => ['delete', { partitionKey, rowKey: row.rowKey ?? '' }]);
      await submitCheckedTransaction(this.table, actions, context);
    }
  }

  /** Deletes generations no pointer names that are too old to be a save still in progress. */
  private async sweepOrphans(partitionKey: string, current: string, now: Date): Promise<void> {
    const { from, to } = prefixRange(GENERATION_PREFIX);
    const rows = await this.query(
      odata`PartitionKey eq ${partitionKey} and RowKey ge ${from} and RowKey lt ${to}`,
      { table: this.table.tableName, operation: 'sweep evaluation generations', partitionKey },
      ['RowKey'],
    );
    const generations = new Set(rows.map((row) => (row.rowKey ?? '').split(KEY_SEPARATOR)[1] ?? ''));
    for (const generation of generations) {
      const createdAt = versionTime(generation);
      if (generation === current || createdAt === undefined) continue;
      if (now.getTime() - createdAt.getTime() > ORPHAN_AGE_MS)
        await this.deleteGeneration(partitionKey, generation);
    }
  }

  private async query(
    filter: string,
    context: TableErrorContext,
    select?: string[],
  ): Promise<Array<TableEntityResult<Record<string, unknown>>>> {
    const rows: Array<TableEntityResult<Record<string, unknown>>> = [];
    try {
      const found = this.table.listEntities<Record<string, unknown>>({
        queryOptions: { filter, ...(select && { select }) },
      });
      for await (const row of found) rows.push(row);
    } catch (error) {
      throw new TableStorageError(context, 'could not read the stored evaluation', { cause: error });
    }
    return rows;
  }

  private partition(term: string, operation: string): string {
    return storageKey({ table: this.table.tableName, operation }, () => keyPart(term));
  }
}

function chunkRowKey(generation: string, index: number): string {
  return `${GENERATION_PREFIX}${KEY_SEPARATOR}${generation}${KEY_SEPARATOR}${String(index).padStart(6, '0')}`;
}

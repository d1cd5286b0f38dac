/**
 * A table whose entities all live in one partition (the rounds, the conversations): few enough for one
 * range read, keyed by an encoded RowKey. What every such store does the same way is here: the key, the
 * point read that answers "none" for a missing entity, the errors that name where, and the read-merge
 * loop that updates an entity only on the ETag it read and decides again on fresh data after a 412.
 */
import { odata, type TableClient, type TableEntityResult } from '@azure/data-tables';

import { encodeKey } from './tableKeys';
import { isMissingEntity, restErrorStatus, storageKey, TableStorageError } from './TableStorageError';

/** What to do with the entity as read: merge `patch` into it on the version read, then answer `result`; or answer `result` without writing. */
export type MergeDecision<R> =
  { kind: 'merge'; patch: Record<string, unknown>; result: R } | { kind: 'stop'; result: R };

export interface MergeOnVersion<T extends object, R> {
  operation: string;
  /** How many reads and merges before giving up on an entity that keeps changing. */
  attempts: number;
  /** The answer when there is no entity to merge into (none was ever stored, or it was removed). */
  absent: R;
  decide: (current: TableEntityResult<T>) => MergeDecision<R>;
  /** The problem when a merge fails for another reason than a concurrent change, e.g. `could not write the mark`. */
  problem: string;
  /** The advice when every attempt met a concurrent change. */
  advice: string;
}

export class OnePartitionTable {
  constructor(
    readonly client: TableClient,
    readonly partitionKey: string,
    /** What one entity is called in messages: `round`, `conversation`. */
    private readonly noun: string,
  ) {}

  get tableName(): string {
    return this.client.tableName;
  }

  /** The RowKey for a key (encodeKey); a key the service cannot hold fails naming the operation. */
  rowKey(key: string, operation: string): string {
    return storageKey({ table: this.tableName, operation, partitionKey: this.partitionKey }, () =>
      encodeKey(key),
    );
  }

  /** The entity at `rowKey`, or undefined when there is none. */
  async read<T extends object>(rowKey: string, operation: string): Promise<TableEntityResult<T> | undefined> {
    try {
      return await this.client.getEntity<T>(this.partitionKey, rowKey);
    } catch (error) {
      if (isMissingEntity(error)) return undefined;
      throw this.failure(operation, rowKey, `could not read the ${this.noun}`, error);
    }
  }

  /**
   * Every entity of the partition (and the extra `filter`, an odata condition, when given), each read by
   * `convert`; a TableStorageError that `convert` throws for an unreadable entity passes as it is.
   */
  async list<T extends object, R>(
    operation: string,
    convert: (entity: TableEntityResult<T>) => R,
    filter?: string,
  ): Promise<R[]> {
    const partition = odata`PartitionKey eq ${this.partitionKey}`;
    const results: R[] = [];
    try {
      const entities = this.client.listEntities<T>({
        queryOptions: { filter: filter === undefined ? partition : `${partition} and ${filter}` },
      });
      for await (const entity of entities) results.push(convert(entity));
    } catch (error) {
      if (error instanceof TableStorageError) throw error;
      throw this.failure(operation, undefined, `could not read the ${this.noun}s`, error);
    }
    return results;
  }

  /**
   * Reads the entity, lets `decide` choose, and merges the patch with the ETag read: a 412 (changed since
   * the read) or 404 (removed since) reads and decides again, up to `attempts` times, then throws a
   * TableStorageError with the advice. So a concurrent writer's change is never overwritten blindly.
   */
  async mergeOnVersion<T extends object, R>(rowKey: string, merge: MergeOnVersion<T, R>): Promise<R> {
    const { operation } = merge;
    for (let attempt = 1; attempt <= merge.attempts; attempt++) {
      const current = await this.read<T>(rowKey, operation);
      if (!current) return merge.absent;
      const decision = merge.decide(current);
      if (decision.kind === 'stop') return decision.result;
      try {
        await this.client.updateEntity(
          { ...decision.patch, partitionKey: this.partitionKey, rowKey },
          'Merge',
          { etag: current.etag },
        );
        return decision.result;
      } catch (error) {
        const status = restErrorStatus(error);
        if (status === 412 || status === 404) continue;
        throw this.failure(operation, rowKey, merge.problem, error);
      }
    }
    throw new TableStorageError(
      { table: this.tableName, operation, partitionKey: this.partitionKey, rowKey },
      `the ${this.noun} kept changing under ${merge.attempts} attempts`,
      { advice: merge.advice },
    );
  }

  /** A TableStorageError naming this table, the partition and the row, when given. */
  failure(operation: string, rowKey: string | undefined, problem: string, cause: unknown): TableStorageError {
    return new TableStorageError(
      {
        table: this.tableName,
        operation,
        partitionKey: this.partitionKey,
        ...(rowKey !== undefined && { rowKey }),
      },
      problem,
      { cause },
    );
  }
}

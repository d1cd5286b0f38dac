import { odata, type TableClient, type TableEntityResult } from '@azure/data-tables';

import type { RoundStore } from '../../app/ports';
import type { Round, RoundStatus } from '../../domain/round/round';
import { compareTerms, parseTermKey } from '../../domain/terms/termCalendar';
import { encodeKey } from './tableKeys';
import { isMissingEntity, restErrorStatus, TableStorageError } from './TableStorageError';

/**
 * All rounds share one partition: three a year, so `list()` is one small range read. RowKey is the term.
 */
const PARTITION = 'round';

/** How often close() re-reads when another writer changed the round between its read and its update. */
const MAX_CLOSE_ATTEMPTS = 5;

const STATUSES: readonly RoundStatus[] = ['open', 'closed'];

type RoundEntity = Omit<Round, 'term'> & { term: string };

/** RoundStore on Azure Table Storage (table `rounds` by default): one entity per term. */
export class TableRoundStore implements RoundStore {
  constructor(private readonly table: TableClient) {}

  async get(term: string): Promise<Round | undefined> {
    const entity = await this.read(this.rowKey(term, 'get round'), 'get round');
    return entity && this.toRound(entity);
  }

  async list(): Promise<Round[]> {
    const rounds: Round[] = [];
    try {
      const rows = this.table.listEntities<RoundEntity>({
        queryOptions: { filter: odata`PartitionKey eq ${PARTITION}` },
      });
      for await (const row of rows) rounds.push(this.toRound(row));
    } catch (error) {
      if (error instanceof TableStorageError) throw error;
      throw this.failure('list rounds', undefined, 'could not read the rounds', error);
    }
    return rounds.sort((a, b) => newestFirst(a.term, b.term));
  }

  /** The service's 409 for an existing entity makes this atomic across hosts. */
  async create(round: Round): Promise<boolean> {
    const rowKey = this.rowKey(round.term, 'create round');
    const entity = { partitionKey: PARTITION, rowKey, ...withoutUndefined(round) };
    try {
      await this.table.createEntity(entity);
      return true;
    } catch (error) {
      if (restErrorStatus(error) === 409) return false;
      throw this.failure('create round', rowKey, 'could not write the round', error);
    }
  }

  /**
   * Closes with a Merge conditional on the ETag read: of two closers, one updates and the other gets 412,
   * reads again and finds the round closed. The first closer's time and name stay.
   */
  async close(
    term: string,
    closedAt: string,
    closedBy: string,
  ): Promise<'closed' | 'alreadyClosed' | 'notFound'> {
    const operation = 'close round';
    const rowKey = this.rowKey(term, operation);
    for (let attempt = 1; attempt <= MAX_CLOSE_ATTEMPTS; attempt++) {
      const current = await this.read(rowKey, operation);
      if (!current) return 'notFound';
      if (current.status === 'closed') return 'alreadyClosed';
      try {
        await this.table.updateEntity(
          { partitionKey: PARTITION, rowKey, status: 'closed', closedAt, closedBy },
          'Merge',
          { etag: current.etag },
        );
        return 'closed';
      } catch (error) {
        const status = restErrorStatus(error);
        if (status === 412 || status === 404) continue;
        throw this.failure(operation, rowKey, 'could not write the closed round', error);
      }
    }
    throw new TableStorageError(
      { table: this.table.tableName, operation, partitionKey: PARTITION, rowKey },
      `the round kept changing under ${MAX_CLOSE_ATTEMPTS} attempts`,
      { advice: 'Something is updating the round in a loop; find what, then close again.' },
    );
  }

  private async read(rowKey: string, operation: string): Promise<TableEntityResult<RoundEntity> | undefined> {
    try {
      return await this.table.getEntity<RoundEntity>(PARTITION, rowKey);
    } catch (error) {
      if (isMissingEntity(error)) return undefined;
      throw this.failure(operation, rowKey, 'could not read the round', error);
    }
  }

  private toRound(entity: TableEntityResult<RoundEntity>): Round {
    const bad = (field: string): TableStorageError =>
      new TableStorageError(
        {
          table: this.table.tableName,
          operation: 'read round',
          partitionKey: PARTITION,
          rowKey: entity.rowKey,
        },
        `field "${field}" is missing or invalid`,
        { advice: 'The entity was not written by this adapter; fix or delete it in Storage Explorer.' },
      );
    for (const field of ['term', 'openedOn', 'closesOn', 'openedAt', 'openedBy'] as const) {
      if (typeof entity[field] !== 'string') throw bad(field);
    }
    if (!STATUSES.includes(entity.status)) throw bad('status');
    if (typeof entity.academyCount !== 'number') throw bad('academyCount');
    return {
      term: entity.term,
      status: entity.status,
      openedOn: entity.openedOn,
      closesOn: entity.closesOn,
      openedAt: entity.openedAt,
      openedBy: entity.openedBy,
      ...(typeof entity.closedAt === 'string' && { closedAt: entity.closedAt }),
      ...(typeof entity.closedBy === 'string' && { closedBy: entity.closedBy }),
      academyCount: entity.academyCount,
    };
  }

  private rowKey(term: string, operation: string): string {
    try {
      return encodeKey(term);
    } catch (error) {
      throw new TableStorageError(
        { table: this.table.tableName, operation, partitionKey: PARTITION },
        (error as Error).message,
        { cause: error },
      );
    }
  }

  private failure(
    operation: string,
    rowKey: string | undefined,
    problem: string,
    cause: unknown,
  ): TableStorageError {
    return new TableStorageError(
      {
        table: this.table.tableName,
        operation,
        partitionKey: PARTITION,
        ...(rowKey !== undefined && { rowKey }),
      },
      problem,
      { cause },
    );
  }
}

/** Newest term first; keys that are not terms go last, in text order. */
function newestFirst(a: string, b: string): number {
  const left = parseTermKey(a);
  const right = parseTermKey(b);
  if (left && right) return compareTerms(right, left);
  if (left || right) return left ? -1 : 1;
  return a.localeCompare(b);
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

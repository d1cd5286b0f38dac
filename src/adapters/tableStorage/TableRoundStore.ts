import type { TableClient, TableEntityResult } from '@azure/data-tables';

import type { RoundStore } from '../../app/ports';
import type { Round, RoundStatus } from '../../domain/round/round';
import { compareTerms, parseTermKey } from '../../domain/terms/termCalendar';
import { OnePartitionTable } from './OnePartitionTable';
import { restErrorStatus, TableStorageError } from './TableStorageError';

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
  private readonly rows: OnePartitionTable;

  constructor(table: TableClient) {
    this.rows = new OnePartitionTable(table, PARTITION, 'round');
  }

  async get(term: string): Promise<Round | undefined> {
    const entity = await this.rows.read<RoundEntity>(this.rows.rowKey(term, 'get round'), 'get round');
    return entity && this.toRound(entity);
  }

  async list(): Promise<Round[]> {
    const rounds = await this.rows.list('list rounds', (row: TableEntityResult<RoundEntity>) =>
      this.toRound(row),
    );
    return rounds.sort((a, b) => newestFirst(a.term, b.term));
  }

  /** The service's 409 for an existing entity makes this atomic across hosts. */
  async create(round: Round): Promise<boolean> {
    const rowKey = this.rows.rowKey(round.term, 'create round');
    const entity = { partitionKey: PARTITION, rowKey, ...withoutUndefined(round) };
    try {
      await this.rows.client.createEntity(entity);
      return true;
    } catch (error) {
      if (restErrorStatus(error) === 409) return false;
      throw this.rows.failure('create round', rowKey, 'could not write the round', error);
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
    return this.rows.mergeOnVersion<RoundEntity, 'closed' | 'alreadyClosed' | 'notFound'>(
      this.rows.rowKey(term, operation),
      {
        operation,
        attempts: MAX_CLOSE_ATTEMPTS,
        absent: 'notFound',
        decide: (current) =>
          current.status === 'closed'
            ? { kind: 'stop', result: 'alreadyClosed' }
            : { kind: 'merge', patch: { status: 'closed', closedAt, closedBy }, result: 'closed' },
        problem: 'could not write the closed round',
        advice: 'Something is updating the round in a loop; find what, then close again.',
      },
    );
  }

  private toRound(entity: TableEntityResult<RoundEntity>): Round {
    const bad = (field: string): TableStorageError =>
      new TableStorageError(
        {
          table: this.rows.tableName,
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

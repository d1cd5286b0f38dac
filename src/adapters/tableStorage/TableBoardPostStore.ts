import type { TableClient, TableEntityResult } from '@azure/data-tables';

import type { BoardPost, BoardPostClaim, BoardPostStore } from '../../app/ports';
import { encodeKey } from './tableKeys';
import { isMissingEntity, restErrorStatus, TableStorageError } from './TableStorageError';

/** One partition: a trust posts three summaries a year. */
const PARTITION = 'boardPost';

interface BoardPostEntity {
  conversationKey: string;
  activityId?: string;
  at: string;
  provisional: boolean;
}

/**
 * BoardPostStore on Azure Table Storage (table `boardposts` by default): one entity per term, keyed by
 * the term key. The first post is claimed with an insert, so two hosts closing the same round at once
 * post one card between them.
 */
export class TableBoardPostStore implements BoardPostStore {
  constructor(private readonly table: TableClient) {}

  async claim(
    term: string,
    conversationKey: string,
    at: Date,
    staleAfterMs: number,
  ): Promise<BoardPostClaim> {
    const rowKey = encodeKey(term);
    const entity = {
      partitionKey: PARTITION,
      rowKey,
      conversationKey,
      at: at.toISOString(),
      provisional: false,
    };
    try {
      await this.table.createEntity(entity);
      return { kind: 'claimed' };
    } catch (error) {
      if (restErrorStatus(error) !== 409) throw this.failure('claim board post', rowKey, error);
    }
    const current = await this.read(rowKey);
    if (!current) return this.claim(term, conversationKey, at, staleAfterMs);
    if (typeof current.activityId === 'string' && current.activityId !== '') {
      return { kind: 'posted', post: { ...this.toPost(term, current), activityId: current.activityId } };
    }
    if (at.getTime() - Date.parse(current.at) < staleAfterMs) return { kind: 'busy' };
    try {
      // The ETag makes exactly one of several hosts taking over an abandoned claim win.
      await this.table.updateEntity(entity, 'Replace', { etag: current.etag });
      return { kind: 'claimed' };
    } catch (error) {
      if (restErrorStatus(error) === 412 || restErrorStatus(error) === 404) return { kind: 'busy' };
      throw this.failure('take over board post', rowKey, error);
    }
  }

  async save(post: BoardPost): Promise<void> {
    const rowKey = encodeKey(post.term);
    const entity: BoardPostEntity = {
      conversationKey: post.conversationKey,
      at: post.at,
      provisional: post.provisional,
      ...(post.activityId !== undefined && { activityId: post.activityId }),
    };
    try {
      await this.table.upsertEntity({ partitionKey: PARTITION, rowKey, ...entity }, 'Replace');
    } catch (error) {
      throw this.failure('save board post', rowKey, error);
    }
  }

  async release(term: string): Promise<void> {
    const rowKey = encodeKey(term);
    try {
      await this.table.deleteEntity(PARTITION, rowKey);
    } catch (error) {
      if (!isMissingEntity(error)) throw this.failure('release board post', rowKey, error);
    }
  }

  async get(term: string): Promise<BoardPost | undefined> {
    const entity = await this.read(encodeKey(term));
    return entity && this.toPost(term, entity);
  }

  private async read(rowKey: string): Promise<TableEntityResult<BoardPostEntity> | undefined> {
    try {
      return await this.table.getEntity<BoardPostEntity>(PARTITION, rowKey);
    } catch (error) {
      if (isMissingEntity(error)) return undefined;
      throw this.failure('read board post', rowKey, error);
    }
  }

  private toPost(term: string, entity: BoardPostEntity): BoardPost {
    return {
      term,
      conversationKey: entity.conversationKey,
      at: entity.at,
      provisional: entity.provisional === true,
      ...(typeof entity.activityId === 'string' &&
        entity.activityId !== '' && { activityId: entity.activityId }),
    };
  }

  private failure(operation: string, rowKey: string, error: unknown): TableStorageError {
    return new TableStorageError(
      { table: this.table.tableName, operation, partitionKey: PARTITION, rowKey },
      'the board post record could not be read or written',
      { cause: error },
    );
  }
}

import type { TableClient } from '@azure/data-tables';

import type { BoardBinding, BoardBindingStore, BoardChannelNotice } from '../../app/ports';
import { encodeKey } from './tableKeys';
import { isMissingEntity, restErrorStatus, storageKey, TableStorageError } from './TableStorageError';

const BINDING_PARTITION = 'binding';
const BINDING_ROW = 'board';
const NOTICE_PARTITION = 'notice';

interface BindingEntity {
  teamId: string;
  channelId: string;
  conversationKey: string;
  channelName?: string;
  how: string;
  by: string;
  at: string;
}

/**
 * BoardBindingStore on Azure Table Storage (table `boardbinding` by default): one entity for the binding
 * (`binding` / `board`), written with an insert so the first of two confirmations wins everywhere, and
 * one entity per notice about a channel (`notice` / `<notice>|<conversation key>`), so each goes once.
 */
export class TableBoardBindingStore implements BoardBindingStore {
  constructor(private readonly table: TableClient) {}

  async get(): Promise<BoardBinding | undefined> {
    let entity: BindingEntity;
    try {
      entity = await this.table.getEntity<BindingEntity>(BINDING_PARTITION, BINDING_ROW);
    } catch (error) {
      if (isMissingEntity(error)) return undefined;
      throw this.failure('read board binding', BINDING_PARTITION, BINDING_ROW, error);
    }
    const text = (value: unknown): value is string => typeof value === 'string' && value !== '';
    if (
      !text(entity.teamId) ||
      !text(entity.channelId) ||
      !text(entity.conversationKey) ||
      (entity.how !== 'executive' && entity.how !== 'configuration')
    ) {
      throw new TableStorageError(
        { table: this.table.tableName, operation: 'read board binding', partitionKey: BINDING_PARTITION },
        'the stored board binding is missing its team, channel or how it was bound',
        {
          advice: 'Delete the entity in Storage Explorer and bind the board channel again (docs/deploy.md).',
        },
      );
    }
    return {
      teamId: entity.teamId,
      channelId: entity.channelId,
      conversationKey: entity.conversationKey,
      ...(text(entity.channelName) && { channelName: entity.channelName }),
      how: entity.how,
      by: String(entity.by ?? ''),
      at: String(entity.at ?? ''),
    };
  }

  async bind(binding: BoardBinding): Promise<BoardBinding> {
    const entity: BindingEntity = {
      teamId: binding.teamId,
      channelId: binding.channelId,
      conversationKey: binding.conversationKey,
      how: binding.how,
      by: binding.by,
      at: binding.at,
      ...(binding.channelName !== undefined && { channelName: binding.channelName }),
    };
    try {
      await this.table.createEntity({ partitionKey: BINDING_PARTITION, rowKey: BINDING_ROW, ...entity });
      return binding;
    } catch (error) {
      if (restErrorStatus(error) !== 409)
        throw this.failure('bind board channel', BINDING_PARTITION, BINDING_ROW, error);
    }
    const current = await this.get();
    return current ?? this.bind(binding);
  }

  async claimNotice(notice: BoardChannelNotice, conversationKey: string, at: Date): Promise<boolean> {
    const context = {
      table: this.table.tableName,
      operation: 'claim board notice',
      partitionKey: NOTICE_PARTITION,
    };
    const rowKey = storageKey(context, () => encodeKey(`${notice}|${conversationKey}`));
    try {
      await this.table.createEntity({ partitionKey: NOTICE_PARTITION, rowKey, at: at.toISOString() });
      return true;
    } catch (error) {
      if (restErrorStatus(error) === 409) return false;
      throw this.failure('claim board notice', NOTICE_PARTITION, rowKey, error);
    }
  }

  private failure(
    operation: string,
    partitionKey: string,
    rowKey: string,
    error: unknown,
  ): TableStorageError {
    return new TableStorageError(
      { table: this.table.tableName, operation, partitionKey, rowKey },
      'the board channel binding could not be read or written',
      { cause: error },
    );
  }
}

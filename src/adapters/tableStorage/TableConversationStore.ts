import { odata, type TableClient, type TableEntityResult } from '@azure/data-tables';

import type { ConversationKind, ConversationStore, StoredConversation } from '../../app/ports';
import { OnePartitionTable } from './OnePartitionTable';
import { decodeKey } from './tableKeys';
import { restErrorStatus, TableStorageError } from './TableStorageError';

/**
 * All conversations share one partition: a trust has hundreds of them, not millions, and one partition
 * makes `list()` a single range read instead of a scan across partitions.
 */
const PARTITION = 'conversation';

/**
 * A string property holds at most 64 KiB of UTF-16, i.e. 32 Ki code units. A botbuilder reference is
 * about 1 KB; one this large means something else was stored in it.
 */
const MAX_REFERENCE_LENGTH = 32 * 1024;

/** How often markUnreachable re-reads and retries when a concurrent save changes the entity under it. */
const MAX_MARK_ATTEMPTS = 5;

const KINDS: readonly ConversationKind[] = ['personal', 'channel', 'groupChat'];

/** The entity as stored: flat properties, the reference as a JSON string. */
interface ConversationEntity {
  kind: string;
  personEmail?: string;
  channelName?: string;
  teamId?: string;
  teamName?: string;
  channelId?: string;
  reference: string;
  updatedAt: string;
  unreachableStatus?: number;
  unreachableAt?: string;
  unreachableDetail?: string;
  undeliveredMessageId?: string;
  undeliveredAt?: string;
  undeliveredDetail?: string;
}

/**
 * ConversationStore on Azure Table Storage (table `conversations` by default): one entity per
 * conversation, keyed by the encoded conversation key.
 */
export class TableConversationStore implements ConversationStore {
  private readonly rows: OnePartitionTable;

  constructor(table: TableClient) {
    this.rows = new OnePartitionTable(table, PARTITION, 'conversation');
  }

  /** Inserts or replaces by key; a fresh capture also clears an earlier unreachable mark. */
  async save(conversation: StoredConversation): Promise<void> {
    const rowKey = this.rows.rowKey(conversation.key, 'save conversation');
    const reference = JSON.stringify(conversation.reference);
    if (reference.length > MAX_REFERENCE_LENGTH) {
      throw new TableStorageError(
        { table: this.rows.tableName, operation: 'save conversation', partitionKey: PARTITION, rowKey },
        `the conversation reference is ${reference.length} characters, over the ${MAX_REFERENCE_LENGTH} a table property holds`,
        { advice: 'Store the botbuilder ConversationReference only (TurnContext.getConversationReference).' },
      );
    }
    const entity: ConversationEntity = {
      kind: conversation.kind,
      reference,
      updatedAt: conversation.updatedAt,
      ...(conversation.personEmail !== undefined && { personEmail: conversation.personEmail }),
      ...(conversation.channelName !== undefined && { channelName: conversation.channelName }),
      ...(conversation.teamId !== undefined && { teamId: conversation.teamId }),
      ...(conversation.teamName !== undefined && { teamName: conversation.teamName }),
      ...(conversation.channelId !== undefined && { channelId: conversation.channelId }),
      ...(conversation.unreachable && {
        unreachableStatus: conversation.unreachable.status,
        unreachableAt: conversation.unreachable.at,
        unreachableDetail: conversation.unreachable.detail,
      }),
      ...(conversation.undelivered && {
        undeliveredMessageId: conversation.undelivered.messageId,
        undeliveredAt: conversation.undelivered.at,
        undeliveredDetail: conversation.undelivered.detail,
      }),
    };
    try {
      // Replace, not Merge: a property the new value leaves out (e.g. the unreachable mark) must go.
      await this.rows.client.upsertEntity({ partitionKey: PARTITION, rowKey, ...entity }, 'Replace');
    } catch (error) {
      throw this.rows.failure('save conversation', rowKey, 'could not write the conversation', error);
    }
  }

  async get(key: string): Promise<StoredConversation | undefined> {
    const rowKey = this.rows.rowKey(key, 'get conversation');
    const entity = await this.rows.read<ConversationEntity>(rowKey, 'get conversation');
    return entity && this.toConversation(entity);
  }

  async list(kind?: ConversationKind): Promise<StoredConversation[]> {
    return this.rows.list(
      'list conversations',
      (entity: TableEntityResult<ConversationEntity>) => this.toConversation(entity),
      kind === undefined ? undefined : odata`kind eq ${kind}`,
    );
  }

  /**
   * Marks the conversation unreachable after Teams answered 403/404 to a send made at `at`.
   *
   * The update carries the entity's ETag, so a save that lands between our read and our write makes the
   * service answer 412 and we read again instead of overwriting it. If the reference was captured after
   * the failed send (`updatedAt` later than `at`: the app was reinstalled meanwhile), the failure was about
   * the old reference and the mark is skipped. A key with no stored conversation is left alone: there is
   * no reference to mark.
   */
  async markUnreachable(key: string, status: number, detail: string, at: Date): Promise<void> {
    const operation = 'mark conversation unreachable';
    await this.rows.mergeOnVersion<ConversationEntity, void>(this.rows.rowKey(key, operation), {
      operation,
      attempts: MAX_MARK_ATTEMPTS,
      absent: undefined,
      decide: (current) =>
        Date.parse(current.updatedAt) > at.getTime()
          ? { kind: 'stop', result: undefined }
          : {
              kind: 'merge',
              patch: {
                unreachableStatus: status,
                unreachableAt: at.toISOString(),
                unreachableDetail: detail,
              },
              result: undefined,
            },
      problem: 'could not write the mark',
      advice: 'Something is saving it in a loop; find what, then retry.',
    });
  }

  /**
   * Records the message that went to the poison queue. A Merge of these three properties only: whatever
   * else changes meanwhile (a fresh capture, an unreachable mark) is kept, so no ETag is needed.
   */
  async markUndelivered(key: string, messageId: string, detail: string, at: Date): Promise<void> {
    const operation = 'mark message undelivered';
    const rowKey = this.rows.rowKey(key, operation);
    const mark = {
      partitionKey: PARTITION,
      rowKey,
      undeliveredMessageId: messageId,
      undeliveredAt: at.toISOString(),
      // A string property holds 32 Ki UTF-16 code units; the detail is for people, so a few hundred do.
      undeliveredDetail: detail.slice(0, 1000),
    };
    try {
      await this.rows.client.updateEntity(mark, 'Merge', { etag: '*' });
    } catch (error) {
      if (restErrorStatus(error) === 404) return; // no conversation stored: nothing to record against
      throw this.rows.failure(operation, rowKey, 'could not write the record', error);
    }
  }

  private toConversation(entity: TableEntityResult<ConversationEntity>): StoredConversation {
    const fail = (problem: string): TableStorageError =>
      new TableStorageError(
        {
          table: this.rows.tableName,
          operation: 'read conversation',
          partitionKey: PARTITION,
          rowKey: entity.rowKey,
        },
        problem,
        {
          advice:
            'The entity was not written by this adapter; fix or delete it, then capture the conversation again.',
        },
      );
    const kind = entity.kind as ConversationKind;
    if (!KINDS.includes(kind)) throw fail(`unknown kind "${String(entity.kind)}"`);
    if (typeof entity.reference !== 'string' || typeof entity.updatedAt !== 'string')
      throw fail('reference or updatedAt is missing');
    let reference: unknown;
    try {
      reference = JSON.parse(entity.reference);
    } catch {
      throw fail('the reference is not valid JSON');
    }
    if (typeof reference !== 'object' || reference === null || Array.isArray(reference))
      throw fail('the reference is not a JSON object');
    const conversation: StoredConversation = {
      key: decodeKey(entity.rowKey ?? ''),
      kind,
      reference: reference as Record<string, unknown>,
      updatedAt: entity.updatedAt,
    };
    if (typeof entity.personEmail === 'string') conversation.personEmail = entity.personEmail;
    if (typeof entity.channelName === 'string') conversation.channelName = entity.channelName;
    if (typeof entity.teamId === 'string') conversation.teamId = entity.teamId;
    if (typeof entity.teamName === 'string') conversation.teamName = entity.teamName;
    if (typeof entity.channelId === 'string') conversation.channelId = entity.channelId;
    if (typeof entity.unreachableStatus === 'number') {
      conversation.unreachable = {
        status: entity.unreachableStatus,
        at: entity.unreachableAt ?? '',
        detail: entity.unreachableDetail ?? '',
      };
    }
    if (typeof entity.undeliveredMessageId === 'string') {
      conversation.undelivered = {
        messageId: entity.undeliveredMessageId,
        at: entity.undeliveredAt ?? '',
        detail: entity.undeliveredDetail ?? '',
      };
    }
    return conversation;
  }
}

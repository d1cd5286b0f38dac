import { createHash } from 'node:crypto';

import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';

import type { ActivityLog, DeliveryLog, SendClaim } from '../../app/ports';
import { encodeKey, MAX_KEY_LENGTH } from './tableKeys';
import { isMissingEntity, restErrorStatus, TableStorageError } from './TableStorageError';

/**
 * Claims are spread over 16 partitions by a hash of the activity id.
 *
 * Why not partition by day of `at`: Teams re-sends an unanswered activity 15 s later, and a re-send that
 * crosses midnight would land in the next day's partition and be claimed a second time. The partition
 * must depend on the id alone, so that a claim is one `createEntity` on one entity whose existence is the
 * whole answer. Why not one partition per id: prune would then delete one entity per request. With a few
 * hash buckets, the expired claims of a bucket go 100 per batch transaction, and writes are still spread
 * over several partitions.
 */
const BUCKETS = 16;

/** A batch transaction holds at most 100 operations, all in one partition. */
const MAX_BATCH = 100;

interface ClaimEntity {
  /** When the claim was made, from the caller's clock; prune compares it, not the service Timestamp. */
  claimedAt: Date;
}

/** A claim on an outbox message's send: which queue message holds it, and when it was sent. */
interface SendClaimEntity extends ClaimEntity {
  holder?: string;
  sentAt?: Date;
}

/** The row of an outbox message's send claim: beside the incoming activities, pruned with them. */
function sendClaimId(messageId: string): string {
  return `outbox:${messageId}`;
}

/** How often claimSend reads again when the claim changed between its read and its takeover. */
const MAX_TAKEOVER_ATTEMPTS = 3;

/** The bucket (PartitionKey) of an activity id: one hex digit of its SHA-256. */
export function activityPartition(activityId: string): string {
  const digest = createHash('sha256').update(activityId, 'utf8').digest();
  return (digest[0]! % BUCKETS).toString(16);
}

/**
 * The RowKey of an activity id: the id itself (encoded) when it fits a key, otherwise its SHA-256. Teams'
 * ids are short; a longer one is still claimed once, rather than failing the turn.
 */
function activityRowKey(activityId: string): string {
  if (activityId.length <= MAX_KEY_LENGTH) {
    try {
      return encodeKey(activityId);
    } catch {
      // Escapes made it longer than a key: fall through to the hash.
    }
  }
  return `sha256-${createHash('sha256').update(activityId, 'utf8').digest('hex')}`;
}

/**
 * ActivityLog and DeliveryLog on Azure Table Storage (table `activities` by default). A claim is the
 * creation of one entity; the service's 409 for an existing one makes it atomic across hosts. A send
 * claim (`outbox:<message id>`) also names its holder and, once made, when it was sent.
 */
export class TableActivityLog implements ActivityLog, DeliveryLog {
  constructor(private readonly table: TableClient) {}

  async claim(activityId: string, at: Date): Promise<boolean> {
    const partitionKey = activityPartition(activityId);
    const context = { table: this.table.tableName, operation: 'claim activity', partitionKey };
    if (!activityId) {
      // Every id-less activity would collide with the first one and be dropped as a repeat.
      throw new TableStorageError(context, 'the activity id is empty', {
        advice: 'Only claim activities that carry an id; handle the others without de-duplication.',
      });
    }
    const rowKey = activityRowKey(activityId);
    try {
      await this.table.createEntity<ClaimEntity>({ partitionKey, rowKey, claimedAt: at });
      return true;
    } catch (error) {
      if (restErrorStatus(error) === 409) return false;
      throw new TableStorageError({ ...context, rowKey }, 'could not record the claim', { cause: error });
    }
  }

  /** Forgets one claim so that a retry of work that failed after claiming is handled; no claim is fine. */
  async release(activityId: string): Promise<void> {
    const partitionKey = activityPartition(activityId);
    const context = { table: this.table.tableName, operation: 'release activity', partitionKey };
    const rowKey = activityRowKey(activityId);
    try {
      await this.table.deleteEntity(partitionKey, rowKey);
    } catch (error) {
      if (isMissingEntity(error)) return;
      throw new TableStorageError({ ...context, rowKey }, 'could not delete the claim', {
        cause: error,
        advice:
          'The re-sent activity will be taken for a repeat until the claim is pruned; retry the release.',
      });
    }
  }

  async claimSend(messageId: string, holder: string, at: Date): Promise<SendClaim> {
    const id = sendClaimId(messageId);
    const partitionKey = activityPartition(id);
    const rowKey = activityRowKey(id);
    const context = { table: this.table.tableName, operation: 'claim send', partitionKey, rowKey };
    try {
      const created = await this.table.createEntity<SendClaimEntity>({
        partitionKey,
        rowKey,
        claimedAt: at,
        holder,
      });
      return { kind: 'claimed', version: created.etag ?? '' };
    } catch (error) {
      if (restErrorStatus(error) !== 409) {
        throw new TableStorageError(context, 'could not record the claim', { cause: error });
      }
    }
    for (let attempt = 1; attempt <= MAX_TAKEOVER_ATTEMPTS; attempt++) {
      let claim: SendClaimEntity & { etag: string };
      try {
        claim = await this.table.getEntity<SendClaimEntity>(partitionKey, rowKey);
      } catch (error) {
        // Released between our create and this read: the send is free again.
        if (isMissingEntity(error)) return this.claimSend(messageId, holder, at);
        throw new TableStorageError(context, 'could not read the claim', { cause: error });
      }
      // A claim without a holder was made before holders were recorded: it counts as sent.
      if (claim.sentAt !== undefined || claim.holder === undefined) return { kind: 'sent' };
      if (claim.holder !== holder) return { kind: 'held' };
      // This queue message's earlier attempt claimed and stopped before it sent (its host died): the
      // queue delivered it again, so that attempt is over. Take the claim over, on the ETag read.
      try {
        const taken = await this.table.updateEntity<SendClaimEntity>(
          { partitionKey, rowKey, claimedAt: at, holder },
          'Merge',
          { etag: claim.etag },
        );
        return { kind: 'claimed', version: taken.etag ?? '' };
      } catch (error) {
        if (restErrorStatus(error) === 412) continue;
        if (isMissingEntity(error)) return this.claimSend(messageId, holder, at);
        throw new TableStorageError(context, 'could not take the claim over', { cause: error });
      }
    }
    return { kind: 'held' };
  }

  /** Marks the send made; a claim that is gone (released, pruned) or changed is left as it is. */
  async markSent(messageId: string, version: string, at: Date): Promise<boolean> {
    const id = sendClaimId(messageId);
    const partitionKey = activityPartition(id);
    const rowKey = activityRowKey(id);
    try {
      await this.table.updateEntity<Partial<SendClaimEntity>>({ partitionKey, rowKey, sentAt: at }, 'Merge', {
        etag: version,
      });
      return true;
    } catch (error) {
      if (isMissingEntity(error) || restErrorStatus(error) === 412) return false;
      throw new TableStorageError(
        { table: this.table.tableName, operation: 'mark sent', partitionKey, rowKey },
        'could not record the send',
        { cause: error },
      );
    }
  }

  releaseSend(messageId: string): Promise<void> {
    return this.release(sendClaimId(messageId));
  }

  /**
   * Deletes the claims made before `before`. The filter scans the table, which holds only the claims of
   * the retention window; the deletes go in batches of at most 100 per partition.
   */
  async prune(before: Date): Promise<number> {
    const pending = new Map<string, string[]>();
    let removed = 0;
    try {
      const expired = this.table.listEntities<ClaimEntity>({
        queryOptions: { filter: odata`claimedAt lt ${before}`, select: ['partitionKey', 'rowKey'] },
      });
      for await (const entity of expired) {
        const partitionKey = entity.partitionKey ?? '';
        const rows = pending.get(partitionKey) ?? [];
        rows.push(entity.rowKey ?? '');
        pending.set(partitionKey, rows);
        if (rows.length === MAX_BATCH) {
          pending.delete(partitionKey);
          removed += await this.deleteBatch(partitionKey, rows);
        }
      }
    } catch (error) {
      if (error instanceof TableStorageError) throw error;
      throw new TableStorageError(
        { table: this.table.tableName, operation: 'prune activities' },
        `could not list the claims made before ${before.toISOString()}`,
        { cause: error },
      );
    }
    for (const [partitionKey, rows] of pending) removed += await this.deleteBatch(partitionKey, rows);
    return removed;
  }

  /** Deletes rows of one partition in one transaction; returns how many this call removed. */
  private async deleteBatch(partitionKey: string, rowKeys: string[]): Promise<number> {
    const actions: TransactionAction[] = rowKeys.map((rowKey) => ['delete', { partitionKey, rowKey }]);
    try {
      await this.table.submitTransaction(actions);
      return rowKeys.length;
    } catch (error) {
      // Another host pruning at the same time deleted one of them first, which fails the whole batch.
      // Fall back to single deletes that tolerate "already gone".
      if (!isMissingEntity(error)) {
        throw new TableStorageError(
          { table: this.table.tableName, operation: 'prune activities', partitionKey },
          `could not delete a batch of ${rowKeys.length} claims`,
          { cause: error },
        );
      }
    }
    let removed = 0;
    for (const rowKey of rowKeys) {
      try {
        await this.table.deleteEntity(partitionKey, rowKey);
        removed++;
      } catch (error) {
        if (isMissingEntity(error)) continue;
        throw new TableStorageError(
          { table: this.table.tableName, operation: 'prune activities', partitionKey, rowKey },
          'could not delete the claim',
          { cause: error },
        );
      }
    }
    return removed;
  }
}

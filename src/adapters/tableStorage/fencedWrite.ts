import { randomUUID } from 'node:crypto';

import type { TableClient } from '@azure/data-tables';

import type { FigureWriteOutcome } from '../../app/ports';
import { DEFAULT_STORAGE_TIMEOUT_MS, MAX_SETTLE_MS, withStorageDeadline } from './storageDeadline';
import {
  restErrorCode,
  restErrorStatus,
  type TableErrorContext,
  TableStorageError,
} from './TableStorageError';
import { failedOperationIndex } from './tableTransaction';

/*
 * A conditional write of a record whose version is one row's ETag (the figures header, the owner's entity),
 * settled when it gets no answer (docs/storage.md, docs/round.md "When storage hangs").
 *
 * The write stamps that row with a fresh `writeId`. When storage does not answer it (a timeout, a dropped
 * connection), the caller is told nothing until the write is settled: the row is fenced, i.e. merged with
 * `fenceOf` = `v:<the version the write named>` conditional on that version, so the write, if still on its
 * way, can never be applied afterwards (it names a version that is gone); or, when the fence finds the
 * version already moved on, the row's `writeId` says whether it was this write. Only when even the fence
 * gets no answer in time is the outcome unknown, and the caller told so.
 *
 * A fence changes nothing but the version: a record read with `fenceOf` has exactly the content of the
 * version it names (`sameAs`), so a card drawn from that version is not out of date.
 */

/** The prefix of a row's `fenceOf`: `v:<ETag>` after a fence, `v:` when the fence created the row. */
export const FENCE_OF_PREFIX = 'v:';

/** How long settling a write may take, from a store's options: its own budget, even when the turn's is spent. */
export function settleBudgetMs(options: { settleTimeoutMs?: number }): number {
  return Math.min(options.settleTimeoutMs ?? DEFAULT_STORAGE_TIMEOUT_MS, MAX_SETTLE_MS);
}

/**
 * The version a row read with `fenceOf` has the content of ('' for nothing stored): the last change only
 * fenced it. Undefined when the last change was a write.
 */
export function sameAsOf(row: Readonly<Record<string, unknown>>): string | undefined {
  const fenceOf = row.fenceOf;
  return typeof fenceOf === 'string' && fenceOf.startsWith(FENCE_OF_PREFIX)
    ? fenceOf.slice(FENCE_OF_PREFIX.length)
    : undefined;
}

export interface FencedWrite {
  table: TableClient;
  /** Where the write goes, for errors (table, operation, partition). */
  context: TableErrorContext & { partitionKey: string };
  /** The row whose ETag is the record's version: the one the write stamps and a fence marks. */
  rowKey: string;
  /** The record in words, for errors: "the academy's record", "the owner's record". */
  record: string;
  /** The version the change was computed from; undefined when nothing was stored (the row is created). */
  expectedVersion: string | undefined;
  /** The row a fence creates when nothing was stored: the empty record's properties, without keys. */
  emptyRow: Record<string, unknown>;
  /** How long settling may take (settleBudgetMs). */
  settleMs: number;
  /**
   * Sends the write, with `writeId` on the versioned row (first in a transaction, and merged with `fenceOf`
   * '' when merged rather than replaced); answers the row's new version, as the service said it.
   */
  send(writeId: string): Promise<string | undefined>;
  /** The row key of a transaction's operation, named in the error when the service refuses that one. */
  rowKeyOf?(index: number): string | undefined;
}

/**
 * Writes the record conditional on `expectedVersion`: `written` with the new version, `conflict` when
 * another writer changed (or created, or removed) it since it was read. A write that gets no answer is
 * settled before anything is answered (see above). Throws a TableStorageError when the service refuses the
 * write (nothing of it was stored), or, with `outcomeUnknown`, when it could not be settled.
 */
export async function fencedWrite(write: FencedWrite): Promise<FigureWriteOutcome> {
  const { context, record } = write;
  if (write.expectedVersion === '') {
    // An empty If-Match is not "no condition" to every service version; refuse rather than guess.
    throw new TableStorageError(context, 'the expected version is empty', {
      advice: 'Pass the version the record was read at, or undefined when nothing was stored.',
    });
  }
  const writeId = randomUUID();
  let version: string | undefined;
  try {
    version = await write.send(writeId);
  } catch (error) {
    if (error instanceof TableStorageError) throw error;
    // 412 (changed since read), 409 (created since read) or 404 (removed since read) on the versioned row,
    // the first operation of a transaction: another writer got in first, and nothing was written.
    const status = restErrorStatus(error);
    const index = failedOperationIndex(error);
    if ((status === 412 || status === 409 || status === 404) && (index === undefined || index === 0)) {
      return { kind: 'conflict' };
    }
    // No answer (a timeout, a dropped connection): the change may be stored, or still on its way.
    if (status === undefined) return settle(write, writeId, error);
    const culprit = index === undefined ? undefined : write.rowKeyOf?.(index);
    throw new TableStorageError(
      { ...context, ...(culprit !== undefined && { rowKey: culprit }) },
      `could not write ${record}; nothing of this change was stored`,
      { cause: error, advice: adviceForWrite(error) },
    );
  }
  if (!version) {
    // Stored, but without the new version a follow-up write could only guess; a retry of the same
    // change gets a conflict, reads again and finds nothing left to do.
    throw new TableStorageError(context, 'the service did not say the new version of the record', {
      advice: `The change was stored; read ${record} again before changing it further.`,
    });
  }
  return { kind: 'written', version };
}

/**
 * Settles a write that got no answer, on a budget of its own: fences the row on the version the write
 * named, so the write can no longer be applied, and throws that nothing was stored; or, when the version
 * has moved on, reads the row and answers `written` when it was this write, `conflict` when another's.
 * Throws a TableStorageError with `outcomeUnknown` when storage does not answer this either.
 */
async function settle(write: FencedWrite, writeId: string, cause: unknown): Promise<FigureWriteOutcome> {
  const { table, context, rowKey, expectedVersion } = write;
  const { partitionKey } = context;
  const fenceOf = FENCE_OF_PREFIX + (expectedVersion ?? '');
  let fenced = false;
  try {
    const outcome = await withStorageDeadline(
      write.settleMs,
      async (): Promise<FigureWriteOutcome | 'fenced'> => {
        try {
          if (expectedVersion === undefined) {
            await table.createEntity({ partitionKey, rowKey, ...write.emptyRow, fenceOf });
          } else {
            await table.updateEntity({ partitionKey, rowKey, fenceOf }, 'Merge', { etag: expectedVersion });
          }
          return 'fenced';
        } catch (error) {
          const status = restErrorStatus(error);
          if (status !== 412 && status !== 409 && status !== 404) throw error;
        }
        // The version moved on before the fence: by this write, or by another writer.
        try {
          const row = await table.getEntity<Record<string, unknown>>(partitionKey, rowKey);
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
      `storage gave no answer, so the write was given up; nothing of this change to ${write.record} was stored`,
      { cause },
    );
  }
  throw new TableStorageError(
    context,
    `storage gave no answer, and whether the change was stored could not be settled (read ${write.record} again once storage answers: the change is either wholly stored or not at all)`,
    { cause, outcomeUnknown: true },
  );
}

function adviceForWrite(error: unknown): string | undefined {
  switch (restErrorCode(error)) {
    case 'PropertyValueTooLarge':
      return 'A text (a reason, a draft) is over 32,000 characters; shorten it and submit again.';
    case 'EntityTooLarge':
      return 'A row is over 1 MiB; shorten its texts and submit again.';
    default:
      return undefined;
  }
}

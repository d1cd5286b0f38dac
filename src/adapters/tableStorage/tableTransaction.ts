/**
 * Batch transactions, checked before they are sent. The service accepts at most 100 operations, all in
 * one partition, and 4 MiB per transaction; Azurite does not enforce the one-partition rule, Azure does
 * (@azure/data-tables 13.3 happens to check it too, with a bare Error). Checking here makes a transaction
 * that would only fail in production fail in every test, with a TableStorageError that names the table
 * and the operation, whatever the SDK version does.
 */
import type { TableClient, TableTransactionResponse, TransactionAction } from '@azure/data-tables';

import { type TableErrorContext, TableStorageError } from './TableStorageError';

export const MAX_TRANSACTION_OPERATIONS = 100;
/** Below the service's 4 MiB, leaving room for the multipart framing around each operation. */
export const MAX_TRANSACTION_BYTES = 3.5 * 1024 * 1024;

/** The estimated size of an entity on the wire (its JSON, UTF-8). */
export function entityBytes(entity: object): number {
  return Buffer.byteLength(JSON.stringify(entity), 'utf8');
}

/**
 * Throws TableStorageError when the actions cannot be one transaction: none, more than 100, more than
 * one partition, or over the size limit. Sends nothing.
 */
export function checkTransaction(actions: readonly TransactionAction[], context: TableErrorContext): void {
  const fail = (problem: string, advice: string): TableStorageError =>
    new TableStorageError(context, problem, { advice });
  if (actions.length === 0)
    throw fail('the transaction is empty', 'Send a transaction only when there is a change.');
  if (actions.length > MAX_TRANSACTION_OPERATIONS) {
    throw fail(
      `the transaction has ${actions.length} operations, over the service's limit of ${MAX_TRANSACTION_OPERATIONS}`,
      'Split the change into several transactions, or write fewer entities at once.',
    );
  }
  const partitions = new Set(actions.map(([, entity]) => entity.partitionKey));
  if (partitions.size > 1) {
    throw fail(
      `the transaction spans ${partitions.size} partitions (${[...partitions].map((key) => `"${key}"`).join(', ')}); a transaction must stay in one`,
      'This is a bug in the adapter: group the operations by PartitionKey.',
    );
  }
  const bytes = actions.reduce((sum, [, entity]) => sum + entityBytes(entity), 0);
  if (bytes > MAX_TRANSACTION_BYTES) {
    throw fail(
      `the transaction is about ${Math.round(bytes / 1024)} KiB, over the ${MAX_TRANSACTION_BYTES / 1024} KiB this adapter sends at once`,
      'Split the change into several transactions.',
    );
  }
}

/** Checks the actions (see checkTransaction), then submits them as one transaction. */
export async function submitCheckedTransaction(
  table: TableClient,
  actions: TransactionAction[],
  context: TableErrorContext,
): Promise<TableTransactionResponse> {
  checkTransaction(actions, context);
  return table.submitTransaction(actions);
}

/**
 * The index of the operation a failed transaction names ("3:The specified entity already exists."),
 * or undefined when the service did not name one.
 */
export function failedOperationIndex(error: unknown): number | undefined {
  const index = /^(\d+):/.exec((error as { message?: unknown } | undefined)?.message?.toString() ?? '')?.[1];
  return index === undefined ? undefined : Number(index);
}

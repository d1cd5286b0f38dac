import type { TransactionAction } from '@azure/data-tables';

import { StorageRequestCounter } from '../../../src/adapters/tableStorage/storageRequestCounter';
import { TableStorageError } from '../../../src/adapters/tableStorage/TableStorageError';
import {
  checkTransaction,
  failedOperationIndex,
  submitCheckedTransaction,
} from '../../../src/adapters/tableStorage/tableTransaction';
import { allEntities, freshTable } from './tableTestSupport';

const context = { table: 'figures', operation: 'write figures' };
const create = (
  partitionKey: string,
  rowKey: string,
  extra: Record<string, unknown> = {},
): TransactionAction => ['create', { partitionKey, rowKey, ...extra }];

describe('checked transactions', () => {
  it.each<[string, TransactionAction[], RegExp]>([
    ['no operations', [], /the transaction is empty/],
    [
      '101 operations',
      Array.from({ length: 101 }, (_, i) => create('p', `r${i}`)),
      /101 operations, over the service's limit of 100/,
    ],
    ['two partitions', [create('p', 'a'), create('q', 'b')], /spans 2 partitions \("p", "q"\)/],
    [
      'over 3.5 MiB',
      // 16 entities of 8 properties × 30,000 characters: about 3.7 MiB.
      Array.from({ length: 16 }, (_, i) =>
        create(
          'p',
          `r${i}`,
          Object.fromEntries(Array.from({ length: 8 }, (_, j) => [`p${j}`, 'x'.repeat(30_000)])),
        ),
      ),
      /over the 3584 KiB this adapter sends at once/,
    ],
  ])('refuses a transaction with %s, naming the table and operation', (_case, actions, message) => {
    let error: unknown;
    try {
      checkTransaction(actions, context);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(TableStorageError);
    expect((error as Error).message).toMatch(/^write figures failed on table "figures": /);
    expect((error as Error).message).toMatch(message);
  });

  it('accepts 100 operations in one partition', () => {
    expect(() =>
      checkTransaction(
        Array.from({ length: 100 }, (_, i) => create('p', `r${i}`)),
        context,
      ),
    ).not.toThrow();
  });

  it('stops a transaction over two partitions before sending it', async () => {
    const counter = new StorageRequestCounter();
    const table = await freshTable('txn', counter);
    await expect(
      submitCheckedTransaction(table, [create('p', 'a'), create('q', 'b')], context),
    ).rejects.toThrow(TableStorageError);
    expect(counter.count).toBe(0);
    expect(await allEntities(table)).toEqual([]);
  });

  it.each([
    ['3:The specified entity already exists.', 3],
    ['0:The update condition specified in the request was not satisfied.', 0],
    ['The table specified does not exist.', undefined],
  ])('reads the failing operation from %j', (message, index) => {
    expect(failedOperationIndex(new Error(message))).toBe(index);
  });
});

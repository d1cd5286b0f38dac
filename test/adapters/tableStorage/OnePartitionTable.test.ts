import { odata } from '@azure/data-tables';

import { OnePartitionTable } from '../../../src/adapters/tableStorage/OnePartitionTable';
import { TableStorageError } from '../../../src/adapters/tableStorage/TableStorageError';
import { allEntities, freshTable, interleave } from './tableTestSupport';

const PARTITION = 'thing';

interface Thing {
  count: number;
  note?: string;
}

async function table(): Promise<OnePartitionTable> {
  return new OnePartitionTable(await freshTable('one'), PARTITION, 'thing');
}

/** A merge that adds one to `count`, unless it reached `stopAt`. */
function increment(stopAt = Infinity, attempts = 3) {
  const seen: number[] = [];
  return {
    seen,
    merge: {
      operation: 'count thing',
      attempts,
      absent: 'none' as const,
      decide: (current: Thing) => {
        seen.push(current.count);
        return current.count >= stopAt
          ? { kind: 'stop' as const, result: 'enough' as const }
          : { kind: 'merge' as const, patch: { count: current.count + 1 }, result: 'counted' as const };
      },
      problem: 'could not count',
      advice: 'Find what counts in a loop.',
    },
  };
}

describe('OnePartitionTable', () => {
  it('reads an entity by its encoded key, and none for a key never stored', async () => {
    const rows = await table();
    const rowKey = rows.rowKey('a/b#c', 'test');
    expect(rowKey).toBe('a%2Fb%23c');
    await rows.client.createEntity({ partitionKey: PARTITION, rowKey, count: 1 });
    expect((await rows.read<Thing>(rowKey, 'test'))?.count).toBe(1);
    expect(await rows.read<Thing>(rows.rowKey('other', 'test'), 'test')).toBeUndefined();
  });

  it('names the operation and the table for a key the service cannot hold', async () => {
    const rows = await table();
    expect(() => rows.rowKey('k'.repeat(600), 'save thing')).toThrow(TableStorageError);
    expect(() => rows.rowKey('k'.repeat(600), 'save thing')).toThrow(/^save thing failed on table "/);
  });

  it('lists the partition, and only what the extra filter keeps', async () => {
    const rows = await table();
    for (const [rowKey, count] of [
      ['a', 1],
      ['b', 2],
      ['c', 3],
    ] as const) {
      await rows.client.createEntity({ partitionKey: PARTITION, rowKey, count });
    }
    await rows.client.createEntity({ partitionKey: 'elsewhere', rowKey: 'd', count: 4 });
    const counts = (entity: Thing): number => entity.count;
    expect((await rows.list('list things', counts)).sort()).toEqual([1, 2, 3]);
    expect((await rows.list('list things', counts, odata`count ge ${2}`)).sort()).toEqual([2, 3]);
  });

  it.each([
    ['merges the decided patch on the version read', 1, 'counted', 2],
    ['writes nothing when the decision is to stop', 5, 'enough', 5],
  ])('%s', async (_case, start, expected, after) => {
    const rows = await table();
    await rows.client.createEntity({ partitionKey: PARTITION, rowKey: 'r', count: start, note: 'kept' });
    const { merge } = increment(5);
    expect(await rows.mergeOnVersion<Thing, string>('r', merge)).toBe(expected);
    const [stored] = await allEntities(rows.client);
    expect(stored).toMatchObject({ count: after, note: 'kept' });
  });

  it('answers `absent` without writing when there is no entity', async () => {
    const rows = await table();
    const { merge, seen } = increment();
    expect(await rows.mergeOnVersion<Thing, string>('r', merge)).toBe('none');
    expect(seen).toEqual([]);
    expect(await allEntities(rows.client)).toEqual([]);
  });

  it('decides again on fresh data when another writer changed the entity after the read', async () => {
    const base = await table();
    await base.client.createEntity({ partitionKey: PARTITION, rowKey: 'r', count: 1 });
    const other = () =>
      base.client.updateEntity({ partitionKey: PARTITION, rowKey: 'r', count: 10 }, 'Merge');
    const rows = new OnePartitionTable(interleave(base.client, 'updateEntity', other), PARTITION, 'thing');
    const { merge, seen } = increment();
    expect(await rows.mergeOnVersion<Thing, string>('r', merge)).toBe('counted');
    expect(seen).toEqual([1, 10]);
    expect((await base.read<Thing>('r', 'test'))?.count).toBe(11);
  });

  it('gives up with the advice after as many attempts as asked when the entity keeps changing', async () => {
    const base = await table();
    await base.client.createEntity({ partitionKey: PARTITION, rowKey: 'r', count: 1 });
    let others = 0;
    // The same real client, but another writer merges just before every one of ours.
    const contended = new Proxy(base.client, {
      get(target, property, receiver) {
        const value: unknown = Reflect.get(target, property, receiver);
        if (property !== 'updateEntity' || typeof value !== 'function') return value;
        return async (...args: unknown[]) => {
          others++;
          await target.updateEntity({ partitionKey: PARTITION, rowKey: 'r', count: 100 * others }, 'Merge');
          return (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        };
      },
    });
    const rows = new OnePartitionTable(contended, PARTITION, 'thing');
    const { merge, seen } = increment(Infinity, 2);
    const error = await rows.mergeOnVersion<Thing, string>('r', merge).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TableStorageError);
    expect((error as Error).message).toContain('the thing kept changing under 2 attempts');
    expect((error as Error).message).toContain('Find what counts in a loop.');
    expect(seen).toEqual([1, 100]);
    expect((await base.read<Thing>('r', 'test'))?.count).toBe(200);
  });
});

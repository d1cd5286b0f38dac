/** Helpers for the Table Storage adapter tests: each test gets its own tables on the run's Azurite. */
import type { TableClient } from '@azure/data-tables';

import { createTableClient } from '../../../src/adapters/tableStorage/createTableClient';
import type { StorageRequestCounter } from '../../../src/adapters/tableStorage/storageRequestCounter';
import { testConnectionString, uniqueName } from '../../support/storage';

/** A new, empty table on the test Azurite; its requests (after creation) go to the counter, if given. */
export async function freshTable(
  prefix: string,
  requestCounter?: StorageRequestCounter,
): Promise<TableClient> {
  const table = createTableClient(testConnectionString(), uniqueName(prefix), {
    ...(requestCounter && { requestCounter }),
  });
  await table.createTable();
  requestCounter?.reset();
  return table;
}

/** Every entity in the table, for asserting on what the adapter actually stored. */
export async function allEntities(table: TableClient): Promise<Array<Record<string, unknown>>> {
  const entities: Array<Record<string, unknown>> = [];
  for await (const entity of table.listEntities()) entities.push(entity);
  return entities;
}

/**
 * The same real client, but the first call of `method` runs `meanwhile` before it (or after it, with
 * `when: 'after'`): a way to make another writer act between an adapter's read and its write,
 * deterministically, against the real service.
 */
export function interleave<K extends keyof TableClient>(
  table: TableClient,
  method: K,
  meanwhile: () => Promise<unknown>,
  when: 'before' | 'after' = 'before',
): TableClient {
  let done = false;
  return new Proxy(table, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (property !== method || typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        const first = !done;
        done = true;
        if (first && when === 'before') await meanwhile();
        const result = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        if (first && when === 'after') await meanwhile();
        return result;
      };
    },
  });
}

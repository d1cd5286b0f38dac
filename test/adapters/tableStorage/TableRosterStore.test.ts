import type { TableClient } from '@azure/data-tables';

import { TableRosterStore } from '../../../src/adapters/tableStorage/TableRosterStore';
import { TableStorageError } from '../../../src/adapters/tableStorage/TableStorageError';
import type { Academy, Person, Roster } from '../../../src/domain/roster/roster';
import { allEntities, freshTable, interleave } from './tableTestSupport';

function academy(i: number): Academy {
  return {
    urn: String(137000 + i),
    name: `Academy ${i}`,
    phase: i % 2 === 0 ? 'primary' : 'secondary',
    route: 'converter',
    town: 'Colchester',
    openedOn: '2012-09-01',
    joinedOn: '2014-04-01',
    tags: i === 0 ? ['leadPrimary', 'teachingSchool'] : [],
  };
}

function person(i: number, overrides: Partial<Person> = {}): Person {
  return {
    email: `person${i}@trust.example`,
    name: `Person ${i}`,
    role: i === 0 ? 'executive' : 'head',
    title: i === 0 ? 'Chief Executive Officer' : 'Headteacher',
    ...(i > 0 && { academyUrn: String(137000 + (i % 12)) }),
    ...(i === 1 && { aadObjectId: '00000000-0000-0000-0000-000000000001' }),
    ...overrides,
  };
}

function roster(name: string, academies: number, people: number): Roster {
  return {
    trust: { name, companyNumber: '07000000', boardChannel: 'Board', fictional: true },
    academies: Array.from({ length: academies }, (_, i) => academy(i)),
    people: Array.from({ length: people }, (_, i) => person(i)),
  };
}

/** The version partitions in the table, to see what a replace left behind. */
async function versions(table: TableClient): Promise<string[]> {
  const partitions = new Set((await allEntities(table)).map((entity) => String(entity.partitionKey)));
  partitions.delete('pointer');
  return [...partitions];
}

describe('TableRosterStore', () => {
  it('has no roster until one is stored', async () => {
    expect(await new TableRosterStore(await freshTable('roster')).load()).toBeUndefined();
  });

  it('gives back the roster it stored, optional fields and order included', async () => {
    const store = new TableRosterStore(await freshTable('roster'));
    const small: Roster = {
      trust: { name: 'Sigma Trust', boardChannel: 'Trust Board', fictional: false },
      academies: [{ ...academy(3), route: 'sponsored', founder: true }, academy(0)],
      people: [
        person(2),
        person(0, { owns: ['governance', 'teacherTurnover'] }),
        person(1),
        person(4, { role: 'administrator', title: 'HR Lead', academyUrn: undefined, owns: ['hr'] }),
      ],
    };
    await store.replace(small);
    expect(await store.load()).toEqual(small);
  });

  it('stores a roster bigger than one batch transaction (250 people)', async () => {
    const table = await freshTable('roster');
    const store = new TableRosterStore(table);
    const big = roster('Big Trust', 12, 250);
    await store.replace(big);
    expect(await store.load()).toEqual(big);
    expect(await versions(table)).toHaveLength(1);
  });

  it('replaces the roster and deletes the version it displaced', async () => {
    const table = await freshTable('roster');
    const store = new TableRosterStore(table);
    await store.replace(roster('First', 5, 150));
    const second = roster('Second', 3, 20);
    await store.replace(second);
    expect(await store.load()).toEqual(second);
    expect(await versions(table)).toHaveLength(1);
    expect(await allEntities(table)).toHaveLength(1 + 1 + 3 + 20); // pointer, trust, academies, people
  });

  it('keeps the previous roster when a replace fails midway, and says which row failed', async () => {
    const table = await freshTable('roster');
    const store = new TableRosterStore(table);
    const previous = roster('Previous', 12, 40);
    await store.replace(previous);

    const broken = roster('Broken', 12, 250);
    // A string property holds at most 32 Ki UTF-16 units: the service rejects this row in the third
    // batch, after two batches of the new version were written.
    broken.people[200] = person(200, { name: 'x'.repeat(40_000) });
    const error = await store.replace(broken).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(TableStorageError);
    expect((error as TableStorageError).code).toBe('PropertyValueTooLarge');
    expect((error as Error).message).toContain('person200@trust.example');
    expect((error as Error).message).toContain('previous roster stays current');
    expect((error as Error).message).toMatch(/shorten it in the roster file/);
    expect(await store.load()).toEqual(previous);
    expect(await versions(table)).toHaveLength(1); // the partial version was cleaned up
  });

  it('keeps no roster when the very first replace fails', async () => {
    const store = new TableRosterStore(await freshTable('roster'));
    const broken = roster('Broken', 1, 1);
    broken.trust.name = 'x'.repeat(40_000);
    await expect(store.replace(broken)).rejects.toThrow(/the trust row/);
    expect(await store.load()).toBeUndefined();
  });

  it('sweeps versions abandoned by a crashed replace once they are old, and only then', async () => {
    const table = await freshTable('roster');
    let now = new Date('2024-09-01T08:00:00Z');
    const store = new TableRosterStore(table, { now: () => now });
    // A replace that died after writing part of its version: write such rows as it would have.
    const abandoned = 'version-20240901T063000000Z-deadbeef';
    await table.createEntity({ partitionKey: abandoned, rowKey: 'person-000000', email: 'a@b.c' });
    const inProgress = 'version-20240901T075959000Z-cafecafe';
    await table.createEntity({ partitionKey: inProgress, rowKey: 'person-000000', email: 'a@b.c' });

    await store.replace(roster('Now', 1, 1));
    const afterFirst = await versions(table);
    expect(afterFirst).not.toContain(abandoned); // over an hour old
    expect(afterFirst).toContain(inProgress); // could be a replace still writing

    now = new Date('2024-09-01T10:00:00Z');
    await store.replace(roster('Later', 1, 1));
    expect(await versions(table)).toHaveLength(1);
  });

  it('shows readers one whole roster or the other while replaces run, never a mixture', async () => {
    const table = await freshTable('roster');
    const writer = new TableRosterStore(table);
    const reader = new TableRosterStore(table);
    const a = roster('A', 12, 180);
    const b = roster('B', 6, 130);
    await writer.replace(a);

    let replacing = true;
    const replaces = (async () => {
      for (const next of [b, a, b, a]) await writer.replace(next);
      replacing = false;
    })();
    const seen: string[] = [];
    while (replacing) {
      const loaded = await reader.load();
      expect([a, b]).toContainEqual(loaded);
      seen.push(loaded?.trust.name ?? '');
    }
    await replaces;
    expect(seen.length).toBeGreaterThan(0);
    expect(await reader.load()).toEqual(a);
  });

  it('follows the pointer again when a replace deletes the version it was about to read', async () => {
    const table = await freshTable('roster');
    const writer = new TableRosterStore(table);
    await writer.replace(roster('A', 2, 120));
    const b = roster('B', 1, 3);
    // The reader has read the pointer (to A) when the replace flips it to B and deletes A.
    const reader = new TableRosterStore(interleave(table, 'getEntity', () => writer.replace(b), 'after'));
    expect(await reader.load()).toEqual(b);
  });

  it('fails, saying how to repair, when the current version is damaged', async () => {
    const table = await freshTable('roster');
    const store = new TableRosterStore(table);
    await store.replace(roster('T', 1, 3));
    const row = (await allEntities(table)).find((entity) => entity.rowKey === 'person-000002');
    await table.deleteEntity(String(row?.partitionKey), 'person-000002');
    await expect(store.load()).rejects.toThrow(/incomplete.*Import the roster file again/);
  });

  it('ends with one whole roster when two replaces race', async () => {
    const table = await freshTable('roster');
    const a = roster('A', 4, 120);
    const b = roster('B', 3, 110);
    await new TableRosterStore(table).replace(roster('Start', 1, 1));
    await Promise.all([new TableRosterStore(table).replace(a), new TableRosterStore(table).replace(b)]);
    const loaded = await new TableRosterStore(table).load();
    expect([a, b]).toContainEqual(loaded);
    expect(await versions(table)).toHaveLength(1);
  });

  it('names the table and row when a stored row is damaged', async () => {
    const table = await freshTable('roster');
    const store = new TableRosterStore(table);
    await store.replace(roster('T', 1, 2));
    const row = (await allEntities(table)).find((entity) => entity.rowKey === 'person-000001');
    await table.updateEntity(
      { partitionKey: String(row?.partitionKey), rowKey: 'person-000001', role: 'janitor' },
      'Merge',
    );
    await expect(store.load()).rejects.toThrow(
      new RegExp(`table "${table.tableName}".*RowKey "person-000001".*field "role"`),
    );
  });
});

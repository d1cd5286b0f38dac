import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { readRosterDir } from '../../src/adapters/files/readRosterDir';
import { createTableStores } from '../../src/adapters/tableStorage/createTableStores';
import { StorageRequestCounter } from '../../src/adapters/tableStorage/storageRequestCounter';
import { createRosterDirectory, seedRosterIfEmpty } from '../../src/app/rosterDirectory';
import { TEST_ROSTER } from '../support/rosterFixture';
import { testConnectionString, uniqueName } from '../support/storage';

async function emptyStore() {
  const stores = createTableStores(testConnectionString(), { tablePrefix: uniqueName('ros') });
  await stores.createTables();
  return stores.roster;
}

describe('seedRosterIfEmpty', () => {
  it('loads the roster files into empty storage', async () => {
    const store = await emptyStore();
    const outcome = await seedRosterIfEmpty(store, () => readRosterDir('demo/roster'));
    expect(outcome.kind).toBe('loaded');
    const loaded = await store.load();
    expect(loaded?.trust.name).toBe('The Thrive Partnership Academy Trust');
    expect(loaded?.academies.length).toBeGreaterThanOrEqual(6);
  });

  it('leaves a roster already in storage alone', async () => {
    const store = await emptyStore();
    await store.replace(TEST_ROSTER);
    const outcome = await seedRosterIfEmpty(store, () => readRosterDir('demo/roster'));
    expect(outcome).toEqual({ kind: 'alreadyLoaded' });
    expect((await store.load())?.trust.name).toBe('Test Trust');
  });

  it('reports an invalid roster with file, line and field, and stores nothing', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'roster-'));
    writeFileSync(path.join(dir, 'trust.yaml'), 'name: T\nboardChannel: Board\n');
    writeFileSync(
      path.join(dir, 'academies.csv'),
      'urn,name,phase,route,town,openedOn\n912345,Hill,secondry,converter,Colchester,2017-09-01\n',
    );
    writeFileSync(path.join(dir, 'people.csv'), 'email,name,role,title\nceo@t.example,Cal,executive,CEO\n');
    const store = await emptyStore();
    const outcome = await seedRosterIfEmpty(store, () => readRosterDir(dir));
    expect(outcome.kind).toBe('invalid');
    expect(outcome.kind === 'invalid' && outcome.errors.join('\n')).toMatch(
      /academies\.csv line 2, phase: .*secondry/,
    );
    expect(await store.load()).toBeUndefined();
  });
});

describe('createRosterDirectory', () => {
  it('keeps the roster for a minute, then reads storage again', async () => {
    const store = await emptyStore();
    await store.replace(TEST_ROSTER);
    let now = new Date('2026-11-22T10:00:00Z');
    const directory = createRosterDirectory(store, () => now);
    expect((await directory.current())?.trust.name).toBe('Test Trust');

    await store.replace({ ...TEST_ROSTER, trust: { ...TEST_ROSTER.trust, name: 'Renamed Trust' } });
    now = new Date('2026-11-22T10:00:30Z');
    expect((await directory.current())?.trust.name).toBe('Test Trust');
    now = new Date('2026-11-22T10:01:01Z');
    expect((await directory.current())?.trust.name).toBe('Renamed Trust');
  });

  it('reads storage once for many messages arriving together on a cold cache', async () => {
    const counter = new StorageRequestCounter();
    const prefix = uniqueName('ros');
    const stores = createTableStores(testConnectionString(), {
      tablePrefix: prefix,
      requestCounter: counter,
    });
    await stores.createTables();
    await stores.roster.replace(TEST_ROSTER);
    counter.reset();
    await stores.roster.load();
    const oneLoad = counter.count;
    counter.reset();
    const directory = createRosterDirectory(stores.roster, () => new Date('2026-11-22T10:00:00Z'));
    const rosters = await Promise.all(Array.from({ length: 50 }, () => directory.current()));
    expect(rosters.every((roster) => roster?.trust.name === 'Test Trust')).toBe(true);
    expect(counter.count).toBe(oneLoad);
  });

  it('reads storage again after a failed load', async () => {
    const broken = createTableStores(testConnectionString(), { tablePrefix: uniqueName('ros') });
    const directory = createRosterDirectory(broken.roster, () => new Date('2026-11-22T10:00:00Z'));
    await expect(directory.current()).rejects.toThrow();
    await broken.createTables();
    await broken.roster.replace(TEST_ROSTER);
    expect((await directory.current())?.trust.name).toBe('Test Trust');
  });

  it('reads storage again at once after refresh', async () => {
    const store = await emptyStore();
    await store.replace(TEST_ROSTER);
    const directory = createRosterDirectory(store, () => new Date('2026-11-22T10:00:00Z'));
    await directory.current();
    await store.replace({ ...TEST_ROSTER, trust: { ...TEST_ROSTER.trust, name: 'Renamed Trust' } });
    directory.refresh();
    expect((await directory.current())?.trust.name).toBe('Renamed Trust');
  });
});

import { createTableClient, usesPlainHttp } from '../../../src/adapters/tableStorage/createTableClient';
import { createTables, createTableStores } from '../../../src/adapters/tableStorage/createTableStores';
import { StorageRequestCounter } from '../../../src/adapters/tableStorage/storageRequestCounter';
import { TableStorageError } from '../../../src/adapters/tableStorage/TableStorageError';
import { testConnectionString, uniqueName } from '../../support/storage';

describe('createTableStores', () => {
  it('creates prefixed tables idempotently and gives working stores', async () => {
    const tablePrefix = uniqueName('t');
    const stores = createTableStores(testConnectionString(), { tablePrefix });
    expect(stores.tableNames).toEqual({
      conversations: `${tablePrefix}conversations`,
      activities: `${tablePrefix}activities`,
      roster: `${tablePrefix}roster`,
      rounds: `${tablePrefix}rounds`,
      figures: `${tablePrefix}figures`,
      prompts: `${tablePrefix}prompts`,
      evaluations: `${tablePrefix}evaluations`,
      boardPosts: `${tablePrefix}boardposts`,
      owners: `${tablePrefix}owners`,
      boardBinding: `${tablePrefix}boardbinding`,
      chatSessions: `${tablePrefix}chatsessions`,
    });
    await stores.createTables();
    await stores.createTables();
    await createTables(testConnectionString(), { tablePrefix });

    expect(await stores.activityLog.claim('f:1', new Date())).toBe(true);
    expect(await stores.roster.load()).toBeUndefined();
    expect(await stores.conversations.list()).toEqual([]);
    expect(await stores.rounds.list()).toEqual([]);
    expect(await stores.figures.isEmpty()).toBe(true);
    expect(await stores.prompts.list('2026-27-autumn')).toEqual([]);
    expect(await stores.evaluations.get('2026-27-autumn')).toBeUndefined();
    expect(await stores.boardPosts.get('2026-27-autumn')).toBeUndefined();
    expect(await stores.owners.term('2026-27-autumn')).toEqual([]);
    expect(await stores.boardBinding.get()).toBeUndefined();
    expect(await stores.chatSessions.get('head@a.example')).toBeUndefined();
    const table = createTableClient(testConnectionString(), stores.tableNames.activities);
    const entities = [];
    for await (const entity of table.listEntities()) entities.push(entity);
    expect(entities).toHaveLength(1);
  });

  it('counts the requests every store sends, per table, when given a counter', async () => {
    const requestCounter = new StorageRequestCounter();
    const stores = createTableStores(testConnectionString(), {
      tablePrefix: uniqueName('n'),
      requestCounter,
    });
    await stores.createTables();
    expect(requestCounter.count).toBe(11); // one create per table
    requestCounter.reset();
    expect(requestCounter.count).toBe(0);

    await stores.figures.read('2026-27-autumn', '990001');
    await stores.rounds.get('2026-27-autumn');
    await stores.rounds.get('2026-27-spring');
    expect(requestCounter.count).toBe(3);
    expect(requestCounter.countFor(stores.tableNames.figures)).toBe(1);
    expect(requestCounter.countFor(stores.tableNames.rounds)).toBe(2);
    expect(requestCounter.countFor(stores.tableNames.prompts)).toBe(0);
  });

  it('keeps stores with different prefixes apart', async () => {
    const a = createTableStores(testConnectionString(), { tablePrefix: uniqueName('a') });
    const b = createTableStores(testConnectionString(), { tablePrefix: uniqueName('b') });
    await Promise.all([a.createTables(), b.createTables()]);
    expect(await a.activityLog.claim('f:same', new Date())).toBe(true);
    expect(await b.activityLog.claim('f:same', new Date())).toBe(true);
  });

  it('says to create the tables when they are missing', async () => {
    const stores = createTableStores(testConnectionString(), { tablePrefix: uniqueName('none') });
    const error = await stores.activityLog.claim('f:1', new Date()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TableStorageError);
    expect((error as Error).message).toMatch(/none\w*activities.*createTables\(\)/);
  });

  it.each(['1abc', 'has-hyphen', 'x'.repeat(51)])('refuses the table prefix %j', (tablePrefix) => {
    expect(() => createTableStores(testConnectionString(), { tablePrefix })).toThrow(RangeError);
  });

  it.each([
    ['UseDevelopmentStorage=true', true],
    ['DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5', true],
    [
      'DefaultEndpointsProtocol=https;AccountName=a;AccountKey=a2V5;TableEndpoint=http://azurite:10002/a',
      true,
    ],
    [
      'DefaultEndpointsProtocol=https;AccountName=prod;AccountKey=a2V5;EndpointSuffix=core.windows.net',
      false,
    ],
  ])('allows plain http only for an http connection string: %s', (connectionString, expected) => {
    expect(usesPlainHttp(connectionString)).toBe(expected);
  });
});

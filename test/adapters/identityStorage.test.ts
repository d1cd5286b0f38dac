/**
 * Identity-based storage (Azure): the account is named, not keyed, and the Function App's managed
 * identity is used. Nothing here can reach Azure, so these check what the clients are built to address;
 * building them does no I/O (a token is fetched on first request only).
 */
import { QueueOutbox } from '../../src/adapters/storageQueue/QueueOutbox';
import { createTableClient } from '../../src/adapters/tableStorage/createTableClient';
import { createTableStores, TABLE_NAMES } from '../../src/adapters/tableStorage/createTableStores';
import { ConfigError, loadConfig } from '../../src/config';

const CLIENT_ID = '5b1f0000-0000-4000-8000-00000000c0de';

describe('identity-based storage settings', () => {
  it.each([
    [
      'the account alone',
      { AzureWebJobsStorage__accountName: 'trustplanstore' },
      {
        accountName: 'trustplanstore',
        tableServiceUri: 'https://trustplanstore.table.core.windows.net',
        queueServiceUri: 'https://trustplanstore.queue.core.windows.net',
      },
    ],
    [
      'a user-assigned identity and explicit endpoints',
      {
        AzureWebJobsStorage__accountName: 'trustplanstore',
        AzureWebJobsStorage__clientId: CLIENT_ID,
        AzureWebJobsStorage__credential: 'managedidentity',
        AzureWebJobsStorage__tableServiceUri: 'https://trustplanstore.table.core.usgovcloudapi.net',
        AzureWebJobsStorage__queueServiceUri: 'https://trustplanstore.queue.core.usgovcloudapi.net',
      },
      {
        accountName: 'trustplanstore',
        clientId: CLIENT_ID,
        tableServiceUri: 'https://trustplanstore.table.core.usgovcloudapi.net',
        queueServiceUri: 'https://trustplanstore.queue.core.usgovcloudapi.net',
      },
    ],
    [
      'a connection string, which wins',
      {
        AzureWebJobsStorage: 'UseDevelopmentStorage=true',
        AzureWebJobsStorage__accountName: 'trustplanstore',
      },
      'UseDevelopmentStorage=true',
    ],
  ])('are read from %s', (_case, env, expected) => {
    expect(loadConfig(env).storageConnectionString).toEqual(expected);
  });

  it.each([
    ['nothing at all', {}, /AzureWebJobsStorage: is required .* or AzureWebJobsStorage__accountName/],
    [
      'an account name with capitals',
      { AzureWebJobsStorage__accountName: 'TrustPlan' },
      /not a storage account name/,
    ],
    [
      'a client id that is not a GUID',
      { AzureWebJobsStorage__accountName: 'trustplanstore', AzureWebJobsStorage__clientId: 'me' },
      /AzureWebJobsStorage__clientId: "me" is not the identity's client id/,
    ],
  ])('refuse %s, naming the setting', (_case, env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});

describe('storage clients for an identity-based connection', () => {
  const connection = {
    accountName: 'trustplanstore',
    clientId: CLIENT_ID,
    tableServiceUri: 'https://trustplanstore.table.core.windows.net',
    queueServiceUri: 'https://trustplanstore.queue.core.windows.net/',
  };

  it('address the account’s table endpoint', () => {
    const client = createTableClient(connection, 'prodroster');
    expect(client.url).toBe('https://trustplanstore.table.core.windows.net');
    expect(client.tableName).toBe('prodroster');
  });

  it('put the prefix on each table', () => {
    const stores = createTableStores(connection, { tablePrefix: 'prod' });
    for (const [store, table] of Object.entries(stores.tableNames)) {
      expect(table).toBe(`prod${TABLE_NAMES[store as keyof typeof TABLE_NAMES]}`);
    }
    expect(stores.tableNames.conversations).toBe('prodconversations');
  });

  it('address the account’s queue endpoint for the outbox', () => {
    const outbox = new QueueOutbox(connection, 'prodoutbox');
    expect(outbox.queueName).toBe('prodoutbox');
    expect(outbox.queueUrl).toBe('https://trustplanstore.queue.core.windows.net/prodoutbox');
  });
});

import { TableClient } from '@azure/data-tables';

import { startAzurite } from '../../src/hosts/local/azurite';
import { assertPortFree, freePort, PortInUseError } from '../../src/hosts/local/netPorts';
import { testConnectionString, uniqueName } from '../support/storage';

describe('Azurite launcher', () => {
  it('gives a connection string that reaches a working table service', async () => {
    const table = TableClient.fromConnectionString(testConnectionString(), uniqueName('probe'), {
      allowInsecureConnection: true,
    });
    await table.createTable();
    await table.createEntity({ partitionKey: 'p', rowKey: 'r', value: 42 });
    const entity = await table.getEntity<{ value: number }>('p', 'r');
    expect(entity.value).toBe(42);
  });

  it('keeps no access log: a request costs Azurite and this process no line of output', async () => {
    const lines: string[] = [];
    const azurite = await startAzurite({ inMemory: true, onOutput: (line) => lines.push(line) });
    try {
      const started = lines.length;
      const table = TableClient.fromConnectionString(azurite.connectionString, 'quiet', {
        allowInsecureConnection: true,
      });
      await table.createTable();
      await table.createEntity({ partitionKey: 'p', rowKey: 'r' });
      await table.getEntity('p', 'r');
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(lines.slice(started)).toEqual([]);
    } finally {
      await azurite.stop();
    }
  });

  it('refuses a port that is taken, naming it', async () => {
    const port = await freePort();
    const blocker = await startAzurite({ inMemory: true, tablePort: port });
    try {
      await expect(assertPortFree('Azurite table', port)).rejects.toThrow(PortInUseError);
      await expect(startAzurite({ inMemory: true, tablePort: port })).rejects.toThrow(`Port ${port}`);
    } finally {
      await blocker.stop();
    }
  });
});

/**
 * The built bundle (dist/main.js, what is deployed; jest's globalSetup builds it) registers through the
 * real @azure/functions library down to the worker's core API, which only exists inside the Functions
 * host; here the core module records what the library hands it.
 */
const registered: { metadata: Record<string, unknown>; handler: unknown }[] = [];
jest.mock(
  '@azure/functions-core',
  () => ({
    registerFunction: (metadata: Record<string, unknown>, handler: unknown) => {
      registered.push({ metadata, handler });
      return { dispose: () => undefined };
    },
    setProgrammingModel: () => undefined,
    getProgrammingModel: () => undefined,
    registerHook: () => ({ dispose: () => undefined }),
  }),
  { virtual: true },
);

import { join } from 'node:path';

import { STORAGE_CONNECTION_SETTING } from '../../src/hosts/azureFunctions/registerFunctions';
import { testConnectionString } from '../support/storage';

const BUNDLE = join(__dirname, '../../dist/main.js');

describe('the Azure Functions bundle', () => {
  it('reads the configuration and registers every definition with its trigger binding', async () => {
    process.env.AzureWebJobsStorage = testConnectionString();
    process.env.STORAGE_PREFIX = 'entry';
    await jest.isolateModulesAsync(async () => {
      await import(BUNDLE);
    });
    const bindings: Record<string, Record<string, unknown>[]> = {};
    for (const { metadata } of registered) {
      bindings[String(metadata.name)] = Object.values(
        metadata.bindings as Record<string, Record<string, unknown>>,
      );
    }
    expect(Object.keys(bindings)).toEqual(['messages', 'health', 'deliverOutbox', 'pruneActivityLog']);
    expect(bindings.messages).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          type: 'httpTrigger',
          route: 'messages',
          methods: ['POST'],
          authLevel: 'anonymous',
        }),
      ]),
    );
    expect(bindings.deliverOutbox).toEqual([
      expect.objectContaining({
        type: 'queueTrigger',
        queueName: 'entryoutbox',
        connection: STORAGE_CONNECTION_SETTING,
      }),
    ]);
    expect(bindings.pruneActivityLog).toEqual([
      expect.objectContaining({ type: 'timerTrigger', schedule: '0 17 3 * * *' }),
    ]);
  });
});

describe('the Azure Functions bundle without storage configured', () => {
  it('stops with the name of the missing setting', async () => {
    delete process.env.AzureWebJobsStorage;
    await expect(
      jest.isolateModulesAsync(async () => {
        await import(BUNDLE);
      }),
    ).rejects.toThrow('AzureWebJobsStorage');
  });
});

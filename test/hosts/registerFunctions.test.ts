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

import { HttpRequest, InvocationContext } from '@azure/functions';

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
    expect(Object.keys(bindings)).toEqual([
      'messages',
      'health',
      'deliverOutbox',
      'reportUndeliverable',
      'fanOutRound',
      'reportFailedFanOut',
      'roundSchedule',
      'warmUp',
      'importPublished',
      'pruneActivityLog',
    ]);
    expect(bindings.warmUp).toEqual([expect.objectContaining({ type: 'warmupTrigger' })]);
    expect(bindings.importPublished).toEqual([expect.objectContaining({ type: 'timerTrigger' })]);
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
    expect(bindings.reportUndeliverable).toEqual([
      expect.objectContaining({
        type: 'queueTrigger',
        queueName: 'entryoutbox-poison',
        connection: STORAGE_CONNECTION_SETTING,
      }),
    ]);
    expect(bindings.fanOutRound).toEqual([
      expect.objectContaining({
        type: 'queueTrigger',
        queueName: 'entryfanout',
        connection: STORAGE_CONNECTION_SETTING,
      }),
    ]);
    expect(bindings.reportFailedFanOut).toEqual([
      expect.objectContaining({
        type: 'queueTrigger',
        queueName: 'entryfanout-poison',
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

describe('the Azure Functions bundle in production', () => {
  const saved = { ...process.env };
  beforeEach(() => {
    registered.length = 0;
    process.env.AzureWebJobsStorage = testConnectionString();
    process.env.STORAGE_PREFIX = 'prod';
    process.env.NODE_ENV = 'production';
  });
  afterEach(() => {
    process.env = { ...saved };
  });

  it('refuses to start without bot credentials', async () => {
    delete process.env.MicrosoftAppId;
    await expect(
      jest.isolateModulesAsync(async () => {
        await import(BUNDLE);
      }),
    ).rejects.toThrow(/MicrosoftAppId: is required when NODE_ENV=production/);
    expect(registered).toEqual([]);
  });

  it('answers a request without a Bot Framework token with 401', async () => {
    process.env.MicrosoftAppId = '3a5c2b1e-0000-4000-8000-00000000a001';
    process.env.MicrosoftAppType = 'UserAssignedMSI';
    process.env.MicrosoftAppTenantId = '7e1d0000-0000-4000-8000-0000000000aa';
    await jest.isolateModulesAsync(async () => {
      await import(BUNDLE);
    });
    const messages = registered.find(({ metadata }) => metadata.name === 'messages')?.handler as (
      request: HttpRequest,
      context: InvocationContext,
    ) => Promise<{ status?: number }>;
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const response = await messages(
      new HttpRequest({
        method: 'POST',
        url: 'https://trustplan.azurewebsites.net/api/messages',
        headers: { 'content-type': 'application/json' },
        body: {
          string: JSON.stringify({
            type: 'message',
            id: 'a1',
            text: 'help',
            channelId: 'msteams',
            serviceUrl: 'https://smba.trafficmanager.net/uk/',
            from: { id: '29:someone' },
            recipient: { id: '28:bot' },
            conversation: { id: 'a:chat', conversationType: 'personal' },
          }),
        },
      }),
      new InvocationContext({ functionName: 'messages' }),
    );
    expect(response.status).toBe(401);
  });
});

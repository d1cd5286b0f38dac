import { ConfigError, loadConfig, loadLocalSettings, TEAMS_SERVICE_URLS } from '../src/config';

const STORAGE = { AzureWebJobsStorage: 'UseDevelopmentStorage=true' };
const APP_ID = '11111111-2222-3333-4444-555555555555';
const TENANT = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';

describe('loadConfig', () => {
  it('runs in local anonymous mode without an app id', () => {
    const config = loadConfig(STORAGE);
    expect(config.bot).toEqual({ mode: 'anonymous' });
    expect(config.production).toBe(false);
    expect(config.rosterDir).toBe('demo/roster');
    expect(config.benchmarksFile).toBeUndefined();
  });

  it.each([
    ['the SDK’s default when unset', {}, 3],
    ['none', { STORAGE_MAX_RETRIES: '0' }, 0],
    ['as set, trimmed', { STORAGE_MAX_RETRIES: ' 5 ' }, 5],
  ])('reads how often storage requests are retried: %s', (_case, env, expected) => {
    expect(loadConfig({ ...STORAGE, ...env }).storageMaxRetries).toBe(expected);
  });

  it('reads the trust’s benchmark file setting', () => {
    const config = loadConfig({ ...STORAGE, NATIONAL_BENCHMARKS_FILE: ' benchmarks/ours.csv ' });
    expect(config.benchmarksFile).toBe('benchmarks/ours.csv');
  });

  it.each([
    [
      'local anonymous mode: the three playgrounds on their default ports',
      STORAGE,
      [56150, 56151, 56152].flatMap((port) => [
        `http://localhost:${port}/_connector`,
        `http://127.0.0.1:${port}/_connector`,
      ]),
    ],
    [
      'local anonymous mode: the playgrounds on PLAYGROUND_PORT',
      { ...STORAGE, PLAYGROUND_PORT: '40000' },
      [40000, 40001, 40002].flatMap((port) => [
        `http://localhost:${port}/_connector`,
        `http://127.0.0.1:${port}/_connector`,
      ]),
    ],
    [
      'with credentials: Teams',
      { ...STORAGE, MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'x', MicrosoftAppTenantId: TENANT },
      TEAMS_SERVICE_URLS,
    ],
    [
      'as set',
      { ...STORAGE, ALLOWED_SERVICE_URLS: ' https://a.example/x/ , https://b.example/ ' },
      ['https://a.example/x/', 'https://b.example/'],
    ],
  ])('allows service URLs for %s', (_case, env, expected) => {
    expect(loadConfig(env).allowedServiceUrls).toEqual(expected);
  });

  it('reads single-tenant credentials', () => {
    const config = loadConfig({
      ...STORAGE,
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'secret',
      MicrosoftAppTenantId: TENANT,
    });
    expect(config.bot).toEqual({ mode: 'singleTenant', appId: APP_ID, password: 'secret', tenantId: TENANT });
  });

  it('reads a user-assigned managed identity without a password', () => {
    const config = loadConfig({
      ...STORAGE,
      MicrosoftAppId: APP_ID,
      MicrosoftAppType: 'UserAssignedMSI',
      MicrosoftAppTenantId: TENANT,
    });
    expect(config.bot).toEqual({ mode: 'managedIdentity', appId: APP_ID, tenantId: TENANT });
  });

  it.each([
    ['storage missing', {}, 'AzureWebJobsStorage'],
    ['production without credentials', { ...STORAGE, NODE_ENV: 'production' }, 'MicrosoftAppId'],
    ['app id not a GUID', { ...STORAGE, MicrosoftAppId: 'my-bot' }, 'MicrosoftAppId'],
    [
      'tenant missing',
      { ...STORAGE, MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'x' },
      'MicrosoftAppTenantId',
    ],
    [
      'password missing',
      { ...STORAGE, MicrosoftAppId: APP_ID, MicrosoftAppTenantId: TENANT },
      'MicrosoftAppPassword',
    ],
    [
      'multi-tenant (deprecated)',
      { ...STORAGE, MicrosoftAppId: APP_ID, MicrosoftAppType: 'MultiTenant', MicrosoftAppTenantId: TENANT },
      'MicrosoftAppType',
    ],
    ['bad storage prefix', { ...STORAGE, STORAGE_PREFIX: 'has-dash' }, 'STORAGE_PREFIX'],
    ['storage retries not a number', { ...STORAGE, STORAGE_MAX_RETRIES: 'many' }, 'STORAGE_MAX_RETRIES'],
    ['storage retries over 9', { ...STORAGE, STORAGE_MAX_RETRIES: '10' }, 'STORAGE_MAX_RETRIES'],
    ['storage retries negative', { ...STORAGE, STORAGE_MAX_RETRIES: '-1' }, 'STORAGE_MAX_RETRIES'],
    ['a service URL that is no URL', { ...STORAGE, ALLOWED_SERVICE_URLS: 'smba' }, 'ALLOWED_SERVICE_URLS'],
    ['a service URL list of commas', { ...STORAGE, ALLOWED_SERVICE_URLS: ' , ' }, 'ALLOWED_SERVICE_URLS'],
    [
      'plain http with credentials',
      {
        ...STORAGE,
        MicrosoftAppId: APP_ID,
        MicrosoftAppPassword: 'x',
        MicrosoftAppTenantId: TENANT,
        ALLOWED_SERVICE_URLS: 'http://smba.trafficmanager.net/',
      },
      'ALLOWED_SERVICE_URLS',
    ],
  ])('refuses %s, naming %s', (_case, env, setting) => {
    let caught: unknown;
    try {
      loadConfig(env);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).setting).toBe(setting);
    expect((caught as ConfigError).message).toContain(setting);
    expect((caught as ConfigError).message).toContain('.env.example');
  });

  it('treats blank settings as missing', () => {
    expect(() => loadConfig({ AzureWebJobsStorage: '   ' })).toThrow('AzureWebJobsStorage');
  });
});

describe('loadLocalSettings', () => {
  it('defaults to the ports the README names and data in .data', () => {
    expect(loadLocalSettings({}, [])).toEqual({
      botPort: 3978,
      playgroundPort: 56150,
      azurite: { blobPort: 10000, queuePort: 10001, tablePort: 10002 },
      dataDir: '.data',
      inMemory: false,
    });
  });

  it.each([
    ['--in-memory on the command line', {}, ['--in-memory']],
    ['STORAGE_IN_MEMORY=true', { STORAGE_IN_MEMORY: 'true' }, []],
  ])('keeps nothing on disk with %s', (_how, env, argv) => {
    expect(loadLocalSettings(env, argv).inMemory).toBe(true);
  });

  it.each([
    ['PORT', { PORT: 'abc' }],
    ['PLAYGROUND_PORT', { PLAYGROUND_PORT: '70000' }],
    ['AZURITE_TABLE_PORT', { AZURITE_TABLE_PORT: '1.5' }],
    ['STORAGE_IN_MEMORY', { STORAGE_IN_MEMORY: 'yes' }],
  ])('refuses a bad %s, naming it', (setting, env) => {
    expect(() => loadLocalSettings(env, [])).toThrow(new RegExp(`^${setting}: `));
  });
});

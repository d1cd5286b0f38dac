import {
  ConfigError,
  loadConfig,
  loadLocalSettings,
  PLAYGROUND_COUNT,
  TEAMS_SERVICE_URLS,
} from '../src/config';

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

  it.each([
    ['4 s when unset', {}, 4000],
    ['as set', { STORAGE_TIMEOUT_MS: '1500' }, 1500],
  ])('reads how long a table call of a turn may take: %s', (_case, env, expected) => {
    expect(loadConfig({ ...STORAGE, ...env }).storageTimeoutMs).toBe(expected);
  });

  it.each([
    ['none when unset', {}, undefined],
    [
      'the sources named, in the bot’s order, each once',
      { IMPORTED_SOURCES: ' ofsted, dfe-ks4,ofsted ' },
      ['dfe-ks4', 'ofsted'],
    ],
  ])('reads the published files the trust imports: %s', (_case, env, expected) => {
    expect(loadConfig({ ...STORAGE, ...env }).importedSources).toEqual(expected);
  });

  it('refuses a published source it does not know, naming it and the ones it knows', () => {
    expect(() => loadConfig({ ...STORAGE, IMPORTED_SOURCES: 'dfe-ks4,fft' })).toThrow(
      /IMPORTED_SOURCES.*"fft" is not a source the bot imports; name some of dfe-ks4, dfe-ks2, ees-ks2, ofsted/,
    );
  });

  it('reads the trust’s benchmark file setting', () => {
    const config = loadConfig({ ...STORAGE, NATIONAL_BENCHMARKS_FILE: ' benchmarks/ours.csv ' });
    expect(config.benchmarksFile).toBe('benchmarks/ours.csv');
  });

  it.each([
    [
      'local anonymous mode: the three playgrounds on their default ports',
      STORAGE,
      [26150, 26151, 26152].flatMap((port) => [
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
    [
      'a storage timeout past the turn budget',
      { ...STORAGE, STORAGE_TIMEOUT_MS: '20000' },
      'STORAGE_TIMEOUT_MS',
    ],
    ['a storage timeout in seconds', { ...STORAGE, STORAGE_TIMEOUT_MS: '4s' }, 'STORAGE_TIMEOUT_MS'],
    ['a storage timeout of 0', { ...STORAGE, STORAGE_TIMEOUT_MS: '0' }, 'STORAGE_TIMEOUT_MS'],
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

  const AZURE = {
    AZURE_OPENAI_API_KEY: 'azure-key',
    AZURE_OPENAI_ENDPOINT: 'https://trust.openai.azure.com/',
    AZURE_OPENAI_DEPLOYMENT: 'gpt-4o-mini',
  };

  it.each([
    ['no model settings: no model, the bot answers its commands only', {}, undefined],
    ['blank model settings count as none', { OPENAI_API_KEY: ' ', AZURE_OPENAI_ENDPOINT: '' }, undefined],
    [
      'an OpenAI key: the default model',
      { OPENAI_API_KEY: 'sk-test' },
      { provider: 'openai', apiKey: 'sk-test', model: 'gpt-4o-mini' },
    ],
    [
      'an OpenAI key and model',
      { OPENAI_API_KEY: 'sk-test', OPENAI_MODEL: ' gpt-4.1-mini ' },
      { provider: 'openai', apiKey: 'sk-test', model: 'gpt-4.1-mini' },
    ],
    [
      'all three Azure OpenAI settings',
      AZURE,
      {
        provider: 'azure',
        apiKey: 'azure-key',
        endpoint: 'https://trust.openai.azure.com/',
        deployment: 'gpt-4o-mini',
      },
    ],
  ])('reads the language model settings: %s', (_case, env, expected) => {
    expect(loadConfig({ ...STORAGE, ...env }).ai).toEqual(expected);
  });

  it.each([
    ['OPENAI_MODEL without a key', { OPENAI_MODEL: 'gpt-4o' }, 'OPENAI_MODEL', 'set the key'],
    [
      'OpenAI and Azure OpenAI at once',
      { OPENAI_API_KEY: 'sk-test', AZURE_OPENAI_API_KEY: 'azure-key' },
      'OPENAI_API_KEY',
      'either OpenAI or Azure OpenAI',
    ],
    ['an OpenAI key with spaces', { OPENAI_API_KEY: 'sk test' }, 'OPENAI_API_KEY', 'contains spaces'],
    [
      'an Azure key alone',
      { AZURE_OPENAI_API_KEY: 'azure-key' },
      'AZURE_OPENAI_ENDPOINT',
      'is required when AZURE_OPENAI_API_KEY is set',
    ],
    [
      'an Azure key and endpoint without the deployment',
      { AZURE_OPENAI_API_KEY: 'azure-key', AZURE_OPENAI_ENDPOINT: AZURE.AZURE_OPENAI_ENDPOINT },
      'AZURE_OPENAI_DEPLOYMENT',
      'is required when AZURE_OPENAI_API_KEY and AZURE_OPENAI_ENDPOINT are set',
    ],
    [
      'an Azure endpoint and deployment without the key',
      { ...AZURE, AZURE_OPENAI_API_KEY: '' },
      'AZURE_OPENAI_API_KEY',
      'Azure OpenAI needs AZURE_OPENAI_API_KEY, AZURE_OPENAI_ENDPOINT, AZURE_OPENAI_DEPLOYMENT (or none of them)',
    ],
    [
      'an Azure endpoint over plain http',
      { ...AZURE, AZURE_OPENAI_ENDPOINT: 'http://trust.openai.azure.com/' },
      'AZURE_OPENAI_ENDPOINT',
      "is not the resource's https endpoint",
    ],
    [
      'an Azure endpoint that is no URL',
      { ...AZURE, AZURE_OPENAI_ENDPOINT: 'trust.openai.azure.com' },
      'AZURE_OPENAI_ENDPOINT',
      'such as https://my-resource.openai.azure.com/',
    ],
    [
      'an Azure deployment name with a slash',
      { ...AZURE, AZURE_OPENAI_DEPLOYMENT: 'models/gpt' },
      'AZURE_OPENAI_DEPLOYMENT',
      'is not a deployment name',
    ],
    [
      'OPENAI_MODEL with Azure OpenAI',
      { ...AZURE, OPENAI_MODEL: 'gpt-4o' },
      'OPENAI_MODEL',
      'name the model deployment in AZURE_OPENAI_DEPLOYMENT',
    ],
  ])('refuses half-set language model settings: %s', (_case, env, setting, advice) => {
    let caught: unknown;
    try {
      loadConfig({ ...STORAGE, ...env });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).setting).toBe(setting);
    expect((caught as ConfigError).message).toContain(advice);
    // A key is a secret: no error repeats one.
    expect((caught as ConfigError).message).not.toMatch(/sk-test|sk test|azure-key/);
  });

  it('treats blank settings as missing', () => {
    expect(() => loadConfig({ AzureWebJobsStorage: '   ' })).toThrow('AzureWebJobsStorage');
  });
});

describe('loadLocalSettings', () => {
  it.each(['/proc/self', '/proc', '/sys/kernel/x'])(
    'refuses DATA_DIR %s, a kernel file system, naming the setting',
    (dir) => {
      expect(() => loadLocalSettings({ DATA_DIR: dir }, [])).toThrow(
        new RegExp(`DATA_DIR: "${dir}" is under /(proc|sys), a kernel file system that cannot keep data`),
      );
    },
  );

  it('keeps a DATA_DIR that only starts like one (/processed)', () => {
    expect(loadLocalSettings({ DATA_DIR: '/processed' }, []).dataDir).toBe('/processed');
  });

  it('keeps every default port below the ephemeral ranges, where an outgoing connection could hold it', () => {
    const { botPort, playgroundPort, azurite } = loadLocalSettings({}, []);
    const ports = [botPort, ...Object.values(azurite)];
    for (let n = 0; n < PLAYGROUND_COUNT; n++) ports.push(playgroundPort + n);
    // Linux hands out 32768–60999 by default; Windows and macOS 49152–65535.
    expect(Math.max(...ports)).toBeLessThan(32768);
  });

  it('defaults to the ports the README names and data in .data', () => {
    expect(loadLocalSettings({}, [])).toEqual({
      botPort: 3978,
      playgroundPort: 26150,
      azurite: { blobPort: 10000, queuePort: 10001, tablePort: 10002 },
      dataDir: '.data',
      inMemory: false,
      boardBinding: 'start',
    });
  });

  it('leaves the Board channel to an executive’s confirmation with --confirm-board-channel', () => {
    expect(loadLocalSettings({}, ['--confirm-board-channel']).boardBinding).toBe('executive');
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
    ['PLAYGROUND_PORT', { PLAYGROUND_PORT: '65534' }],
    ['PORT', { PORT: '0x1372' }],
    ['PORT', { PORT: '5e3' }],
    ['AZURITE_QUEUE_PORT', { AZURITE_QUEUE_PORT: '1e4' }],
    ['AZURITE_TABLE_PORT', { AZURITE_TABLE_PORT: '1.5' }],
    ['STORAGE_IN_MEMORY', { STORAGE_IN_MEMORY: 'yes' }],
  ])('refuses a bad %s, naming it', (setting, env) => {
    expect(() => loadLocalSettings(env, [])).toThrow(new RegExp(`^${setting}: `));
  });
});

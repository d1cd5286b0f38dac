/**
 * The deployment files against the code: every setting the code reads is provided by infra/main.bicep or
 * documented as optional in .env.example; the Bicep asks for what docs/deploy.md promises (Flex
 * Consumption with an always-ready HTTP instance on Node 22, identity-based storage, a single-tenant bot
 * with the Teams channel); host.json's queue settings keep sends under Teams' limit; teamsapp.yml deploys
 * the bundle. No Bicep compiler runs here, so these read the files as text.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { parse as parseYaml } from 'yaml';

import { BUNDLE } from '../scripts/build';
import { PACKAGE_FILE, packageFunctions, zipStore } from '../scripts/packageFunctions';

const ROOT = join(__dirname, '..');
const read = (file: string): string => readFileSync(join(ROOT, file), 'utf8');

const bicep = read('infra/main.bicep');
const envExample = read('.env.example');

/** Every setting name src/config.ts reads from its environment (read/required/guid/port/... helpers). */
function settingsTheCodeReads(): string[] {
  const source = read('src/config.ts');
  const names = new Set<string>();
  for (const match of source.matchAll(/\(\s*env\s*,\s*'([A-Za-z_][A-Za-z0-9_]*)'/g))
    names.add(match[1] ?? '');
  return [...names].sort();
}

/** The names in the Bicep `appSettings` object (and the Key Vault reference for the secret). */
function settingsTheInfraProvides(): string[] {
  const block = /var appSettings = \{([\s\S]*?)\n\}/.exec(bicep)?.[1] ?? '';
  const names = [...block.matchAll(/^\s*([A-Za-z_][A-Za-z0-9_]*):/gm)].map((m) => m[1] ?? '');
  const secret = /\{ (MicrosoftAppPassword): '@Microsoft\.KeyVault/.exec(bicep)?.[1];
  return secret ? [...names, secret] : names;
}

function param(name: string): string {
  const match = new RegExp(`^param ${name} \\w+ = (.+)$`, 'm').exec(bicep);
  if (!match?.[1]) throw new Error(`infra/main.bicep has no param ${name} with a default`);
  return match[1].replace(/^'|'$/g, '');
}

describe('settings', () => {
  const provided = new Set(settingsTheInfraProvides());

  it('are found in the code (the reader below still understands src/config.ts)', () => {
    expect(settingsTheCodeReads()).toEqual(
      expect.arrayContaining([
        'AzureWebJobsStorage',
        'MicrosoftAppId',
        'NODE_ENV',
        'OUTBOX_SENDS_PER_SECOND',
      ]),
    );
  });

  it.each(settingsTheCodeReads())(
    '%s is provided by infra/main.bicep or documented in .env.example',
    (name) => {
      const documented = new RegExp(`^#\\s*${name}=`, 'm').test(envExample);
      expect({ name, provided: provided.has(name) || documented }).toEqual({ name, provided: true });
    },
  );

  it.each([
    'AzureWebJobsStorage__accountName',
    'AzureWebJobsStorage__clientId',
    'NODE_ENV',
    'MicrosoftAppId',
    'MicrosoftAppType',
    'MicrosoftAppTenantId',
  ])('production gets %s from the infrastructure', (name) => {
    expect(provided.has(name)).toBe(true);
  });

  it('give no storage key and no Functions runtime settings that Flex Consumption refuses', () => {
    expect(provided.has('AzureWebJobsStorage')).toBe(false);
    expect(provided.has('FUNCTIONS_WORKER_RUNTIME')).toBe(false);
    expect(provided.has('FUNCTIONS_EXTENSION_VERSION')).toBe(false);
    expect(bicep).not.toMatch(/listKeys\(/);
  });
});

describe('infra/main.bicep', () => {
  it.each([
    ['a Flex Consumption plan', /sku: \{ name: 'FC1', tier: 'FlexConsumption' \}/],
    ['the Node runtime', /runtime: \{ name: 'node', version: nodeVersion \}/],
    [
      'an always-ready HTTP group',
      /alwaysReady: \[\{ name: 'http', instanceCount: alwaysReadyHttpInstances \}\]/,
    ],
    [
      'a deployment container reached by the identity',
      /type: 'blobContainer'[\s\S]*type: 'UserAssignedIdentity'/,
    ],
    ['storage without shared keys', /allowSharedKeyAccess: false/],
    ['a user-assigned identity', /Microsoft\.ManagedIdentity\/userAssignedIdentities@/],
    ['Storage Blob Data Owner', /b7e6dc6d-f1e8-4753-8033-0f276bb0955b/],
    ['Storage Queue Data Contributor', /974c5e8b-45b9-4653-ba55-5f855dd0fb88/],
    ['Storage Table Data Contributor', /0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3/],
    ['Application Insights on Log Analytics', /WorkspaceResourceId: logs\.id/],
    ['Application Insights without keys', /DisableLocalAuth: true/],
    ['a bot registration of the chosen single-tenant type', /msaAppType: botAuthType/],
    ['the bot as the managed identity', /msaAppMSIResourceId: useSecret \? null : identity\.id/],
    ['the Teams channel', /channelName: 'MsTeamsChannel'/],
    ['the client secret only in Key Vault', /Microsoft\.KeyVault\/vaults\/secrets@/],
  ])('asks for %s', (_what, pattern) => {
    expect(bicep).toMatch(pattern);
  });

  it.each([
    ['nodeVersion', (v: string) => Number(v) >= 22],
    ['alwaysReadyHttpInstances', (v: string) => Number(v) >= 1],
    ['botAuthType', (v: string) => v === 'UserAssignedMSI'],
  ])('defaults %s to what docs/deploy.md promises', (name, ok) => {
    expect({ name, value: param(name), ok: ok(param(name)) }).toMatchObject({ ok: true });
  });

  it('never allows a multi-tenant bot', () => {
    expect(bicep).toMatch(/@allowed\(\['UserAssignedMSI', 'SingleTenant'\]\)/);
    expect(bicep).not.toMatch(/MultiTenant/);
  });
});

describe('the send rate arithmetic (docs/deploy.md)', () => {
  const host = JSON.parse(read('host.json')) as {
    extensions: { queues: { batchSize: number; newBatchThreshold: number; maxDequeueCount: number } };
  };

  it('keeps instances × messages at a time × sends per message under Teams’ 50 a second per tenant', () => {
    const { batchSize, newBatchThreshold } = host.extensions.queues;
    const instances = Number(param('maximumInstanceCount'));
    const sendsPerMessage = 1; // deliverOutbox sends one activity per queue message
    const rate = Number(param('outboxSendsPerSecond'));
    expect((batchSize + newBatchThreshold) * sendsPerMessage).toBe(1);
    expect(instances * rate).toBeLessThanOrEqual(50);
    expect(instances * (batchSize + newBatchThreshold) * sendsPerMessage).toBeLessThanOrEqual(50);
  });

  it('moves a message to the poison queue after the same number of attempts as the local host', () => {
    expect(host.extensions.queues.maxDequeueCount).toBe(5);
    expect(read('src/hosts/local/localHost.ts')).toMatch(/maxDequeueCount: 5,/);
  });
});

describe('teamsapp.yml', () => {
  const project = parseYaml(read('teamsapp.yml')) as {
    provision: { uses: string; with?: Record<string, unknown> }[];
    deploy: { uses: string; with?: Record<string, unknown> }[];
  };

  it('deploys the Bicep with a current Bicep CLI', () => {
    const arm = project.provision.find((step) => step.uses === 'arm/deploy');
    const version = /^v(\d+)\.(\d+)/.exec(String(arm?.with?.bicepCliVersion));
    expect(Number(version?.[2])).toBeGreaterThanOrEqual(30);
  });

  it('fills every manifest placeholder from the Bicep outputs or its own steps', () => {
    const placeholders = [...read('appPackage/manifest.json').matchAll(/\$\{\{(\w+)\}\}/g)].map((m) => m[1]);
    const outputs = [...bicep.matchAll(/^output (\w+) /gm)].map((m) => m[1]);
    const fromSteps = ['TEAMS_APP_ID', 'APP_WEBSITE_URL'];
    for (const name of placeholders) expect([...outputs, ...fromSteps]).toContain(name);
  });

  it('builds the bundle, packs it and deploys it to the Function App', () => {
    const args = project.deploy.map((step) => (step.with?.args ?? step.with?.run ?? '') as string);
    expect(args).toEqual(
      expect.arrayContaining([
        'run build',
        'run package',
        expect.stringContaining('--src .deploy/functions.zip'),
      ]),
    );
  });
});

describe('the Functions package', () => {
  /** Reads a stored (uncompressed) zip: each entry's name and content, by its local headers. */
  function unzipStored(zip: Buffer): Map<string, Buffer> {
    const entries = new Map<string, Buffer>();
    let offset = 0;
    while (zip.readUInt32LE(offset) === 0x04034b50) {
      expect(zip.readUInt16LE(offset + 8)).toBe(0);
      const size = zip.readUInt32LE(offset + 18);
      const nameLength = zip.readUInt16LE(offset + 26);
      const name = zip.subarray(offset + 30, offset + 30 + nameLength).toString('utf8');
      entries.set(name, zip.subarray(offset + 30 + nameLength, offset + 30 + nameLength + size));
      offset += 30 + nameLength + size;
    }
    expect(zip.readUInt32LE(offset)).toBe(0x02014b50); // the central directory follows
    const end = zip.length - 22;
    expect(zip.readUInt32LE(end)).toBe(0x06054b50);
    expect(zip.readUInt16LE(end + 10)).toBe(entries.size);
    return entries;
  }

  it('holds the bundle, host.json, package.json, the plans, benchmarks and demo roster, and no node_modules', () => {
    const { names } = packageFunctions(ROOT);
    const entries = unzipStored(readFileSync(join(ROOT, PACKAGE_FILE)));
    expect([...entries.keys()]).toEqual(names);
    expect(names).toEqual(
      expect.arrayContaining([
        BUNDLE,
        'host.json',
        'package.json',
        'plans/demo-2025-2028.yaml',
        'benchmarks/national.csv',
        'demo/roster/people.csv',
      ]),
    );
    expect(names.some((name) => name.includes('node_modules'))).toBe(false);
    expect(entries.get(BUNDLE)?.equals(readFileSync(join(ROOT, BUNDLE)))).toBe(true);
  });

  it('writes the standard CRC-32 of each file', () => {
    const zip = zipStore(new Map([['a.txt', Buffer.from('The quick brown fox jumps over the lazy dog')]]));
    expect(zip.readUInt32LE(14)).toBe(0x414fa339);
  });
});

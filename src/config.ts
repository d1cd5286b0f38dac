import { resolve } from 'node:path';

import { DEFAULT_STORAGE_TIMEOUT_MS, TURN_STORAGE_BUDGET_MS } from './adapters/tableStorage/storageDeadline';
import { PUBLISHED_SOURCES, type PublishedSourceId } from './domain/published/publication';
import {
  DEFAULT_REMINDER_DAYS,
  DEFAULT_ROUND_WINDOWS,
  parseReminderDays,
  parseRoundWindows,
  type RoundWindows,
} from './domain/round/roundCalendar';
import { isKnownTimeZone } from './domain/terms/localTime';

/**
 * All configuration, read in one place from an environment object that callers pass in (tests pass
 * their own). Every setting is documented in .env.example.
 */

export type BotAuth =
  | { mode: 'anonymous' }
  | { mode: 'singleTenant'; appId: string; password: string; tenantId: string }
  | { mode: 'managedIdentity'; appId: string; tenantId: string };

/**
 * How to reach the storage account: a connection string (Azurite locally), or, in Azure, the account
 * reached with the Function App's managed identity (`AzureWebJobsStorage__accountName`), so no key exists.
 */
export type StorageConnection = string | IdentityStorageConnection;

export interface IdentityStorageConnection {
  accountName: string;
  /** The user-assigned identity's client id; absent: the system-assigned identity. */
  clientId?: string;
  tableServiceUri: string;
  queueServiceUri: string;
}

export interface Config {
  production: boolean;
  /** Storage account for tables and queues: a connection string, or an account reached by identity. */
  storageConnectionString: StorageConnection;
  /** Prefix for table and queue names, so several deployments or test runs can share an account. */
  storagePrefix: string;
  /**
   * How often a table request is retried (the SDK's exponential backoff from 0.8 s) before the use case
   * is told storage failed: 3, the SDK's default, rides out a blip; fewer answers sooner.
   */
  storageMaxRetries: number;
  /**
   * The longest one table call of a turn may take, its retries included, in ms (STORAGE_TIMEOUT_MS,
   * default 4000): storage that hangs is given up on, inside Teams' 15 s for a turn (storageDeadline.ts).
   */
  storageTimeoutMs: number;
  bot: BotAuth;
  /** Folder with the roster files loaded into storage when storage holds no roster yet. */
  rosterDir: string;
  /** The most proactive messages one instance sends per second (Teams: ~50/s per app per tenant). */
  outboxSendsPerSecond: number;
  /** A trust's benchmark file adding or correcting national figures (loadNationalBenchmarks), if any. */
  benchmarksFile?: string;
  /** The trust's strategic plan (YAML, docs/plan-format.md), checked at start-up. */
  planFile: string;
  /** Term dates that differ from England's defaults (YAML by academic year), when given. */
  termsFile?: string;
  /** Figures from earlier terms imported on first start when storage holds none (the demo's history). */
  historyFile?: string;
  /** The folder of published files (DfE, Ofsted) the nightly `importPublished` function imports, if any. */
  publishedDir?: string;
  /**
   * The publishers' files the trust imports (IMPORTED_SOURCES, e.g. `dfe-ks4,ofsted`), with the plan's
   * `imported:`: the metrics published in them are never asked of heads (docs/published-figures.md).
   */
  importedSources?: PublishedSourceId[];
  round: RoundConfig;
  /**
   * The Bot Connector URL prefixes the bot accepts, stores and calls (ALLOWED_SERVICE_URLS). Defaults:
   * the local playgrounds' connectors in anonymous mode, Teams' documented service host otherwise.
   */
  allowedServiceUrls: string[];
  /**
   * The language model that reads free-form questions (docs/deploy.md, "Questions in people's own
   * words"), when one is configured; without it the bot answers its typed commands only.
   */
  ai?: AiSettings;
}

/** An OpenAI or an Azure OpenAI chat model, with what it takes to call it. */
export type AiSettings =
  | { provider: 'openai'; apiKey: string; model: string }
  | { provider: 'azure'; apiKey: string; endpoint: string; deployment: string };

/** The OpenAI model used when OPENAI_MODEL is not set: small, fast and able to return JSON. */
export const DEFAULT_OPENAI_MODEL = 'gpt-4o-mini';

/**
 * Teams' documented service URL host. Every public-cloud Teams service URL is under it, the global form
 * (`/teams/`) and the regional ones (`/amer/`, `/emea/`, `/apac/`, `/uk/`, …). Government clouds use
 * other hosts (smba.infra.gcc.teams.microsoft.com and others): list them in ALLOWED_SERVICE_URLS.
 */
export const TEAMS_SERVICE_URLS: readonly string[] = ['https://smba.trafficmanager.net/'];

/**
 * The default port of the executive's playground; the head's and the trustee's are the next two. Below
 * every system's ephemeral range (Linux 32768–60999, Windows and macOS 49152–65535): the playgrounds
 * start last, and a port in that range can be held by then by any outgoing connection (the tool's own
 * default, 56150, once was).
 */
export const DEFAULT_PLAYGROUND_PORT = 26150;

/** How many playgrounds `npm start` runs, one per role, on consecutive ports from PLAYGROUND_PORT. */
export const PLAYGROUND_COUNT = 3;

/** The mock Bot Connector URLs of the local playgrounds, in both the localhost and 127.0.0.1 forms. */
export function playgroundServiceUrls(playgroundPort: number): string[] {
  return Array.from({ length: PLAYGROUND_COUNT }, (_, offset) => playgroundPort + offset).flatMap((port) => [
    `http://localhost:${port}/_connector`,
    `http://127.0.0.1:${port}/_connector`,
  ]);
}

/** When rounds open, close and remind, in the trust's own time zone (docs/round.md). */
export interface RoundConfig {
  timeZone: string;
  windows: RoundWindows;
  reminderDays: readonly number[];
  /** The daily schedule acts from this hour on, so nobody is messaged at night. */
  scheduleHour: number;
}

const DEMO_ROSTER_DIR = 'demo/roster';

/** A setting is missing or malformed. The message names the setting and says how to fix it. */
export class ConfigError extends Error {
  constructor(
    readonly setting: string,
    message: string,
  ) {
    super(`${setting}: ${message} (see .env.example)`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function read(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function required(env: Env, name: string, why: string): string {
  const value = read(env, name);
  if (!value) throw new ConfigError(name, `is required ${why}`);
  return value;
}

function guid(env: Env, name: string, why: string): string {
  const value = required(env, name, why);
  if (!GUID.test(value))
    throw new ConfigError(name, `"${value}" is not a GUID such as 00000000-0000-0000-0000-000000000000`);
  return value;
}

function readBotAuth(env: Env, production: boolean): BotAuth {
  const appId = read(env, 'MicrosoftAppId');
  if (!appId) {
    if (production) {
      throw new ConfigError(
        'MicrosoftAppId',
        'is required when NODE_ENV=production: the bot refuses to run without credentials in production',
      );
    }
    return { mode: 'anonymous' };
  }
  const why = 'when MicrosoftAppId is set';
  const id = guid(env, 'MicrosoftAppId', why);
  const type = read(env, 'MicrosoftAppType') ?? 'SingleTenant';
  if (type === 'MultiTenant') {
    throw new ConfigError(
      'MicrosoftAppType',
      'MultiTenant bot registrations are deprecated; register the bot as SingleTenant',
    );
  }
  if (type !== 'SingleTenant' && type !== 'UserAssignedMSI') {
    throw new ConfigError(
      'MicrosoftAppType',
      `"${type}" is not supported; use SingleTenant or UserAssignedMSI`,
    );
  }
  const tenantId = guid(env, 'MicrosoftAppTenantId', why);
  if (type === 'UserAssignedMSI') return { mode: 'managedIdentity', appId: id, tenantId };
  return { mode: 'singleTenant', appId: id, tenantId, password: required(env, 'MicrosoftAppPassword', why) };
}

/** The Functions runtime's own storage settings: a connection string, or identity-based ones. */
function readStorage(env: Env): StorageConnection {
  const connectionString = read(env, 'AzureWebJobsStorage');
  if (connectionString) return connectionString;
  const accountName = read(env, 'AzureWebJobsStorage__accountName');
  if (!accountName) {
    throw new ConfigError(
      'AzureWebJobsStorage',
      'is required (the storage connection string; `npm start` sets it to its own Azurite), ' +
        'or AzureWebJobsStorage__accountName for a managed identity in Azure',
    );
  }
  if (!/^[a-z0-9]{3,24}$/.test(accountName)) {
    throw new ConfigError(
      'AzureWebJobsStorage__accountName',
      `"${accountName}" is not a storage account name (3 to 24 lower-case letters and digits)`,
    );
  }
  const clientId = read(env, 'AzureWebJobsStorage__clientId');
  if (clientId !== undefined && !GUID.test(clientId)) {
    throw new ConfigError(
      'AzureWebJobsStorage__clientId',
      `"${clientId}" is not the identity's client id (a GUID)`,
    );
  }
  return {
    accountName,
    ...(clientId !== undefined && { clientId }),
    tableServiceUri:
      read(env, 'AzureWebJobsStorage__tableServiceUri') ?? `https://${accountName}.table.core.windows.net`,
    queueServiceUri:
      read(env, 'AzureWebJobsStorage__queueServiceUri') ?? `https://${accountName}.queue.core.windows.net`,
  };
}

/** Reads and validates the configuration; throws ConfigError naming the first bad setting. */
export function loadConfig(env: Env): Config {
  const production = read(env, 'NODE_ENV') === 'production';
  const storageConnectionString = readStorage(env);
  const storagePrefix = read(env, 'STORAGE_PREFIX') ?? '';
  if (!/^([a-z][a-z0-9]{0,11})?$/i.test(storagePrefix)) {
    throw new ConfigError(
      'STORAGE_PREFIX',
      `"${storagePrefix}" must be at most 12 letters or digits, starting with a letter`,
    );
  }
  const retriesText = read(env, 'STORAGE_MAX_RETRIES') ?? '3';
  if (!/^\d$/.test(retriesText)) {
    throw new ConfigError('STORAGE_MAX_RETRIES', `"${retriesText}" must be a whole number from 0 to 9`);
  }
  const timeoutText = read(env, 'STORAGE_TIMEOUT_MS') ?? String(DEFAULT_STORAGE_TIMEOUT_MS);
  const storageTimeoutMs = /^\d{1,5}$/.test(timeoutText) ? Number(timeoutText) : NaN;
  if (!(storageTimeoutMs >= 100 && storageTimeoutMs <= TURN_STORAGE_BUDGET_MS)) {
    throw new ConfigError(
      'STORAGE_TIMEOUT_MS',
      `"${timeoutText}" must be a whole number of milliseconds from 100 to ${TURN_STORAGE_BUDGET_MS} (a turn's storage budget)`,
    );
  }
  const benchmarksFile = read(env, 'NATIONAL_BENCHMARKS_FILE');
  const rosterDir = read(env, 'ROSTER_DIR') ?? DEMO_ROSTER_DIR;
  const historyFile =
    read(env, 'HISTORY_FILE') ?? (rosterDir === DEMO_ROSTER_DIR ? 'demo/data/observations.csv' : undefined);
  const termsFile = read(env, 'TERMS_FILE');
  const publishedDir = read(env, 'PUBLISHED_DIR');
  const importedSources = readImportedSources(env);
  const bot = readBotAuth(env, production);
  const ai = readAiSettings(env);
  return {
    production,
    storageConnectionString,
    storagePrefix,
    storageMaxRetries: Number(retriesText),
    storageTimeoutMs,
    bot,
    rosterDir,
    outboxSendsPerSecond: sendsPerSecond(env, 'OUTBOX_SENDS_PER_SECOND', 1),
    planFile: read(env, 'PLAN_FILE') ?? 'plans/demo-2025-2028.yaml',
    ...(termsFile ? { termsFile } : {}),
    ...(historyFile && historyFile !== 'none' ? { historyFile } : {}),
    ...(publishedDir ? { publishedDir } : {}),
    ...(importedSources ? { importedSources } : {}),
    round: readRoundConfig(env),
    allowedServiceUrls: readAllowedServiceUrls(env, bot),
    ...(ai && { ai }),
    ...(benchmarksFile === undefined ? {} : { benchmarksFile }),
  };
}

/** IMPORTED_SOURCES: a comma-separated list of the published sources the trust imports, each known. */
function readImportedSources(env: Env): PublishedSourceId[] | undefined {
  const text = read(env, 'IMPORTED_SOURCES');
  if (text === undefined) return undefined;
  const named = text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  const unknown = named.filter((part) => !(PUBLISHED_SOURCES as readonly string[]).includes(part));
  if (unknown.length > 0) {
    throw new ConfigError(
      'IMPORTED_SOURCES',
      `${unknown.map((part) => `"${part}"`).join(', ')} ${unknown.length === 1 ? 'is not a source' : 'are not sources'} the bot imports; name some of ${PUBLISHED_SOURCES.join(', ')}, separated by commas`,
    );
  }
  return PUBLISHED_SOURCES.filter((source) => named.includes(source));
}

const AZURE_OPENAI_SETTINGS = ['AZURE_OPENAI_API_KEY', 'AZURE_OPENAI_ENDPOINT', 'AZURE_OPENAI_DEPLOYMENT'];

/**
 * OpenAI (OPENAI_API_KEY, optional OPENAI_MODEL) or Azure OpenAI (all three AZURE_OPENAI_* settings),
 * or neither. Half a configuration is refused rather than quietly leaving the model off.
 */
function readAiSettings(env: Env): AiSettings | undefined {
  const openAiKey = read(env, 'OPENAI_API_KEY');
  const openAiModel = read(env, 'OPENAI_MODEL');
  const azure = [
    { name: 'AZURE_OPENAI_API_KEY', value: read(env, 'AZURE_OPENAI_API_KEY') },
    { name: 'AZURE_OPENAI_ENDPOINT', value: read(env, 'AZURE_OPENAI_ENDPOINT') },
    { name: 'AZURE_OPENAI_DEPLOYMENT', value: read(env, 'AZURE_OPENAI_DEPLOYMENT') },
  ];
  const azureSet = azure.filter((setting) => setting.value !== undefined);
  if (openAiKey && azureSet.length > 0) {
    throw new ConfigError(
      'OPENAI_API_KEY',
      `is set together with ${azureSet.map((setting) => setting.name).join(', ')}; ` +
        'configure either OpenAI or Azure OpenAI, not both',
    );
  }
  if (openAiModel && !openAiKey && azureSet.length === 0) {
    throw new ConfigError(
      'OPENAI_MODEL',
      'is set but OPENAI_API_KEY is not; set the key, or remove OPENAI_MODEL',
    );
  }
  if (openAiKey) {
    if (/\s/.test(openAiKey)) throw new ConfigError('OPENAI_API_KEY', 'contains spaces; paste the key alone');
    return { provider: 'openai', apiKey: openAiKey, model: openAiModel ?? DEFAULT_OPENAI_MODEL };
  }
  if (azureSet.length === 0) return undefined;
  if (openAiModel) {
    throw new ConfigError(
      'OPENAI_MODEL',
      'applies to OpenAI only; with Azure OpenAI name the model deployment in AZURE_OPENAI_DEPLOYMENT',
    );
  }
  const missing = azure.filter((setting) => setting.value === undefined).map((setting) => setting.name);
  const [first] = missing;
  if (first) {
    throw new ConfigError(
      first,
      `is required when ${azureSet.map((setting) => setting.name).join(' and ')} ${azureSet.length > 1 ? 'are' : 'is'} set: ` +
        `Azure OpenAI needs ${AZURE_OPENAI_SETTINGS.join(', ')} (or none of them)`,
    );
  }
  const [apiKey = '', endpoint = '', deployment = ''] = azure.map((setting) => setting.value ?? '');
  let url: URL | undefined;
  try {
    url = new URL(endpoint);
  } catch {
    url = undefined;
  }
  if (url?.protocol !== 'https:' || url.username || url.password) {
    throw new ConfigError(
      'AZURE_OPENAI_ENDPOINT',
      `"${endpoint.slice(0, 100)}" is not the resource's https endpoint, such as https://my-resource.openai.azure.com/`,
    );
  }
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(deployment)) {
    throw new ConfigError(
      'AZURE_OPENAI_DEPLOYMENT',
      `"${deployment.slice(0, 100)}" is not a deployment name (letters, digits, '.', '_' and '-', at most 64)`,
    );
  }
  return { provider: 'azure', apiKey, endpoint, deployment };
}

function sendsPerSecond(env: Env, name: string, fallback: number): number {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0 || value > 50) {
    throw new ConfigError(name, `"${raw}" must be a number above 0 and at most 50 (Teams' limit per tenant)`);
  }
  return value;
}

function readRoundConfig(env: Env): RoundConfig {
  const timeZone = read(env, 'TRUST_TIME_ZONE') ?? 'Europe/London';
  if (!isKnownTimeZone(timeZone)) {
    throw new ConfigError('TRUST_TIME_ZONE', `"${timeZone}" is not a time zone name such as Europe/London`);
  }
  const windowsText = read(env, 'ROUND_WINDOWS');
  let windows = DEFAULT_ROUND_WINDOWS;
  if (windowsText !== undefined) {
    const parsed = parseRoundWindows(windowsText);
    if (!parsed.ok) throw new ConfigError('ROUND_WINDOWS', parsed.message);
    windows = parsed.windows;
  }
  const daysText = read(env, 'ROUND_REMINDER_DAYS');
  let reminderDays = DEFAULT_REMINDER_DAYS;
  if (daysText !== undefined) {
    const parsed = parseReminderDays(daysText);
    if (!parsed.ok) throw new ConfigError('ROUND_REMINDER_DAYS', parsed.message);
    reminderDays = parsed.days;
  }
  const hourText = read(env, 'ROUND_SCHEDULE_HOUR') ?? '8';
  if (!/^\d{1,2}$/.test(hourText) || Number(hourText) > 23) {
    throw new ConfigError('ROUND_SCHEDULE_HOUR', `"${hourText}" must be an hour from 0 to 23`);
  }
  return { timeZone, windows, reminderDays, scheduleHour: Number(hourText) };
}

function readAllowedServiceUrls(env: Env, bot: BotAuth): string[] {
  const raw = read(env, 'ALLOWED_SERVICE_URLS');
  if (raw === undefined) {
    return bot.mode === 'anonymous'
      ? playgroundServiceUrls(port(env, 'PLAYGROUND_PORT', DEFAULT_PLAYGROUND_PORT))
      : [...TEAMS_SERVICE_URLS];
  }
  const prefixes = raw
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  for (const prefix of prefixes) {
    let url: URL | undefined;
    try {
      url = new URL(prefix);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password) {
      throw new ConfigError(
        'ALLOWED_SERVICE_URLS',
        `"${prefix}" is not an http(s) URL prefix such as https://smba.trafficmanager.net/`,
      );
    }
    if (url.protocol === 'http:' && bot.mode !== 'anonymous') {
      throw new ConfigError(
        'ALLOWED_SERVICE_URLS',
        `"${prefix}" is plain http; with credentials the bot only calls https service URLs`,
      );
    }
  }
  if (prefixes.length === 0) {
    throw new ConfigError('ALLOWED_SERVICE_URLS', 'is set but lists no URL; leave it unset for the defaults');
  }
  return prefixes;
}

/** Settings only the local host (`npm start`) reads. */
export interface LocalSettings {
  botPort: number;
  playgroundPort: number;
  azurite: { blobPort: number; queuePort: number; tablePort: number };
  dataDir: string;
  inMemory: boolean;
  /**
   * Who binds the playgrounds' Board channel: `npm start` itself, as configuration (the default), or an
   * executive confirming the card the bot posts there, as in a real tenant (`--confirm-board-channel`).
   */
  boardBinding: 'start' | 'executive';
}

function port(env: Env, name: string, fallback: number): number {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  const value = /^\d{1,5}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    throw new ConfigError(name, `"${raw}" is not a port number from 1 to 65535`);
  }
  return value;
}

/** The first of the playgrounds' consecutive ports: the last of them must be a port too. */
function playgroundPort(env: Env): number {
  const first = port(env, 'PLAYGROUND_PORT', DEFAULT_PLAYGROUND_PORT);
  const last = first + PLAYGROUND_COUNT - 1;
  if (last > 65535) {
    throw new ConfigError(
      'PLAYGROUND_PORT',
      `${first} leaves no room for the ${PLAYGROUND_COUNT} playgrounds (ports ${first}-${last}): use at most ${65536 - PLAYGROUND_COUNT}`,
    );
  }
  return first;
}

/** Kernel file systems: files there are not storage, and Azurite waits on them for ever. */
const VIRTUAL_FILE_SYSTEMS = ['/proc', '/sys'];

/** Where `npm start` keeps Azurite's data, the playgrounds' and board packs: a real folder. */
function dataDir(env: Env): string {
  const value = read(env, 'DATA_DIR') ?? '.data';
  const absolute = resolve(value);
  const virtual = VIRTUAL_FILE_SYSTEMS.find((root) => absolute === root || absolute.startsWith(`${root}/`));
  if (virtual) {
    throw new ConfigError(
      'DATA_DIR',
      `"${value}" is under ${virtual}, a kernel file system that cannot keep data; set it to a folder you can write (default .data)`,
    );
  }
  return value;
}

/** Reads the local host's settings; `--in-memory` on the command line wins over STORAGE_IN_MEMORY. */
export function loadLocalSettings(env: Env, argv: readonly string[]): LocalSettings {
  const inMemorySetting = read(env, 'STORAGE_IN_MEMORY') ?? 'false';
  if (inMemorySetting !== 'true' && inMemorySetting !== 'false') {
    throw new ConfigError('STORAGE_IN_MEMORY', `"${inMemorySetting}" must be true or false`);
  }
  return {
    botPort: port(env, 'PORT', 3978),
    playgroundPort: playgroundPort(env),
    azurite: {
      blobPort: port(env, 'AZURITE_BLOB_PORT', 10000),
      queuePort: port(env, 'AZURITE_QUEUE_PORT', 10001),
      tablePort: port(env, 'AZURITE_TABLE_PORT', 10002),
    },
    dataDir: dataDir(env),
    inMemory: argv.includes('--in-memory') || inMemorySetting === 'true',
    boardBinding: argv.includes('--confirm-board-channel') ? 'executive' : 'start',
  };
}

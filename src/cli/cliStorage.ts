/**
 * Storage for the commands that need it (import, export): the product's own tables, found through the
 * same configuration the bot reads (AzureWebJobsStorage, STORAGE_PREFIX). Without AzureWebJobsStorage the
 * commands use the Azurite that `npm start` runs on this machine (its ports from AZURITE_*_PORT).
 */
import { readRosterDir } from '../adapters/files/readRosterDir';
import { createTableStores, type TableStores } from '../adapters/tableStorage/createTableStores';
import {
  restErrorCode,
  restErrorStatus,
  TableStorageError,
} from '../adapters/tableStorage/TableStorageError';
import { type Config, ConfigError, loadConfig, loadLocalSettings, type StorageConnection } from '../config';
import { formatRosterError } from '../domain/roster/parseRoster';
import type { Roster } from '../domain/roster/roster';
import { azuriteConnectionString } from '../hosts/local/azurite';
import { type CliIo, EXIT_USAGE } from './cliIo';

/** Exit code when storage cannot be reached (sysexits' EX_UNAVAILABLE). */
export const EXIT_UNAVAILABLE = 69;

type Env = Record<string, string | undefined>;

/** Where the tables are, for messages: the table endpoint or account name, never the key. */
export function describeStorage(connection: StorageConnection): string {
  if (typeof connection !== 'string') return `storage account ${connection.accountName}`;
  const connectionString = connection;
  const endpoint = /(?:^|;)\s*TableEndpoint=([^;]+)/i.exec(connectionString)?.[1];
  if (endpoint) return endpoint.trim();
  if (/UseDevelopmentStorage=true/i.test(connectionString)) return 'the local storage emulator';
  const account = /(?:^|;)\s*AccountName=([^;]+)/i.exec(connectionString)?.[1];
  return account ? `storage account ${account.trim()}` : 'the configured storage account';
}

/** The configuration, with the local Azurite of `npm start` when AzureWebJobsStorage is not set. */
export function cliConfig(env: Env): Config {
  if (env.AzureWebJobsStorage?.trim() || env.AzureWebJobsStorage__accountName?.trim()) return loadConfig(env);
  const { azurite } = loadLocalSettings(env, []);
  const local = azuriteConnectionString('127.0.0.1', {
    blob: azurite.blobPort,
    queue: azurite.queuePort,
    table: azurite.tablePort,
  });
  return loadConfig({ ...env, AzureWebJobsStorage: local });
}

/** True for a failure to reach storage at all (refused, unknown host, dropped), as opposed to an answer. */
function isUnreachable(error: unknown): boolean {
  if (!(error instanceof TableStorageError)) return false;
  const code = restErrorCode(error.cause) ?? '';
  return (
    restErrorStatus(error.cause) === undefined &&
    ['ECONNREFUSED', 'ENOTFOUND', 'ECONNRESET', 'ETIMEDOUT', 'EAI_AGAIN', 'EHOSTUNREACH'].includes(code)
  );
}

/**
 * Opens the product's tables (creating them if missing, as the bot does at start-up) and runs the
 * command with them. Unreachable storage and bad settings are answered with what to do, not a stack.
 */
export async function withStorage(
  io: CliIo,
  run: (stores: TableStores, config: Config) => Promise<number>,
): Promise<number> {
  let config: Config;
  try {
    config = cliConfig(io.env ?? {});
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.err(`${error.message}\n`);
    return EXIT_USAGE;
  }
  const stores = createTableStores(config.storageConnectionString, {
    tablePrefix: config.storagePrefix,
    maxRetries: config.storageMaxRetries,
    callTimeoutMs: config.storageTimeoutMs,
  });
  try {
    await stores.createTables();
    return await run(stores, config);
  } catch (error) {
    if (!isUnreachable(error)) throw error;
    io.err(
      `Storage at ${describeStorage(config.storageConnectionString)} is unreachable. ` +
        'Start the product with `npm start` (it runs Azurite, the local storage), or set AzureWebJobsStorage ' +
        "to your storage account's connection string (and STORAGE_PREFIX to the bot's table prefix).\n",
    );
    return EXIT_UNAVAILABLE;
  }
}

/**
 * The roster the bot uses: the stored one, or (none stored yet) the files it would load, saying so with
 * `fallbackNote` ("checking the figures against …"). Undefined, with the files' problems written, when
 * neither is usable.
 */
export async function storedOrFileRoster(
  stores: TableStores,
  config: Config,
  io: CliIo,
  fallbackNote: string,
): Promise<Roster | undefined> {
  const stored = await stores.roster.load();
  if (stored) return stored;
  const files = await readRosterDir(config.rosterDir);
  if (!files.ok) {
    io.err(`No roster is stored yet and the roster in ${config.rosterDir} has problems:\n`);
    for (const error of files.errors) io.err(`  ${formatRosterError(error)}\n`);
    return undefined;
  }
  io.err(`No roster is stored yet: ${fallbackNote} ${config.rosterDir}.\n`);
  return files.roster;
}

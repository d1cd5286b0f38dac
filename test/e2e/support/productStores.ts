/**
 * What the product stored, read as its people would: its tables through the product's own stores, and
 * `npm run cli`, both on the Azurite `npm start` (or `npm run demo`) runs on the ports read from this
 * same environment (AZURITE_*_PORT).
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

import { createTableStores } from '../../../src/adapters/tableStorage/createTableStores';
import { loadLocalSettings } from '../../../src/config';
import { azuriteConnectionString } from '../../../src/hosts/local/azurite';

const ROOT = path.resolve(__dirname, '../../..');

/** The connection string of the product's own Azurite. */
export function productStorage(): string {
  const { blobPort, queuePort, tablePort } = loadLocalSettings(process.env, []).azurite;
  return azuriteConnectionString('127.0.0.1', { blob: blobPort, queue: queuePort, table: tablePort });
}

/** The product's stores on its own Azurite. */
export function productStores(): ReturnType<typeof createTableStores> {
  return createTableStores(productStorage());
}

/**
 * Runs `npm run cli -- <args>` (package.json), called directly to keep npm's output out; rejects when it
 * exits other than 0, the error carrying its code, stdout and stderr.
 */
export function runCli(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ stdout: string; stderr: string }> {
  return promisify(execFile)('npx', ['--no', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, FORCE_COLOR: '0', ...env },
    timeout: 60_000,
  });
}

/** `npm run cli -- export --term <termKey>`: its rows, the header checked and left out. */
export async function exportedRows(termKey: string): Promise<string[]> {
  const { stdout } = await runCli(['export', '--term', termKey]);
  const [header, ...rows] = stdout.trim().split('\n');
  expect(header).toBe('academy,term,metric,value,status,by,at,channel');
  return rows;
}

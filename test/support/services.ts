import { loadConfig } from '../../src/config';
import { createServices, type Services } from '../../src/hosts/services';
import { testConnectionString, uniqueName } from './storage';

/**
 * The product's services on the test Azurite, with their own tables and queue, and the demo roster.
 * `settings` override the test defaults (e.g. ALLOWED_SERVICE_URLS for a test with a local playground).
 */
export function testServices(
  now: Date | (() => Date) = new Date('2026-11-22T10:00:00Z'),
  settings: Record<string, string> = {},
): Services {
  const config = loadConfig({
    AzureWebJobsStorage: testConnectionString(),
    STORAGE_PREFIX: uniqueName('t').slice(0, 12),
    ROSTER_DIR: 'demo/roster',
    // Teams' own limit: tests that send several messages need not wait a second between them.
    OUTBOX_SENDS_PER_SECOND: '50',
    // Loopback and closed: the only service URL tests accept, so nothing a test sends can reach out.
    ALLOWED_SERVICE_URLS: 'http://127.0.0.1:9/',
    // Most tests need no past; the ones about the demo's history ask for it.
    HISTORY_FILE: 'none',
    ...settings,
  });
  const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
  const clock = typeof now === 'function' ? now : () => now;
  return createServices(config, { clock, log: quiet });
}

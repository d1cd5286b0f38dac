/**
 * Starts one real Azurite for the whole test run, in memory on free ports, and hands its connection
 * string to the test workers through the environment. Builds the Functions bundle (dist/main.js) at
 * the same time: the tests of the Functions entry load what is deployed, never a stale build.
 */
import { buildBundle } from '../../scripts/build';
import { startAzurite } from '../../src/hosts/local/azurite';

export default async function globalSetup(): Promise<void> {
  const [azurite] = await Promise.all([startAzurite({ inMemory: true }), buildBundle()]);
  process.env.TEST_STORAGE_CONNECTION_STRING = azurite.connectionString;
  (globalThis as { __azurite__?: typeof azurite }).__azurite__ = azurite;
}

/**
 * Starts one real Azurite for the whole test run, in memory on free ports, and hands its connection
 * string to the test workers through the environment.
 */
import { startAzurite } from '../../src/hosts/local/azurite';

export default async function globalSetup(): Promise<void> {
  const azurite = await startAzurite({ inMemory: true });
  process.env.TEST_STORAGE_CONNECTION_STRING = azurite.connectionString;
  (globalThis as { __azurite__?: typeof azurite }).__azurite__ = azurite;
}

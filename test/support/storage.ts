/** The connection string of the Azurite that globalSetup started for this test run. */
export function testConnectionString(): string {
  const value = process.env.TEST_STORAGE_CONNECTION_STRING;
  if (!value)
    throw new Error(
      'TEST_STORAGE_CONNECTION_STRING is not set: run tests with `npm test` (jest globalSetup starts Azurite).',
    );
  return value;
}

/** A table or queue name unique to one test, so tests never see each other's data. */
export function uniqueName(prefix: string): string {
  return `${prefix}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`.replace(
    /[^a-zA-Z0-9]/g,
    '',
  );
}

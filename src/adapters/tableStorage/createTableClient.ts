import { TableClient } from '@azure/data-tables';

import type { StorageRequestCounter } from './storageRequestCounter';

/**
 * True when the connection string names plain-http endpoints, which only the local emulator (Azurite)
 * uses. The SDK refuses http unless told otherwise; deciding from the connection string keeps production
 * (https) strict while the local host and the tests work without a flag of their own.
 */
export function usesPlainHttp(connectionString: string): boolean {
  return (
    /(^|;)\s*UseDevelopmentStorage=true\s*(;|$)/i.test(connectionString) ||
    /(^|;)\s*DefaultEndpointsProtocol=http\s*(;|$)/i.test(connectionString) ||
    /(^|;)\s*TableEndpoint=http:\/\//i.test(connectionString)
  );
}

export interface TableClientOptions {
  /**
   * Counts every request the client sends (a batch transaction is one). The policy sits per retry, so a
   * request the SDK retries counts each time it goes over the wire.
   */
  requestCounter?: StorageRequestCounter;
}

/** A TableClient for one table of the account the connection string names. */
export function createTableClient(
  connectionString: string,
  tableName: string,
  options: TableClientOptions = {},
): TableClient {
  const { requestCounter } = options;
  return TableClient.fromConnectionString(connectionString, tableName, {
    allowInsecureConnection: usesPlainHttp(connectionString),
    ...(requestCounter && {
      additionalPolicies: [
        {
          position: 'perRetry',
          policy: {
            name: 'storageRequestCounter',
            sendRequest: (request, next) => {
              requestCounter.record(tableName);
              return next(request);
            },
          },
        },
      ],
    }),
  });
}

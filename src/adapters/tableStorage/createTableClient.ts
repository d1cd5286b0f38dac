import { TableClient, type TableServiceClientOptions } from '@azure/data-tables';

import type { StorageConnection } from '../../config';
import { storageCredential } from '../storageCredential';
import { DEFAULT_STORAGE_TIMEOUT_MS, storageDeadlinePolicy } from './storageDeadline';
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
  /** How often the SDK retries a failed request (its default, 3, when absent). */
  maxRetries?: number;
  /**
   * The longest one call may take, its retries included, in ms (storageDeadline.ts); a call inside a turn
   * is also stopped at the turn's deadline. DEFAULT_STORAGE_TIMEOUT_MS when absent.
   */
  callTimeoutMs?: number;
}

/** A TableClient for one table of the account the connection names (by connection string or identity). */
export function createTableClient(
  connection: StorageConnection,
  tableName: string,
  options: TableClientOptions = {},
): TableClient {
  const { requestCounter, maxRetries, callTimeoutMs = DEFAULT_STORAGE_TIMEOUT_MS } = options;
  const policies: NonNullable<TableServiceClientOptions['additionalPolicies']> = [
    { position: 'perCall', policy: storageDeadlinePolicy(callTimeoutMs) },
  ];
  if (requestCounter) {
    policies.push({
      position: 'perRetry',
      policy: {
        name: 'storageRequestCounter',
        sendRequest: (request, next) => {
          requestCounter.record(tableName);
          return next(request);
        },
      },
    });
  }
  const clientOptions: TableServiceClientOptions = {
    ...(maxRetries !== undefined && { retryOptions: { maxRetries } }),
    additionalPolicies: policies,
  };
  if (typeof connection !== 'string') {
    return new TableClient(
      connection.tableServiceUri,
      tableName,
      storageCredential(connection.clientId),
      clientOptions,
    );
  }
  return TableClient.fromConnectionString(connection, tableName, {
    allowInsecureConnection: usesPlainHttp(connection),
    ...clientOptions,
  });
}

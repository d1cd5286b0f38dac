/**
 * The one error the Table Storage adapters throw for broken infrastructure or unreadable data. It names
 * the table, the operation and the key involved, and its message says what to do about it.
 */

/** Where a failure happened: which table, which operation, which entity. */
export interface TableErrorContext {
  table: string;
  /** What the adapter was doing, e.g. `save conversation`, `claim activity`. */
  operation: string;
  partitionKey?: string;
  rowKey?: string;
}

/** A Table Storage operation failed; `context` says where and `status` / `code` what the service answered. */
export class TableStorageError extends Error {
  override readonly name = 'TableStorageError';
  /** The HTTP status the service answered, when it answered. */
  readonly status: number | undefined;
  /** The service's error code (e.g. `PropertyValueTooLarge`), when it sent one. */
  readonly code: string | undefined;
  /**
   * True when a write got no answer and could not be settled in time: it may or may not be stored
   * (ports.ts, `outcomeUnknown`). Every other failed write stored nothing.
   */
  readonly outcomeUnknown: boolean;

  constructor(
    readonly context: TableErrorContext,
    problem: string,
    options: { cause?: unknown; advice?: string; outcomeUnknown?: boolean } = {},
  ) {
    const status = restErrorStatus(options.cause);
    const code = restErrorCode(options.cause);
    const where = [
      `table "${context.table}"`,
      context.partitionKey !== undefined ? `PartitionKey "${context.partitionKey}"` : undefined,
      context.rowKey !== undefined ? `RowKey "${context.rowKey}"` : undefined,
    ]
      .filter(Boolean)
      .join(', ');
    const answer = status !== undefined ? ` (service answered ${status}${code ? ` ${code}` : ''})` : '';
    const advice = options.advice ?? adviceFor(options.cause);
    super(`${context.operation} failed on ${where}: ${problem}${answer}.${advice ? ` ${advice}` : ''}`, {
      cause: options.cause,
    });
    this.status = status;
    this.code = code;
    this.outcomeUnknown = options.outcomeUnknown ?? false;
  }
}

/**
 * A key made from user or caller text (`make` throws a RangeError for one the service cannot hold, see
 * encodeKey), or a TableStorageError that names the table and the operation that wanted it.
 */
export function storageKey(context: TableErrorContext, make: () => string): string {
  try {
    return make();
  } catch (error) {
    throw new TableStorageError(context, (error as Error).message, { cause: error });
  }
}

/** The HTTP status of an Azure SDK RestError, or undefined for anything else (e.g. a refused connection). */
export function restErrorStatus(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | undefined)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/** The service's error code: set directly on transaction errors, inside `details` on the others. */
export function restErrorCode(error: unknown): string | undefined {
  const candidate = error as
    { code?: unknown; details?: { errorCode?: unknown; odataError?: { code?: unknown } } } | undefined;
  for (const code of [candidate?.details?.odataError?.code, candidate?.details?.errorCode, candidate?.code]) {
    if (typeof code === 'string' && code) return code;
  }
  return undefined;
}

/**
 * True for the 404 that means "no such entity" (an answer), false for a missing table (a set-up fault that
 * must surface) and for every other failure.
 */
export function isMissingEntity(error: unknown): boolean {
  return restErrorStatus(error) === 404 && restErrorCode(error) !== 'TableNotFound';
}

/** Advice for the failures every adapter can meet; specific operations pass their own. */
function adviceFor(cause: unknown): string | undefined {
  if ((cause as { name?: unknown } | undefined)?.name === 'AbortError')
    return 'Storage did not answer in the time allowed (STORAGE_TIMEOUT_MS), so the request was given up; retry in a minute.';
  const status = restErrorStatus(cause);
  const code = restErrorCode(cause);
  if (status === 401 || status === 403)
    return 'Check the storage connection string (account name and key) in the settings.';
  if (code === 'TableNotFound')
    return 'Create the tables at start-up with createTables() (the hosts do), and check the table prefix.';
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND')
    return 'The storage endpoint is unreachable: locally, is Azurite running (`npm start` starts it)?';
  if (status === 503 || status === 500 || status === 408)
    return 'The storage service is busy or unavailable; retry later.';
  return undefined;
}

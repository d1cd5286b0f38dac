/**
 * The error the Storage Queue adapters throw for broken infrastructure or a message the queue cannot
 * carry. It names the queue, the operation and the message, and its message says what to do.
 */

/** Where a failure happened. */
export interface QueueErrorContext {
  queue: string;
  /** What the adapter was doing, e.g. `enqueue outbox message`. */
  operation: string;
  /** Our id (OutboxMessage.id) or the queue's message id. */
  messageId?: string;
}

/** A Storage Queue operation failed; `context` says where and `status` / `code` what the service answered. */
export class QueueStorageError extends Error {
  override readonly name = 'QueueStorageError';
  readonly status: number | undefined;
  readonly code: string | undefined;

  constructor(
    readonly context: QueueErrorContext,
    problem: string,
    options: { cause?: unknown; advice?: string } = {},
  ) {
    const status = statusOf(options.cause);
    const code = codeOf(options.cause);
    const where = `queue "${context.queue}"${context.messageId !== undefined ? `, message "${context.messageId}"` : ''}`;
    const answer = status !== undefined ? ` (service answered ${status}${code ? ` ${code}` : ''})` : '';
    const advice = options.advice ?? adviceFor(status, code);
    super(`${context.operation} failed on ${where}: ${problem}${answer}.${advice ? ` ${advice}` : ''}`, {
      cause: options.cause,
    });
    this.status = status;
    this.code = code;
  }
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | undefined)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

function codeOf(error: unknown): string | undefined {
  const candidate = error as { code?: unknown; details?: { errorCode?: unknown } } | undefined;
  for (const code of [candidate?.details?.errorCode, candidate?.code]) {
    if (typeof code === 'string' && code) return code;
  }
  return undefined;
}

function adviceFor(status: number | undefined, code: string | undefined): string | undefined {
  if (status === 401 || status === 403)
    return 'Check the storage connection string (account name and key) in the settings.';
  if (code === 'QueueNotFound') return 'Create the queue at start-up (QueueOutbox.createQueue does).';
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND')
    return 'The storage endpoint is unreachable: locally, is Azurite running (`npm start` starts it)?';
  if (status === 503 || status === 500 || status === 408)
    return 'The storage service is busy or unavailable; retry later.';
  return undefined;
}

/** True when the service said the queue does not exist (it was deleted, or never created). */
export function isQueueNotFound(error: unknown): boolean {
  return codeOf(error) === 'QueueNotFound';
}

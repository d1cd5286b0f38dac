/**
 * Every table request waits a bounded time:
 *
 * - inside a Teams turn (or any work run with `withStorageDeadline`), each call (one operation with the
 *   SDK's retries, or one page of a query) is aborted after the call timeout (STORAGE_TIMEOUT_MS, 4 s by
 *   default), and every call at the turn's deadline (TURN_STORAGE_BUDGET_MS after the turn started), so a
 *   turn of many slow calls still answers inside Teams' 15 s;
 * - outside any (timers, queue functions, the CLI, start-up), where many calls may queue for a connection
 *   at once, each call is aborted after BACKGROUND_STORAGE_TIMEOUT_MS: storage that hangs still ends the
 *   work with an error the retries of the queue or the timer pick up.
 *
 * An aborted request is torn down (its socket destroyed) and never retried, so nothing this process sends
 * for it can arrive after the wait has ended, and the SDK sends no retry later.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

import type { TableServiceClientOptions } from '@azure/data-tables';

type PipelinePolicy = NonNullable<TableServiceClientOptions['additionalPolicies']>[number]['policy'];

/** How long one table call may take, retries included, unless the settings say (STORAGE_TIMEOUT_MS). */
export const DEFAULT_STORAGE_TIMEOUT_MS = 4000;

/** How long one call outside a turn may take, retries included. */
export const BACKGROUND_STORAGE_TIMEOUT_MS = 30_000;

/**
 * How long a turn's storage work may take in all. Teams waits about 15 s for a turn; this leaves room for
 * settling a write whose answer was lost (FENCE, below) and for sending the answer.
 */
export const TURN_STORAGE_BUDGET_MS = 9000;

/** The most a write's settling (the fence and the read after it) may take, on top of the turn's budget. */
export const MAX_SETTLE_MS = 3000;

const deadlines = new AsyncLocalStorage<number | undefined>();

/**
 * Runs `work` with every table call inside it aborted at `budgetMs` from now at the latest. A deadline set
 * inside another replaces it for its own work: settling a write that got no answer is tried on a budget of
 * its own even when the turn's is spent.
 */
export function withStorageDeadline<T>(budgetMs: number, work: () => Promise<T>): Promise<T> {
  return deadlines.run(Date.now() + budgetMs, work);
}

/** The time left before the current deadline, in ms; undefined outside any. */
export function storageTimeLeft(): number | undefined {
  const deadline = deadlines.getStore();
  return deadline === undefined ? undefined : Math.max(0, deadline - Date.now());
}

/** True when the error is a table call given up by these bounds (or by any abort) rather than an answer. */
export function isStorageTimeout(error: unknown): boolean {
  return (error as { name?: unknown } | undefined)?.name === 'AbortError';
}

/**
 * The pipeline policy that bounds each call: per call, so it sits before the SDK's retries and its abort
 * stops them (the retry policy rethrows an abort at once, and its back-off delay is aborted too).
 */
export function storageDeadlinePolicy(callTimeoutMs: number): PipelinePolicy {
  return {
    name: 'storageDeadline',
    sendRequest: (request, next) => {
      const left = storageTimeLeft();
      const ms = left === undefined ? BACKGROUND_STORAGE_TIMEOUT_MS : Math.min(callTimeoutMs, left);
      const timeout = AbortSignal.timeout(ms);
      const given = request.abortSignal;
      if (given?.aborted) return next(request); // the SDK refuses an aborted request itself
      if (given) {
        // The caller's own signal (the SDK's AbortSignalLike) still aborts the call, with the timeout.
        const both = new AbortController();
        const abort = (): void => both.abort();
        given.addEventListener('abort', abort);
        timeout.addEventListener('abort', abort);
        request.abortSignal = both.signal;
      } else {
        request.abortSignal = timeout;
      }
      return next(request);
    },
  };
}

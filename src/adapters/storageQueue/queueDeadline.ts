/**
 * Every queue request waits a bounded time, as table requests do (tableStorage/storageDeadline.ts): inside
 * a Teams turn each call is aborted after the call timeout (STORAGE_TIMEOUT_MS) or at the turn's deadline,
 * whichever comes first; outside any (queue workers, timers, start-up) after
 * BACKGROUND_STORAGE_TIMEOUT_MS. The Storage Queue SDK takes no pipeline policy of ours, so the bound is
 * the abort signal each call is given; it stops the SDK's retries and their back-off too.
 */
import {
  BACKGROUND_STORAGE_TIMEOUT_MS,
  isStorageTimeout,
  storageTimeLeft,
} from '../tableStorage/storageDeadline';

export { isStorageTimeout };

/** The options to pass to one queue call: an abort signal at its bound. */
export function queueCallOptions(callTimeoutMs: number): { abortSignal: AbortSignal } {
  const left = storageTimeLeft();
  const ms = left === undefined ? BACKGROUND_STORAGE_TIMEOUT_MS : Math.min(callTimeoutMs, left);
  return { abortSignal: AbortSignal.timeout(ms) };
}

/** What a queue error says when the call was given up at its bound rather than answered. */
export function queueTimeoutProblem(error: unknown, problem: string): string {
  return isStorageTimeout(error)
    ? `${problem}: storage did not answer in the time allowed (STORAGE_TIMEOUT_MS), so the request was given up`
    : problem;
}

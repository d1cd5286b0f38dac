/**
 * Waiting for what the product does behind the page (a row stored, a message answered): `until` polls,
 * and `stepsInOrder` lets a step that builds on an earlier one say that one failed rather than fail for
 * a reason of its own.
 */

/** Reads every 200 ms until `read` answers something, and returns it; throws naming `what` after `timeoutMs`. */
export async function until<T>(
  what: string,
  read: () => Promise<T | undefined>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Waited ${timeoutMs / 1000} s for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * The steps of one test file reached so far: each adds its name to `done` at its end, and one that needs
 * an earlier step calls `after(thatStep)` first.
 */
export function stepsInOrder(): { done: Set<string>; after(previous: string): void } {
  const done = new Set<string>();
  return {
    done,
    after: (previous) => {
      if (!done.has(previous)) throw new Error(`Not run: the step "${previous}" before this one failed.`);
    },
  };
}

/** One part `npm start` brought up, and how to stop it. */
export interface Stoppable {
  name: string;
  stop(): Promise<void>;
}

/**
 * Stops the parts, newest first, once however often it is called: Ctrl-C reaches the process more
 * than once (the terminal signals the whole group, and tsx passes its own signal on), and a second
 * call waits for the first stop to finish rather than letting the process exit with parts still
 * running. A part that fails to stop is reported and the others are still stopped.
 */
export function stopInOrder(
  running: readonly Stoppable[],
  report: (message: string, error: unknown) => void,
): () => Promise<void> {
  let stopping: Promise<void> | undefined;
  return () => {
    stopping ??= (async () => {
      for (const part of [...running].reverse()) {
        await part.stop().catch((error: unknown) => report(`Stopping ${part.name} failed:`, error));
      }
    })();
    return stopping;
  };
}

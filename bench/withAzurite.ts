/**
 * Runs a benchmark body against its own Azurite (in memory, free ports), bounded in time: Azurite is
 * stopped whatever happens, and a body that overruns `limitMs` is abandoned with an error.
 */
import { startAzurite } from '../src/hosts/local/azurite';

export async function withAzurite<T>(
  limitMs: number,
  body: (connectionString: string) => Promise<T>,
): Promise<T> {
  const azurite = await startAzurite({ inMemory: true });
  let timer: NodeJS.Timeout | undefined;
  try {
    const overrun = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`the benchmark took over ${limitMs / 1000} s; stopped`)),
        limitMs,
      );
    });
    return await Promise.race([body(azurite.connectionString), overrun]);
  } finally {
    clearTimeout(timer);
    await azurite.stop();
  }
}

/** The value at quantile q (0–1) of the numbers, by nearest rank. */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
}

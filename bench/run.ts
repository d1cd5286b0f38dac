/**
 * Runs every bench/*.bench.ts in turn and prints its figures. `npm run bench`.
 *
 * A bench file's default export is a Benchmark: a name and a function returning the lines to print.
 * `npm run bench -- status submit` runs only the files whose names contain one of the words.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

import type { Benchmark } from './benchmark';

function isBenchmark(value: unknown): value is Benchmark {
  const candidate = value as Partial<Benchmark> | undefined;
  return typeof candidate?.name === 'string' && typeof candidate.run === 'function';
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const files = readdirSync(__dirname)
    .filter((file) => file.endsWith('.bench.ts'))
    .filter((file) => only.length === 0 || only.some((word) => file.includes(word)))
    .sort();
  if (files.length === 0) throw new Error(`no bench/*.bench.ts file matches ${only.join(', ')}`);
  for (const file of files) {
    const module = (await import(join(__dirname, file))) as { default?: unknown };
    // tsx may wrap a CommonJS default export once more.
    const exported = isBenchmark(module.default)
      ? module.default
      : (module.default as { default?: unknown } | undefined)?.default;
    if (!isBenchmark(exported)) throw new Error(`${file} must export default a Benchmark { name, run }`);
    process.stdout.write(`\n${exported.name} (${file})\n`);
    for (const line of await exported.run()) process.stdout.write(`  ${line}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});

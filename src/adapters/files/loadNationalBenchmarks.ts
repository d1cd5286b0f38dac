/**
 * Loads the national benchmarks the evaluator compares with: the file shipped in the repository
 * (benchmarks/national.csv) and, when configured, a trust's own file of the same shape that adds or
 * corrects figures (setting NATIONAL_BENCHMARKS_FILE; docs/plan-format.md, "National benchmarks").
 * Both are checked row by row; a problem in either is reported with its file and line, and nothing is
 * used until both are clean.
 */
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

import {
  type BenchmarkSource,
  type BenchmarkTable,
  createBenchmarkSource,
  mergeBenchmarkTables,
} from '../../domain/benchmarks/nationalBenchmarks';
import { parseBenchmarkTable } from '../../domain/benchmarks/parseBenchmarkTable';

export interface BenchmarkLoadError {
  file: string;
  line?: number;
  message: string;
}

export type LoadNationalBenchmarksResult =
  | { ok: true; benchmarks: BenchmarkSource; table: BenchmarkTable }
  | { ok: false; errors: BenchmarkLoadError[] };

const SHIPPED_RELATIVE = join('benchmarks', 'national.csv');

/**
 * Where the shipped file is: the nearest folder above this module that holds benchmarks/national.csv,
 * so the same code finds it run from src/ (tsx, jest) and from dist/ (the Functions package, whose root
 * carries the file).
 */
function findShippedFile(): string {
  let folder = __dirname;
  for (let step = 0; step < 6; step++) {
    const candidate = join(folder, SHIPPED_RELATIVE);
    if (existsSync(candidate)) return candidate;
    folder = dirname(folder);
  }
  return join(process.cwd(), SHIPPED_RELATIVE);
}

/** The shipped benchmark file's path. */
export const SHIPPED_BENCHMARKS_FILE = findShippedFile();

function check(
  file: string,
  text: string | undefined,
  errors: BenchmarkLoadError[],
): BenchmarkTable | undefined {
  if (text === undefined) {
    errors.push({
      file,
      message: `${file} was not found; check the path (setting NATIONAL_BENCHMARKS_FILE)`,
    });
    return undefined;
  }
  const parsed = parseBenchmarkTable(text);
  if (parsed.ok) return parsed.table;
  for (const error of parsed.errors) errors.push({ file, ...error });
  return undefined;
}

function finish(
  shipped: BenchmarkTable | undefined,
  override: BenchmarkTable | undefined,
  errors: BenchmarkLoadError[],
): LoadNationalBenchmarksResult {
  if (errors.length > 0 || shipped === undefined) return { ok: false, errors };
  const table = override ? mergeBenchmarkTables(shipped, override) : shipped;
  return { ok: true, benchmarks: createBenchmarkSource(table), table };
}

async function readText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ENOENT' || code === 'EISDIR') return undefined;
    throw new Error(
      `Could not read the benchmark file ${path}: ${error instanceof Error ? error.message : String(error)}`,
      {
        cause: error,
      },
    );
  }
}

/**
 * Loads the shipped benchmarks and, when `overrideFile` is given, the trust's file over them.
 * @throws Error when a file exists but cannot be read; a missing or invalid file is an error value.
 */
export async function loadNationalBenchmarks(
  overrideFile?: string,
  shippedFile: string = SHIPPED_BENCHMARKS_FILE,
): Promise<LoadNationalBenchmarksResult> {
  const errors: BenchmarkLoadError[] = [];
  const [shippedText, overrideText] = await Promise.all([
    readText(shippedFile),
    overrideFile === undefined ? Promise.resolve(undefined) : readText(overrideFile),
  ]);
  const shipped = check(shippedFile, shippedText, errors);
  const override = overrideFile === undefined ? undefined : check(overrideFile, overrideText, errors);
  return finish(shipped, override, errors);
}

/** The same, synchronously, for tests and benchmarks that set up before they run. */
export function loadNationalBenchmarksSync(
  overrideFile?: string,
  shippedFile: string = SHIPPED_BENCHMARKS_FILE,
): LoadNationalBenchmarksResult {
  const errors: BenchmarkLoadError[] = [];
  const read = (path: string) => (existsSync(path) ? readFileSync(path, 'utf8') : undefined);
  const shipped = check(shippedFile, read(shippedFile), errors);
  const override = overrideFile === undefined ? undefined : check(overrideFile, read(overrideFile), errors);
  return finish(shipped, override, errors);
}

/** `benchmarks/mine.csv line 4: value "4x" is not a number`, for the command line and logs. */
export function formatBenchmarkLoadError(error: BenchmarkLoadError): string {
  return `${error.file}${error.line === undefined ? '' : ` line ${error.line}`}: ${error.message}`;
}

/** A benchmark file has problems; the message lists each with its file and line. */
export class BenchmarkFileError extends Error {
  override readonly name = 'BenchmarkFileError';
}

/**
 * For a host starting up (synchronously, like loadTrustPlan): the shipped benchmarks and the trust's
 * file over them, or a BenchmarkFileError listing every problem so the bot never runs on figures it
 * could not read.
 */
export function loadNationalBenchmarksOrThrow(overrideFile?: string): BenchmarkSource {
  const loaded = loadNationalBenchmarksSync(overrideFile);
  if (loaded.ok) return loaded.benchmarks;
  throw new BenchmarkFileError(
    `The national benchmarks have problems, so the bot did not start:\n  ${loaded.errors.map(formatBenchmarkLoadError).join('\n  ')}`,
  );
}

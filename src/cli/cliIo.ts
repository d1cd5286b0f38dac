/** Where the command line writes: standard output for results, standard error for problems. Tests pass their own. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** The environment the storage commands read their settings from (process.env in main). */
  env?: Record<string, string | undefined>;
}

/** Exit codes: 0 done, 1 an input (plan, roster, data) has problems, 2 the command line itself is wrong. */
export const EXIT_OK = 0;
export const EXIT_INVALID_INPUT = 1;
export const EXIT_USAGE = 2;

/** A mistake in how the command was typed; main prints it with the usage text and exits 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The most problems of one file printed; the rest are counted (a file of thousands of bad rows is one mistake). */
export const MAX_PROBLEMS_SHOWN = 50;

/**
 * Writes each problem on its own line to standard error, at most MAX_PROBLEMS_SHOWN of them, then how many
 * more there are, so a file with thousands of bad rows gives a screenful, not thousands of lines.
 */
export function writeProblems(io: CliIo, problems: readonly string[], what = 'problems'): void {
  for (const problem of problems.slice(0, MAX_PROBLEMS_SHOWN)) io.err(`${problem}\n`);
  const rest = problems.length - MAX_PROBLEMS_SHOWN;
  if (rest > 0) {
    io.err(
      `… and ${rest} more ${rest === 1 ? what.replace(/s$/, '') : what} (the first ${MAX_PROBLEMS_SHOWN} of ${problems.length} are shown; fix these and run again)\n`,
    );
  }
}

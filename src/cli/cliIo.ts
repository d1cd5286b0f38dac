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

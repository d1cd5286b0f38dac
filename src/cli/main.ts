/**
 * The command line: `npm run cli -- <command>`. Evaluates a plan without Teams or storage, checks
 * plan files, and checks who the bot can reach (against storage). Exit codes: 0 done, 1 an input has problems (every one is printed), 2 a usage mistake.
 */
import { type CliIo, EXIT_USAGE, UsageError } from './cliIo';
import { evaluateCommand } from './evaluateCommand';
import { planCheckCommand } from './planCheckCommand';
import { rosterCheckCommand } from './rosterCheckCommand';

export const USAGE = `Usage:
  npm run cli -- evaluate --plan FILE --roster DIR --data FILE --as-of YYYY-MM-DD [options]
      Judges every target of the plan for every academy as of the date.
      --format table|json     table for people (default), json for programs (docs/evaluation-json.md)
      --terms FILE            term dates that differ from the defaults (YAML, by academic year)
      --closed-through TERM   the latest term whose round has closed, e.g. 2025-26-summer
                              (default: the term before the as-of date's term)
  npm run cli -- plan check FILE
      Checks a plan file and lists every problem with its line.
  npm run cli -- roster check [--role head|trustee|executive|administrator]
      Lists, from the bot's storage (its own settings), every roster person it cannot message yet.

Example:
  npm run cli -- evaluate --plan plans/demo-2025-2028.yaml --roster demo/roster \\
      --data demo/data/observations.csv --as-of 2026-11-22
`;

/** Runs the command line with the arguments after the script name; resolves to the exit code. */
export async function runCli(
  argv: readonly string[],
  io: CliIo,
  env: Record<string, string | undefined> = process.env,
): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === 'evaluate') return await evaluateCommand(rest, io);
    if (command === 'plan' && rest[0] === 'check') return await planCheckCommand(rest.slice(1), io);
    if (command === 'roster' && rest[0] === 'check') return await rosterCheckCommand(rest.slice(1), io, env);
    if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
      io.out(USAGE);
      return command === undefined ? EXIT_USAGE : 0;
    }
    throw new UsageError(`unknown command "${[command, ...rest.slice(0, 1)].join(' ')}"`);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`${error.message}\n\n${USAGE}`);
    return EXIT_USAGE;
  }
}

if (require.main === module) {
  // Piped into `head`, the reader may leave early: that is not an error worth a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(0);
  });
  const io: CliIo = { out: (text) => process.stdout.write(text), err: (text) => process.stderr.write(text) };
  runCli(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 70;
    },
  );
}

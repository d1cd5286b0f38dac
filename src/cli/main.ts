/**
 * The command line: `npm run cli -- <command>`. Evaluates a plan without Teams or storage, checks plan
 * files, imports and exports the figures in the product's storage, and checks who the bot can reach. Exit codes: 0 done, 1 an input has
 * problems (every one is printed), 2 a usage mistake or a bad setting, 69 storage unreachable.
 */
import { existsSync } from 'node:fs';

import { boardPackCommand } from './boardPackCommand';
import { type CliIo, EXIT_USAGE, UsageError } from './cliIo';
import { evaluateCommand } from './evaluateCommand';
import { exportCommand } from './exportCommand';
import { importCommand } from './importCommand';
import { importPublishedCommand } from './importPublishedCommand';
import { planCheckCommand } from './planCheckCommand';
import { rosterCheckCommand } from './rosterCheckCommand';

export const USAGE = `Usage:
  npm run cli -- evaluate --plan FILE --roster DIR --data FILE --as-of YYYY-MM-DD [options]
      Judges every target of the plan for every academy as of the date.
      --format table|json     table for people (default), json for programs (docs/evaluation-json.md)
      --terms FILE            term dates that differ from the defaults (YAML, by academic year)
      --closed-through TERM   the latest term whose round has closed, e.g. 2025-26-summer
      --benchmarks FILE       the trust's national figures over the shipped ones (CSV, docs/plan-format.md)
                              (default: the term before the as-of date's term)
  npm run cli -- plan check FILE
      Checks a plan file and lists every problem with its line.
  npm run cli -- roster check [--role head|trustee|executive|administrator]
      Lists, from the bot's storage (its own settings), every roster person it cannot message yet.
  npm run cli -- roster check --gias FILE [--roster DIR]
      Lists where the roster (the stored one, or the files in DIR) disagrees with GIAS's establishment
      extract (edubasealldata*.csv): names, phases, opening dates, and the trust's academies it lacks.
  npm run cli -- import --data FILE [--terms FILE] [--correct-open-round TERM] [--correct-submitted TERM,…]
                         [--by NAME]
      Loads figures of earlier terms (academy,term,metric,value) into the bot's storage, each change
      with an audit record; figures already stored with the same value are left alone. Terms that have
      not started are refused, and so is the open round's term unless --correct-open-round names it,
      and so is a change to a figure a head gave in a closed round unless --correct-submitted names its
      term: those figures are then recorded as corrections by NAME (default: your login name).
  npm run cli -- import --from dfe-ks4|dfe-ks2|ees-ks2|ofsted FILE [--year YYYY-YY] [--release provisional|revised]
                         [--published YYYY-MM-DD] [--terms FILE] [--correct-open-round TERM]
                         [--correct-submitted TERM,…] [--by NAME]
      Imports what the DfE or Ofsted published for the trust's academies (docs/published-figures.md),
      each figure with its publication, audited; a figure of a later publication replaces it. The same
      terms are refused as for --data, with the same options to correct them.
  npm run cli -- export --term TERM [--out FILE]
      Writes the term's stored figures as CSV: academy,term,metric,value,status,by,at,channel.
  npm run cli -- board-pack --term TERM [--out FILE] [--format pdf|html]
      Writes the closed term's board paper from its stored evaluation (A4; PDF printed by Chromium):
      headline, exceptions, objectives, principles, a page per academy, returns, appendices.
      (default: board-pack-TERM.pdf in this folder)

  import, export and board-pack use the storage in AzureWebJobsStorage (and STORAGE_PREFIX), or else the
  Azurite that \`npm start\` runs on this machine.

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
    if (command === 'import' && rest.some((arg) => arg === '--from' || arg.startsWith('--from=')))
      return await importPublishedCommand(rest, io);
    if (command === 'import') return await importCommand(rest, io);
    if (command === 'export') return await exportCommand(rest, io);
    if (command === 'board-pack') return await boardPackCommand(rest, io);
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

/** Exit code for a failure of the program itself (a bug, or broken I/O): sysexits' EX_SOFTWARE. */
export const EXIT_INTERNAL = 70;

/**
 * The last resort for an error no command turned into a message: one line saying what failed and what
 * to do, and the stack only when DEBUG is set. Every mistake in an input or an argument is answered
 * before this, with exit 1 or 2; reaching here is a bug.
 */
export function reportInternalError(
  error: unknown,
  io: CliIo,
  env: Record<string, string | undefined>,
): number {
  const message = error instanceof Error ? error.message : String(error);
  const firstLine = (message.split('\n')[0] ?? '').slice(0, 300);
  io.err(
    `Internal error: ${firstLine}\nThis is a bug, not a problem with your files; please report it with the command you ran.` +
      (env.DEBUG
        ? `\n${error instanceof Error ? (error.stack ?? message) : message}`
        : ' Set DEBUG=1 to see the stack.') +
      '\n',
  );
  return EXIT_INTERNAL;
}

if (require.main === module) {
  // The same settings file `npm start` reads, so import and export find the same storage and prefix.
  if (existsSync('.env')) process.loadEnvFile('.env');
  // Piped into `head`, the reader may leave early: that is not an error worth a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(0);
  });
  const io: CliIo = {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    env: process.env,
  };
  runCli(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.exitCode = reportInternalError(error, io, process.env);
    },
  );
}

/**
 * `import --data FILE`: loads a data file of figures from earlier terms into the product's storage, each
 * change with an audit record (channel `import`). Re-importing the same file changes nothing. Figures of
 * a term that has not started are refused, and so are the open round's, which heads answer on their
 * cards, unless `--correct-open-round TERM` says to overwrite them: each change is then recorded as a
 * correction by the person who ran the command (`--by NAME`, or the name they are logged in as).
 */
import { userInfo } from 'node:os';

import { readObservationsFile } from '../adapters/files/readObservationsCsv';
import { guardImport, importFigures } from '../app/round/importFigures';
import { localTime } from '../domain/terms/localTime';
import { readTermKey } from '../domain/terms/termCalendar';
import { type CliIo, EXIT_INVALID_INPUT, EXIT_OK, UsageError } from './cliIo';
import { storedOrFileRoster, withStorage } from './cliStorage';
import { readCalendar } from './evaluateCommand';
import { parseOptions } from './parseOptions';

const OPTIONS = ['data', 'terms', 'correct-open-round', 'by'];
const REQUIRED = ['data'];

/** The name the person running the command is logged in as; without one, `--by` must say who. */
function loggedInAs(): string {
  let name = '';
  try {
    name = userInfo().username;
  } catch {
    // No user database entry (some containers): the person must name themselves.
  }
  if (!name) throw new UsageError('say who is correcting the open round with --by NAME');
  return name;
}

/** Runs `import`; resolves to the exit code. `clock` stamps the audit records (tests pass their own). */
export async function importCommand(
  args: readonly string[],
  io: CliIo,
  clock: () => Date = () => new Date(),
): Promise<number> {
  const options = parseOptions(args, OPTIONS, REQUIRED);
  const path = options.get('data') ?? '';
  const correctTerm = options.get('correct-open-round');
  if (correctTerm !== undefined) {
    const key = readTermKey(correctTerm);
    if (!key.ok) throw new UsageError(`--correct-open-round: ${key.message}`);
  }
  if (options.has('by') && correctTerm === undefined) {
    throw new UsageError('--by names who corrects the open round: give it with --correct-open-round');
  }
  const by = correctTerm === undefined ? '' : (options.get('by') ?? loggedInAs());
  const calendar = await readCalendar(options.get('terms'), io);
  if (!calendar) return EXIT_INVALID_INPUT;

  return withStorage(io, async (stores, config) => {
    // The figures are checked against the roster the bot uses: the stored one, or the files it would load.
    const roster = await storedOrFileRoster(stores, config, io, 'checking the figures against the roster in');
    if (!roster) return EXIT_INVALID_INPUT;

    const data = await readObservationsFile(path, { roster, calendar });
    if (!data.ok) {
      for (const error of data.errors) io.err(`${error}\n`);
      io.err(
        `${data.errors.length} ${data.errors.length === 1 ? 'problem' : 'problems'}; nothing was imported\n`,
      );
      return EXIT_INVALID_INPUT;
    }
    const now = clock();
    const open = (await stores.rounds.list()).find((round) => round.status === 'open');
    const guarded = guardImport(data.observations, {
      currentTerm: calendar.termContaining(localTime(now, config.round.timeZone).date),
      ...(open ? { openTerm: open.term } : {}),
      ...(correctTerm !== undefined ? { correctTerm } : {}),
    });
    if (!guarded.ok) {
      io.err(`${guarded.message}\n`);
      return EXIT_INVALID_INPUT;
    }
    const at = now.toISOString();
    const outcome = await importFigures(stores.figures, guarded.history, at);
    io.out(
      `Imported ${path}: ${outcome.changed} ${outcome.changed === 1 ? 'figure' : 'figures'} written with audit records, ` +
        `${outcome.unchanged} already stored unchanged, over ${outcome.academyTerms} academy-terms.\n`,
    );
    if (guarded.corrections.length > 0) {
      const corrected = await importFigures(stores.figures, guarded.corrections, at, {
        channel: 'correction',
        by,
      });
      io.out(
        `Corrected the open round (${correctTerm ?? ''}): ${corrected.changed} ${corrected.changed === 1 ? 'figure' : 'figures'} ` +
          `changed, each audited as a correction by ${by}; ${corrected.unchanged} already as in the file.\n`,
      );
    }
    return EXIT_OK;
  });
}

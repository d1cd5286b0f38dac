/**
 * `import --data FILE`: loads a data file of figures from earlier terms into the product's storage, each
 * change with an audit record (channel `import`). Re-importing the same file changes nothing.
 */
import { readObservationsFile } from '../adapters/files/readObservationsCsv';
import { readRosterDir } from '../adapters/files/readRosterDir';
import { importFigures } from '../app/round/importFigures';
import { formatRosterError } from '../domain/roster/parseRoster';
import type { Roster } from '../domain/roster/roster';
import { type CliIo, EXIT_INVALID_INPUT, EXIT_OK } from './cliIo';
import { withStorage } from './cliStorage';
import { readCalendar } from './evaluateCommand';
import { parseOptions } from './parseOptions';

const OPTIONS = ['data', 'terms'];
const REQUIRED = ['data'];

/** Runs `import`; resolves to the exit code. `clock` stamps the audit records (tests pass their own). */
export async function importCommand(
  args: readonly string[],
  io: CliIo,
  clock: () => Date = () => new Date(),
): Promise<number> {
  const options = parseOptions(args, OPTIONS, REQUIRED);
  const path = options.get('data') ?? '';
  const calendar = await readCalendar(options.get('terms'), io);
  if (!calendar) return EXIT_INVALID_INPUT;

  return withStorage(io, async (stores, config) => {
    // The figures are checked against the roster the bot uses: the stored one, or the files it would load.
    let roster: Roster | undefined = await stores.roster.load();
    if (!roster) {
      const files = await readRosterDir(config.rosterDir);
      if (!files.ok) {
        io.err(`No roster is stored yet and the roster in ${config.rosterDir} has problems:\n`);
        for (const error of files.errors) io.err(`  ${formatRosterError(error)}\n`);
        return EXIT_INVALID_INPUT;
      }
      io.err(`No roster is stored yet: checking the figures against the roster in ${config.rosterDir}.\n`);
      roster = files.roster;
    }

    const data = await readObservationsFile(path, { roster, calendar });
    if (!data.ok) {
      for (const error of data.errors) io.err(`${error}\n`);
      io.err(
        `${data.errors.length} ${data.errors.length === 1 ? 'problem' : 'problems'}; nothing was imported\n`,
      );
      return EXIT_INVALID_INPUT;
    }
    const outcome = await importFigures(stores.figures, data.observations, clock().toISOString());
    io.out(
      `Imported ${path}: ${outcome.changed} ${outcome.changed === 1 ? 'figure' : 'figures'} written with audit records, ` +
        `${outcome.unchanged} already stored unchanged, over ${outcome.academyTerms} academy-terms.\n`,
    );
    return EXIT_OK;
  });
}

/**
 * `import --data FILE`: loads a data file of figures from earlier terms into the product's storage, each
 * change with an audit record (channel `import`). Re-importing the same file changes nothing. Figures of
 * a term that has not started are refused; so are the open round's, which heads answer on their cards,
 * unless `--correct-open-round TERM` says to overwrite them, and a closed round's figures that people gave,
 * unless `--correct-submitted TERM[,TERM…]` says so: each such change is recorded as a correction by the
 * person who ran the command (`--by NAME`, or the name they are logged in as). See src/app/guardedImport.ts.
 */
import { readObservationsFile } from '../adapters/files/readObservationsCsv';
import { guardItems, writeGuarded } from '../app/guardedImport';
import { IMPORT_ACTOR, importItemOf } from '../app/round/importFigures';
import { type CliIo, EXIT_INVALID_INPUT, EXIT_OK, writeProblems } from './cliIo';
import { storedOrFileRoster, withStorage } from './cliStorage';
import { readCalendar } from './evaluateCommand';
import { CORRECTION_OPTIONS, readCorrections, reportCorrections } from './importGuard';
import { parseOptions } from './parseOptions';

const OPTIONS = ['data', 'terms', ...CORRECTION_OPTIONS];
const REQUIRED = ['data'];
const IMPORTED = { channel: 'import', by: IMPORT_ACTOR } as const;

/** Runs `import`; resolves to the exit code. `clock` stamps the audit records (tests pass their own). */
export async function importCommand(
  args: readonly string[],
  io: CliIo,
  clock: () => Date = () => new Date(),
): Promise<number> {
  const options = parseOptions(args, OPTIONS, REQUIRED);
  const path = options.get('data') ?? '';
  const corrections = readCorrections(options);
  const calendar = await readCalendar(options.get('terms'), io);
  if (!calendar) return EXIT_INVALID_INPUT;

  return withStorage(io, async (stores, config) => {
    // The figures are checked against the roster the bot uses: the stored one, or the files it would load.
    const roster = await storedOrFileRoster(stores, config, io, 'checking the figures against the roster in');
    if (!roster) return EXIT_INVALID_INPUT;

    const data = await readObservationsFile(path, { roster, calendar });
    if (!data.ok) {
      writeProblems(io, data.errors);
      io.err(
        `${data.errors.length} ${data.errors.length === 1 ? 'problem' : 'problems'}; nothing was imported\n`,
      );
      return EXIT_INVALID_INPUT;
    }
    const now = clock();
    const items = data.observations.map(importItemOf);
    const guarded = await guardItems(
      { figures: stores.figures, rounds: stores.rounds, calendar, timeZone: config.round.timeZone },
      items,
      corrections,
      now,
    );
    if (!guarded.ok) {
      io.err(`${guarded.message}\n`);
      return EXIT_INVALID_INPUT;
    }
    const outcome = await writeGuarded(
      stores.figures,
      guarded.items,
      now.toISOString(),
      IMPORTED,
      corrections,
    );
    io.out(
      `Imported ${path}: ${outcome.imported.changed} ${outcome.imported.changed === 1 ? 'figure' : 'figures'} written with audit records, ` +
        `${outcome.imported.unchanged} already stored unchanged, over ${outcome.imported.academyTerms} academy-terms.\n`,
    );
    reportCorrections(io, outcome, corrections);
    return EXIT_OK;
  });
}

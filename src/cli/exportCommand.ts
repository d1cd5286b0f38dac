/**
 * `export --term T [--since T] [--format figures|data] [--out FILE]`: writes the stored figures of a term
 * (or of every term from --since to --term) as CSV, safe to open in a spreadsheet (no cell runs as a
 * formula): `figures` (the default) is `academy,term,metric,value,status,by,at,channel`, every answer with how it
 * came to be; `data` is the data file `evaluate` reads, `academy,term,metric,value,knownOn,notAvailable,by`, so
 * `evaluate` judges the stored figures as the bot does.
 */
import { writeFile } from 'node:fs/promises';

import { dataFileCsv, figuresCsv } from '../app/round/exportFigures';
import { rosterNames } from '../app/round/storedObservations';
import { compareTerms, formatTermKey, readTermKey, termRange } from '../domain/terms/termCalendar';
import { type CliIo, EXIT_INVALID_INPUT, EXIT_OK, UsageError } from './cliIo';
import { withStorage } from './cliStorage';
import { parseOptions } from './parseOptions';

const OPTIONS = ['term', 'since', 'format', 'out'];
const REQUIRED = ['term'];

/** Runs `export`; resolves to the exit code. Without --out the CSV goes to standard output. */
export async function exportCommand(args: readonly string[], io: CliIo): Promise<number> {
  const options = parseOptions(args, OPTIONS, REQUIRED);
  const term = options.get('term') ?? '';
  const read = readTermKey(term);
  if (!read.ok) throw new UsageError(`--term: ${read.message}`);
  const sinceText = options.get('since');
  const since = sinceText === undefined ? read : readTermKey(sinceText);
  if (!since.ok) throw new UsageError(`--since: ${since.message}`);
  if (compareTerms(since.value, read.value) > 0)
    throw new UsageError(`--since ${sinceText ?? ''} is after --term ${term}; give the earlier term first`);
  const format = options.get('format') ?? 'figures';
  if (format !== 'figures' && format !== 'data')
    throw new UsageError(`--format must be figures or data, not "${format}"`);
  const terms = termRange(since.value, read.value).map(formatTermKey);
  const out = options.get('out');
  const span = terms.length === 1 ? term : `${terms[0] ?? term} to ${term}`;

  return withStorage(io, async (stores, config) => {
    const records = (await Promise.all(terms.map((each) => stores.figures.term(each)))).flat();
    // Names of who answered "not available", as the bot shows them; none when no roster is stored.
    const roster = format === 'data' ? await stores.roster.load() : undefined;
    const nameOf = roster ? rosterNames(roster) : () => undefined;
    const csv = format === 'data' ? dataFileCsv(records, config.round.timeZone, nameOf) : figuresCsv(records);
    const count = records.reduce((sum, record) => sum + record.figures.size, 0);
    if (out === undefined) {
      io.out(csv);
    } else {
      try {
        await writeFile(out, csv, 'utf8');
      } catch (error) {
        io.err(`Could not write ${out}: ${error instanceof Error ? error.message : String(error)}\n`);
        return EXIT_INVALID_INPUT;
      }
    }
    const where = out === undefined ? '' : ` to ${out}`;
    io.err(
      count === 0
        ? `No figures are stored for ${span}; wrote the header only${where}.\n`
        : `Wrote ${count} ${count === 1 ? 'figure' : 'figures'} of ${span}${where}.\n`,
    );
    return EXIT_OK;
  });
}

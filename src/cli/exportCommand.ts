/**
 * `export --term T [--out FILE]`: writes a term's stored figures (submitted and imported) as CSV,
 * `academy,term,metric,value,status,by,at`, safe to open in a spreadsheet (no cell runs as a formula).
 */
import { writeFile } from 'node:fs/promises';

import { figuresCsv } from '../app/round/exportFigures';
import { parseTermKey } from '../domain/terms/termCalendar';
import { type CliIo, EXIT_INVALID_INPUT, EXIT_OK, UsageError } from './cliIo';
import { withStorage } from './cliStorage';
import { parseOptions } from './parseOptions';

const OPTIONS = ['term', 'out'];
const REQUIRED = ['term'];

/** Runs `export`; resolves to the exit code. Without --out the CSV goes to standard output. */
export async function exportCommand(args: readonly string[], io: CliIo): Promise<number> {
  const options = parseOptions(args, OPTIONS, REQUIRED);
  const term = options.get('term') ?? '';
  if (!parseTermKey(term))
    throw new UsageError(`--term "${term}" is not a term; write it like 2025-26-summer`);
  const out = options.get('out');

  return withStorage(io, async (stores) => {
    const records = await stores.figures.term(term);
    const count = records.reduce((sum, record) => sum + record.figures.size, 0);
    const csv = figuresCsv(records);
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
        ? `No figures are stored for ${term}; wrote the header only${where}.\n`
        : `Wrote ${count} ${count === 1 ? 'figure' : 'figures'} of ${term}${where}.\n`,
    );
    return EXIT_OK;
  });
}

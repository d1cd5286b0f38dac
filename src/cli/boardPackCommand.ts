/**
 * `board-pack --term T [--out FILE] [--format pdf|html]`: writes the term's board paper from the
 * evaluation stored when its round closed, in the product's storage.
 */
import { writeFile } from 'node:fs/promises';

import { boardPackFileName, renderBoardPack } from '../adapters/document/FileBoardPackWriter';
import { PdfPrinterUnavailable } from '../adapters/document/printPdf';
import { loadTrustPlan } from '../adapters/files/loadTrustPlan';
import { buildBoardPack } from '../app/board/boardPack';
import { readTermKey } from '../domain/terms/termCalendar';
import { type CliIo, EXIT_INVALID_INPUT, EXIT_OK, UsageError } from './cliIo';
import { withStorage } from './cliStorage';
import { parseOptions } from './parseOptions';

const OPTIONS = ['term', 'out', 'format'];
const REQUIRED = ['term'];

/** Runs `board-pack`; resolves to the exit code. */
export async function boardPackCommand(args: readonly string[], io: CliIo): Promise<number> {
  const options = parseOptions(args, OPTIONS, REQUIRED);
  const term = options.get('term') ?? '';
  const read = readTermKey(term);
  if (!read.ok) throw new UsageError(`--term: ${read.message}`);
  const format = options.get('format') ?? 'pdf';
  if (format !== 'pdf' && format !== 'html') throw new UsageError(`--format: "${format}" is not pdf or html`);

  return withStorage(io, async (stores, config) => {
    const roster = await stores.roster.load();
    if (!roster) {
      io.err(
        'The storage holds no roster yet: start the bot once (npm start) so it loads the roster files.\n',
      );
      return EXIT_INVALID_INPUT;
    }
    const { plan, calendar } = loadTrustPlan(config.planFile, config.termsFile);
    const outcome = await buildBoardPack(
      {
        plan,
        calendar,
        settings: config.round,
        rounds: stores.rounds,
        evaluations: stores.evaluations,
        figures: stores.figures,
        owners: stores.owners,
        prompts: stores.prompts,
        conversations: stores.conversations,
        clock: () => new Date(),
      },
      roster,
      term,
    );
    if (outcome.kind !== 'pack') {
      io.err(`${outcome.text}\n`);
      return EXIT_INVALID_INPUT;
    }
    let bytes: Buffer;
    try {
      bytes = await renderBoardPack(outcome.pack, format);
    } catch (error) {
      if (!(error instanceof PdfPrinterUnavailable)) throw error;
      io.err(`${error.message}\n`);
      return EXIT_INVALID_INPUT;
    }
    const out = options.get('out') ?? boardPackFileName(outcome.pack, format);
    try {
      await writeFile(out, bytes);
    } catch (error) {
      io.err(`Could not write ${out}: ${error instanceof Error ? error.message : String(error)}\n`);
      return EXIT_INVALID_INPUT;
    }
    io.err(`Wrote the ${outcome.pack.termLabel} board pack (${format}, ${bytes.length} bytes) to ${out}.\n`);
    return EXIT_OK;
  });
}

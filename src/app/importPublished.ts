/**
 * Imports the files in the published-files folder (PUBLISHED_DIR): each named for its source
 * (readPublishedFileName), read for the trust's academies, and stored as figures with their publication,
 * audited under the source. A nightly function runs it; files may stay in the folder, since importing
 * the same file again writes nothing. A bad file is reported and nothing of it is imported; the others
 * are imported all the same. Every file passes the command line's guard (guardedImport) and corrects
 * nothing: a file with figures of a term not started, of the open round, or over a figure a person gave
 * is refused whole, and imported on a later night once the round has closed, or by hand with the
 * command line's correction options.
 */
import { readPublishedFileName } from '../domain/published/publishedFileName';
import type {
  PublicationFacts,
  PublishedFileResult,
  PublishedSource,
} from '../domain/published/publishedSources';
import type { Roster } from '../domain/roster/roster';
import type { TermCalendar } from '../domain/terms/termCalendar';
import { guardItems, NO_CORRECTIONS, writeGuarded } from './guardedImport';
import type { FigureStore, Logger, RoundStore } from './ports';
import type { ImportOutcome } from './round/importFigures';

export interface PublishedImportDeps {
  figures: FigureStore;
  rounds: RoundStore;
  calendar: TermCalendar;
  /** The trust's time zone (ROUND_TIME_ZONE): which term today is in. */
  timeZone: string;
  clock: () => Date;
  log: Logger;
  /** The names of the files in the folder. */
  listFiles(): Promise<string[]>;
  /** Reads one file of the folder as the source's kind of file (readPublishedFile). */
  readFile(
    name: string,
    source: PublishedSource,
    context: { roster: Roster; calendar: TermCalendar; facts: PublicationFacts },
  ): Promise<PublishedFileResult>;
}

export interface PublishedImportRun {
  /** Per file imported: its name and what was written. */
  imported: Array<{ name: string; outcome: ImportOutcome }>;
  /** Files refused, each with its problems. */
  refused: Array<{ name: string; errors: string[] }>;
}

/** Imports every file of the folder for the roster's academies; logs what each did. */
export async function importPublishedFiles(
  deps: PublishedImportDeps,
  roster: Roster,
): Promise<PublishedImportRun> {
  const run: PublishedImportRun = { imported: [], refused: [] };
  for (const name of (await deps.listFiles()).sort()) {
    const named = readPublishedFileName(name);
    if (!named.ok) {
      run.refused.push({ name, errors: [named.message] });
      deps.log.warn(`Published files: ${named.message}; rename it to import it.`);
      continue;
    }
    const read = await deps.readFile(name, named.source, {
      roster,
      calendar: deps.calendar,
      facts: named.facts,
    });
    if (!read.ok) {
      run.refused.push({ name, errors: read.errors });
      deps.log.warn(`Published files: ${name} was not imported:\n  ${read.errors.join('\n  ')}`);
      continue;
    }
    const items = read.figures.map(({ urn, term, metricId, content }) => ({
      subject: urn,
      term,
      metricId,
      content,
    }));
    const now = deps.clock();
    const guarded = await guardItems(deps, items, NO_CORRECTIONS, now);
    if (!guarded.ok) {
      const howTo = `to import it over them, run: npm run cli -- import --from ${named.source.id} ${name} with the option the message names`;
      run.refused.push({ name, errors: [guarded.message] });
      deps.log.warn(
        guarded.correctable === false
          ? `Published files: ${name} was not imported: ${guarded.message}`
          : `Published files: ${name} was not imported: ${guarded.message} (The nightly import corrects nothing; ${howTo}.)`,
      );
      continue;
    }
    const { imported: outcome } = await writeGuarded(
      deps.figures,
      guarded.items,
      now.toISOString(),
      { channel: 'import', by: named.source.id },
      NO_CORRECTIONS,
    );
    run.imported.push({ name, outcome });
    deps.log.info(
      `Published files: ${name}: ${outcome.changed} figures written, ${outcome.unchanged} already stored or superseded.`,
    );
  }
  return run;
}

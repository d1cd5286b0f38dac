/**
 * `import --from SOURCE FILE`: imports the figures a publisher's file holds for the trust's academies
 * (docs/published-figures.md): DfE performance tables, Explore Education Statistics' KS2 file, Ofsted's
 * management information. Each figure is stored with its publication and audited (channel `import`,
 * `by` the source); re-importing the same file writes nothing. It passes the same guard as `import`
 * (src/app/guardedImport.ts): no term that has not started, and nothing over the open round's figures or a head's
 * submitted ones unless told to, as a correction naming who ran it.
 */
import { readPublishedFile } from '../adapters/files/readPublishedFile';
import { guardItems, writeGuarded } from '../app/guardedImport';
import { PUBLISHED_SOURCES, type Release } from '../domain/published/publication';
import { getPublishedSource, type PublicationFacts } from '../domain/published/publishedSources';
import { isIsoDate, parseAcademicYear } from '../domain/terms/termCalendar';
import { type CliIo, EXIT_INVALID_INPUT, EXIT_OK, UsageError } from './cliIo';
import { storedOrFileRoster, withStorage } from './cliStorage';
import { readCalendar } from './evaluateCommand';
import { CORRECTION_OPTIONS, readCorrections, reportCorrections } from './importGuard';
import { parseOptions } from './parseOptions';

const OPTIONS = ['from', 'file', 'year', 'release', 'published', 'terms', ...CORRECTION_OPTIONS];

const FACT_OPTIONS: Record<keyof PublicationFacts, string> = {
  year: '--year YYYY-YY (the academic year of the results)',
  release: '--release provisional|revised',
  publishedOn: '--published YYYY-MM-DD (the day the DfE published the file)',
};

/** The options, with the file given either as `--file FILE` or as the one argument that is not an option. */
function readArgs(args: readonly string[]): Map<string, string> {
  const rest = [...args];
  let file: string | undefined;
  for (let index = 0; index < rest.length; index++) {
    const arg = rest[index] ?? '';
    if (arg.startsWith('--')) {
      if (!arg.includes('=')) index++;
      continue;
    }
    if (file !== undefined) throw new UsageError(`unexpected argument "${arg}"`);
    file = arg;
    rest.splice(index--, 1);
  }
  const options = parseOptions(rest, OPTIONS, ['from']);
  if (file !== undefined) {
    if (options.has('file')) throw new UsageError('give the file once: as --file FILE or after the options');
    options.set('file', file);
  }
  if (!options.has('file')) throw new UsageError('missing the file to import: import --from SOURCE FILE');
  return options;
}

function readFacts(options: Map<string, string>): PublicationFacts {
  const facts: PublicationFacts = {};
  const year = options.get('year');
  if (year !== undefined) {
    const start = parseAcademicYear(year);
    if (start === undefined)
      throw new UsageError(`--year "${year}" is not an academic year; write it as 2024-25`);
    facts.year = start;
  }
  const release = options.get('release');
  if (release !== undefined) {
    if (release !== 'provisional' && release !== 'revised')
      throw new UsageError(`--release "${release}": say provisional or revised`);
    facts.release = release satisfies Release;
  }
  const published = options.get('published');
  if (published !== undefined) {
    if (!isIsoDate(published))
      throw new UsageError(`--published "${published}" is not a date; write it as YYYY-MM-DD`);
    facts.publishedOn = published;
  }
  return facts;
}

/** Runs `import --from`; resolves to the exit code. `clock` stamps the audit records. */
export async function importPublishedCommand(
  args: readonly string[],
  io: CliIo,
  clock: () => Date = () => new Date(),
): Promise<number> {
  const options = readArgs(args);
  const sourceId = options.get('from') ?? '';
  const source = getPublishedSource(sourceId);
  if (!source) throw new UsageError(`--from "${sourceId}": the sources are ${PUBLISHED_SOURCES.join(', ')}`);
  const facts = readFacts(options);
  const missing = source.needs.filter((fact) => facts[fact] === undefined);
  if (missing.length > 0) {
    throw new UsageError(
      `${source.label} does not say ${missing.length === 1 ? 'this' : 'these'} itself: give ${missing.map((fact) => FACT_OPTIONS[fact]).join(', ')}`,
    );
  }
  const path = options.get('file') ?? '';
  const corrections = readCorrections(options);
  const calendar = await readCalendar(options.get('terms'), io);
  if (!calendar) return EXIT_INVALID_INPUT;

  return withStorage(io, async (stores, config) => {
    const roster = await storedOrFileRoster(stores, config, io, 'keeping the academies of the roster in');
    if (!roster) return EXIT_INVALID_INPUT;
    const read = await readPublishedFile(path, source, { roster, calendar, facts });
    if (!read.ok) {
      for (const error of read.errors) io.err(`${error}\n`);
      if (read.errors.length > 1) io.err(`${read.errors.length} problems; nothing was imported\n`);
      return EXIT_INVALID_INPUT;
    }
    const items = read.figures.map(({ urn, term, metricId, content }) => ({
      subject: urn,
      term,
      metricId,
      content,
    }));
    const now = clock();
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
      {
        channel: 'import',
        by: source.id,
      },
      corrections,
    );
    for (const reason of read.skipped) io.out(`Left out: ${reason}\n`);
    io.out(
      `Imported ${path} (${source.id}): ${read.trustRecords} of ${read.records} rows are the trust's academies; ` +
        `${outcome.imported.changed} ${outcome.imported.changed === 1 ? 'figure' : 'figures'} written with audit records, ` +
        `${outcome.imported.unchanged} already stored or superseded by a later publication.\n`,
    );
    reportCorrections(io, outcome, corrections);
    return EXIT_OK;
  });
}

/**
 * One published-file read, alone in its process so that its peak memory is its own: reads the file as
 * Explore Education Statistics' KS2 file for the demo roster and prints the time, the peak resident
 * memory and what it found, as JSON. Run by publishedImport.bench.ts.
 */
import { readPublishedFile } from '../src/adapters/files/readPublishedFile';
import { readRosterDir } from '../src/adapters/files/readRosterDir';
import { getPublishedSource } from '../src/domain/published/publishedSources';
import { DEFAULT_TERM_CALENDAR } from '../src/domain/terms/termCalendar';

async function main(): Promise<void> {
  const [path = ''] = process.argv.slice(2);
  const roster = await readRosterDir('demo/roster');
  const source = getPublishedSource('ees-ks2');
  if (!roster.ok || !source) throw new Error('the demo roster or the ees-ks2 source is missing');
  // What the process holds before the read (Node, tsx and the product's modules), for comparison.
  const baselineMb = process.resourceUsage().maxRSS / 1024;
  const started = performance.now();
  const read = await readPublishedFile(path, source, {
    roster: roster.roster,
    calendar: DEFAULT_TERM_CALENDAR,
    facts: { publishedOn: '2025-09-11' },
  });
  const ms = performance.now() - started;
  if (!read.ok) throw new Error(read.errors.join('\n'));
  // maxRSS is in kilobytes: the most this process ever held, the read included.
  const peakMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(
    `${JSON.stringify({ ms, peakMb, baselineMb, records: read.records, figures: read.figures.length })}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});

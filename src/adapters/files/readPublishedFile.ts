/**
 * Reads a published file (DfE performance tables, Explore Education Statistics, Ofsted's management
 * information) for the trust's academies: the file is streamed, each record is only cut out of the text
 * (CsvRecordSplitter) and parsed only when it names one of the trust's URNs, so a 200 MB file of every
 * school in England is read in seconds with little memory. The header is checked before any row: a file
 * without one of the columns its source needs is refused whole, naming the file and the column.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';

import { parse as parseCsv } from 'csv-parse/sync';

import { CsvRecordSplitter } from '../../domain/csv/CsvRecordSplitter';
import type {
  PublicationFacts,
  PublishedFigure,
  PublishedFileResult,
  PublishedSource,
} from '../../domain/published/publishedSources';
import type { Academy, Roster } from '../../domain/roster/roster';
import type { TermCalendar } from '../../domain/terms/termCalendar';
import { notRegularFile } from './readTextFile';

export interface PublishedFileContext {
  roster: Roster;
  calendar: TermCalendar;
  facts: PublicationFacts;
}

/** Records before the header that are skipped (Ofsted's files may open with a title line). */
const MAX_LINES_BEFORE_HEADER = 5;

function parseRecord(record: string): string[] {
  const rows: unknown = parseCsv(record, { relax_quotes: true, relax_column_count: true });
  return Array.isArray(rows) && Array.isArray(rows[0]) ? (rows[0] as string[]) : [];
}

/** A regular expression that finds a record with one of the URNs as a whole value, quoted or not. */
function urnFinder(urns: readonly string[]): RegExp {
  const alternatives = urns.map((urn) => urn.replace(/[^0-9A-Za-z]/g, (c) => `\\${c}`)).join('|');
  return new RegExp(`(?:^|,)\\s*"?(?:${alternatives})"?\\s*(?:,|$)`);
}

/**
 * Reads the file as the source's kind of file and returns the figures of the roster's academies, or
 * every problem (each naming the file); no figure is returned from a file with a problem.
 */
export async function readPublishedFile(
  path: string,
  source: PublishedSource,
  context: PublishedFileContext,
): Promise<PublishedFileResult> {
  const academies = new Map<string, Academy>(
    context.roster.academies.map((academy) => [academy.urn, academy]),
  );
  const finder = urnFinder([...academies.keys()]);
  const splitter = new CsvRecordSplitter();
  const decoder = new TextDecoder(source.encoding);

  let header: Map<string, number> | undefined;
  let headerProblem: string | undefined;
  let seenBeforeHeader = 0;
  let records = 0;
  let trustRecords = 0;
  const figures: PublishedFigure[] = [];
  const problems: string[] = [];
  const skipped: string[] = [];

  const onRecord = (record: string): void => {
    if (headerProblem !== undefined) return;
    if (!header) {
      if (record.trim() === '') return;
      const names = parseRecord(record).map((name) => name.trim());
      if (!names.includes(source.urnColumn)) {
        if (++seenBeforeHeader >= MAX_LINES_BEFORE_HEADER)
          headerProblem = `no header with the column "${source.urnColumn}" in its first ${MAX_LINES_BEFORE_HEADER} lines`;
        return;
      }
      const missing = source.columns.filter((column) => !names.includes(column));
      if (missing.length > 0) {
        headerProblem = `the header has no column ${missing.map((column) => `"${column}"`).join(', ')}`;
        return;
      }
      header = new Map(names.map((name, index) => [name, index]));
      return;
    }
    records++;
    if (!finder.test(record)) return;
    const values = parseRecord(record);
    const urnIndex = header.get(source.urnColumn) ?? -1;
    const academy = academies.get((values[urnIndex] ?? '').trim());
    if (!academy) return;
    trustRecords++;
    const columns = header;
    const cells = (column: string): string => {
      const index = columns.get(column);
      return index === undefined ? '' : (values[index] ?? '');
    };
    const outcome = source.readRow(cells, { academy, calendar: context.calendar, facts: context.facts });
    figures.push(...outcome.figures);
    problems.push(...outcome.problems);
    skipped.push(...outcome.skipped);
  };

  try {
    const info = await stat(path);
    if (!info.isFile() && !info.isDirectory()) {
      return { ok: false, errors: [`${path}: ${notRegularFile(info, 'the published file')}`] };
    }
    const stream = createReadStream(path, { highWaterMark: 1 << 18 });
    for await (const chunk of stream) {
      splitter.push(decoder.decode(chunk as Buffer, { stream: true }), onRecord);
      // A file that is not the expected kind is refused at its header: read no further.
      if (headerProblem !== undefined) {
        stream.destroy();
        break;
      }
    }
    splitter.push(decoder.decode(), onRecord);
    splitter.end(onRecord);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: false, errors: [`${path}: no such file`] };
    if (code === 'EISDIR') return { ok: false, errors: [`${path}: is a folder, not a file`] };
    if (code === 'EACCES') return { ok: false, errors: [`${path}: cannot be read (permission denied)`] };
    if ((error as { code?: string }).code?.startsWith('CSV_')) {
      return { ok: false, errors: [`${path}: is not valid CSV (${(error as Error).message})`] };
    }
    throw error;
  }

  if (headerProblem === undefined && !header) headerProblem = 'is empty';
  if (headerProblem !== undefined) {
    return {
      ok: false,
      errors: [`${path}: ${headerProblem}; it is not ${source.label}. Nothing was imported.`],
    };
  }
  const unique = [...new Set(problems)];
  if (unique.length > 0) return { ok: false, errors: unique.map((problem) => `${path}: ${problem}`) };
  return { ok: true, figures, records, trustRecords, skipped };
}

/**
 * Reads GIAS's establishment extract (edubasealldata*.csv: every establishment in England, about 50,000
 * rows, Windows-1252) for `roster check --gias`. The file is streamed twice, each record cut out of the
 * text (CsvRecordSplitter) and parsed only when it may matter: first the rows of the roster's URNs, which
 * give the trust's code in the register; then the rows carrying that code. The header is checked before
 * any row: a file without one of the columns the check reads is refused, naming the file and the column.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';

import { parse as parseCsv } from 'csv-parse/sync';

import { CsvRecordSplitter } from '../../domain/csv/CsvRecordSplitter';
import {
  GIAS_COLUMNS,
  readRegisterRow,
  type RegisterEstablishment,
  registerTrustCode,
} from '../../domain/roster/registerComparison';
import { notRegularFile } from './readTextFile';

export type GiasExtractResult =
  | {
      ok: true;
      /** The register's rows for the roster's URNs, and for the trust's code. */
      rosterRows: RegisterEstablishment[];
      trustRows: RegisterEstablishment[];
      trustCode?: string;
      records: number;
    }
  | { ok: false; error: string };

function parseRecord(record: string): string[] {
  const rows: unknown = parseCsv(record, { relax_quotes: true, relax_column_count: true });
  return Array.isArray(rows) && Array.isArray(rows[0]) ? (rows[0] as string[]) : [];
}

/** A regular expression finding a record with one of the values as a whole cell, quoted or not. */
function cellFinder(values: readonly string[]): RegExp {
  const alternatives = values.map((value) => value.replace(/[^0-9A-Za-z]/g, (c) => `\\${c}`)).join('|');
  return new RegExp(`(?:^|,)\\s*"?(?:${alternatives})"?\\s*(?:,|$)`);
}

class HeaderError extends Error {}

/** Streams the file once, calling `onRow` for each record that `finder` matches; returns the record count. */
async function scan(
  path: string,
  finder: RegExp | undefined,
  onRow: (row: RegisterEstablishment) => void,
): Promise<number> {
  const splitter = new CsvRecordSplitter();
  const decoder = new TextDecoder('windows-1252');
  let header: Map<string, number> | undefined;
  let records = 0;
  const onRecord = (record: string): void => {
    if (!header) {
      if (record.trim() === '') return;
      const names = parseRecord(record).map((name) => name.trim());
      const missing = GIAS_COLUMNS.filter((column) => !names.includes(column));
      if (missing.length > 0) {
        throw new HeaderError(
          `the header has no column ${missing.map((column) => `"${column}"`).join(', ')}; it is not GIAS's establishment extract (edubasealldata*.csv from get-information-schools.service.gov.uk/Downloads)`,
        );
      }
      header = new Map(names.map((name, index) => [name, index]));
      return;
    }
    records++;
    if (!finder?.test(record)) return;
    const values = parseRecord(record);
    const columns = header;
    onRow(
      readRegisterRow((column) => {
        const index = columns.get(column);
        return index === undefined ? '' : (values[index] ?? '');
      }),
    );
  };
  const stream = createReadStream(path, { highWaterMark: 1 << 18 });
  try {
    for await (const chunk of stream)
      splitter.push(decoder.decode(chunk as Buffer, { stream: true }), onRecord);
    splitter.push(decoder.decode(), onRecord);
    splitter.end(onRecord);
  } finally {
    stream.destroy();
  }
  if (!header) throw new HeaderError('is empty');
  return records;
}

/** Reads the register's rows for the roster's URNs and for the trust's code, or why the file cannot be read. */
export async function readGiasExtract(path: string, urns: readonly string[]): Promise<GiasExtractResult> {
  try {
    const info = await stat(path);
    if (!info.isFile() && !info.isDirectory()) {
      return { ok: false, error: `${path}: ${notRegularFile(info, 'the GIAS extract')}` };
    }
    const rosterRows: RegisterEstablishment[] = [];
    const wanted = new Set(urns);
    const records = await scan(path, urns.length > 0 ? cellFinder(urns) : undefined, (row) => {
      if (wanted.has(row.urn)) rosterRows.push(row);
    });
    const trustCode = registerTrustCode(rosterRows);
    const trustRows: RegisterEstablishment[] = [];
    if (trustCode !== undefined) {
      await scan(path, cellFinder([trustCode]), (row) => {
        if (row.trustCode === trustCode) trustRows.push(row);
      });
    }
    return { ok: true, rosterRows, trustRows, ...(trustCode ? { trustCode } : {}), records };
  } catch (error) {
    if (error instanceof HeaderError) return { ok: false, error: `${path}: ${error.message}` };
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: false, error: `${path}: no such file` };
    if (code === 'EISDIR') return { ok: false, error: `${path}: is a folder, not a file` };
    if (code === 'EACCES') return { ok: false, error: `${path}: cannot be read (permission denied)` };
    if (code?.startsWith('CSV_'))
      return { ok: false, error: `${path}: is not valid CSV (${(error as Error).message})` };
    throw error;
  }
}

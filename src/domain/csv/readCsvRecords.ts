/**
 * The one way the CSV files an administrator keeps (the roster's tables, the data files of figures) are
 * read into records, so that a file reads the same in each.
 */
import { parse as parseCsv } from 'csv-parse/sync';

/** A record with at least one value that is not blank. */
export interface CsvRecord {
  /** The values as written, not trimmed. */
  values: string[];
  /** The 1-based line the record ends on, as csv-parse counts it; a quoted value with line breaks starts it earlier. */
  endLine: number;
}

export type CsvRecordsResult =
  | { ok: true; records: CsvRecord[] }
  | {
      ok: false;
      /** What csv-parse threw; its `code` says what kind of mistake it is. */
      error: unknown;
      /** The line csv-parse stopped at, when it says. */
      line?: number;
    };

interface ParsedRecord {
  record: string[];
  info: { lines: number };
}

/**
 * Parses CSV text. A byte-order mark is dropped; a line starting with "#" is a comment, while a "#"
 * inside a value stays text; records may have any number of values (the caller says which are wrong);
 * blank records are dropped, including the ",,,," a spreadsheet saves for an empty row.
 */
export function readCsvRecords(text: string): CsvRecordsResult {
  let parsed: ParsedRecord[];
  try {
    // info gives each record's line; comment_no_infix keeps a "#" inside a value as text.
    parsed = parseCsv(text, {
      bom: true,
      comment: '#',
      comment_no_infix: true,
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
    }) as unknown as ParsedRecord[];
  } catch (error) {
    // csv-parse reports an unclosed quote at the end of the file; the mistake is where the quote opens.
    const line =
      (error as { code?: unknown }).code === 'CSV_QUOTE_NOT_CLOSED'
        ? unclosedQuoteLine(text)
        : (error as { lines?: unknown }).lines;
    return { ok: false, error, ...(typeof line === 'number' ? { line } : {}) };
  }
  const records = parsed
    .map(({ record, info }) => ({ values: record, endLine: info.lines }))
    .filter(({ values }) => values.some((value) => value.trim() !== ''));
  return { ok: true, records };
}

/**
 * The 1-based line of the double quote that opens a value and is never closed, or undefined when every
 * quoted value is closed. A quote opens a value only at its start; inside one, `""` is a quote character.
 */
export function unclosedQuoteLine(text: string): number | undefined {
  let line = 1;
  let openedOn: number | undefined;
  for (let index = 0; index < text.length; index++) {
    const character = text[index];
    if (character === '\n') line++;
    if (character !== '"') continue;
    if (openedOn === undefined) {
      const before = index === 0 ? '\n' : text[index - 1];
      if (before === ',' || before === '\n' || before === '\r' || before === '\uFEFF') openedOn = line;
    } else if (text[index + 1] === '"') {
      index++;
    } else {
      openedOn = undefined;
    }
  }
  return openedOn;
}

/** What a csv-parse error means, in words an administrator can act on. */
export function describeCsvError(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (code === 'CSV_QUOTE_NOT_CLOSED') {
    return 'a value opens a double quote that is never closed; close it, or remove the stray "';
  }
  if (code === 'INVALID_OPENING_QUOTE' || code === 'CSV_INVALID_CLOSING_QUOTE') {
    return 'a double quote is in the middle of a value; put the whole value in double quotes and write the inner quote twice ("")';
  }
  return error instanceof Error ? error.message : String(error);
}

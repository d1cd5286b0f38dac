/**
 * The two roster tables, academies.csv and people.csv, read the same way: the header is checked against
 * the table's columns, each row is mapped to its cells, and `RowChecks` gathers a row's problems.
 */
import { describeCsvError, readCsvRecords } from '../csv/readCsvRecords';
import { closestName } from './closestName';
import type { RosterError, RosterFile } from './rosterError';

export interface CsvRow {
  line: number;
  /** Cell values by column, trimmed. A required column missing from the header has no entry. */
  cells: Map<string, string>;
}

export interface CsvTable {
  rows: CsvRow[];
  /** Required columns missing from the header: their checks are skipped, the header error covers them. */
  missing: Set<string>;
  /** The names in the header, as written. */
  present: Set<string>;
}

const URN = /^\d{6,7}$/;

/** Whether the text is a DfE unique reference number: six or seven digits. */
export function isUrn(text: string): boolean {
  return URN.test(text);
}

/**
 * Reads one roster table. Reports a file that is not CSV or has no header (and returns undefined), and
 * unknown, repeated or missing columns and rows of the wrong width (and reads the rest).
 */
export function readRosterCsv(
  text: string,
  file: RosterFile,
  columns: readonly string[],
  required: readonly string[],
  errors: RosterError[],
): CsvTable | undefined {
  const parsed = readCsvRecords(text);
  if (!parsed.ok) {
    errors.push({
      file,
      ...(parsed.line === undefined ? {} : { line: parsed.line }),
      message: `is not valid CSV: ${describeCsvError(parsed.error)}`,
    });
    return undefined;
  }
  const nonEmpty = parsed.records.map(({ values, endLine }) => ({
    values,
    line: startLine(values, endLine),
  }));

  const header = nonEmpty[0];
  if (!header) {
    errors.push({
      file,
      message: `the file has no header line; its first line must name the columns: ${columns.join(',')}`,
    });
    return undefined;
  }

  const headerNames = header.values.map((value) => value.trim());
  const headerError = (field: string, message: string) =>
    errors.push({ file, line: header.line, field, message });
  const seen = new Set<string>();
  for (const name of headerNames) {
    if (!columns.includes(name)) {
      const suggestion = closestName(name, columns);
      headerError(
        name,
        `"${name}" is not a column of ${file};${suggestion ? ` did you mean ${suggestion}?` : ''} ` +
          `the columns are ${columns.join(', ')}`,
      );
    } else if (seen.has(name)) {
      headerError(name, `the column "${name}" appears twice; each column may appear once`);
    }
    seen.add(name);
  }
  const missing = new Set(required.filter((name) => !seen.has(name)));
  for (const name of missing) {
    headerError(
      name,
      `the required column "${name}" is missing from the header; the required columns are ${required.join(', ')}`,
    );
  }

  const rows: CsvRow[] = [];
  for (const { values, line } of nonEmpty.slice(1)) {
    if (values.length !== headerNames.length) {
      errors.push({
        file,
        line,
        message:
          `has ${values.length} values but the header has ${headerNames.length} columns; ` +
          'put any value that contains a comma in double quotes',
      });
      continue;
    }
    // Optional columns left out of the header read as empty; a repeated column keeps its first value.
    const cells = new Map<string, string>();
    headerNames.forEach((name, index) => {
      if (columns.includes(name) && !cells.has(name)) cells.set(name, (values[index] ?? '').trim());
    });
    for (const column of columns) {
      if (!missing.has(column) && !cells.has(column)) cells.set(column, '');
    }
    rows.push({ line, cells });
  }
  return { rows, missing, present: seen };
}

/** csv-parse reports the line a record ends on; a quoted value with line breaks starts it earlier. */
function startLine(values: string[], endLine: number): number {
  const breaks = values.reduce((count, value) => count + (value.match(/\r\n|\r|\n/g)?.length ?? 0), 0);
  return endLine - breaks;
}

/** Gathers the problems of one row; a row with any problem adds nothing to the roster. */
export class RowChecks {
  private ok = true;

  constructor(
    private readonly file: RosterFile,
    private readonly row: CsvRow,
    private readonly errors: RosterError[],
  ) {}

  /** True while no check of the row has failed. */
  get valid(): boolean {
    return this.ok;
  }

  /** Reports the problem with `field` unless `ok`. */
  check(ok: boolean, field: string, message: string): void {
    if (!ok) this.fail(field, message);
  }

  fail(field: string, message: string): void {
    this.errors.push({ file: this.file, line: this.row.line, field, message });
    this.ok = false;
  }

  /**
   * The value of a column that holds one of `options`; undefined when the column is missing from the
   * header or the value is none of them (reported, naming it as a `noun`).
   */
  choice<T extends string>(field: string, options: readonly T[], noun: string): T | undefined {
    const text = this.row.cells.get(field);
    if (text === undefined) return undefined;
    const value = options.find((option) => option === text);
    this.check(
      value !== undefined,
      field,
      `${text === '' ? 'is empty' : `"${text}" is not a ${noun}`}; use one of ${options.join(', ')}`,
    );
    return value;
  }
}

/**
 * One CSV cell, written so that a spreadsheet opening the file shows text and never runs it. A cell that
 * starts with `=`, `+`, `-`, `@`, a tab or a carriage return is read as a formula by Excel, LibreOffice
 * and Google Sheets (CSV injection): such a cell gets a leading apostrophe, which they take as "text"
 * and do not show. A negative number (`-0.2`) is left as it is, so it stays a number.
 */

const FORMULA_START = /^[=+\-@\t\r]/;
const NEGATIVE_NUMBER = /^-(?:\d+(?:\.\d+)?|\.\d+)(?:e[+-]?\d+)?$/i;
const NEEDS_QUOTES = /[",\r\n]/;

/** The cell as CSV text: defused against formula injection, then quoted when it must be. */
export function safeCsvCell(value: string): string {
  const text = FORMULA_START.test(value) && !NEGATIVE_NUMBER.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line (without its line break) from the cells. */
export function csvLine(cells: readonly string[]): string {
  return cells.map(safeCsvCell).join(',');
}

/**
 * Cuts CSV text arriving in pieces into whole records, without parsing their values: a line break inside
 * a quoted value stays inside its record. Large published files (a million rows) are mostly rows of
 * other schools; cutting is cheap, so only the few records worth reading are given to the CSV parser.
 */
export class CsvRecordSplitter {
  private carry = '';
  /** Quotes seen in the unfinished record so far: odd means a quoted value is still open. */
  private quotes = 0;
  private scanned = 0;

  /**
   * Adds the next piece of text and calls `onRecord` with each record it completes (without its line
   * break; a trailing `\r` is dropped).
   */
  push(text: string, onRecord: (record: string) => void): void {
    const buffer = this.carry + text;
    let start = 0;
    // Quotes before `this.scanned` in the carried text were counted already.
    let position = this.scanned;
    let quotes = this.quotes;
    for (;;) {
      const lineEnd = buffer.indexOf('\n', position);
      if (lineEnd < 0) break;
      for (let quote = buffer.indexOf('"', position); quote >= 0 && quote < lineEnd;) {
        quotes++;
        quote = buffer.indexOf('"', quote + 1);
      }
      position = lineEnd + 1;
      if (quotes % 2 === 0) {
        const end = lineEnd > start && buffer.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd;
        onRecord(buffer.slice(start, end));
        start = position;
        quotes = 0;
      }
    }
    for (let quote = buffer.indexOf('"', position); quote >= 0; quote = buffer.indexOf('"', quote + 1))
      quotes++;
    this.carry = buffer.slice(start);
    this.scanned = this.carry.length;
    this.quotes = quotes;
  }

  /** Ends the text: the last record, if it had no line break after it. */
  end(onRecord: (record: string) => void): void {
    const last = this.carry.endsWith('\r') ? this.carry.slice(0, -1) : this.carry;
    if (last !== '') onRecord(last);
    this.carry = '';
    this.quotes = 0;
    this.scanned = 0;
  }
}

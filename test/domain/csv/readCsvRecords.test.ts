import fc from 'fast-check';

import { parseObservationsCsv } from '../../../src/adapters/files/readObservationsCsv';
import { readCsvRecords, unclosedQuoteLine } from '../../../src/domain/csv/readCsvRecords';
import { parseRoster } from '../../../src/domain/roster/parseRoster';
import { DEFAULT_TERM_CALENDAR } from '../../../src/domain/terms/termCalendar';
import { TEST_ROSTER } from '../../support/rosterFixture';

describe('readCsvRecords', () => {
  it.each([
    ['on the first line', '"a,b\nc,d\n', 1],
    ['in the middle of a file', 'a,b\n1,2\n3,"open\n4,5\n6,7\n', 3],
    ['after a closed value with an escaped quote', 'a,"say ""hi""",c\nd,"e\n', 2],
  ])('reports an unclosed quote at the line where it opens: %s', (_case, text, line) => {
    const result = readCsvRecords(text);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.line).toBe(line);
    expect(unclosedQuoteLine(text)).toBe(line);
  });

  it('finds no unclosed quote in a file whose quotes all close', () => {
    expect(unclosedQuoteLine('a,"b\nc",d\n"e"\n')).toBeUndefined();
  });

  const csvText = fc
    .array(fc.oneof(fc.string(), fc.constantFrom(',', '"', '""', '\n', '\r\n', '#', '\uFEFF')), {
      maxLength: 40,
    })
    .map((parts) => parts.join(''));

  it('reads any text to records or to an error with a line when it names one, never throwing', () => {
    fc.assert(
      fc.property(csvText, (text) => {
        const result = readCsvRecords(text);
        if (result.ok) return result.records.every((record) => record.endLine >= 1);
        return result.line === undefined || result.line >= 1;
      }),
      { numRuns: 200 },
    );
  });

  it('reads any roster files to a roster or to errors naming a file, never throwing', () => {
    fc.assert(
      fc.property(csvText, csvText, csvText, (trustYaml, academiesCsv, peopleCsv) => {
        const result = parseRoster({ trustYaml, academiesCsv, peopleCsv });
        return (
          result.ok || (result.errors.length > 0 && result.errors.every((error) => error.message.length > 0))
        );
      }),
      { numRuns: 200 },
    );
  });

  it('reads any data file to figures or to errors, each row error with its line, never throwing', () => {
    const rows = fc
      .array(
        fc.tuple(
          fc.oneof(fc.constant('912345'), fc.constant('trust'), fc.string()),
          fc.oneof(fc.constant('2025-26-autumn'), fc.constant('9999-00-summer'), fc.string()),
          fc.oneof(fc.constant('teachingOutstanding'), fc.string()),
          fc.oneof(fc.constant('40'), fc.string()),
        ),
        { maxLength: 8 },
      )
      .map((cells) => ['academy,term,metric,value', ...cells.map((row) => row.join(','))].join('\n'));
    fc.assert(
      fc.property(fc.oneof(rows, csvText), (text) => {
        const result = parseObservationsCsv(text, { roster: TEST_ROSTER, calendar: DEFAULT_TERM_CALENDAR });
        return (
          result.ok || result.errors.every((error) => error.message.length > 0 && (error.line ?? 1) >= 1)
        );
      }),
      { numRuns: 200 },
    );
  });
});

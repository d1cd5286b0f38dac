import { CsvRecordSplitter } from '../../../src/domain/csv/CsvRecordSplitter';

function split(pieces: readonly string[]): string[] {
  const records: string[] = [];
  const splitter = new CsvRecordSplitter();
  for (const piece of pieces) splitter.push(piece, (record) => records.push(record));
  splitter.end((record) => records.push(record));
  return records;
}

describe('CsvRecordSplitter', () => {
  it.each([
    ['one piece, LF', ['a,b\n1,2\n'], ['a,b', '1,2']],
    ['CRLF line ends', ['a,b\r\n1,2\r\n'], ['a,b', '1,2']],
    ['no line break at the end', ['a,b\n1,2'], ['a,b', '1,2']],
    ['a record cut between pieces', ['a,b\n1,', '2\n3,4\n'], ['a,b', '1,2', '3,4']],
    ['a quoted line break', ['a,"x\ny"\n1,2\n'], ['a,"x\ny"', '1,2']],
    ['a quoted line break across pieces', ['a,"x', '\ny",', 'z\n1,2\n'], ['a,"x\ny",z', '1,2']],
    ['an escaped quote', ['a,"say ""hi""\n",b\nc\n'], ['a,"say ""hi""\n",b', 'c']],
    ['CR and LF in different pieces', ['a,b\r', '\n1,2'], ['a,b', '1,2']],
  ])('%s', (_name, pieces, expected) => {
    expect(split(pieces)).toEqual(expected);
  });
});

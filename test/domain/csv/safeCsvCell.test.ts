import { csvLine, safeCsvCell } from '../../../src/domain/csv/safeCsvCell';

describe('safeCsvCell', () => {
  it.each([
    ['plain text', 'Hill Primary', 'Hill Primary'],
    ['a positive number', '94.1', '94.1'],
    ['a negative number', '-0.2', '-0.2'],
    ['a negative whole number', '-12', '-12'],
    ['a negative number in exponent form', '-1e-7', '-1e-7'],
    ['a formula', '=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['a plus formula', '+1+1', "'+1+1"],
    ['a minus formula', '-1+1', "'-1+1"],
    ['a minus that is not a number', '-cmd', "'-cmd"],
    ['an at sign', '@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['a leading tab', '\t=1', "'\t=1"],
    ['a leading carriage return', '\r=1', `"'\r=1"`],
    ['a comma', 'a,b', '"a,b"'],
    ['a quote', 'say "hi"', '"say ""hi"""'],
    ['a line break', 'two\nlines', '"two\nlines"'],
    ['an equals sign later on', 'a=b', 'a=b'],
    ['empty', '', ''],
  ])('writes %s safely', (_case, value, expected) => {
    expect(safeCsvCell(value)).toBe(expected);
  });

  it('joins cells into a line', () => {
    expect(csvLine(['990001', '=1', '-3', 'x,y'])).toBe(`990001,'=1,-3,"x,y"`);
  });
});

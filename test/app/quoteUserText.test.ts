import fc from 'fast-check';

import { MAX_QUOTED_CHARACTERS, quoteUserText, shortenUserText } from '../../src/app/quoteUserText';

describe('quoting user text', () => {
  it.each([
    ['make tea', 'make tea'],
    ['  two\nlines\r\n', 'two lines'],
    ['bell\u0007 and escape \u001b[31m', 'bell and escape [31m'],
    ['right-to-left \u202eoverride', 'right-to-left override'],
    ['y'.repeat(50), `${'y'.repeat(40)}…`],
    ['😀'.repeat(45), `${'😀'.repeat(40)}…`],
  ])('shortens %j to %j', (text, expected) => {
    expect(shortenUserText(text)).toBe(expected);
  });

  it.each([
    ['**bold**', '\\*\\*bold\\*\\*'],
    ['[x](http://e.example)', '\\[x\\](http://e.example)'],
    ['# heading', '\\# heading'],
    ['<b>hi</b> `code`', '\\<b\\>hi\\</b\\> \\`code\\`'],
  ])('escapes the markdown in %j', (text, expected) => {
    expect(quoteUserText(text)).toBe(expected);
  });

  it('always gives one line of at most the limit (plus "…"), with no control characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 500 }), (text) => {
        const short = shortenUserText(text);
        const control = Array.from(short).some(
          (c) => c.charCodeAt(0) <= 0x1f || (c >= '\u007f' && c <= '\u009f'),
        );
        return Array.from(short).length <= MAX_QUOTED_CHARACTERS + 1 && !control;
      }),
      { numRuns: 200 },
    );
  });
});

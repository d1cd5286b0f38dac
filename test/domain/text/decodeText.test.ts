import fc from 'fast-check';

import { decodeText } from '../../../src/domain/text/decodeText';

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Buffer.concat(
    parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'utf8') : Buffer.from(part))),
  );

describe('decodeText', () => {
  it.each([
    ['plain UTF-8', bytes('urn,name\n1,Café\n'), 'urn,name\n1,Café\n'],
    ['UTF-8 with a byte-order mark', bytes([0xef, 0xbb, 0xbf], 'a,b\n'), 'a,b\n'],
    ['a decomposed accent, as NFC', bytes('Cafe\u0301'), 'Café'],
    ['tabs and Windows line ends', bytes('a\tb\r\n'), 'a\tb\r\n'],
  ])('reads %s', (_case, input, text) => {
    expect(decodeText(input)).toEqual({ ok: true, text });
  });

  it.each([
    [
      'Latin-1 (é as one byte) on line 2',
      bytes('urn,name\n1,Caf', [0xe9], '\n'),
      {
        line: 2,
        message: 'line 2 is not valid UTF-8 text; save it as UTF-8 (in Excel: File › Save As › "CSV UTF-8")',
      },
    ],
    [
      'UTF-16 with its byte-order mark',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('urn,name\n', 'utf16le')]),
      {
        message:
          'is UTF-16 ("Unicode text"), not UTF-8; save it as UTF-8 (in Excel: File › Save As › "CSV UTF-8")',
      },
    ],
    [
      'UTF-16 without a byte-order mark',
      Buffer.from('urn,name\n912345,Hill\n', 'utf16le'),
      { message: expect.stringContaining('is UTF-16') as string },
    ],
    [
      'a PNG',
      bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
      { message: 'is not a text file (it holds binary data); give the CSV or YAML file itself' },
    ],
    [
      'a terminal escape code in a name on line 3',
      bytes('a\nb\n\u001b[2JEvil\n'),
      {
        line: 3,
        message:
          'line 3 holds a terminal escape code (U+001B), which no name or value may contain; delete it',
      },
    ],
    [
      'a right-to-left override on line 1',
      bytes('\u202eevil'),
      { line: 1, message: expect.stringContaining('a control character (U+202E)') as string },
    ],
    [
      'an overlong encoding of "/"',
      bytes('a', [0xc0, 0xaf]),
      { line: 1, message: expect.stringContaining('not valid UTF-8') as string },
    ],
    [
      'an encoded surrogate',
      bytes([0xed, 0xa0, 0x80]),
      { line: 1, message: expect.stringContaining('not valid UTF-8') as string },
    ],
  ])('refuses %s', (_case, input, problem) => {
    expect(decodeText(input)).toEqual({ ok: false, ...problem });
  });

  it('reads any bytes as text or a problem (with a line when it names one), never throwing', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (input) => {
        const result = decodeText(input);
        if (result.ok) return typeof result.text === 'string';
        return result.message.length > 0 && (result.line === undefined || result.line >= 1);
      }),
      { numRuns: 200 },
    );
  });

  it('reads any UTF-8 text without control characters back as its NFC form', () => {
    const isControl = (code: number) =>
      (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) ||
      (code >= 0x7f && code <= 0x9f) ||
      (code >= 0x202a && code <= 0x202e) ||
      (code >= 0x2066 && code <= 0x2069);
    const printable = fc.string({ unit: 'grapheme' }).map((text) =>
      Array.from(text)
        .filter((character) => !isControl(character.codePointAt(0) ?? 0))
        .join('')
        // A leading byte-order mark is dropped on purpose.
        .replace(/^\uFEFF+/, ''),
    );
    fc.assert(
      fc.property(printable, (text) => {
        const result = decodeText(Buffer.from(text, 'utf8'));
        return (
          (result.ok && result.text === text.normalize('NFC')) ||
          (!result.ok && /UTF-16/.test(result.message))
        );
      }),
      { numRuns: 200 },
    );
  });
});

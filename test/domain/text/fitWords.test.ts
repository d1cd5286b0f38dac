/** Fitting text to a length at word boundaries: never mid-word, brackets closed, characters not split. */
import fc from 'fast-check';

import { fitWords } from '../../../src/domain/text/fitWords';

describe('fitWords', () => {
  it.each([
    ['short text is kept as it is', 'Attendance 96%', 20, 'Attendance 96%'],
    ['text exactly at the limit is kept', 'abc def', 7, 'abc def'],
    [
      'a cut falls between words, with an ellipsis',
      'Persistent absence is 23.4% this term',
      24,
      'Persistent absence is…',
    ],
    ['the word that does not fit is left out whole', 'one two three', 10, 'one two…'],
    ['a comma before the cut is dropped', 'Sent nothing, could not be reached', 16, 'Sent nothing…'],
    ['a dash before the cut is dropped', 'Saltmarsh Academy — Attendance', 20, 'Saltmarsh Academy…'],
    [
      'a bracket the cut left open is closed',
      'Revenue reserves: not available (awaiting year-end audit adjustments)',
      50,
      'Revenue reserves: not available (awaiting…)',
    ],
    ['a first word longer than the limit is the only thing ever cut', 'Supercalifragilistic', 6, 'Super…'],
    ['an emoji counts as one character and is never split', 'Go 😀 team players', 9, 'Go 😀…'],
  ])('%s', (_case, text, max, expected) => {
    expect(fitWords(text, max)).toBe(expected);
  });

  it('never exceeds the limit, and what it keeps is whole words of the text', () => {
    const word = fc.stringMatching(/^[A-Za-z0-9%().,:;—-]{1,12}$/);
    fc.assert(
      fc.property(
        fc.array(word, { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 13, max: 140 }),
        (words, max) => {
          const text = words.join(' ');
          const fitted = fitWords(text, max);
          expect([...fitted].length).toBeLessThanOrEqual(max);
          if (fitted === text) return;
          const kept = fitted.replace(/…\)*$/, '').split(' ');
          // Every kept word is the text's word at that place, whole (trailing punctuation may be dropped).
          kept.forEach((piece, index) => {
            const original = words[index] ?? '';
            if (index < kept.length - 1) expect(piece).toBe(original);
            else expect(original.startsWith(piece)).toBe(true);
          });
        },
      ),
    );
  });
});

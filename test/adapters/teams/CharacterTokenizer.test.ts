import { CharacterTokenizer } from '../../../src/adapters/teams/planner/CharacterTokenizer';

describe('CharacterTokenizer', () => {
  const tokenizer = new CharacterTokenizer();

  it.each([
    ['', 0],
    ['status', 6],
    ['Philip Morant’s attendance?', 27],
    ['emoji 📈 and accents é', 21],
    ['line\nbreaks\ttabs', 16],
  ])('counts "%s" as %i tokens and decodes back to the same text', (text, count) => {
    const tokens = tokenizer.encode(text);
    expect(tokens).toHaveLength(count);
    expect(tokenizer.decode(tokens)).toBe(text);
  });

  it('cuts between characters, never inside one', () => {
    expect(tokenizer.decode(tokenizer.encode('ab📈cd').slice(0, 3))).toBe('ab📈');
  });
});

import { escapeMarkdown, INVISIBLE_TEXT, md, ownMarkdown } from '../../src/app/escapeMarkdown';

describe('escapeMarkdown', () => {
  it.each<[string, string, string]>([
    ['plain text', 'Attendance 94.1%', 'Attendance 94.1%'],
    ['a negative number', '-3.2', '-3.2'],
    ['a date range', '1 Sept - 12 Dec', '1 Sept - 12 Dec'],
    ['an apostrophe and quotes', `St Mary's "Primary"`, `St Mary's "Primary"`],
    ['emphasis', '*C of E* _x_ ~y~', '\\*C of E\\* \\_x\\_ \\~y\\~'],
    ['code', 'a `b` c', 'a \\`b\\` c'],
    ['a link', '[site](http://x.example)', '\\[site\\](http://x.example)'],
    ['HTML and entities', '<Primary> &amp;', '\\<Primary\\> \\&amp;'],
    ['a backslash', 'a\\b', 'a\\\\b'],
    ['a heading', '# Not a heading', '\\# Not a heading'],
    ['a bullet', '- not a list', '\\- not a list'],
    ['a plus bullet', '+ not a list', '\\+ not a list'],
    ['an ordered item', '1. not a list', '1\\. not a list'],
    ['an ordered item with a bracket', '12) not a list', '12\\) not a list'],
    ['a quote', '> not a quote', '\\> not a quote'],
    ['markers on a later line', 'first\n# second\n- third', 'first\n\\# second\n\\- third'],
    ['a hash inside a line', 'Room #4', 'Room #4'],
  ])('%s', (_name, text, escaped) => {
    expect(escapeMarkdown(text)).toBe(escaped);
  });

  it('escapes nothing but ASCII punctuation, each with one backslash, so CommonMark shows the text as given', () => {
    const samples = ['*C of E* <Primary>', '# - 1. [x](y) `z` \\ & ~ _', 'ordinary words, 42%'];
    for (const text of samples) {
      // CommonMark drops the backslash before any ASCII punctuation: undoing that gives the text back.
      expect(escapeMarkdown(text).replace(/\\([!-/:-@[-`{-~])/g, '$1')).toBe(text);
    }
  });
});

describe('the md template for chat messages', () => {
  it("escapes every inserted string, keeps numbers and the bot's own markdown, and removes invisible characters", () => {
    const name = '[Click](https://evil.example) **Mor\u200bant**\nnext';
    expect(md`**Answering** for ${name} (${3} of ${ownMarkdown('**12**')})`).toBe(
      '**Answering** for \\[Click\\](https://evil.example) \\*\\*Morant\\*\\* next (3 of **12**)',
    );
  });

  it('names a text that has characters but none visible, and leaves an empty one empty', () => {
    expect(md`called "${'\u200b\u202e\n'}"`).toBe(`called "${INVISIBLE_TEXT}"`);
    expect(md`called "${''}"`).toBe('called ""');
  });
});

/**
 * Makes text show as typed where Teams renders markdown: the one escaper for every text that came from a
 * person or a file (academy, trust and people's names, reasons, typed text). Cards are escaped by
 * renderCard (every TextBlock and FactSet string, whatever its data); chat messages escape each such
 * text where they put it into a sentence (quoteUserText for typed text). Backslash escapes are
 * CommonMark's, which Teams and the Agents Playground honour.
 */

// Characters that start inline markup anywhere: emphasis, code, strike, links, HTML and entities, escapes.
const INLINE = /[\\`*_~[\]<>&]/g;
// Markup that only counts at the start of a line: headings and list items (a quote's `>` is escaped above).
const LINE_START = /^(\s*)(#|[-+](?=\s)|\d+(?=[.)]\s))/gm;

/** The text with every character that would start markdown escaped, so it renders literally. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(INLINE, (char) => `\\${char}`)
    .replace(LINE_START, (_match, space: string, marker: string) =>
      /^\d/.test(marker) ? `${space}${marker}\\` : `${space}\\${marker}`,
    );
}

// Control characters (C0, DEL, C1): line breaks and tabs become spaces.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
// Zero-width characters and the bidirectional marks and overrides that hide or reorder what a reader sees.
const INVISIBLE = /[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

/** Shown instead of a text that has characters but none a reader can see. */
export const INVISIBLE_TEXT = '(no visible text)';

/** Markdown the bot wrote itself, put into an `md` template as it is (not escaped). */
export class OwnMarkdown {
  constructor(readonly markdown: string) {}
  toString(): string {
    return this.markdown;
  }
}

/** Marks text the bot wrote itself (its own **bold** labels, a list it built with `md`) to be kept as markdown. */
export function ownMarkdown(markdown: string): OwnMarkdown {
  return new OwnMarkdown(markdown);
}

/**
 * One value from a person or a file, made safe to show in a chat message: invisible characters removed,
 * line breaks flattened (spaces kept, so a
 * template's own spacing holds), every markdown character escaped; a text with nothing visible is named as such.
 */
export function shownText(text: string): string {
  if (text === '') return '';
  const flat = text.replace(CONTROL, ' ').replace(INVISIBLE, '').replace(/\s+/g, ' ');
  return flat.trim() === '' ? INVISIBLE_TEXT : escapeMarkdown(flat);
}

/**
 * Builds a chat message's markdown: the template's own text is the bot's markdown, and every inserted
 * string is escaped with shownText (numbers as they are; OwnMarkdown, e.g. another `md` result wrapped in
 * ownMarkdown, kept as markdown). Every chat message that shows a name, a reason or typed text uses it.
 */
export function md(strings: TemplateStringsArray, ...values: Array<string | number | OwnMarkdown>): string {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    const shown =
      value instanceof OwnMarkdown
        ? value.markdown
        : typeof value === 'number'
          ? String(value)
          : shownText(value);
    out += shown + (strings[index + 1] ?? '');
  });
  return out;
}

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

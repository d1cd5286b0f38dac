/**
 * Makes text show as typed where a card renders markdown. Teams renders markdown in TextBlock and in a
 * FactSet's titles and values; the cards put data in TextRun (never markdown) where they can, and pass
 * what goes into a FactSet through this. Backslash escapes are CommonMark's, which Teams and the Agents
 * Playground honour.
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

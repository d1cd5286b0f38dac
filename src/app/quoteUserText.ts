/**
 * User text shown back in a chat message or written to the log: a short prefix, on one line, with
 * control characters removed and markdown neutralised, so a 100 KB message or one full of `**`, links
 * and line breaks is quoted as a few plain words.
 */

import { escapeMarkdown } from './escapeMarkdown';

/** How many characters of someone's text the bot quotes back at most. */
export const MAX_QUOTED_CHARACTERS = 40;

// Control characters (C0, DEL, C1), and the bidirectional overrides that can reorder what a reader sees.
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Flattens text to a single line without control characters, trimmed and cut to `max` characters
 * (with "…" when cut). Cutting never splits a surrogate pair.
 */
export function shortenUserText(text: string, max = MAX_QUOTED_CHARACTERS): string {
  const flat = text.replace(UNPRINTABLE, ' ').replace(/\s+/g, ' ').trim();
  const characters = Array.from(flat);
  return characters.length <= max ? flat : `${characters.slice(0, max).join('').trimEnd()}…`;
}

/** Text to quote inside a markdown message: shortened, then every markdown character escaped. */
export function quoteUserText(text: string, max = MAX_QUOTED_CHARACTERS): string {
  return escapeMarkdown(shortenUserText(text, max));
}

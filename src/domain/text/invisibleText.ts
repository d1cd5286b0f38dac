/**
 * Characters that take no room on screen: zero-width spaces and joiners, the word joiner and invisible
 * operators, the byte-order mark, the soft hyphen, and the bidirectional marks, embeddings, overrides and
 * isolates that reorder what a reader sees. A text made only of these (and spaces) says nothing, and two
 * names that differ only by them look the same to everyone who reads them.
 */
const INVISIBLE =
  /\u034f|\u1160|\u17b4|\u17b5|[\u00ad\u061c\u115f\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\u3164\ufeff\uffa0]/g;

/** The text without its invisible characters. */
export function withoutInvisible(text: string): string {
  return text.replace(INVISIBLE, '');
}

/** True when the text shows nothing: empty, spaces, or invisible characters only. */
export function isBlankOrInvisible(text: string): boolean {
  return withoutInvisible(text).trim() === '';
}

/**
 * The form two names are compared in: invisible characters removed, spaces collapsed, NFC, case folded.
 * Names equal in this form are the same name to a reader.
 */
export function nameKey(name: string): string {
  return withoutInvisible(name).normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
}

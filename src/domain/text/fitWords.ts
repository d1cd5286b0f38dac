/**
 * Text made to fit a length without cutting a word: what fits, ended at a word boundary, with "…" to
 * say something was left out (and a closing bracket when the cut left one open). Lengths count
 * characters as a person reads them (code points), so an emoji or accented letter is never split.
 */

const ELLIPSIS = '…';
/** Punctuation that reads badly just before the ellipsis: "figures,…", "reason (…". */
const TRAILING = /[\s,;:—–\-(/]+$/u;

function unclosedBrackets(text: string): number {
  let open = 0;
  for (const char of text) {
    if (char === '(') open += 1;
    else if (char === ')' && open > 0) open -= 1;
  }
  return open;
}

/**
 * `text` if it is at most `max` characters; else the longest run of whole words that fits with "…"
 * (and ")" for each bracket the cut left open). Only a first word longer than `max` is itself cut,
 * as there is no boundary to cut at.
 */
export function fitWords(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  for (let room = max - 1; room > 0; room--) {
    // A boundary: the character after the kept part is white space.
    let end = room;
    while (end > 0 && !/\s/u.test(chars[end] ?? ' ')) end--;
    if (end === 0) break;
    const kept = chars.slice(0, end).join('').replace(TRAILING, '');
    if (!kept) break;
    const closing = ')'.repeat(unclosedBrackets(kept));
    const fitted = `${kept}${ELLIPSIS}${closing}`;
    if ([...fitted].length <= max) return fitted;
    room = end;
  }
  return `${chars.slice(0, Math.max(0, max - 1)).join('')}${ELLIPSIS}`;
}

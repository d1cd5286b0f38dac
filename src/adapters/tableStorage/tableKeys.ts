/**
 * Reversible encoding of arbitrary strings into Azure Table PartitionKey / RowKey values.
 *
 * The service rejects keys containing `/`, `\`, `#`, `?` and the control characters U+0000–U+001F and
 * U+007F–U+009F, and keys longer than 1 KiB of UTF-16 (512 code units). Teams conversation ids contain
 * `:`, `@`, `;` and `=`, which are all allowed, so the encoding escapes only what must be escaped: keys
 * stay readable in Storage Explorer and most ids (emails, URNs) are stored unchanged.
 *
 * Escapes: `%XX` (two upper-case hex digits) for the forbidden characters and `%` itself; `%uXXXX` for a
 * lone UTF-16 surrogate, which no HTTP request can carry (encodeURIComponent throws on one).
 */

/** The longest key the service accepts, in UTF-16 code units (1 KiB). */
export const MAX_KEY_LENGTH = 512;

function mustEscape(code: number): boolean {
  return (
    code <= 0x1f ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x25 /* % */ ||
    code === 0x2f /* / */ ||
    code === 0x5c /* \ */ ||
    code === 0x23 /* # */ ||
    code === 0x3f /* ? */
  );
}

function hex(code: number, digits: number): string {
  return code.toString(16).toUpperCase().padStart(digits, '0');
}

/**
 * Encodes a value for use as a PartitionKey or RowKey; `decodeKey` gives it back.
 * Throws a RangeError when the encoded key would exceed the service's 1 KiB limit, naming the value.
 */
export function encodeKey(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += value[i]! + value[i + 1]!;
        i++;
      } else {
        out += `%u${hex(code, 4)}`;
      }
    } else if (code >= 0xdc00 && code <= 0xdfff) {
      out += `%u${hex(code, 4)}`;
    } else if (mustEscape(code)) {
      out += `%${hex(code, 2)}`;
    } else {
      out += value[i]!;
    }
  }
  if (out.length > MAX_KEY_LENGTH) {
    throw new RangeError(
      `Table key too long: "${value.slice(0, 80)}…" encodes to ${out.length} UTF-16 units, over the ` +
        `service's limit of ${MAX_KEY_LENGTH}. Key the entity by a shorter id (or a hash of this one).`,
    );
  }
  return out;
}

const ESCAPE = /%(?:u([0-9A-F]{4})|([0-9A-F]{2}))|%/g;

/**
 * Reverses `encodeKey`. Throws a RangeError on a malformed escape, which means the key was not written by
 * `encodeKey` (or was edited by hand).
 */
export function decodeKey(key: string): string {
  return key.replace(ESCAPE, (_match, unit: string | undefined, byte: string | undefined, offset: number) => {
    const digits = unit ?? byte;
    if (digits === undefined) {
      throw new RangeError(
        `Table key "${key}" has a malformed escape at position ${offset}: it was not written by encodeKey. ` +
          `Fix or delete the entity in Storage Explorer.`,
      );
    }
    return String.fromCharCode(parseInt(digits, 16));
  });
}

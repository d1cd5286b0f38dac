/**
 * Turns the bytes of a file an administrator keeps (roster, plan, data, term dates) into text, or says
 * plainly why it is not a text file this product reads. Files must be UTF-8: a UTF-16 file (what Excel
 * saves as "Unicode text") or a file with bytes that are not UTF-8 would otherwise be read as
 * replacement characters and fail later with a confusing message, or not at all. The text is put in
 * Unicode normal form C, so that a name typed two ways ("Café" with é, or with e and a combining accent)
 * is one name everywhere it is compared.
 */

export type DecodedText = { ok: true; text: string } | { ok: false; line?: number; message: string };

const SAVE_AS_UTF8 = 'save it as UTF-8 (in Excel: File › Save As › "CSV UTF-8")';

/** The 1-based line the byte at `offset` is on. */
function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let index = 0; index < offset && index < bytes.length; index++) if (bytes[index] === 0x0a) line++;
  return line;
}

/** Where the first byte that is not part of valid UTF-8 is, or undefined when all of it is. */
function firstInvalidUtf8(bytes: Uint8Array): number | undefined {
  let index = 0;
  while (index < bytes.length) {
    const byte = bytes[index]!;
    let length: number;
    let min: number;
    if (byte < 0x80) {
      index++;
      continue;
    } else if (byte >= 0xc2 && byte <= 0xdf) {
      length = 2;
      min = 0x80;
    } else if (byte >= 0xe0 && byte <= 0xef) {
      length = 3;
      min = 0x800;
    } else if (byte >= 0xf0 && byte <= 0xf4) {
      length = 4;
      min = 0x10000;
    } else {
      return index;
    }
    let code = byte & (0xff >> (length + 1));
    for (let next = 1; next < length; next++) {
      const continuation = bytes[index + next];
      if (continuation === undefined || (continuation & 0xc0) !== 0x80) return index;
      code = (code << 6) | (continuation & 0x3f);
    }
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8.
    if (code < min || (code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff) return index;
    index += length;
  }
  return undefined;
}

/** UTF-16 without a byte-order mark: most of its ASCII text has a zero byte beside every letter. */
function looksLikeUtf16(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, Math.min(bytes.length, 4096));
  if (sample.length < 4) return false;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let index = 0; index < sample.length; index++) {
    if (sample[index] !== 0) continue;
    if (index % 2 === 0) evenZeros++;
    else oddZeros++;
  }
  const half = sample.length / 2;
  return evenZeros > half * 0.6 || oddZeros > half * 0.6;
}

/**
 * Decodes a text file's bytes. Refuses, each with a short message that says what to do: a UTF-16 file,
 * a binary file (zero bytes or many control characters; its bytes are never echoed back), bytes that
 * are not UTF-8, and control characters such as terminal escape codes (both naming the line). A UTF-8
 * byte-order mark is dropped.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (
    (bytes[0] === 0xff && bytes[1] === 0xfe) ||
    (bytes[0] === 0xfe && bytes[1] === 0xff) ||
    looksLikeUtf16(bytes)
  ) {
    return { ok: false, message: `is UTF-16 ("Unicode text"), not UTF-8; ${SAVE_AS_UTF8}` };
  }
  const zero = bytes.indexOf(0);
  if (zero >= 0) {
    return {
      ok: false,
      message: 'is not a text file (it holds binary data); give the CSV or YAML file itself',
    };
  }
  const invalid = firstInvalidUtf8(bytes);
  if (invalid !== undefined) {
    const line = lineAt(bytes, invalid);
    return { ok: false, line, message: `line ${line} is not valid UTF-8 text; ${SAVE_AS_UTF8}` };
  }
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(
    hasBom ? bytes.subarray(3) : bytes,
  );
  const control = firstControlCharacter(text);
  if (control) {
    if (control.count > 8) {
      return {
        ok: false,
        message: 'is not a text file (it holds binary data); give the CSV or YAML file itself',
      };
    }
    const code = `U+${control.code.toString(16).toUpperCase().padStart(4, '0')}`;
    const what = control.code === 0x1b ? 'a terminal escape code' : 'a control character';
    return {
      ok: false,
      line: control.line,
      message: `line ${control.line} holds ${what} (${code}), which no name or value may contain; delete it`,
    };
  }
  return { ok: true, text: text.normalize('NFC') };
}

/**
 * The first control character other than tab, line feed and carriage return (C0, DEL, C1, and the
 * bidirectional overrides that reorder what a reader sees), its line, and how many there are.
 */
function firstControlCharacter(text: string): { code: number; line: number; count: number } | undefined {
  let first: { code: number; line: number } | undefined;
  let count = 0;
  let line = 1;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 0x0a) line++;
    const isControl =
      (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) ||
      (code >= 0x7f && code <= 0x9f) ||
      (code >= 0x202a && code <= 0x202e) ||
      (code >= 0x2066 && code <= 0x2069);
    if (!isControl) continue;
    count++;
    first ??= { code, line };
  }
  return first && { ...first, count };
}

/**
 * The one way the files an administrator keeps are read from disk: every way a path can be wrong
 * (missing, a folder where a file is wanted, a file where a folder is, unreadable) and every way the
 * bytes can be wrong (not UTF-8, UTF-16, binary, control characters) comes back as a sentence naming
 * the file, never as an exception with a stack.
 */
import type { Stats } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';

import { decodeText } from '../../domain/text/decodeText';

export type FileProblemKind = 'notFound' | 'notAFile' | 'notAFolder' | 'unreadable' | 'notText';

export type TextFileResult =
  | { ok: true; text: string }
  | {
      ok: false;
      kind: FileProblemKind;
      /** A sentence that starts with the path. */
      message: string;
      /** The same sentence without the path, for callers that print the path before it. */
      reason: string;
      /** For text problems, the line they are on. */
      line?: number;
    };

/** What an fs error code means for a path the user typed, as the end of a sentence. */
export function describeFsError(code: unknown): { kind: FileProblemKind; says: string } | undefined {
  switch (code) {
    case 'ENOENT':
      return { kind: 'notFound', says: 'was not found' };
    case 'EISDIR':
      return { kind: 'notAFile', says: 'is a folder, not a file' };
    case 'ENOTDIR':
      return {
        kind: 'notAFolder',
        says: 'is not there: a part of the path before the name is a file, not a folder',
      };
    case 'EACCES':
    case 'EPERM':
      return { kind: 'unreadable', says: 'could not be read: permission denied' };
    case 'ENAMETOOLONG':
      return { kind: 'notFound', says: 'is not a usable path: it is too long' };
    case 'ELOOP':
      return { kind: 'unreadable', says: 'could not be read: its symbolic links go round in a loop' };
    default:
      return undefined;
  }
}

/**
 * Why a path that is neither a file nor a folder (a device such as /dev/zero, a named pipe, a socket) is
 * refused before anything is read from it: reading one may never end.
 */
export function notRegularFile(info: Stats, what: string): string {
  const kind = info.isFIFO()
    ? 'a named pipe (FIFO)'
    : info.isCharacterDevice() || info.isBlockDevice()
      ? 'a device'
      : info.isSocket()
        ? 'a socket'
        : 'not a regular file';
  return `is ${kind}, not a file, so it was not read; give ${what} itself`;
}

/** Files larger than this are not something an administrator typed; they are refused unread. */
export const MAX_TEXT_FILE_BYTES = 16 * 1024 * 1024;

/**
 * Reads a UTF-8 text file. Problems with the path or the bytes are values; an I/O failure nobody could
 * have typed (EIO, say) still throws, with the path in its message.
 * @param what what the file is, for messages: "the plan file", "the data file".
 */
export async function readTextFile(path: string, what: string): Promise<TextFileResult> {
  const shown = path.length > 200 ? `${path.slice(0, 200)}…` : path;
  let bytes: Buffer;
  try {
    const info = await stat(path);
    if (info.isDirectory()) return failure(shown, 'notAFile', `is a folder; give ${what} itself`);
    if (!info.isFile()) return failure(shown, 'notAFile', notRegularFile(info, what));
    if (info.size > MAX_TEXT_FILE_BYTES) {
      return failure(
        shown,
        'notText',
        `is ${Math.round(info.size / 1024 / 1024)} MB, too large to be ${what}`,
      );
    }
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const known = describeFsError(code);
    if (known) return failure(shown, known.kind, known.says);
    throw new Error(
      `Could not read ${what} ${shown}: ${error instanceof Error ? error.message : String(error)}`,
      {
        cause: error,
      },
    );
  }
  const decoded = decodeText(bytes);
  if (decoded.ok) return { ok: true, text: decoded.text };
  return failure(shown, 'notText', decoded.message, decoded.line);
}

function failure(shown: string, kind: FileProblemKind, reason: string, line?: number): TextFileResult {
  return { ok: false, kind, reason, message: `${shown} ${reason}`, ...(line !== undefined && { line }) };
}

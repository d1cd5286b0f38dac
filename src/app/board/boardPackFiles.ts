/**
 * Where a board pack goes once built: the ports the bot's `board pack` goes through. The file adapter
 * (src/adapters/document) renders the document (BoardPackRenderer), for Teams to take as a file in a 1:1
 * chat, and keeps it where the host keeps files (BoardPackWriter), for the bot to say where it is.
 */
import type { BoardPack } from './boardPack';

export type BoardPackFormat = 'pdf' | 'html';

export interface WrittenPack {
  /** The absolute path of the file written. */
  path: string;
  /** The format written: HTML when PDF was asked for and no printer was there. */
  format: BoardPackFormat;
  bytes: number;
}

export interface BoardPackWriter {
  write(pack: BoardPack, format: BoardPackFormat): Promise<WrittenPack>;
}

/** A pack rendered in memory: the file's name, its format (HTML when no printer was there) and bytes. */
export interface RenderedPack {
  fileName: string;
  format: BoardPackFormat;
  bytes: Uint8Array;
}

export interface BoardPackRenderer {
  render(pack: BoardPack, format: BoardPackFormat): Promise<RenderedPack>;
}

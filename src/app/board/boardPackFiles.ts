/**
 * Where a board pack goes once built: the port the bot's `board pack` writes through. The file adapter
 * (src/adapters/document) renders and keeps it; the bot then says where it is.
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

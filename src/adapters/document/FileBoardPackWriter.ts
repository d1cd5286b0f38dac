/**
 * Writes a board pack as a file: HTML rendered here, printed to PDF by Chromium when asked for (the bot
 * falls back to HTML where no Chromium is installed, e.g. on Azure Functions, and says so).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

import type { BoardPack } from '../../app/board/boardPack';
import type {
  BoardPackFormat,
  BoardPackRenderer,
  BoardPackWriter,
  RenderedPack,
  WrittenPack,
} from '../../app/board/boardPackFiles';
import { boardPackHtml } from './boardPackHtml';
import { PdfPrinterUnavailable, printPdf } from './printPdf';

/** Renders the pack in the format: HTML text, or PDF bytes printed from it. */
export async function renderBoardPack(
  pack: BoardPack,
  format: BoardPackFormat,
  options: { executablePath?: string } = {},
): Promise<Buffer> {
  const html = boardPackHtml(pack);
  if (format === 'html') return Buffer.from(html, 'utf8');
  return printPdf(html, {
    footer: `${pack.trustName} · ${pack.title}`,
    ...(options.executablePath && { executablePath: options.executablePath }),
  });
}

/** The file name of a term's pack: board-pack-2026-27-autumn.pdf. */
export function boardPackFileName(pack: BoardPack, format: BoardPackFormat): string {
  return `board-pack-${pack.term}.${format}`;
}

/**
 * Renders a pack in memory, for Teams to take as a file: the PDF where Chromium is installed, else (with
 * `fallbackToHtml`, e.g. on Azure Functions) the HTML to print from a browser.
 */
export class PackRenderer implements BoardPackRenderer {
  constructor(private readonly options: { executablePath?: string; fallbackToHtml?: boolean } = {}) {}

  async render(pack: BoardPack, format: BoardPackFormat): Promise<RenderedPack> {
    let written = format;
    let bytes: Buffer;
    try {
      bytes = await renderBoardPack(pack, format, this.options);
    } catch (error) {
      if (!(error instanceof PdfPrinterUnavailable) || !this.options.fallbackToHtml) throw error;
      written = 'html';
      bytes = await renderBoardPack(pack, 'html');
    }
    return { fileName: boardPackFileName(pack, written), format: written, bytes };
  }
}

/** Keeps packs in one folder (the local product's `.data/board-packs`), replacing a term's earlier file. */
export class FileBoardPackWriter implements BoardPackWriter {
  constructor(
    private readonly dir: string,
    private readonly options: { executablePath?: string; fallbackToHtml?: boolean } = {},
  ) {}

  async write(pack: BoardPack, format: BoardPackFormat): Promise<WrittenPack> {
    const rendered = await new PackRenderer(this.options).render(pack, format);
    await mkdir(this.dir, { recursive: true });
    const file = path.resolve(this.dir, rendered.fileName);
    await writeFile(file, rendered.bytes);
    return { path: file, format: rendered.format, bytes: rendered.bytes.length };
  }
}

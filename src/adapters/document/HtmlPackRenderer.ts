/**
 * Renders a board pack as its HTML only, in memory: for the Azure host, which has no Chromium to print a
 * PDF (and bundles nothing of it). The person prints it from a browser, as the pack's own page says.
 */
import type { BoardPack } from '../../app/board/boardPack';
import type { BoardPackRenderer, RenderedPack } from '../../app/board/boardPackFiles';
import { boardPackHtml } from './boardPackHtml';

export class HtmlPackRenderer implements BoardPackRenderer {
  render(pack: BoardPack): Promise<RenderedPack> {
    return Promise.resolve({
      fileName: `board-pack-${pack.term}.html`,
      format: 'html',
      bytes: Buffer.from(boardPackHtml(pack), 'utf8'),
    });
  }
}

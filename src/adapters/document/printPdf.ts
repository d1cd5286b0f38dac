/**
 * HTML to PDF through Debian's Chromium (the browser the tests already drive), by playwright-core: the
 * page is loaded from a string with every network request refused, then printed on A4 with a footer
 * naming the document and the page. No browser is downloaded; without Chromium the caller is told so.
 */
import { existsSync } from 'node:fs';

/** Where Chromium is: CHROMIUM_PATH, else Debian's. */
export function chromiumPath(env: Record<string, string | undefined> = process.env): string {
  return env.CHROMIUM_PATH?.trim() || '/usr/bin/chromium';
}

export class PdfPrinterUnavailable extends Error {
  constructor(path: string) {
    super(
      `No Chromium at ${path} to print the PDF: install Debian's chromium (apt-get install chromium), set CHROMIUM_PATH, or ask for --format html.`,
    );
    this.name = 'PdfPrinterUnavailable';
  }
}

export interface PrintOptions {
  /** Shown at the foot of every page beside "page n of m". */
  footer: string;
  executablePath?: string;
}

function footerTemplate(text: string): string {
  const safe = text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<div style="font-size:7.5pt;font-family:sans-serif;width:100%;padding:0 15mm;display:flex;justify-content:space-between;color:#333"><span>${safe}</span><span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`;
}

/** Prints the HTML document to an A4 PDF and returns its bytes. */
export async function printPdf(html: string, options: PrintOptions): Promise<Buffer> {
  const executablePath = options.executablePath ?? chromiumPath();
  if (!existsSync(executablePath)) throw new PdfPrinterUnavailable(executablePath);
  // Loaded only when a PDF is asked for: the bot's other paths never need a browser driver.
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    await page.route('**/*', (route) =>
      route.request().url().startsWith('data:') ? route.continue() : route.abort('blockedbyclient'),
    );
    await page.setContent(html, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    return await page.pdf({
      format: 'A4',
      printBackground: true,
      preferCSSPageSize: true,
      displayHeaderFooter: true,
      headerTemplate: '<div></div>',
      footerTemplate: footerTemplate(options.footer),
      tagged: true,
      outline: true,
    });
  } finally {
    await browser.close();
  }
}

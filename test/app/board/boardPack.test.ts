/**
 * The board pack of the demo term: the demo's script (src/hosts/local/demoScript.ts) played through the
 * bot over a real Azurite (heads answer their cards, one corrects, one says "not available", one is
 * excused, one answers after a reminder; the owner of the trust's own figures answers theirs), the round
 * closed, the pack built from what the close stored,
 * printed to PDF by Chromium, and read back page by page with poppler's pdftotext. One page is also
 * rendered as an image (pdftoppm) and checked for its layout: A4, margins clear, its blocks in place.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { boardPackHtml } from '../../../src/adapters/document/boardPackHtml';
import { FileBoardPackWriter, renderBoardPack } from '../../../src/adapters/document/FileBoardPackWriter';
import { type BoardPack, buildBoardPack } from '../../../src/app/board/boardPack';
import { ownersOfRound } from '../../../src/app/round/ownerFigures';
import type { MetricValue } from '../../../src/domain/metrics/parseMetricValue';
import { flattenRequested, requestedMetrics } from '../../../src/domain/round/requestedMetrics';
import { DEMO_HEADS, demoInputs, demoOwnerAnswers, excuseText } from '../../../src/hosts/local/demoScript';
import { DEMO, invokeAnswer, type RoundHarness, roundHarness } from '../../support/roundHarness';

const TERM = '2026-27-autumn';
/** The terms before the demo's, oldest first: a head's last figure of each measure is the latest of them. */
const EARLIER_TERMS = ['2025-26-autumn', '2025-26-spring', '2025-26-summer'];
const OUT = path.resolve(__dirname, '../../../test-results/board-pack');

function head(h: RoundHarness, urn: string): { email: string; aad: string; name: string } {
  const person = h.roster.people.find((p) => p.role === 'head' && p.academyUrn === urn);
  if (!person?.aadObjectId) throw new Error(`no head with an object id for ${urn}`);
  return { email: person.email, aad: person.aadObjectId, name: person.name };
}

/** Plays the demo's term through the bot and closes the round. */
async function playDemoTerm(h: RoundHarness): Promise<void> {
  for (const entry of DEMO_HEADS) await h.install(head(h, entry.urn).email);
  await h.say(h.message(DEMO.ceo.aad, 'open round'));
  invokeAnswer(await h.say(h.execute(DEMO.ceo.aad, { verb: 'openRound', term: TERM })));
  const earlier = (
    await Promise.all(EARLIER_TERMS.map((term) => h.services.round.figures.term(term)))
  ).flat();
  const submit = async (urn: string, inputs: Record<string, string>): Promise<string> =>
    JSON.stringify(
      invokeAnswer(
        await h.say(h.execute(head(h, urn).aad, { verb: 'submitFigures', term: TERM, urn, ...inputs })),
      ).card,
    );
  const lastValues = (urn: string): Map<string, MetricValue> => {
    const values = new Map<string, MetricValue>();
    for (const record of earlier.filter((candidate) => candidate.urn === urn)) {
      for (const figure of record.figures.values()) {
        if ('value' in figure.content) values.set(figure.metricId, figure.content.value);
      }
    }
    return values;
  };
  const late = [];
  for (const entry of DEMO_HEADS) {
    const academy = h.roster.academies.find((a) => a.urn === entry.urn);
    if (!academy) throw new Error(`no academy ${entry.urn}`);
    if (entry.part === 'excused') {
      const [reply] = await h.say(h.message(DEMO.ceo.aad, excuseText(entry, academy.name)));
      expect(reply?.text).toContain(`${academy.name} (${academy.urn}) is excused`);
      continue;
    }
    if (entry.part === 'afterReminder') {
      late.push(entry);
      continue;
    }
    const requested = flattenRequested(
      requestedMetrics(
        h.services.round.plan,
        academy,
        { startYear: 2026, term: 'autumn' },
        h.services.round.calendar,
      ),
    );
    const inputs = demoInputs(entry, requested, lastValues(entry.urn));
    if (entry.part === 'corrects' && entry.metricId && entry.wrong) {
      const refused = await submit(entry.urn, { ...inputs, [`m_${entry.metricId}`]: entry.wrong });
      expect(refused).toContain('from 0 to 100');
    }
    expect(await submit(entry.urn, inputs)).not.toContain('from 0 to 100');
  }
  // The owners of trust figures answer their cards, as in the demo.
  const round = await h.services.round.rounds.get(TERM);
  if (!round) throw new Error('the round did not open');
  for (const request of ownersOfRound(h.services.round, h.roster, round)) {
    const typed = await demoOwnerAnswers(h.services.round, request, { startYear: 2026, term: 'autumn' });
    const answer = invokeAnswer(
      await h.say(
        h.execute(request.owner.aadObjectId ?? '', { verb: 'submitFigures', term: TERM, ...typed }),
      ),
    );
    expect(JSON.stringify(answer.card)).toContain(`Submitted by ${request.owner.name}`);
  }
  h.setNow('2026-12-09T10:00:00Z');
  await h.say(h.message(DEMO.ceo.aad, 'remind'));
  for (const entry of late) {
    const academy = h.roster.academies.find((a) => a.urn === entry.urn);
    if (!academy) throw new Error(`no academy ${entry.urn}`);
    const requested = flattenRequested(
      requestedMetrics(
        h.services.round.plan,
        academy,
        { startYear: 2026, term: 'autumn' },
        h.services.round.calendar,
      ),
    );
    await submit(entry.urn, demoInputs(entry, requested, lastValues(entry.urn)));
  }
  h.setNow('2026-12-12T16:00:00Z');
  invokeAnswer(await h.say(h.execute(DEMO.ceo.aad, { verb: 'closeRound', term: TERM })));
}

/** The PDF's pages as text (poppler's pdftotext, layout kept), one string per page. */
function pagesOf(pdf: string): string[] {
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  const count = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0);
  return Array.from({ length: count }, (_unused, index) =>
    execFileSync('pdftotext', ['-layout', '-f', String(index + 1), '-l', String(index + 1), pdf, '-'], {
      encoding: 'utf8',
    }),
  );
}

/** A page as a grey image (PGM from pdftoppm) at `dpi`: its size and rows of 0–255 ink values. */
function pageImage(
  pdf: string,
  page: number,
  dpi: number,
): { width: number; height: number; pixel(x: number, y: number): number } {
  const bytes = execFileSync('pdftoppm', [
    '-f',
    String(page),
    '-l',
    String(page),
    '-r',
    String(dpi),
    '-gray',
    pdf,
  ]);
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(bytes.subarray(0, 40).toString('latin1'));
  if (!header) throw new Error('pdftoppm did not write a PGM image');
  const width = Number(header[1]);
  const height = Number(header[2]);
  const offset = header[0].length;
  return { width, height, pixel: (x, y) => 255 - (bytes[offset + y * width + x] ?? 255) };
}

/** Bands of rows with ink (at least `min` dark pixels), top to bottom, as [first, last] row pairs. */
function inkBands(image: ReturnType<typeof pageImage>, min = 2): [number, number][] {
  const bands: [number, number][] = [];
  for (let y = 0; y < image.height; y++) {
    let ink = 0;
    for (let x = 0; x < image.width; x++) if (image.pixel(x, y) > 96) ink++;
    const last = bands[bands.length - 1];
    if (ink >= min) {
      if (last && last[1] >= y - 3) last[1] = y;
      else bands.push([y, y]);
    }
  }
  return bands;
}

describe('the board pack of the demo term', () => {
  let h: RoundHarness;
  let pack: BoardPack;
  let pages: string[];
  let pdf: string;

  beforeAll(async () => {
    h = await roundHarness('2026-12-02T10:00:00Z', { HISTORY_FILE: 'demo/data/observations.csv' });
    await playDemoTerm(h);
    const outcome = await buildBoardPack(h.services.round, h.roster, TERM);
    if (outcome.kind !== 'pack') throw new Error(outcome.text);
    pack = outcome.pack;
    mkdirSync(OUT, { recursive: true });
    writeFileSync(path.join(OUT, 'board-pack.html'), boardPackHtml(pack));
    pdf = path.join(OUT, 'board-pack.pdf');
    writeFileSync(pdf, await renderBoardPack(pack, 'pdf'));
    pages = pagesOf(pdf);
  }, 120_000);

  function pageWith(heading: string | RegExp): { text: string; number: number } {
    const has = (text: string): boolean =>
      typeof heading === 'string' ? text.includes(heading) : heading.test(text);
    // From page 2: the cover's contents name every section too.
    const index = pages.findIndex((text, n) => n > 0 && has(text));
    if (index < 0) throw new Error(`no page has ${String(heading)}`);
    return { text: pages[index] ?? '', number: index + 1 };
  }

  /** The pages of one academy's section: from its first page to the page before the next section's. */
  function academyPages(urn: string): string {
    const first = pageWith(`URN ${urn}.`).number;
    const next = pages.findIndex(
      (text, n) => n >= first && (/URN 99\d{4}\./.test(text) || text.includes('Returns and change')),
    );
    return pages.slice(first - 1, next < 0 ? undefined : next).join('\n');
  }

  it('opens with a cover naming the trust, the plan and the term, the headline and the exceptions', () => {
    const cover = pages[0] ?? '';
    expect(cover).toContain('Board pack: autumn 2026');
    expect(cover).toContain('The Thrive Partnership Academy Trust');
    expect(cover).toContain(pack.planTitle);
    expect(cover).toMatch(/Term\s+autumn 2026/);
    expect(cover).toContain('Fictional demo data');
    expect(cover).toContain('Headline');
    // The headline's own words, from the stored evaluation's counts.
    expect(cover.replace(/\s+/g, ' ')).toContain(pack.headline.slice(0, 40));
    expect(cover).toContain('Exceptions');
    // The summary card's exceptions (at most eight, each at most 140 characters), and where the rest are.
    const [more, ...lines] = [...pack.exceptions].reverse();
    expect(pack.exceptions.length).toBeGreaterThan(0);
    expect(pack.exceptions.length).toBeLessThanOrEqual(9);
    if (pack.exceptions.length === 9)
      expect(more).toMatch(/^And \d+ more: the objectives' and academies' sections below have them\.$/);
    for (const line of pack.exceptions.length === 9 ? lines : pack.exceptions)
      expect(line).toMatch(/^(Red|Amber): .{1,140}$/u);
  });

  it('gives every academy a page of its own with its targets, figures, trends and who gave them', () => {
    for (const academy of h.roster.academies) {
      const { text } = pageWith(`URN ${academy.urn}.`);
      expect(text).toMatch(new RegExp(`(Red|Amber|Green|Grey)\\s+${academy.name}\\n`));
      expect(text).toContain('Targets');
    }
    const pms = academyPages('990001');
    expect(pms).toContain('Submitted by Helen Marsh (Headteacher) on 2 Dec 2026');
    expect(pms).toContain('Attendance');
    expect(pms).toMatch(/Trends/);
  });

  it('prints the head’s "not available" reason on that academy’s page, and the excusal with its reason', () => {
    const willowbrook = academyPages('990003').replace(/\s+/g, ' ');
    expect(willowbrook).toContain('Not available: new MIS being set up');
    const returns = pageWith('Returns and change').text.replace(/\s+/g, ' ');
    expect(returns).toContain('Excused');
    expect(returns).toContain('Kingfisher Meadow School (Samuel Reid) — head on long-term leave');
    expect(returns).toContain('Change since the last closed term');
  });

  it('ends with the plan’s targets and every figure used, with who gave it and when', () => {
    const targets = pageWith("Appendix A: the plan's targets").text;
    expect(targets).toContain('Attendance');
    const figures = pages.slice(pageWith('Appendix B: figures used').number - 1).join('\n');
    // A row each: the academy, the measure, the term, the figure, who gave it (their title may wrap), the
    // day (its year wraps), how.
    expect(figures).toMatch(
      /Saltmarsh Academy\s+Attendance\s+autumn\s+[\d.]+%\s+Kwame Mensah( \(Principal\))?\s+2 Dec\s+card/,
    );
    expect(figures).toMatch(
      /Oakhaven Free School\s+Attendance\s+autumn\s+[\d.]+%\s+Sofia Romano( \(Principal\))?\s+9 Dec\s+card/,
    );
    expect(figures).toContain('Imported');
    // The trust's own figures, from their owner's card; none is reported not supplied.
    expect(figures).toMatch(
      /Local governing body vacancies\s+2026-27\s+\d+\s+Amara Okafor \(Chief\s+2 Dec\s+card/,
    );
    expect(pages.join('\n')).not.toMatch(/not supplied/i);
  });

  it('numbers every page in its footer', () => {
    pages.forEach((text, index) => {
      expect(text).toContain(`Page ${index + 1} of ${pages.length}`);
    });
  });

  it('answers an executive’s "board pack" with the PDF written and where; a head is refused', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'board-packs-'));
    h.services.board.packs = new FileBoardPackWriter(dir);
    const [reply] = await h.say(h.message(DEMO.ceo.aad, 'board pack autumn 2026'));
    const file = path.join(dir, 'board-pack-2026-27-autumn.pdf');
    expect(reply?.text).toMatch(
      new RegExp(
        `^The autumn 2026 board pack is written to ${file.replace(/[.]/g, '\\.')} \\(PDF, \\d+ KB\\)\\.$`,
      ),
    );
    expect(readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const [refused] = await h.say(h.message(DEMO.headPms.aad, 'board pack'));
    expect(refused?.text).toBe(
      'Sorry, only executives can use **board pack**. Type **help** to see what you can do.',
    );
    const [open] = await h.say(h.message(DEMO.ceo.aad, 'board pack spring 2027'));
    expect(open?.text).toBe('There is no spring 2027 round, so there is no board pack for it.');
  }, 60_000);

  it('lays an academy page out on A4 with clear margins: heading, tables and a chart', () => {
    const { number } = pageWith('URN 990001.');
    const dpi = 50;
    const image = pageImage(pdf, number, dpi);
    execFileSync('pdftoppm', [
      '-f',
      String(number),
      '-l',
      String(number),
      '-r',
      '96',
      '-png',
      '-singlefile',
      pdf,
      path.join(OUT, 'academy-page'),
    ]);
    // A4 is 210 × 297 mm.
    expect(Math.abs(image.width - (210 / 25.4) * dpi)).toBeLessThanOrEqual(1);
    expect(Math.abs(image.height - (297 / 25.4) * dpi)).toBeLessThanOrEqual(1);
    const mm = (value: number): number => Math.round((value / 25.4) * dpi);
    // Nothing inks the outer 10 mm of the page: the print margins hold.
    const margin = mm(10);
    for (let y = 0; y < image.height; y++) {
      for (let x = 0; x < margin; x++) {
        expect(Math.max(image.pixel(x, y), image.pixel(image.width - 1 - x, y))).toBeLessThan(96);
      }
    }
    const bands = inkBands(image);
    // The heading is the first thing on the page, at the top margin.
    expect(bands[0]?.[0]).toBeLessThan(mm(30));
    // Many separate blocks (heading, lines, table rows) fill the page, down to the footer.
    expect(bands.length).toBeGreaterThan(15);
    expect(bands[bands.length - 1]?.[0]).toBeGreaterThan(mm(270));
  });
});

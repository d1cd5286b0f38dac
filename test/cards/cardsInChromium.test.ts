/**
 * Every card the bot can send, rendered in Chromium by the adaptivecards 3 JS renderer with Microsoft
 * Teams' host config, in a phone-wide column: the renderer reports no problem with it, the card shows
 * its key texts, buttons and inputs, each chart (which this renderer, like Teams on iOS, cannot draw)
 * falls back to its fact set, and nothing is wider than the phone; the board summary keeps to its bounds
 * (2,000 px, 3,000 characters) and a trust of 100 academies to the demo's plus 20 %. One browser and one page for the file;
 * a picture of each card is kept in test-results/cards/.
 */
import { mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';

import { boardSummaryCard } from '../../cards/boardSummaryCard';
import {
  type CardRenderer,
  PHONE_WIDTH,
  type RenderedCard,
  startCardRenderer,
} from '../support/cardRenderer';
import type { CardNode } from './cardTree';
import { nodesOf } from './cardTree';
import {
  CARD_BUILDERS,
  CARD_MAX_BYTES,
  type CardBuilderName,
  demoSummaryView,
  type DemoTrust,
  FIGURES_MAX_HEIGHT,
  generatedSummaryView,
  loadDemoTrust,
  ownerCardPages,
  RENDERING_CASES,
  type RenderingCase,
  SUMMARY_GROWTH,
  SUMMARY_MAX_CHARS,
  SUMMARY_MAX_HEIGHT,
} from './renderingCases';

const CARDS_DIR = path.resolve(__dirname, '../../cards');
const PICTURES_DIR = path.resolve(__dirname, '../../test-results/cards');

const CASES: [string, string][] = (Object.keys(RENDERING_CASES) as CardBuilderName[]).flatMap((builder) =>
  Object.keys(RENDERING_CASES[builder]).map((name): [string, string] => [builder, name]),
);

let renderer: CardRenderer | undefined;
let demo: DemoTrust | undefined;

beforeAll(async () => {
  [renderer, demo] = await Promise.all([startCardRenderer(), loadDemoTrust()]);
  mkdirSync(PICTURES_DIR, { recursive: true });
}, 60_000);

afterAll(async () => {
  await renderer?.close();
});

describe('the rendering cases', () => {
  it('cover every card builder in cards/ (each cards/<name>Card.ts exports <name>Card)', async () => {
    const files = readdirSync(CARDS_DIR)
      .filter((file) => /Card\.ts$/.test(file) && file !== 'renderCard.ts')
      .map((file) => file.replace(/\.ts$/, ''))
      .sort();
    expect(Object.keys(CARD_BUILDERS).sort()).toEqual(files);
    for (const name of files) {
      const exported = ((await import(path.join(CARDS_DIR, name))) as Record<string, unknown>)[name];
      expect(exported).toBe(CARD_BUILDERS[name as CardBuilderName]);
      expect(Object.keys(RENDERING_CASES[name as CardBuilderName] ?? {}).length).toBeGreaterThan(0);
    }
  });

  it('include each kind of chart the bot draws', () => {
    if (!demo) throw new Error('the demo trust did not load');
    const kinds = CASES.flatMap(([builder, name]) => {
      const make = RENDERING_CASES[builder as CardBuilderName][name];
      return make ? chartsOf(make(demo!).card.content).map((chart) => chart.type) : [];
    });
    expect([...new Set(kinds)].sort()).toEqual(['Chart.Line', 'Chart.VerticalBar.Grouped']);
  });

  it('cover every template in cards/ (each <name>.json is bound by <name>Card)', () => {
    const templates = readdirSync(CARDS_DIR)
      .filter((file) => file.endsWith('.json'))
      .map((file) => `${file.replace(/\.json$/, '')}Card`);
    expect(templates.filter((builder) => !(builder in CARD_BUILDERS))).toEqual([]);
  });
});

/** The chart elements of a card, with their fallback's title and facts. */
function chartsOf(card: CardNode): { type: string; title: string; facts: { title: string }[] }[] {
  return nodesOf(card)
    .filter((node) => String(node.type).startsWith('Chart.'))
    .map((chart) => {
      const fallback = chart.fallback as CardNode;
      const factSet = nodesOf(fallback).find((node) => node.type === 'FactSet');
      return {
        type: String(chart.type),
        title: String(chart.title),
        facts: (factSet?.facts ?? []) as { title: string }[],
      };
    });
}

/** The card as a client without charts renders it: each chart element replaced by its fallback. */
function withoutCharts(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutCharts);
  if (value === null || typeof value !== 'object') return value;
  const node = value as CardNode;
  if (typeof node.type === 'string' && node.type.startsWith('Chart.')) return withoutCharts(node.fallback);
  return Object.fromEntries(Object.entries(node).map(([key, child]) => [key, withoutCharts(child)]));
}

/** Markdown the renderer would show as typed: a FactSet title escaped for Teams, read back. */
function shown(text: string): string {
  return text.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

/** The renderer's whitespace: runs of spaces and line breaks as one space. */
function flat(text: string): string {
  return text.replace(/\s+/g, ' ');
}

describe.each(CASES)('%s: %s', (builder, name) => {
  let built: RenderingCase;
  let rendered: RenderedCard;

  beforeAll(async () => {
    const make = RENDERING_CASES[builder as CardBuilderName][name];
    if (!make || !demo || !renderer) throw new Error('the renderer or the demo trust did not start');
    built = make(demo);
    rendered = await renderer.render(built.card.content);
    const file = `${builder}-${name}`.replace(/[^a-z0-9]+/gi, '-').replace(/-+$/, '');
    await renderer.screenshot(path.join(PICTURES_DIR, `${file}.png`));
  });

  it('parses and validates without a problem (a chart is unknown to the renderer, and falls back)', () => {
    const chartTypes = new Set(chartsOf(built.card.content).map((chart) => chart.type));
    const problems = rendered.events.filter(
      (event) =>
        !(
          event.event === 'UnknownElementType' &&
          [...chartTypes].some((type) => event.message.includes(`"${type}"`))
        ),
    );
    expect(problems).toEqual([]);
  });

  it('shows its key texts and buttons', () => {
    const text = flat(rendered.text);
    for (const expected of built.texts) expect(text).toContain(flat(expected));
    const actions = nodesOf(built.card.content).filter(
      (node) => node.type === 'Action.Execute' || node.type === 'Action.Submit',
    );
    // Each Action.Execute carries its Action.Submit fallback: one button per Execute, or per lone Submit.
    const titles = actions
      .filter((action) => !actions.some((other) => other.fallback === action))
      .map((action) => String(action.title));
    expect(rendered.buttons.filter((title) => titles.includes(title)).sort()).toEqual([...titles].sort());
  });

  it('holds every input, by id', () => {
    expect(rendered.inputIds).toEqual(built.inputs);
  });

  it('shows every fact set, and each chart as its fallback fact set with every figure', () => {
    const charts = chartsOf(built.card.content);
    // As a client without charts sees the card: each chart replaced by its fallback.
    const factSets = nodesOf(withoutCharts(built.card.content)).filter((node) => node.type === 'FactSet');
    expect(rendered.factSets).toHaveLength(factSets.length);
    const text = flat(rendered.text);
    for (const chart of charts) {
      expect(chart.facts.length).toBeGreaterThan(0);
      expect(text).toContain(flat(chart.title));
      const factSet = rendered.factSets.find((set) =>
        chart.facts.every((fact) => flat(set).includes(flat(shown(fact.title)))),
      );
      expect(factSet).toBeDefined();
    }
  });

  it(`fits a ${PHONE_WIDTH} px phone: nothing wider than the column, nothing cut off`, () => {
    expect(rendered.width).toBeLessThanOrEqual(PHONE_WIDTH);
    expect(rendered.overflows).toEqual([]);
    // Measured where it is read; the demo head's card is held to a phone's few screens.
    if (built.maxHeight !== undefined) expect(rendered.height).toBeLessThanOrEqual(built.maxHeight);
    if (built.maxChars !== undefined) expect(rendered.chars).toBeLessThanOrEqual(built.maxChars);
  });
});

describe('the board summary: two screens, whatever the trust’s size', () => {
  it(`gives a trust of 100 academies a summary no larger than the demo's plus ${Math.round((SUMMARY_GROWTH - 1) * 100)} %`, async () => {
    const demoCard = await renderer!.render(boardSummaryCard(demoSummaryView(demo!)).content);
    const large = await renderer!.render(boardSummaryCard(generatedSummaryView(100)).content);
    expect(demoCard.height).toBeLessThanOrEqual(SUMMARY_MAX_HEIGHT);
    expect(demoCard.chars).toBeLessThanOrEqual(SUMMARY_MAX_CHARS);
    expect(large.height).toBeLessThanOrEqual(demoCard.height * SUMMARY_GROWTH);
    expect(large.chars).toBeLessThanOrEqual(demoCard.chars * SUMMARY_GROWTH);
  });
});

describe('the owner’s card of a trust of 24 academies: pages a phone reads, each within Teams’ size limit', () => {
  it.each(['2026-27-autumn', '2026-27-summer'])('%s: every page within the bounds', async (term) => {
    const { cards, labels } = ownerCardPages(24, term);
    expect(cards.length).toBeGreaterThan(1);
    expect(labels[0]).toMatch(/^Academies 1–\d+ of 24$/);
    const measured: string[] = [];
    for (const [index, card] of cards.entries()) {
      const rendered = await renderer!.render(card.content);
      const bytes = Buffer.byteLength(JSON.stringify(card));
      measured.push(`${labels[index]}: ${rendered.height} px, ${bytes} bytes`);
      expect(rendered.width).toBeLessThanOrEqual(PHONE_WIDTH);
      expect(rendered.overflows).toEqual([]);
      expect(rendered.height).toBeLessThanOrEqual(FIGURES_MAX_HEIGHT);
      expect(bytes).toBeLessThanOrEqual(CARD_MAX_BYTES);
    }
    if (process.env.PRINT_CARD_SIZES) process.stdout.write(`${term}\n${measured.join('\n')}\n`);
  });
});

describe('the rendering checks', () => {
  const card = (body: object[], actions: object[] = []): object => ({
    type: 'AdaptiveCard',
    version: '1.5',
    body,
    actions,
  });

  it('see a row of buttons too wide for a phone: the help card’s five commands on one row', async () => {
    const titles = ['help', 'who am I', 'open round', 'missing', 'remind'];
    const rendered = await renderer!.render(
      card(
        [{ type: 'TextBlock', text: 'Five buttons', wrap: true }],
        titles.map((title) => ({ type: 'Action.Submit', title })),
      ),
    );
    expect(rendered.overflows.map((overflow) => overflow.text)).toEqual(expect.arrayContaining(titles));
  });

  it('see text that does not wrap and is cut off', async () => {
    const long = 'The Philip Morant School and College of Further Education, Colchester, Essex';
    const rendered = await renderer!.render(card([{ type: 'TextBlock', text: long }]));
    expect(rendered.overflows.map((overflow) => overflow.text)).toContain(long);
  });

  it('see an element the renderer does not know, and a chart with no fallback shows nothing', async () => {
    const rendered = await renderer!.render(
      card([{ type: 'Chart.Pie', title: 'Statuses', data: [{ legend: 'Met', value: 3 }] }]),
    );
    expect(rendered.events).toEqual([expect.objectContaining({ event: 'UnknownElementType' })]);
    expect(rendered.text).not.toContain('Statuses');
  });

  it('see a missing input id', async () => {
    const rendered = await renderer!.render(card([{ type: 'Input.Text', label: 'No id' }]));
    expect(rendered.events.map((event) => event.event)).toContain('PropertyCantBeNull');
  });
});

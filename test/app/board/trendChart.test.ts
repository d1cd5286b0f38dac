/**
 * `trend <measure> [academy]` over the demo's history (demo/data/observations.csv, imported on the first
 * start as the demo does), through the bot over Azurite: the Chart.Line's series carry exactly the stored
 * figures per term, labelled with the terms, and the fallback fact set (what a client without charts
 * shows) carries the same numbers.
 */
import { readFileSync } from 'node:fs';

import { type CardNode, nodesOf, nodesOfType } from '../../cards/cardTree';
import { cardOf, DEMO, type RoundHarness, roundHarness } from '../../support/roundHarness';

/** Before the autumn 2026 round: the six terms shown end with autumn 2026, which has no figures yet. */
const NOW = '2026-12-02T10:00:00Z';
const SHOWN = ['2024-25-spring', '2024-25-summer', '2025-26-autumn', '2025-26-spring', '2025-26-summer'];
const LABELS = ['Spr 25', 'Sum 25', 'Aut 25', 'Spr 26', 'Sum 26'];
/** Every term shown, the target line's. */
const ALL_LABELS = [...LABELS, 'Aut 26'];

/** The demo data file's figures for one measure, by academy and term, read independently of the product. */
function demoFigures(metricId: string): Map<string, Map<string, number>> {
  const figures = new Map<string, Map<string, number>>();
  for (const line of readFileSync('demo/data/observations.csv', 'utf8').split('\n')) {
    const [urn, term, metric, value] = line.split(',');
    if (metric !== metricId || !urn || !term || value === undefined) continue;
    const byTerm = figures.get(urn) ?? new Map<string, number>();
    byTerm.set(term, Number(value));
    figures.set(urn, byTerm);
  }
  return figures;
}

interface Series {
  legend: string;
  values: { x: string; y: number }[];
}

function chartOf(card: CardNode): {
  series: Series[];
  facts: { title: string; value: string }[];
  chart: CardNode;
  lines: string[];
} {
  const [chart] = nodesOf(card).filter((node) => node.type === 'Chart.Line');
  if (!chart) throw new Error(`no Chart.Line in ${JSON.stringify(card).slice(0, 300)}`);
  const [facts] = nodesOfType(chart.fallback, 'FactSet');
  return {
    series: chart.data as Series[],
    facts: (facts?.facts ?? []) as { title: string; value: string }[],
    chart,
    lines: nodesOfType(card, 'TextRun').map((run) => String(run.text)),
  };
}

const ACADEMIES: Record<string, string> = {
  '990001': 'The Philip Morant School and College',
  '990002': 'Kingfisher Meadow School',
  '990003': 'Willowbrook Primary Academy',
  '990004': 'Saltmarsh Academy',
  '990005': 'Oakhaven Free School',
  '990006': 'Harbourside Primary Academy',
};

describe('trend over the demo history', () => {
  it('draws the plan’s target as a line over every term shown, and says it with the figures', async () => {
    const { series, facts, lines } = await ask('trend attendance philip morant');
    expect(series.at(-1)).toEqual({
      legend: 'Target (at least 95%)',
      values: ALL_LABELS.map((x) => ({ x, y: 95 })),
    });
    expect(facts.at(-1)).toEqual({ title: 'Target', value: 'at least 95%' });
    expect(lines).toContain('Target: at least 95%');
  });

  let h: RoundHarness;
  beforeAll(async () => {
    h = await roundHarness(NOW, { HISTORY_FILE: 'demo/data/observations.csv' });
  }, 60_000);

  async function ask(question: string): Promise<ReturnType<typeof chartOf>> {
    return chartOf(cardOf(await h.say(h.message(DEMO.ceo.aad, question))));
  }

  // Pinned by hand from the data file, so a misread of the file cannot agree with itself.
  it.each([
    [
      'trend attendance philip morant',
      'The Philip Morant School and College',
      [94.1, 94.3, 94.6, 94.8, 95.1],
    ],
    ['trend attendance kingfisher', 'Kingfisher Meadow School', [88.9, 89, 89.2, 89.1, 89.4]],
    ['trend persistent absence PMS', 'The Philip Morant School and College', [18.2, 17.4, 16.1, 15.2, 14.6]],
  ])('%s draws the stored figures per term', async (question, legend, values) => {
    const { series, facts, chart, lines } = await ask(question);
    const figures = { title: legend, value: LABELS.map((x, index) => `${x}: ${values[index]}`).join('; ') };
    expect(series[0]).toEqual({ legend, values: LABELS.map((x, index) => ({ x, y: values[index] })) });
    expect(facts[0]).toEqual(figures);
    // The figures are listed with the chart, not only in the fallback of clients that draw none.
    expect(lines).toContain(`${figures.title}: ${figures.value}`);
    // The y-axis spans the figures (and the target), not from 0.
    const ys = series.flatMap((entry) => entry.values.map((point) => point.y));
    expect(chart.yMin).toBeGreaterThan(0);
    expect(chart.yMin).toBeLessThanOrEqual(Math.min(...ys));
    expect(chart.yMax).toBeGreaterThanOrEqual(Math.max(...ys));
    // Tight enough that a change of a point shows: far from 0 to 100.
    expect(Number(chart.yMax) - Number(chart.yMin)).toBeLessThan(2 * (Math.max(...ys) - Math.min(...ys)) + 6);
  });

  it.each([['attendance'], ['persistentAbsence']])(
    'trend %s draws every academy with the figures the data file holds for the terms shown',
    async (metricId) => {
      const stored = demoFigures(metricId);
      const { series, facts } = await ask(
        `trend ${metricId === 'attendance' ? 'attendance' : 'persistent absence'}`,
      );
      const expected = Object.entries(ACADEMIES).map(([urn, legend]) => ({
        legend,
        values: SHOWN.flatMap((term, index) => {
          const y = stored.get(urn)?.get(term);
          return y === undefined ? [] : [{ x: LABELS[index] ?? '', y }];
        }),
      }));
      expect(expected.every((entry) => entry.values.length > 0)).toBe(true);
      expect(series.slice(0, expected.length)).toEqual(expected);
      expect(facts.slice(0, expected.length)).toEqual(
        expected.map((entry) => ({
          title: entry.legend,
          value: entry.values.map((point) => `${point.x}: ${point.y}`).join('; '),
        })),
      );
    },
  );
});

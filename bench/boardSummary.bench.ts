/**
 * The board summary's size where it is read: the demo trust's autumn 2026 summary and a generated trust
 * of 100 academies (test/cards/renderingCases.ts builds both, as the rendering test does), each rendered
 * in Chromium by the adaptivecards renderer with Teams' host config at 360 px. Printed: height, characters
 * of text as read (a closed drop-down counts as its chosen value), card bytes, and each against its bound:
 * the demo at most 2,000 px and 3,000 characters, the 100 academies at most the demo's plus 20 %.
 */
import { boardSummaryCard } from '../cards/boardSummaryCard';
import {
  demoSummaryView,
  generatedSummaryView,
  loadDemoTrust,
  SUMMARY_GROWTH,
  SUMMARY_MAX_CHARS,
  SUMMARY_MAX_HEIGHT,
} from '../test/cards/renderingCases';
import { startCardRenderer } from '../test/support/cardRenderer';
import type { Benchmark } from './benchmark';

function ratio(value: number, bound: number): string {
  return `${value.toLocaleString('en-GB')} (×${(value / bound).toFixed(2)} of ${Math.round(bound).toLocaleString('en-GB')}: ${value <= bound ? 'met' : 'NOT met'})`;
}

const boardSummaryBenchmark: Benchmark = {
  name: 'Board summary: two screens at 360 px, whatever the trust’s size',
  async run() {
    const [renderer, demo] = await Promise.all([startCardRenderer(), loadDemoTrust()]);
    try {
      const demoCard = boardSummaryCard(demoSummaryView(demo));
      const largeCard = boardSummaryCard(generatedSummaryView(100));
      const small = await renderer.render(demoCard.content);
      const large = await renderer.render(largeCard.content);
      const bytes = (card: object): string =>
        `${(Buffer.byteLength(JSON.stringify(card), 'utf8') / 1024).toFixed(1)} KB`;
      return [
        `demo trust (6 academies): height ${ratio(small.height, SUMMARY_MAX_HEIGHT)} px, text ${ratio(small.chars, SUMMARY_MAX_CHARS)} characters, ${bytes(demoCard)}`,
        `generated trust (100 academies): height ${ratio(large.height, small.height * SUMMARY_GROWTH)} px, text ${ratio(large.chars, small.chars * SUMMARY_GROWTH)} characters (bounds: the demo's + ${Math.round((SUMMARY_GROWTH - 1) * 100)} %), ${bytes(largeCard)}`,
      ];
    } finally {
      await renderer.close();
    }
  },
};

export default boardSummaryBenchmark;

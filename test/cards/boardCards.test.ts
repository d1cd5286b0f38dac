/**
 * The board's cards (the summary, status answers, drill-downs, suggestions): valid Adaptive Card 1.5 as a
 * client without charts sees them (each chart replaced by its fallback, which every chart must carry),
 * nothing left unbound, every button of the summary an Action.Submit (Teams mobile fails Action.Execute).
 */
import { boardDetailCard } from '../../cards/boardDetailCard';
import { boardSummaryCard } from '../../cards/boardSummaryCard';
import { principlesOf, principlesView, principleView } from '../../src/app/board/principlesView';
import {
  academyStatusView,
  objectiveView,
  risksView,
  trustStatusView,
} from '../../src/app/board/statusViews';
import { summaryView } from '../../src/app/board/summaryView';
import { evaluation, generatedEvaluation } from '../app/board/evaluationFixtures';
import { adaptiveCardValidator } from '../support/schemas';
import { type CardNode, nodesOf, nodesOfType } from './cardTree';

const validate = adaptiveCardValidator();

/** The card as a client without charts renders it: each chart element replaced by its fallback. */
function withoutCharts(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutCharts);
  if (value === null || typeof value !== 'object') return value;
  const node = value as CardNode;
  if (typeof node.type === 'string' && node.type.startsWith('Chart.')) return withoutCharts(node.fallback);
  return Object.fromEntries(Object.entries(node).map(([key, child]) => [key, withoutCharts(child)]));
}

const current = generatedEvaluation('2026-27-autumn', 6, 12);
const previous = generatedEvaluation('2026-27-summer', 6, 12);
const empty = evaluation('2026-27-autumn', []);

const CARDS: [string, CardNode][] = [
  ['summary', boardSummaryCard(summaryView({ evaluation: current, previous, history: [previous] })).content],
  ['provisional summary', boardSummaryCard(summaryView({ evaluation: current, provisional: true })).content],
  ['summary of nothing', boardSummaryCard(summaryView({ evaluation: empty })).content],
  ['trust status', boardDetailCard(trustStatusView(current, previous, 'The round is open.')).content],
  ['academy status', boardDetailCard(academyStatusView(current, '900001', 'Generated 2')).content],
  ['risks', boardDetailCard(risksView(current, undefined)).content],
  [
    'objective',
    boardDetailCard(objectiveView(current, { objectiveId: 'o1', title: 'O', number: 1 }, undefined)).content,
  ],
  ['principles', boardDetailCard(principlesView(current, undefined)).content],
  ["a head's principles", boardDetailCard(principlesView(current, new Set(['900001']))).content],
  ['one principle', boardDetailCard(principleView(current, principlesOf(current)[0]!, undefined)).content],
  [
    'suggestions',
    boardDetailCard({
      title: 'Did you mean one of these?',
      subtitle: '',
      lines: [],
      sections: [],
      buttons: [{ title: 'risks', text: 'risks' }],
    }).content,
  ],
];

describe.each(CARDS)('the %s card', (_name, card) => {
  it('gives every chart a fallback that shows the numbers', () => {
    for (const chart of nodesOf(card).filter((node) => String(node.type).startsWith('Chart.'))) {
      expect(Array.isArray(chart.data)).toBe(true);
      expect(nodesOfType(chart.fallback, 'FactSet')).toHaveLength(1);
    }
  });

  it('is valid Adaptive Card 1.5 without charts, fully bound, with no refresh', () => {
    const plain = withoutCharts(card);
    const valid = validate(plain);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(card.version).toBe('1.5');
    expect(card).not.toHaveProperty('refresh');
    expect(JSON.stringify(card)).not.toContain('${');
  });

  it('has no Action.Execute: every button is an Action.Submit carrying its verb and term', () => {
    expect(nodesOfType(card, 'Action.Execute')).toEqual([]);
    for (const action of nodesOfType(card, 'Action.Submit')) {
      const data = action.data as CardNode | undefined;
      // A board button names what to show and the term; a suggestion sends its command as typed.
      if (data?.verb !== undefined) {
        expect(['boardAcademy', 'boardObjective', 'boardPrinciples', 'boardExceptions']).toContain(data.verb);
        expect(data.term).toMatch(/^\d{4}-\d{2}-(autumn|spring|summer)$/);
      }
    }
  });
});

it.each([
  ['with one closed term, the statuses per objective', [], 'Chart.VerticalBar.Grouped'],
  ['with two closed terms, the trend', [previous], 'Chart.Line'],
])('the summary carries one chart: %s', (_case, history, kind) => {
  const summary = boardSummaryCard(summaryView({ evaluation: current, history })).content;
  expect(
    nodesOf(summary)
      .filter((node) => String(node.type).startsWith('Chart.'))
      .map((n) => n.type),
  ).toEqual([kind]);
});

it('the trust status carries no chart', () => {
  const status = CARDS.find(([name]) => name === 'trust status')?.[1];
  expect(nodesOf(status).filter((node) => String(node.type).startsWith('Chart.'))).toEqual([]);
});

import { roundProgressCard } from '../../cards/roundProgressCard';
import type { RoundProgressView } from '../../src/app/round/roundViews';
import { type CardNode, nodesOfType, runText } from './cardTree';
import { expectValidCard } from './roundCardChecks';
import { AWKWARD_NAME } from './roundCardFixtures';

const view: RoundProgressView = {
  termLabel: 'autumn 2026',
  stateLine: 'Open since 24 Nov 2026, closes 12 Dec 2026',
  summaryLine: '3 of 6 submitted',
  sections: [
    { title: 'Submitted (3)', lines: ['Hill Primary', 'Saltmarsh Academy', 'Philip Morant School'] },
    { title: 'Draft (1)', lines: ['Brook Academy'] },
    { title: 'Could not be reached (0)', lines: [] },
  ],
};

describe('round progress card', () => {
  it.each<[string, RoundProgressView]>([
    ['an open round', view],
    ['a closed round with no sections', { ...view, stateLine: 'Closed on 12 Dec 2026', sections: [] }],
  ])('%s: a valid 1.5 card without buttons', (_name, v) => {
    const card = roundProgressCard(v).content;
    expectValidCard(card);
    expect(nodesOfType(card, 'Action.Execute')).toEqual([]);
  });

  it('shows the title, state, summary, and each section as a heading with its lines', () => {
    const card = roundProgressCard(view).content;
    const body = card.body as CardNode[];
    expect(body.slice(0, 3).map(runText)).toEqual([
      'The autumn 2026 round',
      'Open since 24 Nov 2026, closes 12 Dec 2026',
      '3 of 6 submitted',
    ]);
    const sections = body.slice(3).map((section) => (section.items as CardNode[]).map(runText));
    expect(sections).toEqual([
      ['Submitted (3)', 'Hill Primary', 'Saltmarsh Academy', 'Philip Morant School'],
      ['Draft (1)', 'Brook Academy'],
      ['Could not be reached (0)'],
    ]);
  });

  it('shows academy names as written', () => {
    const card = roundProgressCard({
      ...view,
      sections: [{ title: 'Missing (1)', lines: [AWKWARD_NAME] }],
    }).content;
    expect(JSON.parse(JSON.stringify(card))).toEqual(card);
    expect(nodesOfType(card, 'TextRun').map((run) => run.text)).toContain(AWKWARD_NAME);
  });
});

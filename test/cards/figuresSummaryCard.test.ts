import { figuresSummaryCard } from '../../cards/figuresSummaryCard';
import { escapeMarkdown } from '../../src/app/escapeMarkdown';
import type { FiguresSummaryView } from '../../src/app/round/roundViews';
import { type CardNode, nodesOfType, runText } from './cardTree';
import { expectSubmitActions, expectValidCard } from './roundCardChecks';
import { AWKWARD_NAME } from './roundCardFixtures';

function summaryView(extra: Partial<FiguresSummaryView> = {}): FiguresSummaryView {
  return {
    academyName: 'Saltmarsh Academy',
    urn: '990001',
    term: '2026-27-autumn',
    termLabel: 'autumn 2026',
    submittedLine: 'Submitted by Helen Marsh at 10:42 on 2 Dec 2026',
    rows: [
      { label: 'Attendance', value: '94.1%' },
      { label: 'Senior leadership judgement', value: 'Good' },
      { label: 'Attainment 8', value: 'Not available: results out in January' },
    ],
    canEdit: true,
    footnote: 'You can edit these until 12 Dec 2026.',
    ...extra,
  };
}

describe('figures summary card', () => {
  it.each<[string, FiguresSummaryView, number]>([
    ['while the round is open', summaryView(), 1],
    [
      'after the round closed',
      summaryView({ canEdit: false, footnote: 'The round closed on 12 Dec 2026.' }),
      0,
    ],
    ['with no rows', summaryView({ rows: [] }), 1],
  ])('%s: a valid 1.5 card with its Edit button only while editable', (_name, view, buttons) => {
    const card = figuresSummaryCard(view).content;
    expectValidCard(card);
    const data = expectSubmitActions(card);
    expect(data).toHaveLength(buttons);
    if (buttons === 1) {
      expect(data[0]).toEqual({ verb: 'editFigures', term: '2026-27-autumn', urn: '990001' });
      expect(nodesOfType(card, 'Action.Submit')[0]?.title).toBe('Edit');
    }
  });

  it('shows the academy, the term, who submitted, every stored row and the footnote', () => {
    const card = figuresSummaryCard(summaryView()).content;
    const lines = nodesOfType(card, 'RichTextBlock').map(runText);
    expect(lines).toEqual([
      'Saltmarsh Academy',
      'Figures for autumn 2026',
      'Submitted by Helen Marsh at 10:42 on 2 Dec 2026',
      'You can edit these until 12 Dec 2026.',
    ]);
    expect(nodesOfType(card, 'FactSet')[0]?.facts).toEqual([
      { title: 'Attendance', value: '94.1%' },
      { title: 'Senior leadership judgement', value: 'Good' },
      { title: 'Attainment 8', value: 'Not available: results out in January' },
    ]);
    expect(nodesOfType(card, 'Input.Text')).toEqual([]);
  });

  it('shows names and typed reasons as given: text runs as they are, FactSet entries escaped', () => {
    const card = figuresSummaryCard(
      summaryView({
        academyName: AWKWARD_NAME,
        rows: [{ label: AWKWARD_NAME, value: `Not available: ${AWKWARD_NAME}` }],
      }),
    ).content;
    expect(JSON.parse(JSON.stringify(card))).toEqual(card);
    expect(runText(nodesOfType(card, 'RichTextBlock')[0])).toBe(AWKWARD_NAME);
    expect((nodesOfType(card, 'FactSet')[0]?.facts as CardNode[])[0]).toEqual({
      title: escapeMarkdown(AWKWARD_NAME),
      value: escapeMarkdown(`Not available: ${AWKWARD_NAME}`),
    });
  });
});

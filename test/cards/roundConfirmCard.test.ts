import { roundConfirmCard } from '../../cards/roundConfirmCard';
import { escapeMarkdown } from '../../src/app/escapeMarkdown';
import type { RoundConfirmView } from '../../src/app/round/roundViews';
import { nodesOfType, runText } from './cardTree';
import { expectRoundActions, expectValidCard } from './roundCardChecks';
import { AWKWARD_NAME } from './roundCardFixtures';

const openView: RoundConfirmView = {
  verb: 'openRound',
  term: '2026-27-autumn',
  termLabel: 'autumn 2026',
  facts: [
    { title: 'Closes', value: '12 Dec 2026' },
    { title: 'Heads to ask', value: '6 (6 academies)' },
  ],
  buttonTitle: 'Open round',
};
const closeView: RoundConfirmView = {
  verb: 'closeRound',
  term: '2026-27-autumn',
  termLabel: 'autumn 2026',
  facts: [{ title: 'Submitted', value: '4 of 6' }],
  note: '2 academies have not submitted: Hill Primary, Saltmarsh Academy.',
  buttonTitle: 'Close round',
};

describe('round confirmation card', () => {
  it.each<[string, RoundConfirmView, string]>([
    ['opening', openView, 'Open the autumn 2026 round?'],
    [
      'opening, with a note',
      { ...openView, note: '2 heads cannot be reached yet: Ann Lee, Bo Chan.' },
      'Open the autumn 2026 round?',
    ],
    ['closing, with a note', closeView, 'Close the autumn 2026 round?'],
    ['closing, no facts', { ...closeView, facts: [] }, 'Close the autumn 2026 round?'],
  ])('%s: a valid 1.5 card titled as a question with one button for its verb', (_name, view, title) => {
    const card = roundConfirmCard(view).content;
    expectValidCard(card);
    expect(expectRoundActions(card)).toEqual([{ verb: view.verb, term: '2026-27-autumn' }]);
    expect(nodesOfType(card, 'Action.Execute')[0]?.title).toBe(view.buttonTitle);
    expect(runText(nodesOfType(card, 'RichTextBlock')[0])).toBe(title);
    expect(nodesOfType(card, 'FactSet')[0]?.facts).toEqual(view.facts);
  });

  it.each<[string, RoundConfirmView]>([
    ['open', openView],
    ['close', closeView],
  ])('shows the note, if any, in attention colour (%s)', (_name, view) => {
    const blocks = nodesOfType(roundConfirmCard(view).content, 'RichTextBlock');
    if (view.note === undefined) {
      expect(blocks).toHaveLength(1);
    } else {
      expect(runText(blocks[1])).toBe(view.note);
      expect(blocks[1]?.inlines).toEqual([expect.objectContaining({ color: 'Attention' })]);
    }
  });

  it('keeps names as written in facts and note', () => {
    const card = roundConfirmCard({
      ...closeView,
      facts: [{ title: 'Missing', value: AWKWARD_NAME }],
      note: AWKWARD_NAME,
    }).content;
    expect(JSON.parse(JSON.stringify(card))).toEqual(card);
    expect(nodesOfType(card, 'FactSet')[0]?.facts).toEqual([
      { title: 'Missing', value: escapeMarkdown(AWKWARD_NAME) },
    ]);
    expect(runText(nodesOfType(card, 'RichTextBlock')[1])).toBe(AWKWARD_NAME);
  });
});

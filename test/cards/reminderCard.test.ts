import { reminderCard } from '../../cards/reminderCard';
import type { ReminderView } from '../../src/app/round/roundViews';
import { nodesOfType, runText } from './cardTree';
import { expectSubmitActions, expectValidCard } from './roundCardChecks';
import { AWKWARD_NAME } from './roundCardFixtures';

const view: ReminderView = {
  academyName: 'Saltmarsh Academy',
  urn: '990001',
  term: '2026-27-autumn',
  termLabel: 'autumn 2026',
  text: 'The autumn 2026 figures for Saltmarsh Academy are due by 12 Dec 2026 (in 2 days).',
};

describe('reminder card', () => {
  it.each<[string, ReminderView]>([
    ['a reminder', view],
    ['a last reminder', { ...view, text: 'The autumn 2026 figures for Saltmarsh Academy are due today.' }],
  ])('%s: short text, a button that brings the figures card back and one to answer in chat', (_name, v) => {
    const card = reminderCard(v).content;
    expectValidCard(card);
    expect(expectSubmitActions(card)).toEqual([
      { verb: 'editFigures', term: '2026-27-autumn', urn: v.urn },
      { verb: 'answerInChat', term: '2026-27-autumn', urn: v.urn },
    ]);
    expect(nodesOfType(card, 'Action.Submit').map((action) => action.title)).toEqual([
      'Open my figures',
      'Answer in chat',
    ]);
    expect(nodesOfType(card, 'RichTextBlock').map(runText)).toEqual([
      `Reminder: autumn 2026 figures for ${v.academyName}`,
      v.text,
    ]);
  });

  it('shows names as written, in text runs', () => {
    const card = reminderCard({ ...view, academyName: AWKWARD_NAME, text: `Due: ${AWKWARD_NAME}` }).content;
    expect(JSON.parse(JSON.stringify(card))).toEqual(card);
    expect(nodesOfType(card, 'RichTextBlock').map(runText)).toEqual([
      `Reminder: autumn 2026 figures for ${AWKWARD_NAME}`,
      `Due: ${AWKWARD_NAME}`,
    ]);
  });
});

import { figuresCard } from '../../cards/figuresCard';
import type { FiguresCardField, FiguresCardView } from '../../src/app/round/roundViews';
import { type CardNode, elementById, nodesOf, nodesOfType, runText } from './cardTree';
import { expectUniversalActions, expectValidCard } from './roundCardChecks';
import {
  AWKWARD_NAME,
  CHOICE,
  DATE,
  field,
  figuresView,
  fullCatalogueView,
  NUMBER,
  YES_NO,
} from './roundCardFixtures';

function content(view: FiguresCardView): CardNode {
  return figuresCard(view).content;
}

const attendance = field('attendance', NUMBER, {
  label: 'Attendance',
  unit: '%',
  rangeText: '0 to 100 %',
  required: true,
  value: '94.1',
});
const leadership = field('seniorLeadership', CHOICE, { value: 'good' });
const safeguarding = field('ofstedSafeguardingEffective', YES_NO, { value: 'yes' });
const inspected = field('lastInspection', DATE, { value: '2026-03-04' });

describe('figures card', () => {
  it.each<[string, FiguresCardView]>([
    ['one number field, nothing typed', figuresView([field('attendance', NUMBER)])],
    ['every kind of input, pre-filled', figuresView([attendance, leadership, safeguarding, inspected])],
    [
      'errors on every kind of input',
      figuresView(
        [attendance, leadership, safeguarding, inspected].map((f) => ({ ...f, error: 'Fix this' })),
        { banner: { tone: 'attention', text: '4 figures need another look.' } },
      ),
    ],
    [
      'previous values and not-available reasons',
      figuresView([
        { ...attendance, previous: 'Last time: 93.8% (summer 2026)' },
        { ...leadership, value: '', notAvailableReason: 'Review in January' },
      ]),
    ],
    ['a saved-draft banner', figuresView([attendance], { banner: { tone: 'good', text: 'Draft saved.' } })],
    ['an editing banner', figuresView([attendance], { banner: { tone: 'default', text: 'Editing.' } })],
    [
      'several groups',
      figuresView([], {
        groups: [
          { title: 'Teaching', fields: [attendance] },
          { title: 'Leadership', fields: [leadership, safeguarding] },
        ],
      }),
    ],
    ['the whole catalogue with errors and previous values', fullCatalogueView()],
  ])('%s: a valid 1.5 card with universal actions', (_name, view) => {
    const card = content(view);
    expectValidCard(card);
    expect(expectUniversalActions(card)).toEqual([
      { verb: 'submitFigures', term: view.term, urn: view.urn },
      { verb: 'saveDraft', term: view.term, urn: view.urn },
    ]);
    expect(nodesOfType(card, 'Action.Execute').map((a) => a.title)).toEqual(['Submit', 'Save for later']);
  });

  it('is titled with the academy and the term, and says when it closes', () => {
    const card = content(figuresView([attendance]));
    const blocks = nodesOfType(card, 'RichTextBlock').map(runText);
    expect(blocks[0]).toBe('Saltmarsh Academy');
    expect(blocks[1]).toBe('Figures for autumn 2026, due by 12 Dec 2026');
  });

  it('heads each group with its objective, fields in order beneath', () => {
    const card = content(
      figuresView([], {
        groups: [
          { title: 'Teaching', fields: [attendance] },
          { title: 'Leadership', fields: [leadership, safeguarding] },
        ],
      }),
    );
    const body = card.body as CardNode[];
    const groups = body.filter((item) => item.type === 'Container');
    expect(groups.map((group) => runText((group.items as CardNode[])[0]))).toEqual([
      'Teaching',
      'Leadership',
    ]);
    const idsIn = (group: CardNode | undefined) =>
      nodesOf(group)
        .map((node) => node.id)
        .filter((id) => typeof id === 'string' && id.startsWith('m_'));
    expect(idsIn(groups[0])).toEqual(['m_attendance']);
    expect(idsIn(groups[1])).toEqual(['m_seniorLeadership', 'm_ofstedSafeguardingEffective']);
  });

  it.each<[string, FiguresCardField, string, string]>([
    [
      'required, with unit and range',
      attendance,
      'Attendance (%) · Required',
      '0 to 100 % — Help for attendance.',
    ],
    ['optional, no unit, no range', leadership, 'Label of seniorLeadership', 'Help for seniorLeadership.'],
  ])('labels a field %s', (_name, f, heading, detail) => {
    const { siblings } = elementById(content(figuresView([f])), f.inputId);
    expect(runText(siblings[0])).toBe(heading);
    expect(runText(siblings[1])).toBe(detail);
  });

  it('shows the previous value line only when there is one', () => {
    const withPrevious = content(
      figuresView([{ ...attendance, previous: 'Last time: 93.8% (summer 2026)' }]),
    );
    expect(nodesOfType(withPrevious, 'RichTextBlock').map(runText)).toContain(
      'Last time: 93.8% (summer 2026)',
    );
    const without = content(figuresView([attendance]));
    expect(JSON.stringify(without)).not.toContain('Last time');
  });

  it.each<[string, FiguresCardField, CardNode]>([
    [
      'a number, pre-filled as a number, without min/max',
      attendance,
      { type: 'Input.Number', id: 'm_attendance', placeholder: '0 to 100 %', value: 94.1 },
    ],
    [
      'a number written the UK way',
      { ...attendance, value: '1,200.5' },
      { type: 'Input.Number', id: 'm_attendance', placeholder: '0 to 100 %', value: 1200.5 },
    ],
    ['a percent with its sign', { ...attendance, value: '42 %' }, { value: 42 }],
    ['a negative with a minus sign', { ...attendance, value: '\u22123.5' }, { value: -3.5 }],
    ['zero', { ...attendance, value: '0' }, { value: 0 }],
    ['a decimal without a whole part', { ...attendance, value: '.5' }, { value: 0.5 }],
    ['an empty number', { ...attendance, value: '' }, { type: 'Input.Number', placeholder: '0 to 100 %' }],
    [
      'a choice, compact',
      leadership,
      {
        type: 'Input.ChoiceSet',
        style: 'compact',
        value: 'good',
        choices: [
          { title: 'Good', value: 'good' },
          { title: 'Inadequate', value: 'inadequate' },
        ],
      },
    ],
    [
      'a yes/no, compact',
      safeguarding,
      {
        type: 'Input.ChoiceSet',
        style: 'compact',
        value: 'yes',
        choices: [
          { title: 'Yes', value: 'yes' },
          { title: 'No', value: 'no' },
        ],
      },
    ],
    ['a date', inspected, { type: 'Input.Date', id: 'm_lastInspection', value: '2026-03-04' }],
    ['an empty date', { ...inspected, value: '' }, { type: 'Input.Date', id: 'm_lastInspection' }],
  ])('enters %s', (_name, f, expected) => {
    const { element } = elementById(content(figuresView([f])), f.inputId);
    expect(element).toMatchObject(expected);
    expect(element).not.toHaveProperty('min');
    expect(element).not.toHaveProperty('max');
    if (!('value' in expected)) expect(element).not.toHaveProperty('value');
  });

  it.each<[string, FiguresCardField, string]>([
    [
      'a number',
      { ...attendance, value: '140', error: 'Enter a number from 0 to 100' },
      'Enter a number from 0 to 100',
    ],
    [
      'a number the input cannot hold',
      { ...attendance, value: '12,5', error: 'Enter a number from 0 to 100' },
      'Enter a number from 0 to 100 (you typed “12,5”)',
    ],
    [
      'a choice',
      { ...leadership, error: 'Choose one of: Good, Inadequate' },
      'Choose one of: Good, Inadequate',
    ],
    ['a yes/no', { ...safeguarding, value: '', error: 'Answer yes or no' }, 'Answer yes or no'],
    ['a date', { ...inspected, value: 'March', error: 'Enter a date' }, 'Enter a date (you typed “March”)'],
  ])('shows the error on %s right under its input, in attention colour', (_name, f, message) => {
    const other = field('other', NUMBER, { error: 'Other error' });
    const { siblings } = elementById(content(figuresView([other, f])), f.inputId);
    const at = siblings.findIndex((item) => item.id === f.inputId);
    const next = siblings[at + 1];
    expect(next?.type).toBe('RichTextBlock');
    expect(runText(next)).toBe(message);
    expect((next?.inlines as CardNode[])[0]).toMatchObject({ color: 'Attention' });
  });

  it('shows no error line for a field without an error', () => {
    const { siblings } = elementById(content(figuresView([attendance])), attendance.inputId);
    const at = siblings.findIndex((item) => item.id === attendance.inputId);
    expect(siblings[at + 1]?.type).toBe('ActionSet');
  });

  it.each<[string, Partial<FiguresCardField>, boolean]>([
    ['hidden when there is nothing to see', {}, false],
    ['shown when a reason was given', { notAvailableReason: 'Results out in January' }, true],
    ['shown when the field has an error', { error: 'Enter a number from 0 to 100' }, true],
  ])('the not-available reason is %s', (_name, extra, visible) => {
    const card = content(figuresView([{ ...attendance, ...extra }]));
    const { element, siblings } = elementById(card, 'na_attendance');
    expect(element).toMatchObject({
      type: 'Input.Text',
      isVisible: visible,
      placeholder: "Can't give this yet? Say why",
      value: extra.notAvailableReason ?? '',
    });
    const toggle = siblings[siblings.indexOf(element) - 1];
    expect(toggle).toMatchObject({
      type: 'ActionSet',
      actions: [{ type: 'Action.ToggleVisibility', targetElements: ['na_attendance'] }],
    });
  });

  it.each<['attention' | 'good' | 'default', string]>([
    ['attention', 'attention'],
    ['good', 'good'],
    ['default', 'emphasis'],
  ])('puts a %s banner first', (tone, style) => {
    const card = content(figuresView([attendance], { banner: { tone, text: 'Look here' } }));
    const first = (card.body as CardNode[])[0];
    expect(first).toMatchObject({ type: 'Container', style });
    expect(runText((first?.items as CardNode[])[0])).toBe('Look here');
  });

  it('has no banner when the view has none', () => {
    const first = (content(figuresView([attendance])).body as CardNode[])[0];
    expect(runText(first)).toBe('Saltmarsh Academy');
  });

  it('shows names, labels, typed text and errors exactly as given, in text runs that never render markdown', () => {
    const awkward = {
      ...attendance,
      label: AWKWARD_NAME,
      previous: `Last time: ${AWKWARD_NAME}`,
      error: AWKWARD_NAME,
      notAvailableReason: AWKWARD_NAME,
    };
    const card = content(
      figuresView([], {
        academyName: AWKWARD_NAME,
        groups: [{ title: AWKWARD_NAME, fields: [awkward] }],
        banner: { tone: 'attention', text: AWKWARD_NAME },
      }),
    );
    expect(JSON.parse(JSON.stringify(card))).toEqual(card);
    // Exactly as given also means the name's "${urn}" is not evaluated by the template.
    expect(nodesOfType(card, 'RichTextBlock').map(runText)).toEqual(
      expect.arrayContaining([
        AWKWARD_NAME, // banner, title, group, error
        `${AWKWARD_NAME} (%) · Required`,
        `Last time: ${AWKWARD_NAME}`,
      ]),
    );
    const runs = nodesOfType(card, 'TextRun').map((run) => run.text);
    expect(runs.filter((text) => text === AWKWARD_NAME)).toHaveLength(4); // banner, title, group, error
    expect(elementById(card, 'na_attendance').element.value).toBe(AWKWARD_NAME);
    // The only TextBlock is the card's own fixed sentence: no data goes where markdown is rendered.
    expect(nodesOfType(card, 'TextBlock')).toHaveLength(1);
  });

  it('stays well under 80 KB with every head-supplied metric, each with an error and a previous value', () => {
    const view = fullCatalogueView();
    const bytes = Buffer.byteLength(JSON.stringify(figuresCard(view)), 'utf8');
    expect(view.groups.flatMap((group) => group.fields).length).toBeGreaterThan(30);
    // 80 KB is Teams' recommended ceiling. This view (35 fields, both Ofsted forms, every reason box
    // open) measured 51 KB; an academy's real card holds only the metrics its phase and term need.
    expect(bytes).toBeLessThan(64 * 1024);
  });
});

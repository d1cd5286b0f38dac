import { figuresCard } from '../../cards/figuresCard';
import { readPlanFile } from '../../src/adapters/files/readPlanFile';
import { readRosterDir } from '../../src/adapters/files/readRosterDir';
import type { FiguresCardField, FiguresCardView } from '../../src/app/round/roundViews';
import { requestedMetrics } from '../../src/domain/round/requestedMetrics';
import { MAX_REASON_LENGTH } from '../../src/domain/round/validateFigures';
import { TERM_NAMES } from '../../src/domain/terms/term';
import { DEFAULT_TERM_CALENDAR } from '../../src/domain/terms/termCalendar';
import { type CardNode, elementById, nodesOf, nodesOfType, runText } from './cardTree';
import { expectSubmitActions, expectValidCard } from './roundCardChecks';
import {
  AWKWARD_NAME,
  CHOICE,
  DATE,
  field,
  figuresView,
  fullCatalogueView,
  NUMBER,
  worstCaseView,
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
  ])('%s: a valid 1.5 card with Action.Submit buttons that work on every Teams client', (_name, view) => {
    const card = content(view);
    expectValidCard(card);
    expect(expectSubmitActions(card)).toEqual([
      { verb: 'answerInChat', term: view.term, urn: view.urn },
      { verb: 'submitFigures', term: view.term, urn: view.urn, version: view.version },
      { verb: 'saveDraft', term: view.term, urn: view.urn, version: view.version },
    ]);
    expect(nodesOfType(card, 'Action.Submit').map((a) => a.title)).toEqual([
      'Answer in chat',
      'Submit',
      'Save for later',
    ]);
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
  ])('labels a field %s on the input itself, the range and help under it', (_name, f, label, detail) => {
    const { element, siblings } = elementById(content(figuresView([f])), f.inputId);
    expect(element.label).toBe(label);
    expect(siblings.indexOf(element)).toBe(0);
    expect(runText(siblings[1])).toBe(detail);
  });

  it.each<[string, FiguresCardField, string[]]>([
    ['a plain field', attendance, ['Input.Text', 'detail', 'toggle', 'Input.Text']],
    [
      'a field with an error and a previous value',
      { ...attendance, error: 'Enter a number from 0 to 100', previous: 'Last time: 93.8% (summer 2026)' },
      ['Input.Text', 'error', 'detail', 'previous', 'Input.Text'],
    ],
    [
      'an optional field, which needs no reason',
      { ...attendance, required: false },
      ['Input.Text', 'detail'],
    ],
  ])('lays out %s in order: input, error, help, previous value, reason', (_name, f, expected) => {
    const { siblings } = elementById(content(figuresView([f])), f.inputId);
    const kinds = siblings.map((item) => {
      if (item.type === 'ActionSet') return 'toggle';
      if (item.type !== 'RichTextBlock') return item.type;
      const text = runText(item);
      if (text === f.error) return 'error';
      if (text === f.previous) return 'previous';
      return text.includes(f.help) ? 'detail' : text;
    });
    expect(kinds).toEqual(expected);
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
      'a number, as text, without min/max',
      attendance,
      { type: 'Input.Text', id: 'm_attendance', placeholder: '0 to 100 %', value: '94.1', maxLength: 64 },
    ],
    // Numbers as people write them are kept as typed, for the server to read (parseMetricValue).
    [
      'a number written the UK way',
      { ...attendance, value: '1,234' },
      { type: 'Input.Text', value: '1,234' },
    ],
    ['a percent with its sign', { ...attendance, value: '95.2%' }, { value: '95.2%' }],
    ['a negative with a minus sign', { ...attendance, value: '\u22123' }, { value: '\u22123' }],
    ['pounds in thousands', { ...attendance, value: '£120k' }, { value: '£120k' }],
    ['a decimal comma', { ...attendance, value: '12,5' }, { value: '12,5' }],
    ['zero', { ...attendance, value: '0' }, { value: '0' }],
    [
      'an empty number',
      { ...attendance, value: '' },
      { type: 'Input.Text', placeholder: '0 to 100 %', value: '' },
    ],
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
    ['a choice given by its title', { ...leadership, value: ' Inadequate' }, { value: 'inadequate' }],
    ['a choice not among the options', { ...leadership, value: 'Outstanding' }, { value: '' }],
    ['no choice', { ...leadership, value: '' }, { value: '', placeholder: 'Choose…' }],
    ['a yes given as true', { ...safeguarding, value: 'true' }, { value: 'yes' }],
    ['a no given as N', { ...safeguarding, value: 'N' }, { value: 'no' }],
    ['a yes/no given as neither', { ...safeguarding, value: 'maybe' }, { value: '' }],
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
      'a number that could be read two ways, the typed text kept in its input',
      {
        ...attendance,
        value: '12,5',
        error:
          'Is that 12.5 or 125? Write decimals with a point (12.5) and commas only between thousands (1,234)',
      },
      'Is that 12.5 or 125? Write decimals with a point (12.5) and commas only between thousands (1,234)',
    ],
    [
      'a choice',
      { ...leadership, error: 'Choose one of: Good, Inadequate' },
      'Choose one of: Good, Inadequate',
    ],
    ['a yes/no', { ...safeguarding, value: '', error: 'Answer yes or no' }, 'Answer yes or no'],
    ['a date', { ...inspected, value: 'March', error: 'Enter a date' }, 'Enter a date (you typed “March”)'],
    [
      'a choice not among the options',
      { ...leadership, value: 'Outstanding', error: 'Choose one of: Good, Inadequate' },
      'Choose one of: Good, Inadequate (you typed “Outstanding”)',
    ],
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
    const card = content(figuresView([attendance]));
    const { siblings } = elementById(card, attendance.inputId);
    expect(runText(siblings[1])).toBe('0 to 100 % — Help for attendance.');
    const attention = nodesOfType(card, 'TextRun').filter((run) => run.color === 'Attention');
    expect(attention).toEqual([]);
  });

  it.each<[string, Partial<FiguresCardField>, boolean]>([
    ['hidden behind a toggle when there is nothing to see', {}, false],
    [
      'shown, without the toggle, when a reason was given',
      { notAvailableReason: 'Results out in January' },
      true,
    ],
    [
      'shown, without the toggle, when the field has an error',
      { error: 'Enter a number from 0 to 100' },
      true,
    ],
  ])('the not-available reason is %s', (_name, extra, visible) => {
    const card = content(figuresView([{ ...attendance, ...extra }]));
    const { element, siblings } = elementById(card, 'na_attendance');
    expect(element).toMatchObject({
      type: 'Input.Text',
      isVisible: visible,
      placeholder: "Can't give this yet? Say why",
      maxLength: MAX_REASON_LENGTH,
      value: extra.notAvailableReason ?? '',
    });
    const before = siblings[siblings.indexOf(element) - 1];
    const toggle = {
      type: 'ActionSet',
      actions: [
        { type: 'Action.ToggleVisibility', title: "Can't give this yet?", targetElements: ['na_attendance'] },
      ],
    };
    const toggles = nodesOfType(card, 'Action.ToggleVisibility');
    if (visible) expect(toggles).toEqual([]);
    else expect(before).toMatchObject(toggle);
  });

  it('offers no "Can\'t give this yet?" on an optional figure, which may be left blank', () => {
    const card = content(figuresView([{ ...attendance, required: false }]));
    expect(nodesOfType(card, 'Action.ToggleVisibility')).toEqual([]);
    expect(JSON.stringify(card)).not.toContain('na_attendance');
    // A reason given before stays in sight, to be kept or cleared.
    const withReason = content(
      figuresView([{ ...attendance, required: false, notAvailableReason: 'Later' }]),
    );
    expect(elementById(withReason, 'na_attendance').element).toMatchObject({
      isVisible: true,
      value: 'Later',
    });
  });

  it.each<[string, Partial<FiguresCardField>, boolean]>([
    ['hidden behind "Add inspection grades" when nothing is in them', {}, false],
    ['shown when one has a grade', { value: 'good' }, true],
    ['shown when one has an error', { value: '', error: 'Choose one of: Good, Inadequate' }, true],
  ])('keeps a revealed group (an inspection) %s', (_name, extra, visible) => {
    const grade = { ...leadership, required: false, value: '', ...extra };
    const card = content(
      figuresView([], {
        groups: [
          { title: 'Teaching', fields: [attendance] },
          { title: 'Inspection this term', revealedBy: 'Add inspection grades', fields: [grade] },
        ],
      }),
    );
    const { element: fields } = elementById(card, 'group2');
    expect(fields.isVisible).toBe(visible);
    expect(nodesOf(fields).some((node) => node.id === 'm_seniorLeadership')).toBe(true);
    expect(elementById(card, 'group1').element.isVisible).toBe(true);
    const toggles = nodesOfType(card, 'Action.ToggleVisibility').filter((toggle) =>
      (toggle.targetElements as string[]).includes('group2'),
    );
    expect(toggles.map((toggle) => toggle.title)).toEqual(visible ? [] : ['Add inspection grades']);
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
      expect.arrayContaining([AWKWARD_NAME, `Last time: ${AWKWARD_NAME}`]),
    );
    // The Adaptive Cards renderer (as bundled in the Agents Playground) draws a label as a text run.
    expect(elementById(card, 'm_attendance').element.label).toBe(`${AWKWARD_NAME} (%) · Required`);
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
    // open) measured 42 KB; an academy's real card holds only the metrics its phase and term need.
    expect(bytes).toBeLessThan(64 * 1024);
  });
});

describe('figures card size for the demo trust', () => {
  it.each(['plans/demo-2025-2028.yaml', 'plans/thrive-2016-2019.yaml'])(
    'with %s, every academy in every term of 2025-26 and 2026-27 stays well under 80 KB',
    async (planFile) => {
      const [plan, roster] = await Promise.all([readPlanFile(planFile), readRosterDir('demo/roster')]);
      if (!plan.ok || !roster.ok) throw new Error(`${planFile} or demo/roster does not load`);
      const sizes: number[] = [];
      for (const academy of roster.roster.academies) {
        for (const startYear of [2025, 2026]) {
          for (const term of TERM_NAMES) {
            const groups = requestedMetrics(plan.plan, academy, { startYear, term }, DEFAULT_TERM_CALENDAR);
            const view = worstCaseView(academy.name, groups);
            sizes.push(Buffer.byteLength(JSON.stringify(figuresCard(view)), 'utf8'));
          }
        }
      }
      // The largest (26 fields: a special or all-through academy in autumn) measured 32 KB, with an
      // error and a previous value on every field.
      expect(Math.max(...sizes)).toBeLessThan(48 * 1024);
      expect(Math.min(...sizes)).toBeGreaterThan(0);
    },
  );
});

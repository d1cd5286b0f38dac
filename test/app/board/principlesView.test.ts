/**
 * The plan's principles on the board, from tables of evaluations: the summary's compact row (content and
 * order, a principle no target serves never green), `status principles` and `status principle <name>`
 * within each asker's scope, finding a principle by what people type, and the demo plan's mixed picture.
 */
import { boardSummaryCard } from '../../../cards/boardSummaryCard';
import { loadNationalBenchmarksOrThrow } from '../../../src/adapters/files/loadNationalBenchmarks';
import { loadTrustPlan } from '../../../src/adapters/files/loadTrustPlan';
import { readObservationsCsv } from '../../../src/adapters/files/readObservationsCsv';
import { readRosterDir } from '../../../src/adapters/files/readRosterDir';
import {
  findPrinciple,
  principleRow,
  principlesOf,
  principlesView,
  principleView,
  RESULTS_PER_TARGET,
} from '../../../src/app/board/principlesView';
import { summaryView } from '../../../src/app/board/summaryView';
import { evaluatePlan } from '../../../src/domain/evaluation/evaluatePlan';
import type { Evaluation } from '../../../src/domain/evaluation/evaluation';
import { DEFAULT_PRINCIPLES } from '../../../src/domain/plan/defaultPrinciples';
import { nodesOfType } from '../../cards/cardTree';
import { evaluation, type PrincipleRow, type Row, withPrinciples } from './evaluationFixtures';

// Target ids are `${objectiveId}-${targetTitle}` in the fixtures.
const ROWS: Row[] = [
  ['990001', 'Philip Morant', 'o1', 'Attendance', 'met', 'PM attendance 96% meets 95%.'],
  ['990002', 'Kingfisher', 'o1', 'Attendance', 'missed', 'KM attendance 89% missed 95%.'],
  ['990001', 'Philip Morant', 'o2', 'Turnover', 'atRisk', 'PM turnover 12% is heading above 10%.'],
  ['990002', 'Kingfisher', 'o2', 'Turnover', 'met', 'KM turnover 8% is below 10%.'],
  ['990001', 'Philip Morant', 'o2', 'Recommend', 'noData', 'No PM staff survey for 2025-26.'],
  ['990002', 'Kingfisher', 'o2', 'Recommend', 'met', 'KM 80% would recommend.'],
  ['990001', 'Philip Morant', 'o3', 'Partnerships', 'met', 'PM 9 partnerships.'],
  ['990002', 'Kingfisher', 'o3', 'Partnerships', 'onTrack', 'KM 4 partnerships, on track for 5.'],
  ['990001', 'Philip Morant', 'o3', 'Energy', 'notDue', 'PM energy use is not due yet.'],
];

const PRINCIPLES: PrincipleRow[] = [
  ['vision', 'A collective vision', []],
  ['improvement', 'School-to-school improvement', ['o1-Attendance']],
  ['employer', 'An employer of choice', ['o2-Turnover', 'o2-Recommend']],
  ['local', 'Local identity', ['o3-Partnerships']],
  ['sustainability', 'A sustainable future', ['o3-Energy']],
  // A target may serve two principles: the turnover's risk shows in both.
  ['governance', 'Shared governance', ['o2-Turnover']],
];

const STORED = withPrinciples(evaluation('2025-26-summer', ROWS, ['o1', 'o2', 'o3']), PRINCIPLES);

describe('the summary row of principles', () => {
  it.each([
    [
      'everyone',
      undefined,
      [
        ['vision', 'Not measured', 'Default', 'not measured by this plan'],
        ['improvement', 'Red', 'Attention', '1 missed'],
        ['employer', 'Amber', 'Warning', '1 at risk'],
        ['local', 'Green', 'Good', '1 on track'],
        ['sustainability', 'Grey', 'Default', 'nothing to judge yet'],
        ['governance', 'Amber', 'Warning', '1 at risk'],
      ],
    ],
    [
      "Kingfisher's head",
      new Set(['990002']),
      [
        ['vision', 'Not measured', 'Default', 'not measured by this plan'],
        ['improvement', 'Red', 'Attention', '1 missed'],
        ['employer', 'Green', 'Good', '2 met'],
        ['local', 'Green', 'Good', '1 on track'],
        ['sustainability', 'Grey', 'Default', 'nothing to judge yet'],
        ['governance', 'Green', 'Good', '1 met'],
      ],
    ],
  ] as const)(
    'gives each principle in plan order its colour and worst status, for %s',
    (_who, scope, cells) => {
      expect(
        principleRow(STORED, scope).map((cell) => [cell.principleId, cell.label, cell.color, cell.status]),
      ).toEqual(cells);
    },
  );

  const metOnly = evaluation('2025-26-summer', [ROWS[0]!], ['o1']);
  const saysUnmeasured = withPrinciples(metOnly, [['p', 'P', ['o1-Attendance']]]);
  it.each([
    ['a principle no target serves', withPrinciples(metOnly, [['p', 'P', []]])],
    [
      'a principle stored as not measured, though its target met',
      {
        ...saysUnmeasured,
        principles: (saysUnmeasured.principles ?? []).map((p) => ({ ...p, measured: false })),
      },
    ],
  ])('never shows %s as green', (_name, stored) => {
    expect(principleRow(stored)).toEqual([
      {
        principleId: 'p',
        label: 'Not measured',
        color: 'Default',
        title: 'P',
        status: 'not measured by this plan',
      },
    ]);
  });

  it('is left out of the card for an evaluation stored before principles were judged', () => {
    const older = evaluation('2025-26-summer', ROWS, ['o1', 'o2', 'o3']);
    const view = summaryView({ evaluation: older });
    expect(view.principles).toEqual([]);
    const card = JSON.stringify(boardSummaryCard(view).content);
    expect(card).not.toContain('Principles');
    expect(card).not.toContain('boardPrinciples');
  });

  it('shows the row on the summary card as coloured words, in plan order, with a drill-down button', () => {
    const card = boardSummaryCard(summaryView({ evaluation: STORED })).content;
    const runs = nodesOfType(card, 'TextRun').map((run) => run.text as string);
    const start = runs.indexOf('Principles: ');
    expect(runs.slice(start + 1, start + 5)).toEqual([
      'Not measured ',
      'A collective vision · ',
      'Red ',
      'School-to-school improvement · ',
    ]);
    expect(runs[start + 12]).toBe('Shared governance');
    const buttons = nodesOfType(card, 'Action.Submit').filter(
      (a) => (a.data as { verb?: string }).verb === 'boardPrinciples',
    );
    expect(buttons.map((b) => [b.title, b.data])).toEqual([
      ['Show principles', { verb: 'boardPrinciples', term: '2025-26-summer' }],
    ]);
  });
});

describe('status principles', () => {
  it('lists every principle with its targets and their reasons, worst reasons first', () => {
    const view = principlesView(STORED, undefined);
    expect(view.title).toBe('Principles: summer 2026');
    expect(view.sections.map((section) => section.title)).toEqual([
      'Not measured: A collective vision',
      'Red: School-to-school improvement (1 missed, 1 met)',
      'Amber: An employer of choice (1 at risk, 1 no data, 2 met)',
      'Green: Local identity (1 on track, 1 met)',
      'Grey: A sustainable future (nothing to judge yet)',
      'Amber: Shared governance (1 at risk, 1 met)',
    ]);
    expect(view.sections[0]?.items.map((item) => item.title)).toEqual(['Not measured by this plan']);
    expect(view.sections[2]?.items).toEqual([
      {
        label: 'Amber',
        color: 'Warning',
        title: 'Turnover',
        details: ['1 at risk, 1 met', 'Philip Morant: PM turnover 12% is heading above 10%.'],
      },
      {
        label: 'Amber',
        color: 'Warning',
        title: 'Recommend',
        details: ['1 no data, 1 met', 'Philip Morant: No PM staff survey for 2025-26.'],
      },
    ]);
    // With nothing at risk, the line shows what was judged.
    expect(view.sections[3]?.items[0]?.details).toEqual(['1 on track, 1 met', 'PM 9 partnerships.']);
  });

  it("shows a head their own academies' targets only", () => {
    const text = JSON.stringify(principlesView(STORED, new Set(['990002'])));
    expect(text).toContain('KM attendance 89% missed 95%.');
    expect(text).not.toContain('Philip Morant');
    expect(text).not.toContain('PM ');
    expect(text).toContain('your academy');
  });

  it('shows one principle target by target, academy by academy, worst first', () => {
    const principles = principlesOf(STORED);
    const view = principleView(STORED, principles[2]!, undefined);
    expect(view.title).toBe('Principle: An employer of choice');
    expect(view.lines).toEqual(['What An employer of choice means.', 'Amber: 1 at risk, 1 no data, 2 met.']);
    expect(
      view.sections.map((section) => [section.title, section.items.map((item) => [item.label, item.title])]),
    ).toEqual([
      [
        'Turnover (1 at risk, 1 met)',
        [
          ['Amber', 'Philip Morant'],
          ['Green', 'Kingfisher'],
        ],
      ],
      [
        'Recommend (1 no data, 1 met)',
        [
          ['Amber', 'Philip Morant'],
          ['Green', 'Kingfisher'],
        ],
      ],
    ]);
    const unmeasured = principleView(STORED, principles[0]!, undefined);
    expect(unmeasured.lines).toContain(
      'Not measured by this plan: no target of the plan serves this principle.',
    );
  });

  it(`shows at most ${RESULTS_PER_TARGET} academies per target and counts the rest`, () => {
    const rows: Row[] = Array.from({ length: 20 }, (_, n) => [
      String(900000 + n),
      `Academy ${n}`,
      'o1',
      'Attendance',
      n < 2 ? 'missed' : 'met',
      `Reason ${n}.`,
    ]);
    const stored = withPrinciples(evaluation('2025-26-summer', rows, ['o1']), [
      ['p', 'P', ['o1-Attendance']],
    ]);
    const items = principleView(stored, principlesOf(stored)[0]!, undefined).sections[0]?.items ?? [];
    expect(items).toHaveLength(RESULTS_PER_TARGET + 1);
    expect(items.slice(0, 2).map((item) => item.label)).toEqual(['Red', 'Red']);
    expect(items[RESULTS_PER_TARGET]).toMatchObject({ title: '8 more', details: ['8 met'] });
  });
});

describe('findPrinciple', () => {
  const principles = principlesOf(
    withPrinciples(
      evaluation('2025-26-summer', []),
      DEFAULT_PRINCIPLES.map((p): PrincipleRow => [p.id, p.title, []]),
    ),
  );
  it.each([
    ['4', 'employerOfChoice'],
    ['four', 'employerOfChoice'],
    ['employerOfChoice', 'employerOfChoice'],
    ['EMPLOYEROFCHOICE', 'employerOfChoice'],
    ['employer of choice', 'employerOfChoice'],
    ['An employer of choice.', 'employerOfChoice'],
    ['employer', 'employerOfChoice'],
    ['employer of choise', 'employerOfChoice'],
    ['governance', 'sharedGovernance'],
    ['goverance', 'sharedGovernance'],
    ['sustainability', 'fundsAndSustainability'],
    ['funds', 'fundsAndSustainability'],
    ['local identity', 'localIdentity'],
    ['school-to-school', 'schoolImprovement'],
    ['vision', 'collectiveVision'],
  ])('finds %j as %s', (query, id) => {
    expect(findPrinciple(principles, query)?.principleId).toBe(id);
  });

  it.each([[''], ['7'], ['weather'], ['the'], ['__proto__']])('finds nothing for %j', (query) => {
    expect(findPrinciple(principles, query)).toBeUndefined();
  });
});

/** The demo plan judged over the demo data, as the bot's demo stores it when the summer round closes. */
async function demoEvaluation(): Promise<Evaluation> {
  const { plan, calendar } = loadTrustPlan('plans/demo-2025-2028.yaml');
  const roster = await readRosterDir('demo/roster');
  if (!roster.ok) throw new Error('the demo roster does not load');
  const data = await readObservationsCsv('demo/data/observations.csv', { roster: roster.roster, calendar });
  if (!data.ok) throw new Error('the demo data does not load');
  return evaluatePlan({
    plan,
    roster: roster.roster,
    observations: data.observations,
    calendar,
    benchmarks: loadNationalBenchmarksOrThrow(),
    asOf: '2026-11-22',
  });
}

describe("the demo trust's principles", () => {
  it('shows a mixed picture on the summary row: every principle measured, not all one colour', async () => {
    const row = principleRow(await demoEvaluation());
    expect(row.map((cell) => [cell.principleId, cell.label, cell.status])).toEqual([
      ['collectiveVision', 'Green', '12 met'],
      ['sharedGovernance', 'Red', '2 missed'],
      ['schoolImprovement', 'Red', '7 missed'],
      // Missed against 2023-24's national 9.0% teacher turnover (the latest figure held).
      ['employerOfChoice', 'Red', '2 missed'],
      ['fundsAndSustainability', 'Red', '3 missed'],
      ['localIdentity', 'Amber', '1 no data'],
    ]);
  });

  it("answers a head's status principles with their academy only", async () => {
    const view = principlesView(await demoEvaluation(), new Set(['990006']));
    const text = JSON.stringify(view);
    expect(text).toContain('Harbourside Primary Academy');
    for (const other of ['Philip Morant', 'Kingfisher', 'Willowbrook', 'Saltmarsh', 'Oakhaven']) {
      expect(text).not.toContain(other);
    }
    expect(view.sections).toHaveLength(6);
  });
});

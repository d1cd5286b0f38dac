import { stringify } from 'yaml';

import { readPlanFile } from '../../../src/adapters/files/readPlanFile';
import { readRosterDir } from '../../../src/adapters/files/readRosterDir';
import { collectedBy, importedSources } from '../../../src/domain/metrics/collection';
import { getMetric, METRIC_CATALOGUE } from '../../../src/domain/metrics/metricCatalogue';
import { parsePlan } from '../../../src/domain/plan/parsePlan';
import type { Plan } from '../../../src/domain/plan/plan';
import type { Academy, Phase, Roster } from '../../../src/domain/roster/roster';
import {
  flattenRequested,
  publishedMetricsShown,
  type RequestedGroup,
  requestedMetrics,
} from '../../../src/domain/round/requestedMetrics';
import type { TermRef } from '../../../src/domain/terms/term';
import {
  createTermCalendar,
  DEFAULT_TERM_CALENDAR,
  parseTermKey,
  type TermCalendar,
  termRange,
} from '../../../src/domain/terms/termCalendar';

function term(key: string): TermRef {
  const ref = parseTermKey(key);
  if (!ref) throw new Error(`not a term key: ${key}`);
  return ref;
}

function academy(overrides: Partial<Academy> = {}): Academy {
  return {
    urn: '100001',
    name: 'Test Academy',
    phase: 'secondary',
    route: 'sponsored',
    town: 'Colchester',
    openedOn: '2016-09-01',
    joinedOn: '2016-09-01',
    tags: [],
    ...overrides,
  };
}

/** A plan from objectives written as YAML fields: objective id → its targets (ids and titles filled in). */
function planOf(objectives: Record<string, Record<string, unknown>[]>): Plan {
  let n = 0;
  const text = stringify({
    id: 'test-plan',
    title: 'Test plan',
    period: { from: '2023-24', to: '2027-28' },
    objectives: Object.entries(objectives).map(([id, targets]) => ({
      id,
      title: `Objective ${id}`,
      targets: targets.map((target) => {
        n++;
        return { id: `t${n}`, title: `Target ${n}`, appliesTo: 'all', ...target };
      }),
    })),
  });
  const result = parsePlan(text);
  if (!result.ok) throw new Error(`test plan does not load: ${JSON.stringify(result.errors)}`);
  return result.plan;
}

/** A one-objective plan. */
function planWith(...targets: Record<string, unknown>[]): Plan {
  return planOf({ only: targets });
}

const threshold = (metric: string, atLeast: number | string = 0): Record<string, unknown> => ({
  metric,
  rule: { kind: 'threshold', atLeast },
});
const inspection: Record<string, unknown> = {
  metric: 'ofstedOutcome',
  rule: { kind: 'inspection', standard: 'good' },
};

/** Metric ids per group, as `objectiveId: id, id`. */
function shape(groups: readonly RequestedGroup[]): string[] {
  return groups.map((group) => `${group.objectiveId}: ${group.metrics.map((m) => m.metric.id).join(', ')}`);
}

function ids(groups: readonly RequestedGroup[]): string[] {
  return flattenRequested(groups).map((requested) => requested.metric.id);
}

function ask(
  plan: Plan,
  who: Academy,
  termKey: string,
  calendar: TermCalendar = DEFAULT_TERM_CALENDAR,
): RequestedGroup[] {
  return requestedMetrics(plan, who, term(termKey), calendar);
}

const KEY_JUDGEMENTS_ALL_PHASES = [
  'ofstedQualityOfEducation',
  'ofstedBehaviourAndAttitudes',
  'ofstedPersonalDevelopment',
  'ofstedLeadershipAndManagement',
];
const REPORT_CARDS_ALL_PHASES = [
  'reportCardInclusion',
  'reportCardCurriculumAndTeaching',
  'reportCardAchievement',
  'reportCardAttendanceAndBehaviour',
  'reportCardPersonalDevelopment',
  'reportCardLeadershipAndGovernance',
];

describe('requestedMetrics with the demo plan and roster', () => {
  let plan: Plan;
  let roster: Roster;

  beforeAll(async () => {
    const planResult = await readPlanFile('plans/demo-2025-2028.yaml');
    if (!planResult.ok) throw new Error(JSON.stringify(planResult.errors));
    plan = planResult.plan;
    const rosterResult = await readRosterDir('demo/roster');
    if (!rosterResult.ok) throw new Error(JSON.stringify(rosterResult.errors));
    roster = rosterResult.roster;
  });

  function demoAcademy(urn: string): Academy {
    const found = roster.academies.find((a) => a.urn === urn);
    if (!found) throw new Error(`no demo academy ${urn}`);
    return found;
  }

  // 990001 secondary, 990002 special, 990003 primary, 990005 all-through.
  it.each([
    [
      '990001',
      '2025-26-spring',
      [
        'achievement: disadvantagedGap',
        'attendance: attendance, persistentAbsence',
        `inspection: ${[...REPORT_CARDS_ALL_PHASES, 'reportCardPost16', 'reportCardSafeguarding', 'ofstedInspectionDate', 'ofstedInspectionNumber'].join(', ')}`,
        'teaching-leadership: teachingGoodOrBetter, seniorLeadership',
        'safeguarding: singleCentralRecord, safeguardingConcerns',
        'finance: reservesPercentOfIncome, inYearBalance',
      ],
    ],
    [
      '990003',
      '2025-26-spring',
      [
        'achievement: disadvantagedGap',
        'attendance: attendance, persistentAbsence',
        `inspection: ${[...REPORT_CARDS_ALL_PHASES, 'reportCardEarlyYears', 'reportCardSafeguarding', 'ofstedInspectionDate', 'ofstedInspectionNumber'].join(', ')}`,
        'teaching-leadership: teachingGoodOrBetter, seniorLeadership',
        'safeguarding: singleCentralRecord, safeguardingConcerns',
        'finance: reservesPercentOfIncome, inYearBalance',
      ],
    ],
    [
      '990002',
      '2025-26-spring',
      [
        'achievement: disadvantagedGap',
        'attendance: attendance, persistentAbsence',
        `inspection: ${[...REPORT_CARDS_ALL_PHASES, 'reportCardEarlyYears', 'reportCardPost16', 'reportCardSafeguarding', 'ofstedInspectionDate', 'ofstedInspectionNumber'].join(', ')}`,
        'teaching-leadership: teachingGoodOrBetter, seniorLeadership',
        'safeguarding: singleCentralRecord, safeguardingConcerns',
        'finance: reservesPercentOfIncome, inYearBalance',
      ],
    ],
  ])('%s in %s is asked, by objective in plan order', (urn, termKey, expected) => {
    expect(shape(ask(plan, demoAcademy(urn), termKey))).toEqual(expected);
  });

  // Annual results only in summer; Progress 8 only from 2026-27 (`from:`), by phase.
  it.each([
    ['990001', '2025-26-autumn', 'achievement: disadvantagedGap'],
    ['990001', '2025-26-spring', 'achievement: disadvantagedGap'],
    [
      '990001',
      '2025-26-summer',
      'achievement: disadvantagedGap, attainment8, ks4Grade5EnglishMaths, ks4DisadvantageGapIndex',
    ],
    [
      '990001',
      '2026-27-summer',
      'achievement: disadvantagedGap, attainment8, progress8, ks4Grade5EnglishMaths, ks4DisadvantageGapIndex',
    ],
    ['990003', '2025-26-summer', 'achievement: disadvantagedGap, ks2ExpectedRwm, ks2DisadvantageGapIndex'],
    ['990003', '2026-27-summer', 'achievement: disadvantagedGap, ks2ExpectedRwm, ks2DisadvantageGapIndex'],
    ['990002', '2026-27-summer', 'achievement: disadvantagedGap'],
    [
      '990005',
      '2026-27-summer',
      'achievement: disadvantagedGap, attainment8, progress8, ks4Grade5EnglishMaths, ks2ExpectedRwm, ks2DisadvantageGapIndex, ks4DisadvantageGapIndex',
    ],
  ])('%s in %s: the achievement group is %s', (urn, termKey, expected) => {
    expect(shape(ask(plan, demoAcademy(urn), termKey))[0]).toBe(expected);
  });

  it('asks for key judgements and report cards in autumn 2025-26, when both frameworks ran', () => {
    const inspectionGroup = ask(plan, demoAcademy('990005'), '2025-26-autumn').find(
      (group) => group.objectiveId === 'inspection',
    );
    expect(inspectionGroup?.metrics.map((m) => m.metric.id)).toEqual([
      ...KEY_JUDGEMENTS_ALL_PHASES,
      'ofstedEarlyYears',
      'ofstedSixthForm',
      'ofstedSafeguardingEffective',
      ...REPORT_CARDS_ALL_PHASES,
      'reportCardEarlyYears',
      'reportCardPost16',
      'reportCardSafeguarding',
      'ofstedInspectionDate',
      'ofstedInspectionNumber',
    ]);
  });

  it('marks every inspection field optional and every other field required', () => {
    for (const academyOfDemo of roster.academies) {
      for (const ref of termRange(term('2025-26-autumn'), term('2027-28-summer'))) {
        for (const { metric, required } of flattenRequested(
          requestedMetrics(plan, academyOfDemo, ref, DEFAULT_TERM_CALENDAR),
        )) {
          const isInspection = metric.id.startsWith('ofsted') || metric.id.startsWith('reportCard');
          expect({ id: metric.id, required }).toEqual({ id: metric.id, required: !isInspection });
        }
      }
    }
  });

  it('asks every demo academy something in every term of the plan, each metric once, never a derived one', () => {
    for (const academyOfDemo of roster.academies) {
      for (const ref of termRange(term('2025-26-autumn'), term('2027-28-summer'))) {
        const asked = ids(requestedMetrics(plan, academyOfDemo, ref, DEFAULT_TERM_CALENDAR));
        expect(asked.length).toBeGreaterThan(0);
        expect(new Set(asked).size).toBe(asked.length);
        expect(asked.filter((id) => getMetric(id)?.source !== 'head')).toEqual([]);
        expect(asked).not.toContain('academiesJoined');
        expect(asked).not.toContain('ofstedOutcome');
      }
    }
  });

  it('asks nothing of the inspection objective before report cards began (2024-25 summer)', () => {
    const groups = ask(plan, demoAcademy('990001'), '2024-25-summer');
    expect(groups.map((group) => group.objectiveId)).not.toContain('inspection');
  });
});

describe('requestedMetrics with hand-built plans', () => {
  const secondary = academy({ phase: 'secondary' });
  const primary = academy({ phase: 'primary' });

  it.each<[string, Phase, string, string[]]>([
    ['a secondary-only annual metric, secondary, summer', 'secondary', 'attainment8', ['attainment8']],
    ['a secondary-only annual metric, primary, summer', 'primary', 'attainment8', []],
    ['a secondary-only annual metric, special, summer', 'special', 'attainment8', []],
    ['a secondary-only annual metric, all-through, summer', 'allThrough', 'attainment8', ['attainment8']],
    ['a primary-only annual metric, primary, summer', 'primary', 'ks2ExpectedRwm', ['ks2ExpectedRwm']],
    ['a primary-only annual metric, secondary, summer', 'secondary', 'ks2ExpectedRwm', []],
    ['an all-phase termly metric, special, summer', 'special', 'attendance', ['attendance']],
  ])('phase filter of the metric: %s', (_name, phase, metric, expected) => {
    const plan = planWith(threshold(metric));
    expect(ids(ask(plan, academy({ phase }), '2025-26-summer'))).toEqual(expected);
  });

  it.each<[string, Record<string, unknown>, Academy, string[]]>([
    ['phases filter matches', { phases: ['primary'] }, primary, ['attendance']],
    ['phases filter excludes', { phases: ['primary'] }, secondary, []],
    ['tag filter matches', { tags: ['leadPrimary'] }, academy({ tags: ['leadPrimary'] }), ['attendance']],
    ['tag filter excludes', { tags: ['leadPrimary'] }, academy(), []],
    ['route filter excludes', { routes: ['freeSchool'] }, academy({ route: 'converter' }), []],
  ])('phase and other filters of the target: %s', (_name, appliesTo, who, expected) => {
    const plan = planWith({ ...threshold('attendance'), appliesTo });
    expect(ids(ask(plan, who, '2025-26-spring'))).toEqual(expected);
  });

  it.each<[string, string[], string[]]>([
    ['nothing imported', [], ['attendance', 'attainment8', 'progress8']],
    ['the DfE KS4 tables imported', ['dfe-ks4'], ['attendance']],
    ['only KS2 imported', ['ees-ks2'], ['attendance', 'attainment8', 'progress8']],
  ])('a metric the plan imports is never asked of heads: %s', (_name, imported, expected) => {
    const plan = {
      ...planWith(threshold('progress8', -5), threshold('attainment8'), threshold('attendance')),
      imported: imported as NonNullable<Plan['imported']>,
    };
    expect(ids(ask(plan, secondary, '2025-26-summer'))).toEqual(expected);
  });

  it.each<[string, string, Plan['imported'], string]>([
    ['a result, nothing imported', 'progress8', undefined, 'head'],
    ['a result, its file imported', 'progress8', ['dfe-ks4'], 'published'],
    ['a result, another file imported', 'progress8', ['ofsted'], 'head'],
    [
      'disadvantaged pupils’ Attainment 8, KS4 imported',
      'attainment8Disadvantaged',
      ['dfe-ks4'],
      'published',
    ],
    ['disadvantaged pupils’ Progress 8, KS4 imported', 'progress8Disadvantaged', ['dfe-ks4'], 'published'],
    ['the Attainment 8 gap, KS4 imported', 'attainment8DisadvantagedGap', ['dfe-ks4'], 'published'],
    ['the Progress 8 gap, KS4 imported', 'progress8DisadvantagedGap', ['dfe-ks4'], 'published'],
    ['the Progress 8 gap, nothing imported', 'progress8DisadvantagedGap', undefined, 'head'],
    ['the internal gap, KS4 imported', 'disadvantagedGap', ['dfe-ks4'], 'head'],
    ['KS2 from either of its files', 'ks2ExpectedRwm', ['ees-ks2'], 'published'],
    ['an inspection grade, Ofsted imported', 'ofstedOverall', ['ofsted'], 'published'],
    ['the inspection number Ofsted does not publish', 'ofstedInspectionNumber', ['ofsted'], 'head'],
    ['a trust figure', 'teacherTurnover', ['dfe-ks4', 'ofsted'], 'trust'],
  ])('says how a metric is collected: %s', (_name, metricId, imported, expected) => {
    const metric = METRIC_CATALOGUE.find((candidate) => candidate.id === metricId);
    expect(metric && collectedBy(metric, imported)).toBe(expected);
  });

  it('takes the plan’s imported files and the settings’ together, each once', () => {
    expect(importedSources(undefined, undefined)).toBeUndefined();
    expect(importedSources(['ofsted'], ['dfe-ks4', 'ofsted'])).toEqual(['dfe-ks4', 'ofsted']);
  });

  it.each<[string, Plan['imported'], Academy, string[]]>([
    ['nothing imported: nothing shown', undefined, secondary, []],
    ['KS4 imported, a secondary: its results', ['dfe-ks4'], secondary, ['attainment8', 'progress8']],
    ['KS4 imported, a primary: none of them', ['dfe-ks4'], primary, []],
    ['Ofsted imported: the inspection’s date', ['ofsted'], secondary, ['ofstedInspectionDate']],
  ])(
    'shows imported figures read only where the academy is judged on them: %s',
    (_n, imported, who, expected) => {
      const plan = {
        ...planWith(
          threshold('progress8', -5),
          threshold('attainment8'),
          threshold('attendance'),
          inspection,
        ),
        ...(imported && { imported }),
      };
      expect(
        publishedMetricsShown(plan, who, term('2025-26-autumn'), DEFAULT_TERM_CALENDAR).map((m) => m.id),
      ).toEqual(expected);
    },
  );

  it('asks no inspection grade when the plan imports Ofsted, only what Ofsted does not publish', () => {
    const plan = { ...planWith(inspection), imported: ['ofsted' as const] };
    expect(ids(ask(plan, secondary, '2025-26-autumn'))).toEqual(['ofstedInspectionNumber']);
  });

  it.each([
    ['autumn', '2025-26-autumn', ['attendance']],
    ['spring', '2025-26-spring', ['attendance']],
    ['summer', '2025-26-summer', ['attendance', 'attainment8', 'progress8']],
  ])('annual results only in summer: %s', (_name, termKey, expected) => {
    const plan = planWith(threshold('progress8', -5), threshold('attainment8'), threshold('attendance'));
    expect(ids(ask(plan, secondary, termKey))).toEqual(expected);
  });

  it.each([
    ['an academic year after the term', '2026-27', '2025-26-summer', []],
    ['the academic year of the term', '2026-27', '2026-27-autumn', ['attendance']],
    ['a later term', '2026-27-spring', '2026-27-autumn', []],
    ['the term itself', '2026-27-spring', '2026-27-spring', ['attendance']],
    ['a date the day after the term ends', '2026-04-01', '2025-26-spring', []],
    ['a date on the last day of the term', '2026-03-31', '2025-26-spring', ['attendance']],
    ['a date in the middle of the term', '2026-02-15', '2025-26-spring', ['attendance']],
    ['a date before the term', '2020-01-01', '2025-26-spring', ['attendance']],
  ])('a target from %s (%s) in %s', (_name, from, termKey, expected) => {
    const plan = planWith({ ...threshold('attendance'), from });
    expect(ids(ask(plan, secondary, termKey))).toEqual(expected);
  });

  it('reads `from:` against the trust calendar, not the default one', () => {
    const result = createTermCalendar({
      '2025-26': { autumn: { end: '2025-12-19' }, spring: { start: '2025-12-20' } },
    });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const plan = planWith({ ...threshold('attendance'), from: '2025-12-20' });
    expect(ids(ask(plan, secondary, '2025-26-autumn', result.calendar))).toEqual([]);
    expect(ids(ask(plan, secondary, '2025-26-autumn'))).toEqual(['attendance']);
    expect(ids(ask(plan, secondary, '2025-26-spring', result.calendar))).toEqual(['attendance']);
  });

  it.each([
    ['joins the day after the term ends', '2026-01-01', '2025-26-autumn', []],
    ['joins on the last day of the term', '2025-12-31', '2025-26-autumn', ['attendance']],
    ['joins in the middle of the term', '2025-10-01', '2025-26-autumn', ['attendance']],
    ['joined years before', '2016-09-01', '2025-26-autumn', ['attendance']],
    ['joins next year', '2026-09-01', '2025-26-summer', []],
  ])('an academy that %s (%s), in %s', (_name, joinedOn, termKey, expected) => {
    const plan = planWith(threshold('attendance'));
    expect(ids(ask(plan, academy({ joinedOn }), termKey))).toEqual(expected);
  });

  describe('the Ofsted frameworks', () => {
    const plan = planWith(inspection);
    const secondaryKeyJudgements = [...KEY_JUDGEMENTS_ALL_PHASES, 'ofstedSixthForm'];
    const secondaryReportCards = [...REPORT_CARDS_ALL_PHASES, 'reportCardPost16', 'reportCardSafeguarding'];

    it.each([
      [
        'overall grade still given (summer 2023-24)',
        '2023-24-summer',
        [
          'ofstedOverall',
          ...secondaryKeyJudgements,
          'ofstedSafeguardingEffective',
          'ofstedInspectionDate',
          'ofstedInspectionNumber',
        ],
      ],
      [
        'key judgements alone (autumn 2024-25)',
        '2024-25-autumn',
        [
          ...secondaryKeyJudgements,
          'ofstedSafeguardingEffective',
          'ofstedInspectionDate',
          'ofstedInspectionNumber',
        ],
      ],
      [
        'both, the term report cards began (autumn 2025-26)',
        '2025-26-autumn',
        [
          ...secondaryKeyJudgements,
          'ofstedSafeguardingEffective',
          ...secondaryReportCards,
          'ofstedInspectionDate',
          'ofstedInspectionNumber',
        ],
      ],
      [
        'report cards alone (spring 2025-26)',
        '2025-26-spring',
        [...secondaryReportCards, 'ofstedInspectionDate', 'ofstedInspectionNumber'],
      ],
    ])('%s', (_name, termKey, expected) => {
      expect(ids(ask(plan, secondary, termKey))).toEqual(expected);
    });

    // A calendar whose autumn ends on the last day of key judgements puts the framework change on a
    // term boundary: each side asks for one framework only.
    const splitAtReportCards = createTermCalendar({
      '2025-26': { autumn: { end: '2025-11-09' }, spring: { start: '2025-11-10' } },
    });

    it.each([
      [
        'a term ending 9 Nov 2025 asks key judgements only',
        '2025-26-autumn',
        'ofstedQualityOfEducation',
        'reportCardInclusion',
      ],
      [
        'a term starting 10 Nov 2025 asks report cards only',
        '2025-26-spring',
        'reportCardInclusion',
        'ofstedQualityOfEducation',
      ],
    ])('%s', (_name, termKey, present, absent) => {
      if (!splitAtReportCards.ok) throw new Error(JSON.stringify(splitAtReportCards.errors));
      const asked = ids(ask(plan, secondary, termKey, splitAtReportCards.calendar));
      expect(asked).toContain(present);
      expect(asked).not.toContain(absent);
    });

    it.each<[Phase, string[], string[]]>([
      ['primary', ['reportCardEarlyYears'], ['reportCardPost16']],
      ['secondary', ['reportCardPost16'], ['reportCardEarlyYears']],
      ['special', ['reportCardEarlyYears', 'reportCardPost16'], []],
      ['allThrough', ['reportCardEarlyYears', 'reportCardPost16'], []],
    ])('phase-specific report-card areas for a %s academy', (phase, present, absent) => {
      const asked = ids(ask(plan, academy({ phase }), '2026-27-autumn'));
      for (const id of present) expect(asked).toContain(id);
      for (const id of absent) expect(asked).not.toContain(id);
    });

    it('makes every inspection field optional, and the other figures required', () => {
      const both = planOf({ a: [inspection, threshold('attendance')] });
      const fields = flattenRequested(ask(both, secondary, '2026-27-autumn')).map(
        ({ metric, required }) => `${metric.id}${required ? ' (required)' : ''}`,
      );
      expect(fields).toEqual([
        'attendance (required)',
        ...secondaryReportCards,
        'ofstedInspectionDate',
        'ofstedInspectionNumber',
      ]);
    });

    it('keeps an inspection metric optional when a threshold names it directly', () => {
      const plan = planWith(threshold('reportCardAttendanceAndBehaviour', 'strongStandard'));
      expect(flattenRequested(ask(plan, secondary, '2026-27-autumn'))).toEqual([
        { metric: getMetric('reportCardAttendanceAndBehaviour'), required: false },
      ]);
    });
  });

  it('lists a metric two objectives need once, under the first', () => {
    const plan = planOf({
      first: [threshold('attendance')],
      second: [threshold('teachingGoodOrBetter'), threshold('attendance', 90)],
    });
    expect(shape(ask(plan, secondary, '2025-26-spring'))).toEqual([
      'first: attendance',
      'second: teachingGoodOrBetter',
    ]);
  });

  it('lists a metric under the first objective whose target applies to the academy', () => {
    const plan = planOf({
      first: [{ ...threshold('attendance'), appliesTo: { phases: ['primary'] } }],
      second: [threshold('attendance', 90)],
    });
    expect(shape(ask(plan, secondary, '2025-26-spring'))).toEqual(['second: attendance']);
    expect(shape(ask(plan, primary, '2025-26-spring'))).toEqual(['first: attendance']);
  });

  it('lists a metric two targets of one objective need once', () => {
    const plan = planWith(threshold('attendance'), threshold('attendance', 90));
    expect(flattenRequested(ask(plan, secondary, '2025-26-spring'))).toEqual([
      { metric: getMetric('attendance'), required: true },
    ]);
  });

  it('keeps the objective id and title and leaves out objectives that need nothing', () => {
    const plan = planOf({
      empty: [{ ...threshold('attendance'), appliesTo: { phases: ['primary'] } }],
      full: [threshold('attendance')],
    });
    const groups = ask(plan, secondary, '2025-26-spring');
    expect(groups.map(({ objectiveId, title }) => ({ objectiveId, title }))).toEqual([
      { objectiveId: 'full', title: 'Objective full' },
    ]);
  });

  it('never asks for trust-level targets or derived metrics', () => {
    const plan = planWith(
      { ...threshold('reservesPercentOfIncome', 5), appliesTo: 'trust' },
      {
        metric: 'academiesJoined',
        appliesTo: 'trust',
        rule: { kind: 'trustCount', joinedBy: '2027-28', atLeast: 8 },
      },
      threshold('inYearBalance'),
    );
    expect(ids(ask(plan, secondary, '2025-26-spring'))).toEqual(['inYearBalance']);
  });

  it('lists metrics in catalogue order within a group, whatever order the targets are written in', () => {
    const plan = planWith(
      threshold('inYearBalance'),
      threshold('attendance'),
      threshold('safeguardingConcerns'),
      threshold('teachingGoodOrBetter'),
    );
    const catalogueOrder = METRIC_CATALOGUE.map((metric) => metric.id).filter((id) =>
      ['inYearBalance', 'attendance', 'safeguardingConcerns', 'teachingGoodOrBetter'].includes(id),
    );
    expect(ids(ask(plan, secondary, '2025-26-spring'))).toEqual(catalogueOrder);
    expect(catalogueOrder).toEqual([
      'teachingGoodOrBetter',
      'safeguardingConcerns',
      'attendance',
      'inYearBalance',
    ]);
  });

  it.each<[string, Plan, Academy, string]>([
    [
      'only trust-level targets',
      planWith({ ...threshold('reservesPercentOfIncome', 5), appliesTo: 'trust' }),
      secondary,
      '2025-26-spring',
    ],
    ['only annual results, outside summer', planWith(threshold('attainment8')), secondary, '2025-26-autumn'],
    ['only metrics of another phase', planWith(threshold('ks2ExpectedRwm')), secondary, '2025-26-summer'],
    [
      'a target not started',
      planWith({ ...threshold('attendance'), from: '2027-28' }),
      secondary,
      '2025-26-spring',
    ],
    [
      'an academy not yet joined',
      planWith(threshold('attendance')),
      academy({ joinedOn: '2030-09-01' }),
      '2025-26-spring',
    ],
    [
      'an overall grade only, after it was withdrawn',
      planWith(threshold('ofstedOverall', 'good')),
      secondary,
      '2025-26-spring',
    ],
  ])('asks nothing when the plan needs nothing: %s', (_name, plan, who, termKey) => {
    expect(ask(plan, who, termKey)).toEqual([]);
  });
});

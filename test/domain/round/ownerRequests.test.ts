import { stringify } from 'yaml';

import { parsePlan } from '../../../src/domain/plan/parsePlan';
import type { Plan } from '../../../src/domain/plan/plan';
import type { Academy, Person } from '../../../src/domain/roster/roster';
import { ownerRequests } from '../../../src/domain/round/ownerRequests';
import { DEFAULT_TERM_CALENDAR, parseTermKey } from '../../../src/domain/terms/termCalendar';

function academy(urn: string, overrides: Partial<Academy> = {}): Academy {
  return {
    urn,
    name: `Academy ${urn}`,
    phase: 'secondary',
    route: 'sponsored',
    town: 'Colchester',
    openedOn: '2016-09-01',
    joinedOn: '2016-09-01',
    tags: [],
    ...overrides,
  };
}

function person(email: string, role: Person['role'], owns?: string[]): Person {
  return { email, name: email, role, title: role, ...(owns ? { owns } : {}) };
}

/** A plan of one objective whose targets are written as YAML fields (ids and titles filled in). */
function planWith(...targets: Record<string, unknown>[]): Plan {
  const result = parsePlan(
    stringify({
      id: 'test-plan',
      title: 'Test plan',
      period: { from: '2023-24', to: '2027-28' },
      objectives: [
        {
          id: 'only',
          title: 'Only',
          targets: targets.map((target, n) => ({
            id: `t${n}`,
            title: `Target ${n}`,
            appliesTo: 'all',
            ...target,
          })),
        },
      ],
    }),
  );
  if (!result.ok) throw new Error(`test plan does not load: ${JSON.stringify(result.errors)}`);
  return result.plan;
}

const atMost = (metric: string, value: number | boolean = 1) => ({
  metric,
  rule: { kind: 'threshold', atMost: value },
});
const equals = (metric: string) => ({ metric, rule: { kind: 'threshold', equals: true } });

/** Every trust figure of the demo plan's kinds, plus a head's figure that must never reach an owner. */
const PLAN = planWith(
  atMost('governorVacancies'), // governance, autumn
  equals('governanceSkillsAudit'), // governance, summer
  atMost('teacherTurnover', 10), // hr, summer
  equals('climateActionPlan'), // estates, autumn
  atMost('energyUsePerPupil', 3000), // estates, summer
  { metric: 'attendance', rule: { kind: 'threshold', atLeast: 95 } }, // the head's
);

const CEO = person('ceo@t.example', 'executive');
const CLERK = person('clerk@t.example', 'administrator', ['governance']);
const HR = person('hr@t.example', 'administrator', ['hr']);

/** owner → "urn: metric, metric" per academy, for a compact case table. */
function asked(
  plan: Plan,
  academies: Academy[],
  people: Person[],
  termKey: string,
): Record<string, string[]> {
  const term = parseTermKey(termKey);
  if (!term) throw new Error(termKey);
  return Object.fromEntries(
    ownerRequests(plan, academies, people, term, DEFAULT_TERM_CALENDAR).map((request) => [
      request.owner.email,
      request.academies.map(
        ({ academy: a, metrics }) => `${a.urn}: ${metrics.map((m) => m.metric.id).join(', ')}`,
      ),
    ]),
  );
}

describe('ownerRequests: which figures each owner is asked in a term', () => {
  const two = [academy('100001'), academy('100002')];

  it.each<[string, Plan, Academy[], Person[], string, Record<string, string[]>]>([
    [
      'autumn: the governance owner the vacancies, the executive the climate plan nobody else owns',
      PLAN,
      two,
      [CEO, CLERK, HR],
      '2026-27-autumn',
      {
        'ceo@t.example': ['100001: climateActionPlan', '100002: climateActionPlan'],
        'clerk@t.example': ['100001: governorVacancies', '100002: governorVacancies'],
      },
    ],
    [
      'spring: no annual trust figure belongs to spring, so nobody is asked',
      PLAN,
      two,
      [CEO, CLERK, HR],
      '2026-27-spring',
      {},
    ],
    [
      'summer: the skills audit, turnover and energy use, each of its owner',
      PLAN,
      two,
      [CEO, CLERK, HR],
      '2026-27-summer',
      {
        'ceo@t.example': ['100001: energyUsePerPupil', '100002: energyUsePerPupil'],
        'clerk@t.example': ['100001: governanceSkillsAudit', '100002: governanceSkillsAudit'],
        'hr@t.example': ['100001: teacherTurnover', '100002: teacherTurnover'],
      },
    ],
    [
      'the executive alone owns them all',
      PLAN,
      [academy('100001')],
      [CEO],
      '2026-27-autumn',
      { 'ceo@t.example': ['100001: governorVacancies, climateActionPlan'] },
    ],
    [
      'an academy joining after the term ends is not asked for',
      PLAN,
      [academy('100001'), academy('100002', { openedOn: '2027-01-01', joinedOn: '2027-01-01' })],
      [CEO],
      '2026-27-autumn',
      { 'ceo@t.example': ['100001: governorVacancies, climateActionPlan'] },
    ],
    [
      "a target's academy filter decides which academies an owner is asked about",
      planWith({ ...atMost('governorVacancies'), appliesTo: { phases: ['primary'] } }),
      [academy('100001'), academy('100002', { phase: 'primary' })],
      [CEO, CLERK],
      '2026-27-autumn',
      { 'clerk@t.example': ['100002: governorVacancies'] },
    ],
    [
      'a target that starts in a later year is not asked yet',
      planWith({ ...atMost('governorVacancies'), from: '2027-28' }),
      two,
      [CEO, CLERK],
      '2026-27-autumn',
      {},
    ],
    [
      "a plan with only heads' figures asks no owner",
      planWith({ metric: 'attendance', rule: { kind: 'threshold', atLeast: 95 } }),
      two,
      [CEO, CLERK],
      '2026-27-autumn',
      {},
    ],
    [
      'an owner named by metric id is asked only that figure; the rest of its area stays the executive’s',
      PLAN,
      [academy('100001')],
      [CEO, person('energy@t.example', 'administrator', ['energyUsePerPupil'])],
      '2026-27-summer',
      {
        'ceo@t.example': ['100001: governanceSkillsAudit, teacherTurnover'],
        'energy@t.example': ['100001: energyUsePerPupil'],
      },
    ],
    [
      'without an executive, a figure nobody names is asked of nobody',
      PLAN,
      [academy('100001')],
      [CLERK],
      '2026-27-autumn',
      { 'clerk@t.example': ['100001: governorVacancies'] },
    ],
  ])('%s', (_label, plan, academies, people, termKey, expected) => {
    expect(asked(plan, academies, people, termKey)).toEqual(expected);
  });

  it('lists owners in roster order and their figures in catalogue order', () => {
    const term = parseTermKey('2026-27-summer');
    if (!term) throw new Error('term');
    const requests = ownerRequests(PLAN, two, [HR, CEO, CLERK], term, DEFAULT_TERM_CALENDAR);
    expect(requests.map((request) => [request.owner.email, request.metricIds])).toEqual([
      ['hr@t.example', ['teacherTurnover']],
      ['ceo@t.example', ['energyUsePerPupil']],
      ['clerk@t.example', ['governanceSkillsAudit']],
    ]);
  });

  it('asks every trust figure as required (a value or a reason)', () => {
    const term = parseTermKey('2026-27-autumn');
    if (!term) throw new Error('term');
    const [request] = ownerRequests(PLAN, two, [CEO], term, DEFAULT_TERM_CALENDAR);
    expect(request?.academies.flatMap((entry) => entry.metrics.map((m) => m.required))).toEqual([
      true,
      true,
      true,
      true,
    ]);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { matchesFilter } from '../../../src/domain/evaluation/applicability';
import { TARGET_STATUSES } from '../../../src/domain/evaluation/evaluation';
import { parsePlan } from '../../../src/domain/plan/parsePlan';
import type { Plan } from '../../../src/domain/plan/plan';
import { parseRoster } from '../../../src/domain/roster/parseRoster';
import type { Roster } from '../../../src/domain/roster/roster';
import { academy, evaluate, evaluateTarget, obs, planWith, termly } from './evaluationFixtures';

const ROOT = join(__dirname, '../../..');

function seedPlan(): Plan {
  const result = parsePlan(readFileSync(join(ROOT, 'plans/thrive-2016-2019.yaml'), 'utf8'));
  if (!result.ok) throw new Error('seed plan does not load');
  return result.plan;
}

function demoRoster(): Roster {
  const read = (file: string) => readFileSync(join(ROOT, 'demo/roster', file), 'utf8');
  const result = parseRoster({
    trustYaml: read('trust.yaml'),
    academiesCsv: read('academies.csv'),
    peopleCsv: read('people.csv'),
  });
  if (!result.ok) throw new Error('demo roster does not load');
  return result.roster;
}

describe('evaluatePlan', () => {
  it('gives every (academy, target) and every trust target exactly one status with a one-line reason', () => {
    const plan = seedPlan();
    const { academies } = demoRoster();
    const evaluation = evaluate(plan, { asOf: '2019-08-31', academies });
    const targets = plan.objectives.flatMap((objective) => objective.targets);
    const trustTargets = targets.filter((target) => target.appliesTo.kind === 'trust').length;
    expect(evaluation.results).toHaveLength(
      (targets.length - trustTargets) * academies.length + trustTargets,
    );
    const pairs = new Set(
      evaluation.results.map(
        (result) => `${result.targetId}|${result.subject.kind === 'trust' ? 'trust' : result.subject.urn}`,
      ),
    );
    expect(pairs.size).toBe(evaluation.results.length);
    for (const result of evaluation.results) {
      expect(TARGET_STATUSES).toContain(result.status);
      expect(result.reason).not.toMatch(/\n/);
      expect(result.reason.length).toBeGreaterThan(10);
    }
  });

  it("judges the seed plan's growth from the demo roster's join dates", () => {
    const evaluation = evaluate(seedPlan(), { asOf: '2019-09-01', academies: demoRoster().academies });
    const growth = evaluation.results.filter((result) => result.objectiveId === 'growth');
    expect(growth.map((result) => [result.targetId, result.status])).toEqual([
      ['founders-2016-17', 'met'],
      ['growth-2017-18', 'met'],
      ['lead-primary-2017-18', 'met'],
      ['growth-2018-19', 'met'],
      ['colchester-free-school-2018-19', 'met'],
    ]);
  });

  it('does not apply academy targets to an academy before it joins', () => {
    const result = evaluateTarget(
      { metric: 'attendance', rule: { kind: 'threshold', atLeast: 95 } },
      { asOf: '2018-10-01', academies: [academy({ openedOn: '2019-01-01' })] },
    );
    expect(result).toMatchObject({
      status: 'notApplicable',
      reason: 'Joins the trust on 1 Jan 2019; target: at least 95%',
    });
  });

  it('does not apply a target to academies outside its conditions', () => {
    const result = evaluateTarget(
      {
        metric: 'attendance',
        appliesTo: { phases: ['primary'], routes: ['freeSchool'] },
        rule: { kind: 'threshold', atLeast: 95 },
      },
      { asOf: '2018-10-01' },
    );
    expect(result).toMatchObject({
      status: 'notApplicable',
      reason: 'Applies to primary free school academies only; target: at least 95%',
    });
  });

  it('judges trust-wide figures supplied for the trust', () => {
    const result = evaluateTarget(
      { metric: 'reservesPercentOfIncome', appliesTo: 'trust', rule: { kind: 'threshold', atLeast: 5 } },
      {
        asOf: '2026-11-22',
        observations: termly('2025-26-autumn', 'reservesPercentOfIncome', [5.3, 5.1, 4.9], 'trust'),
      },
    );
    expect(result).toMatchObject({ subject: { kind: 'trust' }, status: 'missed' });
  });

  it('rolls results up per academy, per objective and for the trust, worst colour first', () => {
    const plan = planWith(
      { metric: 'attendance', rule: { kind: 'threshold', atLeast: 95 } },
      { metric: 'singleCentralRecord', rule: { kind: 'threshold', equals: 100 } },
      {
        metric: 'academiesJoined',
        appliesTo: 'trust',
        rule: { kind: 'trustCount', joinedBy: '2016-17', atLeast: 1 },
      },
    );
    const good = academy({ urn: '1', name: 'Good' });
    const late = academy({ urn: '2', name: 'Late' });
    const evaluation = evaluate(plan, {
      asOf: '2017-05-01',
      academies: [good, late],
      observations: [
        obs('2016-17-spring', 'attendance', 96, '1'),
        obs('2016-17-spring', 'singleCentralRecord', 100, '1'),
        obs('2016-17-spring', 'attendance', 94, '2'),
      ],
    });
    expect(evaluation.academies).toEqual([
      expect.objectContaining({
        urn: '1',
        rag: 'green',
        counts: expect.objectContaining({ met: 2 }) as unknown,
      }),
      expect.objectContaining({
        urn: '2',
        rag: 'red',
        counts: expect.objectContaining({ missed: 1, noData: 1 }) as unknown,
      }),
    ]);
    expect(evaluation.trust).toMatchObject({ rag: 'green', counts: { met: 1 } });
    expect(evaluation.objectives).toEqual([
      expect.objectContaining({
        objectiveId: 'objective',
        rag: 'red',
        counts: expect.objectContaining({ met: 3, missed: 1, noData: 1 }) as unknown,
      }),
    ]);
    expect(evaluation).toMatchObject({
      asOf: '2017-05-01',
      term: '2016-17-summer',
      closedThrough: '2016-17-spring',
    });
  });

  it('colours missing data amber and a missing national figure grey', () => {
    const plan = planWith(
      { metric: 'attendance', rule: { kind: 'threshold', atLeast: 95 } },
      { metric: 'attainment8', rule: { kind: 'benchmark', compare: 'above' } },
    );
    const evaluation = evaluate(plan, {
      asOf: '2026-11-22',
      observations: [obs('2025-26-summer', 'attainment8', 50)],
    });
    expect(evaluation.results.map((result) => [result.status, result.rag])).toEqual([
      ['noData', 'amber'],
      ['noData', 'grey'],
    ]);
  });
});

describe('matchesFilter', () => {
  const subject = academy({
    phase: 'primary',
    route: 'converter',
    town: 'Colchester',
    tags: ['leadPrimary', 'hub'],
  });
  it.each([
    [{}, true],
    [{ phases: ['primary' as const] }, true],
    [{ phases: ['secondary' as const, 'allThrough' as const] }, false],
    [{ routes: ['converter' as const] }, true],
    [{ tags: ['hub'] }, true],
    [{ tags: ['other'] }, false],
    [{ towns: ['colchester'] }, true],
    [{ phases: ['primary' as const], towns: ['Harwich'] }, false],
    [{ founder: true }, false],
    [{ founder: false }, true],
  ])('%j → %s', (filter, expected) => {
    expect(matchesFilter(subject, filter)).toBe(expected);
  });

  it.each<[string, Partial<Parameters<typeof academy>[0]>, Parameters<typeof matchesFilter>[1], boolean]>([
    [
      'a sponsored founder counts as a founder',
      { route: 'sponsored', founder: true },
      { routes: ['founder'] },
      true,
    ],
    ['and as sponsored', { route: 'sponsored', founder: true }, { routes: ['sponsored'] }, true],
    [
      'a converter founder by the flag filter',
      { route: 'converter', founder: true },
      { routes: ['converter'], founder: true },
      true,
    ],
    [
      'a plain converter is not a founder',
      { route: 'converter' },
      { routes: ['converter'], founder: true },
      false,
    ],
    ['route founder is a founder', { route: 'founder' }, { founder: true }, true],
  ])('%s', (_case, fields, filter, expected) => {
    expect(matchesFilter(academy(fields), filter)).toBe(expected);
  });
});

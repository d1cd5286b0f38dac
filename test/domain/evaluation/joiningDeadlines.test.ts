/**
 * Deadlines counted from joining the trust, distinct from the school's opening ("good or better within
 * two years of joining"), for inspection and threshold targets, and a calendar-day deadline for
 * inspection targets: how the plan says them, plan check's refusals, and how they are judged.
 */
import type { Observation } from '../../../src/domain/evaluation/observation';
import { parsePlan } from '../../../src/domain/plan/parsePlan';
import { academy, evaluateTarget, obs } from './evaluationFixtures';

const overall = (termKey: string, grade: string): Observation[] => [obs(termKey, 'ofstedOverall', grade)];

// Opened as an academy in 2012; joined this trust on 1 Jan 2019: "within two years" ends 31 Dec 2020.
const TRANSFERRED = academy({ openedOn: '2012-09-01', joinedOn: '2019-01-01' });

const GOOD_WITHIN_TWO_YEARS_OF_JOINING = {
  metric: 'ofstedOutcome',
  rule: { kind: 'inspection', standard: 'good', due: { byYearsAfterJoining: 2 } },
};
const GOOD_BY_DATE = {
  metric: 'ofstedOutcome',
  rule: { kind: 'inspection', standard: 'good', due: { byDate: '2020-08-31' } },
};

describe('an inspection target due within two years of joining the trust', () => {
  it.each<[string, Observation[], string]>([
    ['good inside the two years', overall('2019-20-autumn', 'good'), 'met'],
    [
      'requires improvement inside, not inspected since',
      overall('2019-20-autumn', 'requiresImprovement'),
      'atRisk',
    ],
    [
      'requires improvement at the first inspection after',
      overall('2021-22-spring', 'requiresImprovement'),
      'missed',
    ],
    [
      'requires improvement inside, then good at the first inspection after',
      [...overall('2019-20-autumn', 'requiresImprovement'), ...overall('2021-22-spring', 'good')],
      'met',
    ],
  ])('%s', (_case, observations, status) => {
    const result = evaluateTarget(GOOD_WITHIN_TWO_YEARS_OF_JOINING, {
      asOf: '2022-05-01',
      academies: [TRANSFERRED],
      observations,
    });
    expect(result.status).toBe(status);
    expect(result.evidence.deadline?.date).toBe('2020-12-31');
  });

  it('counts from joining, not from opening (two years from opening would have ended in 2014)', () => {
    const result = evaluateTarget(GOOD_WITHIN_TWO_YEARS_OF_JOINING, {
      asOf: '2020-05-01',
      academies: [TRANSFERRED],
      observations: overall('2019-20-autumn', 'requiresImprovement'),
    });
    expect(result.status).toBe('atRisk');
    expect(result.reason).toContain('the deadline is 31 Dec 2020; judged at the first inspection after it');
    expect(result.reason).toContain('good or better within 2 years of joining the trust');
  });
});

describe('an inspection target due by a calendar day', () => {
  it.each<[string, Observation[], string]>([
    ['good before the day', overall('2019-20-autumn', 'good'), 'met'],
    [
      'not good before the day, not inspected since',
      overall('2019-20-autumn', 'requiresImprovement'),
      'atRisk',
    ],
    [
      'not good at the first inspection after the day',
      overall('2020-21-spring', 'requiresImprovement'),
      'missed',
    ],
  ])('%s', (_case, observations, status) => {
    const result = evaluateTarget(GOOD_BY_DATE, {
      asOf: '2021-05-01',
      academies: [TRANSFERRED],
      observations,
    });
    expect(result.status).toBe(status);
    expect(result.evidence.deadline).toMatchObject({ date: '2020-08-31', label: '31 Aug 2020' });
  });
});

describe('a threshold target due within two years of joining', () => {
  it('takes each academy’s own join date for its deadline', () => {
    const target = {
      metric: 'attendance',
      rule: { kind: 'threshold', atLeast: 95, by: { yearsAfterJoining: 2 } },
    };
    const result = evaluateTarget(target, {
      asOf: '2020-05-01',
      academies: [TRANSFERRED],
      observations: [obs('2019-20-autumn', 'attendance', 96)],
    });
    expect(result.evidence.deadline?.date).toBe('2020-12-31');
    expect(result.reason).toContain('within 2 years of joining the trust');
  });
});

function planWithRule(rule: string, appliesTo = 'all', metric = 'ofstedOutcome'): string {
  return [
    'id: test-plan',
    'title: Test plan',
    'period: { from: 2024-25, to: 2026-27 }',
    'objectives:',
    '  - id: objective',
    '    title: Objective',
    '    targets:',
    '      - id: t',
    '        title: T',
    `        metric: ${metric}`,
    `        appliesTo: ${appliesTo}`,
    `        rule: ${rule}`,
    '',
  ].join('\n');
}

describe('plan check: deadlines from joining and by a day', () => {
  it.each<[string, string, string, string, string | undefined]>([
    [
      'a term for a calendar day',
      '{ kind: inspection, standard: good, due: { byDate: 2026-27-summer } }',
      'all',
      'objectives[0].targets[0].rule.due.byDate',
      'expected a calendar day such as 2027-08-31',
    ],
    [
      'two due points at once',
      '{ kind: inspection, standard: good, due: { byDate: 2027-08-31, byYearsAfterJoining: 2 } }',
      'all',
      'objectives[0].targets[0].rule.due',
      'expected exactly one of',
    ],
    [
      'no years',
      '{ kind: inspection, standard: good, due: { byYearsAfterJoining: 0 } }',
      'all',
      'objectives[0].targets[0].rule.due.byYearsAfterJoining',
      undefined,
    ],
    [
      'a join deadline for the trust as a whole',
      '{ kind: threshold, atLeast: 95, by: { yearsAfterJoining: 2 } }',
      'trust',
      'objectives[0].targets[0].rule.by',
      'a deadline counted from joining needs an academy',
    ],
    [
      'two deadlines at once',
      '{ kind: threshold, atLeast: 95, by: { yearsAfterJoining: 2, yearsAfterOpening: 3 } }',
      'all',
      'objectives[0].targets[0].rule.by',
      'expected exactly one of termOfOpening (e.g. 6), yearsAfterOpening (e.g. 3) or yearsAfterJoining (e.g. 2)',
    ],
  ])('refuses %s, naming the field', (_case, rule, appliesTo, path, message) => {
    const metric = rule.includes('threshold') ? 'attendance' : 'ofstedOutcome';
    const result = parsePlan(planWithRule(rule, appliesTo, metric));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining(
          message === undefined ? { path } : { path, message: expect.stringContaining(message) as string },
        ),
      ]),
    );
  });

  it.each<[string, string, unknown]>([
    [
      'within two years of joining',
      '{ kind: inspection, standard: good, due: { byYearsAfterJoining: 2 } }',
      { kind: 'byDeadline', deadline: { kind: 'yearsAfterJoining', years: 2 } },
    ],
    [
      'by a calendar day',
      '{ kind: inspection, standard: good, due: { byDate: 2027-08-31 } }',
      { kind: 'byDeadline', deadline: { kind: 'fixed', at: { kind: 'date', date: '2027-08-31' } } },
    ],
  ])('reads an inspection target due %s', (_case, rule, due) => {
    const result = parsePlan(planWithRule(rule));
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.plan.objectives[0]?.targets[0]?.rule).toMatchObject({ kind: 'inspection', due });
  });
});

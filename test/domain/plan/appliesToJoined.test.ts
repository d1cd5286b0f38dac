/**
 * `appliesTo` by the day an academy joined the trust (`joinedBefore`, `joinedFrom`) and by a tag it does
 * not carry (`notTags`): how plan check reads them and refuses their misuse, and which academies they
 * select.
 */
import { describeAcademies } from '../../../src/domain/evaluation/describeTarget';
import { parsePlan } from '../../../src/domain/plan/parsePlan';
import { academy, evaluateTarget, obs } from '../evaluation/evaluationFixtures';

function planWithAppliesTo(appliesTo: string): string {
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
    '        metric: attainment8',
    `        appliesTo: ${appliesTo}`,
    '        rule: { kind: threshold, atLeast: 45 }',
    '',
  ].join('\n');
}

describe('plan check: appliesTo by join date and "not tagged"', () => {
  it.each<[string, string, Record<string, unknown>]>([
    ['joined before a day', '{ joinedBefore: 2024-09-01 }', { joinedBefore: '2024-09-01' }],
    ['joined from a day', '{ joinedFrom: 2024-09-01 }', { joinedFrom: '2024-09-01' }],
    [
      'joined in a window',
      '{ joinedFrom: 2020-09-01, joinedBefore: 2024-09-01 }',
      { joinedFrom: '2020-09-01', joinedBefore: '2024-09-01' },
    ],
    ['not tagged', '{ notTags: leadPrimary }', { notTags: ['leadPrimary'] }],
    [
      'tagged one thing, not another',
      '{ tags: [hub], notTags: [leadPrimary, closing] }',
      { tags: ['hub'], notTags: ['leadPrimary', 'closing'] },
    ],
  ])('reads %s', (_case, yaml, filter) => {
    const result = parsePlan(planWithAppliesTo(yaml));
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.plan.objectives[0]?.targets[0]?.appliesTo).toEqual({ kind: 'academies', filter });
  });

  it.each<[string, string, string, string]>([
    [
      'an academic year for a day',
      '{ joinedBefore: 2024-25 }',
      'objectives[0].targets[0].appliesTo.joinedBefore',
      'expected a date such as 2024-09-01, found "2024-25"',
    ],
    [
      'a number for a day',
      '{ joinedFrom: 2024 }',
      'objectives[0].targets[0].appliesTo.joinedFrom',
      'expected a date such as 2024-09-01, found 2024',
    ],
    [
      'a window that is empty',
      '{ joinedFrom: 2024-09-01, joinedBefore: 2024-09-01 }',
      'objectives[0].targets[0].appliesTo.joinedFrom',
      'no academy joined from 2024-09-01 and before 2024-09-01',
    ],
    [
      'a tag both wanted and excluded',
      '{ tags: [hub, leadPrimary], notTags: leadPrimary }',
      'objectives[0].targets[0].appliesTo.notTags',
      '"leadPrimary" is in both tags and notTags',
    ],
    [
      'a misspelt field',
      '{ joinedAfter: 2024-09-01 }',
      'objectives[0].targets[0].appliesTo.joinedAfter',
      'joinedAfter',
    ],
  ])('refuses %s, naming the field', (_case, yaml, path, message) => {
    const result = parsePlan(planWithAppliesTo(yaml));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path, message: expect.stringContaining(message) as string }),
      ]),
    );
  });
});

describe('which academies a join-date or "not tagged" target applies to', () => {
  it.each<[string, Record<string, unknown>, string, string[], boolean]>([
    ['joined before the day', { joinedBefore: '2024-09-01' }, '2024-08-31', [], true],
    ['joined on the day, "before" it', { joinedBefore: '2024-09-01' }, '2024-09-01', [], false],
    ['joined on the day, "from" it', { joinedFrom: '2024-09-01' }, '2024-09-01', [], true],
    ['joined earlier, "from" the day', { joinedFrom: '2024-09-01' }, '2023-09-01', [], false],
    ['without the excluded tag', { notTags: ['leadPrimary'] }, '2020-09-01', ['hub'], true],
    ['with the excluded tag', { notTags: ['leadPrimary'] }, '2020-09-01', ['leadPrimary'], false],
  ])('%s', (_case, filter, joinedOn, tags, applies) => {
    const result = evaluateTarget(
      { metric: 'attainment8', appliesTo: filter, rule: { kind: 'threshold', atLeast: 45 } },
      {
        asOf: '2026-11-20',
        academies: [academy({ openedOn: '2012-09-01', joinedOn, tags })],
        observations: [obs('2025-26-summer', 'attainment8', 50)],
      },
    );
    expect(result.status === 'notApplicable').toBe(!applies);
  });

  it.each<[Record<string, unknown>, string]>([
    [{ notTags: ['leadPrimary'] }, 'academies not tagged leadPrimary'],
    [{ joinedBefore: '2024-09-01' }, 'academies that joined before 1 Sep 2024'],
    [
      { phases: ['primary'], joinedFrom: '2020-09-01', joinedBefore: '2024-09-01' },
      'primary academies that joined from 1 Sep 2020 and before 1 Sep 2024',
    ],
  ])('describes %j as "%s"', (filter, words) => {
    expect(describeAcademies(filter)).toBe(words);
  });
});

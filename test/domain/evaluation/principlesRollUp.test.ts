/**
 * The roll-up per principle: every result of every target that serves it, by the worst-status rule;
 * a principle no target serves is "not measured by this plan", never green.
 */
import { getMetric } from '../../../src/domain/metrics/metricCatalogue';
import { parseMetricValue } from '../../../src/domain/metrics/parseMetricValue';
import { parsePlan } from '../../../src/domain/plan/parsePlan';
import { evaluate, obs } from './evaluationFixtures';

const PLAN = parsePlan(
  [
    'id: p',
    'title: P',
    'period: { from: 2025-26, to: 2027-28 }',
    'objectives:',
    '  - id: people',
    '    title: People',
    '    principles: [employerOfChoice]',
    '    targets:',
    '      - { id: turnover, title: Turnover, metric: teacherTurnover, appliesTo: all, rule: { kind: threshold, atMost: 12 } }',
    '      - id: recommend',
    '        title: Recommend',
    '        metric: staffWouldRecommend',
    '        appliesTo: all',
    '        principles: [collectiveVision]',
    '        rule: { kind: threshold, atLeast: 70 }',
    '  - id: places',
    '    title: Places',
    '    targets:',
    '      - { id: partners, title: Partners, metric: localPartnerships, appliesTo: all, principles: [localIdentity], rule: { kind: threshold, atLeast: 5 } }',
    '',
  ].join('\n'),
);
if (!PLAN.ok) throw new Error(JSON.stringify(PLAN.errors));

function principles(observations: ReturnType<typeof obs>[]) {
  return (
    evaluate(PLAN.ok ? PLAN.plan : (undefined as never), { asOf: '2026-11-22', observations }).principles ??
    []
  );
}

describe('the principles roll-up', () => {
  it.each<[string, ReturnType<typeof obs>[], Record<string, [string, string | undefined]>]>([
    [
      'all met',
      [
        obs('2025-26-summer', 'teacherTurnover', 9),
        obs('2025-26-summer', 'staffWouldRecommend', 80),
        obs('2025-26-summer', 'localPartnerships', 7),
      ],
      {
        employerOfChoice: ['green', 'met'],
        collectiveVision: ['green', 'met'],
        localIdentity: ['green', 'met'],
      },
    ],
    [
      // The recommend target serves both its objective's principle and its own: its miss shows in both.
      'a miss on a target with two principles',
      [
        obs('2025-26-summer', 'teacherTurnover', 9),
        obs('2025-26-summer', 'staffWouldRecommend', 60),
        obs('2025-26-summer', 'localPartnerships', 7),
      ],
      {
        employerOfChoice: ['red', 'missed'],
        collectiveVision: ['red', 'missed'],
        localIdentity: ['green', 'met'],
      },
    ],
    [
      'a figure missing once its round has closed',
      [obs('2025-26-summer', 'teacherTurnover', 9), obs('2025-26-summer', 'staffWouldRecommend', 80)],
      { employerOfChoice: ['green', 'met'], localIdentity: ['amber', 'noData'] },
    ],
  ])('%s', (_case, observations, expected) => {
    const byId = new Map(principles(observations).map((principle) => [principle.principleId, principle]));
    for (const [id, [rag, worst]] of Object.entries(expected)) {
      expect([id, byId.get(id)?.rag, byId.get(id)?.worst]).toEqual([id, rag, worst]);
    }
  });

  it('reports a principle no target serves as not measured, never green', () => {
    const rollUps = principles([]);
    expect(rollUps.map((principle) => [principle.principleId, principle.measured, principle.note])).toEqual([
      ['collectiveVision', true, undefined],
      ['sharedGovernance', false, 'not measured by this plan'],
      ['schoolImprovement', false, 'not measured by this plan'],
      ['employerOfChoice', true, undefined],
      ['fundsAndSustainability', false, 'not measured by this plan'],
      ['localIdentity', true, undefined],
    ]);
    const governance = rollUps[1];
    expect(governance).toMatchObject({ rag: 'grey', targetIds: [] });
    expect(governance?.worst).toBeUndefined();
    expect(rollUps[3]?.targetIds).toEqual(['turnover', 'recommend']);
  });
});

describe('the measures for the principles', () => {
  it.each<[string, string, string, boolean]>([
    ['teacherTurnover', '12.5', '12.5', true],
    ['teacherTurnover', '101', 'Enter a number from 0 to 100', false],
    ['staffWouldRecommend', '78%', '78', true],
    ['staffVisionUnderstood', '-1', 'Enter a number from 0 to 100', false],
    ['parentsWouldRecommend', '91', '91', true],
    ['governorVacancies', '2', '2', true],
    ['governorVacancies', '1.5', 'Enter a whole number from 0 to 30', false],
    ['governanceAttendance', '88', '88', true],
    ['governanceSkillsAudit', 'yes', 'true', true],
    ['governanceSkillsAudit', 'maybe', 'Answer yes or no', false],
    ['trustReviewsCompleted', '13', 'Enter a whole number from 0 to 12', false],
    ['crossTrustNetworkStaff', '40', '40', true],
    ['energyUsePerPupil', '1,250', '1250', true],
    ['energyUsePerPupil', '-5', 'Enter a number from 0 to 20000', false],
    ['climateActionPlan', 'no', 'false', true],
    ['localPartnerships', '12', '12', true],
    ['communityUseHours', '169', 'Enter a number from 0 to 168', false],
  ])('%s "%s" → %s', (metricId, text, expected, ok) => {
    const metric = getMetric(metricId);
    if (!metric) throw new Error(`no metric ${metricId}`);
    const result = parseMetricValue(metric, text);
    expect(result.ok).toBe(ok);
    expect(result.ok ? String(result.value) : result.message).toBe(expected);
  });

  it.each<[string, string, string | undefined, boolean]>([
    ['teacherTurnover', 'trust', 'summer', true],
    ['staffWouldRecommend', 'head', 'summer', false],
    ['governorVacancies', 'trust', 'autumn', false],
    ['climateActionPlan', 'trust', 'autumn', false],
    ['energyUsePerPupil', 'trust', 'summer', false],
    ['localPartnerships', 'head', 'summer', false],
  ])('%s is supplied by %s, once a year in %s; national figure: %s', (metricId, source, term, national) => {
    const metric = getMetric(metricId);
    expect(metric).toMatchObject({ source, term, frequency: 'annual' });
    expect(metric?.national !== undefined).toBe(national);
  });

  it('expects an annual measure once the round of its term has closed', () => {
    const turnover = PLAN.ok ? PLAN.plan : (undefined as never);
    const before = evaluate(turnover, { asOf: '2026-05-01', observations: [] }).results[0];
    const after = evaluate(turnover, { asOf: '2026-09-20', observations: [] }).results[0];
    // Spring 2026 closed: 2025-26's summer figure is not due yet; the 2024-25 one is (the academy opened 2016).
    expect(before?.evidence.missing).toBe('2024-25');
    expect(after?.evidence.missing).toBe('2025-26');
  });
});

import { stringify } from 'yaml';

import { parsePlan } from '../../../src/domain/plan/parsePlan';
import { evaluateTarget, obs } from './evaluationFixtures';

/** Two years of a secondary's published results, judged in November 2024 (2023-24's out in October). */
const AS_OF = '2024-11-20';

describe('targets on the school’s published results of disadvantaged pupils', () => {
  it.each([
    [
      'Attainment 8 of disadvantaged pupils at least 40',
      { metric: 'attainment8Disadvantaged', rule: { kind: 'threshold', atLeast: 40 } },
      [39.2, 40.4],
      'met',
      'Attainment 8 of disadvantaged pupils 40.4 points (2023-24 results, published Oct 2024) meets the target: at least 40 points',
    ],
    [
      'Progress 8 of disadvantaged pupils at least 0, still below',
      { metric: 'progress8Disadvantaged', rule: { kind: 'threshold', atLeast: 0 } },
      [-0.61, -0.35],
      'missed',
      'Progress 8 of disadvantaged pupils \u22120.35 (2023-24 results, published Oct 2024) misses the target: at least 0',
    ],
    [
      'the Attainment 8 gap narrowing',
      { metric: 'attainment8DisadvantagedGap', rule: { kind: 'trend', direction: 'falling' } },
      [13.1, 12.4],
      'met',
      'Attainment 8 gap, other pupils minus disadvantaged 12.4 points (2023-24 results, published Oct 2024) is down 0.7 points from 13.1 points (2022-23 to 2023-24); target: falling year on year',
    ],
    [
      'the Attainment 8 gap closed: disadvantaged pupils ahead, so negative',
      {
        metric: 'attainment8DisadvantagedGap',
        rule: { kind: 'trend', direction: 'falling', closedAt: 0 },
      },
      [-2.1, -1.5],
      'met',
      undefined,
    ],
    [
      'the Progress 8 gap at most 0.5, still wider',
      { metric: 'progress8DisadvantagedGap', rule: { kind: 'threshold', atMost: 0.5 } },
      [0.72, 0.64],
      'missed',
      'Progress 8 gap, other pupils minus disadvantaged +0.64 (2023-24 results, published Oct 2024) misses the target: at most +0.5',
    ],
    [
      'the Progress 8 gap widening when it should narrow',
      { metric: 'progress8DisadvantagedGap', rule: { kind: 'trend', direction: 'falling' } },
      [0.64, 0.72],
      'missed',
      undefined,
    ],
  ])('%s', (_name, target, [before, after], status, reason) => {
    const result = evaluateTarget(target, {
      asOf: AS_OF,
      observations: [
        obs('2022-23-summer', target.metric, before ?? 0),
        obs('2023-24-summer', target.metric, after ?? 0),
      ],
    });
    expect(result.status).toBe(status);
    if (reason !== undefined) expect(result.reason).toBe(reason);
  });

  it('refuses an "above national" target on them: no national figure is held', () => {
    const text = stringify({
      id: 'p',
      title: 'P',
      period: { from: '2023-24', to: '2025-26' },
      objectives: [
        {
          id: 'o',
          title: 'O',
          targets: [
            {
              id: 'gap-national',
              title: 'Gap below national',
              metric: 'attainment8DisadvantagedGap',
              appliesTo: 'all',
              rule: { kind: 'benchmark', compare: 'below' },
            },
          ],
        },
      ],
    });
    const result = parsePlan(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]?.message).toContain('no national benchmark is held');
  });
});

import { academy, evaluateTarget, obs, termly } from './evaluationFixtures';

const GAP_NARROWING = { metric: 'disadvantagedGap', rule: { kind: 'trend', direction: 'falling' } };
const GAP_CLOSED_AT_0 = {
  metric: 'disadvantagedGap',
  rule: { kind: 'trend', direction: 'falling', closedAt: 0 },
};

describe('trend rule', () => {
  it.each([
    ['narrowed term on term', GAP_NARROWING, [14.21, 14.2], 'met'],
    ['widened by 0.01', GAP_NARROWING, [14.2, 14.21], 'missed'],
    ['unchanged', GAP_NARROWING, [14.2, 14.2], 'atRisk'],
    ['a single figure', GAP_NARROWING, [undefined, 14.2], 'notDue'],
    ['closed (at or below 0) even though it rose', GAP_CLOSED_AT_0, [-1, -0.5], 'met'],
    ['exactly at the closed level', GAP_CLOSED_AT_0, [2, 0], 'met'],
    ['not closed and widening', GAP_CLOSED_AT_0, [0.5, 0.6], 'missed'],
    [
      'rising as wanted',
      { metric: 'attendance', rule: { kind: 'trend', direction: 'rising' } },
      [94, 94.5],
      'met',
    ],
    [
      'falling when rising is wanted',
      { metric: 'attendance', rule: { kind: 'trend', direction: 'rising' } },
      [94.5, 94],
      'missed',
    ],
  ])('%s', (_case, target, values, status) => {
    const metric = target.metric;
    const result = evaluateTarget(target, {
      asOf: '2026-05-01',
      observations: termly('2025-26-autumn', metric, values),
    });
    expect(result.status).toBe(status);
  });

  it('says how much a gap widened, to the hundredth', () => {
    const result = evaluateTarget(GAP_NARROWING, {
      asOf: '2026-05-01',
      observations: termly('2025-26-autumn', 'disadvantagedGap', [14.2, 14.21]),
    });
    expect(result.reason).toBe(
      'Disadvantaged gap (internal) 14.21 pts (spring 2026) is up 0.01 pts from 14.2 pts in autumn 2025; target: falling term on term',
    );
    expect(result.evidence).toMatchObject({
      value: { value: 14.21 },
      previous: { value: 14.2, term: '2025-26-autumn' },
    });
  });

  it('compares annual results year on year', () => {
    const target = { metric: 'ks2DisadvantageGapIndex', rule: { kind: 'trend', direction: 'falling' } };
    const result = evaluateTarget(target, {
      asOf: '2024-11-20',
      academies: [academy({ phase: 'primary' })],
      observations: [
        obs('2022-23-summer', 'ks2DisadvantageGapIndex', 3.21),
        obs('2023-24-summer', 'ks2DisadvantageGapIndex', 3.12),
      ],
    });
    expect(result.status).toBe('met');
    expect(result.reason).toBe(
      'KS2 disadvantage gap index 3.12 (2023-24 results, published Sep 2024) is down 0.09 from 3.21 (2022-23 to 2023-24); target: falling year on year',
    );
  });

  it('compares with the last figure before a term with no data', () => {
    const result = evaluateTarget(GAP_NARROWING, {
      asOf: '2026-05-01',
      closedThrough: '2025-26-autumn',
      observations: termly('2025-25-summer'.replace('2025-25', '2024-25'), 'disadvantagedGap', [
        9,
        undefined,
        8,
      ]),
    });
    expect(result.status).toBe('met');
    expect(result.evidence.previous?.term).toBe('2024-25-summer');
  });

  it('treats a missing latest figure after the round closed as missing data', () => {
    const result = evaluateTarget(GAP_NARROWING, {
      asOf: '2026-05-01',
      observations: termly('2025-26-autumn', 'disadvantagedGap', [9]),
    });
    expect(result.status).toBe('noData');
  });
});

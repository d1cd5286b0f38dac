import type { BenchmarkLookup } from '../../../src/domain/benchmarks/nationalBenchmarks';
import { academy, evaluateTarget, obs } from './evaluationFixtures';

const P8_ABOVE = {
  metric: 'progress8',
  appliesTo: { phases: ['secondary'] },
  from: '2017-18',
  rule: { kind: 'benchmark', compare: 'above' },
};

/** A national series for tests: attainment8 46.0 in 2018-19, 2019-20 not published, nothing else. */
function fakeBenchmarks(metricId: string, academicYear: string): BenchmarkLookup {
  if (metricId === 'attainment8' && academicYear === '2018-19') {
    return {
      kind: 'found',
      benchmark: {
        metricId,
        phase: 'secondary',
        academicYear,
        value: 46,
        provisional: false,
        revision: 'revised',
        source: 'DfE, test',
        publisher: 'DfE',
        release: 'test',
        publishedOn: '2019-10-17',
        publishedOnGiven: true,
      },
    };
  }
  if (academicYear === '2019-20') return { kind: 'notPublished', reason: 'Exams were cancelled.' };
  return { kind: 'missing' };
}

describe('benchmark rule', () => {
  it('names the value, the national figure with its year and source, and the target', () => {
    const result = evaluateTarget(P8_ABOVE, {
      asOf: '2024-03-01',
      observations: [obs('2022-23-summer', 'progress8', -0.12)],
    });
    expect(result.status).toBe('missed');
    expect(result.reason).toBe(
      'Progress 8 \u22120.12 (2022-23 results, published Oct 2023) is below the national \u22120.03 (2022-23, DfE, revised, published Feb 2024); target: above national from 2017-18',
    );
    expect(result.evidence.benchmark).toMatchObject({
      status: 'found',
      academicYear: '2022-23',
      value: -0.03,
    });
  });

  it.each([
    ['above national', 'above', 46.1, 'met'],
    ['level with national, target above', 'above', 46, 'missed'],
    ['level with national, target at least', 'atLeast', 46, 'met'],
    ['below national, target at least', 'atLeast', 45.99, 'missed'],
    ['below national, target below', 'below', 45.99, 'met'],
    ['level with national, target below', 'below', 46, 'missed'],
    ['level with national, target at most', 'atMost', 46, 'met'],
  ])('%s', (_case, compare, value, status) => {
    const result = evaluateTarget(
      { metric: 'attainment8', rule: { kind: 'benchmark', compare } },
      {
        asOf: '2019-11-20',
        observations: [obs('2018-19-summer', 'attainment8', value)],
        benchmarks: fakeBenchmarks,
      },
    );
    expect(result.status).toBe(status);
  });

  it('reports a national figure that is not published, with the reason, and does not judge', () => {
    const result = evaluateTarget(P8_ABOVE, {
      asOf: '2025-11-20',
      observations: [obs('2024-25-summer', 'progress8', 0.21)],
    });
    expect(result).toMatchObject({
      status: 'noData',
      rag: 'grey',
      evidence: { benchmark: { status: 'notPublished', academicYear: '2024-25' } },
    });
    expect(result.reason).toContain(
      'Progress 8 +0.21 (2024-25 results, published Oct 2025) cannot be judged: the national figure for 2024-25 is not published',
    );
  });

  it('reports a missing national figure as missing, never as 0', () => {
    const result = evaluateTarget(
      { metric: 'attainment8', rule: { kind: 'benchmark', compare: 'above' } },
      {
        asOf: '2021-11-20',
        observations: [obs('2020-21-summer', 'attainment8', 0.5)],
        benchmarks: fakeBenchmarks,
      },
    );
    expect(result).toMatchObject({
      status: 'noData',
      rag: 'grey',
      evidence: { benchmark: { status: 'missing', academicYear: '2020-21' } },
    });
    expect(result.reason).toContain('the trust holds no national figure for 2020-21 yet');
  });

  it.each<[string, string, string, string]>([
    [
      'the national figure is not out yet',
      '2018-09-20',
      'notYetPublished',
      'the national figure for 2017-18 is not published yet (due 16 Oct 2018)',
    ],
    [
      'the provisional national figure is out',
      '2018-10-16',
      'found',
      'the national 46.4 points (2017-18, DfE, provisional, published 16 Oct 2018)',
    ],
    [
      'the revised national figure is out',
      '2019-01-24',
      'found',
      'the national 46.5 points (2017-18, DfE, revised, published 24 Jan 2019)',
    ],
  ])('reads differently when %s', (_case, asOf, status, words) => {
    // The school's own result is known on results day, before DfE publishes the national figure.
    const result = evaluateTarget(
      { metric: 'attainment8', rule: { kind: 'benchmark', compare: 'above' } },
      { asOf, observations: [{ ...obs('2017-18-summer', 'attainment8', 47), knownOn: '2018-08-23' }] },
    );
    expect(result.evidence.benchmark?.status).toBe(status);
    expect(result.reason).toContain(words);
    if (status === 'notYetPublished') expect(result).toMatchObject({ status: 'noData', rag: 'grey' });
  });

  it('compares with the latest published figure when the plan says so', () => {
    const target = {
      metric: 'persistentAbsence',
      rule: { kind: 'benchmark', compare: 'below', year: 'latestPublished' },
    };
    const result = evaluateTarget(target, {
      asOf: '2026-11-22',
      observations: [obs('2025-26-summer', 'persistentAbsence', 17.6)],
    });
    expect(result.status).toBe('met');
    expect(result.reason).toContain(
      'the national 18.1% (2024-25, DfE, final, published 26 Mar 2026); compared with 2024-25, the latest national figure held; target:',
    );
  });

  it.each<[string, string, string, string, string | undefined]>([
    // Teacher turnover: 2021-22 held (published 8 Jun 2023), 2022-23 not held, 2023-24 out in June 2025.
    ['an older year, the year judged not held', '2022-23-summer', '2023-09-01', '2021-22', '2021-22'],
    ['an older year, the later one out', '2024-25-summer', '2025-07-01', '2023-24', '2023-24'],
    ['the year judged itself', '2023-24-summer', '2025-07-01', '2023-24', undefined],
  ])('says when it compares with %s', (_case, term, asOf, year, olderYear) => {
    const result = evaluateTarget(
      {
        metric: 'teacherTurnover',
        appliesTo: 'all',
        rule: { kind: 'benchmark', compare: 'below', year: 'latestPublished' },
      },
      { asOf, observations: [obs(term, 'teacherTurnover', 8)] },
    );
    expect(result.evidence.benchmark).toMatchObject({ status: 'found', academicYear: year });
    if (olderYear) {
      expect(result.reason).toContain(`; compared with ${olderYear}, the latest national figure held;`);
    } else {
      expect(result.reason).not.toContain('the latest national figure held');
    }
  });

  it('ignores results from before the target starts, and is not due before then', () => {
    const before = evaluateTarget(P8_ABOVE, {
      asOf: '2017-06-01',
      observations: [obs('2016-17-autumn', 'progress8', -1)],
    });
    expect(before).toMatchObject({
      status: 'notDue',
      reason: 'Applies from 2017-18; target: above national from 2017-18',
    });
    const after = evaluateTarget(P8_ABOVE, {
      asOf: '2018-06-01',
      observations: [obs('2016-17-summer', 'progress8', -1)],
    });
    expect(after.status).toBe('notDue');
  });

  it('counts a missing annual result as a risk once the autumn round after the year has closed', () => {
    const result = evaluateTarget(
      { metric: 'attainment8', rule: { kind: 'benchmark', compare: 'above' } },
      {
        asOf: '2020-01-10',
        observations: [obs('2017-18-summer', 'attainment8', 50)],
        benchmarks: fakeBenchmarks,
      },
    );
    expect(result).toMatchObject({ status: 'noData', rag: 'amber', evidence: { missing: '2018-19' } });
  });

  it('does not apply to a phase that does not report the metric', () => {
    const result = evaluateTarget(
      { metric: 'progress8', rule: { kind: 'benchmark', compare: 'above' } },
      { asOf: '2019-11-20', academies: [academy({ phase: 'primary' })] },
    );
    expect(result).toMatchObject({ status: 'notApplicable', rag: 'grey' });
    expect(result.reason).toContain('Progress 8 is not reported by primary academies');
  });
});

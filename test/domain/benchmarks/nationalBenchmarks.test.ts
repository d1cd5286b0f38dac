import type { BenchmarkLookup } from '../../../src/domain/benchmarks/nationalBenchmarks';
import {
  findBenchmark,
  NATIONAL_BENCHMARKS,
  UNPUBLISHED_BENCHMARKS,
} from '../../../src/domain/benchmarks/nationalBenchmarks';
import { parseAcademicYear } from '../../../src/domain/terms/termCalendar';

describe('findBenchmark', () => {
  it.each<[string, string, number, boolean]>([
    ['attainment8', '2018-19', 46.7, false],
    ['attainment8', '2022-23', 46.3, false],
    ['attainment8', '2024-25', 45.9, true],
    ['progress8', '2018-19', -0.03, false],
    ['progress8', '2022-23', -0.03, false],
    ['ks4Grade5EnglishMaths', '2018-19', 43.2, false],
    ['ks4Grade5EnglishMaths', '2022-23', 45.3, false],
    ['ks4Grade5EnglishMaths', '2024-25', 45.2, true],
    ['ks2ExpectedRwm', '2018-19', 65, false],
    ['ks2ExpectedRwm', '2022-23', 60, false],
    ['ks2ExpectedRwm', '2023-24', 61, false],
    ['ks2ExpectedRwm', '2024-25', 62, false],
    ['ks2DisadvantageGapIndex', '2018-19', 2.91, false],
    ['ks2DisadvantageGapIndex', '2022-23', 3.21, false],
    ['ks2DisadvantageGapIndex', '2023-24', 3.12, false],
    ['ks4DisadvantageGapIndex', '2018-19', 3.7, false],
    ['ks4DisadvantageGapIndex', '2022-23', 3.94, false],
    ['ks4DisadvantageGapIndex', '2023-24', 3.92, false],
    ['persistentAbsence', '2023-24', 20.7, false],
    ['overallAbsence', '2023-24', 7.1, false],
  ])('finds %s for %s: %d', (metricId, academicYear, value, provisional) => {
    expect(findBenchmark(metricId, academicYear)).toEqual({
      kind: 'found',
      benchmark: expect.objectContaining({ metricId, academicYear, value, provisional }) as unknown,
    });
  });

  it.each<[string, string, RegExp]>([
    ['progress8', '2024-25', /no key stage 2 results.*2020/],
    ['progress8', '2025-26', /no key stage 2 results.*2021/],
    ['progress8', '2019-20', /exams were cancelled/],
    ['progress8', '2020-21', /exams were cancelled/],
    ['ks2ExpectedRwm', '2019-20', /tests were cancelled/],
    ['ks2DisadvantageGapIndex', '2020-21', /tests were cancelled/],
  ])('says %s for %s is not published, with the reason', (metricId, academicYear, reason) => {
    expect(findBenchmark(metricId, academicYear)).toEqual({
      kind: 'notPublished',
      reason: expect.stringMatching(reason) as string,
    });
  });

  it.each<[string, string]>([
    ['attainment8', '2017-18'],
    ['attainment8', '2023-24'],
    ['persistentAbsence', '2018-19'],
    ['noSuchMetric', '2018-19'],
    ['attainment8', '2018/19'],
    ['attainment8', ''],
  ])('says %s for %s is missing rather than 0', (metricId, academicYear) => {
    expect(findBenchmark(metricId, academicYear)).toEqual<BenchmarkLookup>({ kind: 'missing' });
  });
});

describe('the benchmark data', () => {
  const keys = [
    ...NATIONAL_BENCHMARKS.map((b) => `${b.metricId} ${b.academicYear}`),
    ...UNPUBLISHED_BENCHMARKS.map((b) => `${b.metricId} ${b.academicYear}`),
  ];

  it('has one entry per metric and year, found or not published', () => {
    expect(new Set(keys).size).toBe(keys.length);
  });

  it.each(NATIONAL_BENCHMARKS.map((b) => [`${b.metricId} ${b.academicYear}`, b] as const))(
    '%s has a well-formed year, a finite value and a source',
    (_key, benchmark) => {
      expect(parseAcademicYear(benchmark.academicYear)).toBeDefined();
      expect(Number.isFinite(benchmark.value)).toBe(true);
      expect(benchmark.source).toMatch(/^DfE, .*England/);
    },
  );

  it('only uses the metric ids of the catalogue', () => {
    const ids = new Set([...NATIONAL_BENCHMARKS, ...UNPUBLISHED_BENCHMARKS].map((b) => b.metricId));
    expect([...ids].sort()).toEqual(
      [
        'attainment8',
        'progress8',
        'ks4Grade5EnglishMaths',
        'ks2ExpectedRwm',
        'ks2DisadvantageGapIndex',
        'ks4DisadvantageGapIndex',
        'persistentAbsence',
        'overallAbsence',
      ].sort(),
    );
  });
});

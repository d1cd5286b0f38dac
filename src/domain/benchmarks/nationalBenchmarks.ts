/**
 * National benchmarks: the England averages that "above national" targets are judged against.
 *
 * Each figure carries its year and its source so a trustee can see where a comparison came from. A year
 * with no figure is either recorded as not published, with the reason (Progress 8 after the cancelled
 * KS2 tests), or simply missing here; neither is ever read as 0.
 *
 * Academic years are written `2018-19`: summer 2019 results belong to 2018-19. Percentages are 0–100.
 */
import type { Phase } from '../roster/roster';

/** Which schools the average covers; `all` is all state-funded schools together. */
export type BenchmarkPhase = Phase | 'all';

export interface NationalBenchmark {
  /** An id from the metric catalogue. */
  metricId: string;
  phase: BenchmarkPhase;
  /** `2018-19` for results published from summer 2019. */
  academicYear: string;
  /** In the metric's own unit: points, a percentage 0–100, or an index. */
  value: number;
  /** True when DfE has published only the provisional figure; it may be revised. */
  provisional: boolean;
  /** Publication the figure is taken from, written for a trustee. */
  source: string;
}

/** A metric and year for which no national figure exists, and why. */
export interface UnpublishedBenchmark {
  metricId: string;
  academicYear: string;
  reason: string;
}

export type BenchmarkLookup =
  | { kind: 'found'; benchmark: NationalBenchmark }
  | { kind: 'notPublished'; reason: string }
  | { kind: 'missing' };

const KS4_2019 = 'DfE, Key stage 4 performance 2019 (revised), state-funded schools, England';
const KS4_2023 = 'DfE, Key stage 4 performance 2023 (revised), state-funded schools, England';
const KS4_2024 = 'DfE, Key stage 4 performance 2024 (revised), state-funded schools, England';
const KS4_2025 = 'DfE, Key stage 4 performance 2025 (provisional), state-funded schools, England';
const KS2_2019 = 'DfE, Key stage 2 attainment, academic year 2018/19, state-funded schools, England';
const KS2_2023 = 'DfE, Key stage 2 attainment, academic year 2022/23, state-funded schools, England';
const KS2_2024 = 'DfE, Key stage 2 attainment, academic year 2023/24, state-funded schools, England';
const KS2_2025 = 'DfE, Key stage 2 attainment, academic year 2024/25, state-funded schools, England';
const ABSENCE_2024 = 'DfE, Pupil absence in schools in England, academic year 2023/24, state-funded schools';

function benchmark(
  metricId: string,
  phase: BenchmarkPhase,
  academicYear: string,
  value: number,
  source: string,
  provisional = false,
): NationalBenchmark {
  return { metricId, phase, academicYear, value, provisional, source };
}

/** Every national figure the evaluator can compare against. */
export const NATIONAL_BENCHMARKS: readonly NationalBenchmark[] = [
  benchmark('attainment8', 'secondary', '2018-19', 46.7, KS4_2019),
  benchmark('attainment8', 'secondary', '2022-23', 46.3, KS4_2023),
  benchmark('attainment8', 'secondary', '2024-25', 45.9, KS4_2025, true),

  // 0 by construction across mainstream schools; counting special schools too puts it just below 0.
  benchmark('progress8', 'secondary', '2018-19', -0.03, KS4_2019),
  benchmark('progress8', 'secondary', '2022-23', -0.03, KS4_2023),

  benchmark('ks4Grade5EnglishMaths', 'secondary', '2018-19', 43.2, KS4_2019),
  benchmark('ks4Grade5EnglishMaths', 'secondary', '2022-23', 45.3, KS4_2023),
  benchmark('ks4Grade5EnglishMaths', 'secondary', '2024-25', 45.2, KS4_2025, true),

  benchmark('ks2ExpectedRwm', 'primary', '2018-19', 65, KS2_2019),
  benchmark('ks2ExpectedRwm', 'primary', '2022-23', 60, KS2_2023),
  benchmark('ks2ExpectedRwm', 'primary', '2023-24', 61, KS2_2024),
  benchmark('ks2ExpectedRwm', 'primary', '2024-25', 62, KS2_2025),

  // The index runs 0 (no gap) to 10; a lower value is a narrower gap.
  benchmark('ks2DisadvantageGapIndex', 'primary', '2018-19', 2.91, KS2_2019),
  benchmark('ks2DisadvantageGapIndex', 'primary', '2022-23', 3.21, KS2_2023),
  benchmark('ks2DisadvantageGapIndex', 'primary', '2023-24', 3.12, KS2_2024),

  benchmark('ks4DisadvantageGapIndex', 'secondary', '2018-19', 3.7, KS4_2019),
  benchmark('ks4DisadvantageGapIndex', 'secondary', '2022-23', 3.94, KS4_2023),
  benchmark('ks4DisadvantageGapIndex', 'secondary', '2023-24', 3.92, KS4_2024),

  // Persistent absence: pupils missing 10 % or more of possible sessions.
  benchmark('persistentAbsence', 'all', '2023-24', 20.7, ABSENCE_2024),
  benchmark('overallAbsence', 'all', '2023-24', 7.1, ABSENCE_2024),
];

const NO_KS2_BASELINE_2025 =
  'Progress 8 is not published for 2024/25: these pupils have no key stage 2 results to measure progress ' +
  'from, because the KS2 tests of 2020 were cancelled (COVID-19).';
const NO_KS2_BASELINE_2026 =
  'Progress 8 is not published for 2025/26: these pupils have no key stage 2 results to measure progress ' +
  'from, because the KS2 tests of 2021 were cancelled (COVID-19).';
const NO_KS4_MEASURES = (year: string) =>
  `Progress 8 was not calculated for ${year}: GCSE exams were cancelled (COVID-19) and grades were ` +
  'awarded by schools, so DfE published no school progress measures.';
const NO_KS2_TESTS = (year: string) =>
  `There are no key stage 2 results for ${year}: the tests were cancelled (COVID-19).`;

/** Metric-years for which DfE publishes no national figure, with the reason to show a trustee. */
export const UNPUBLISHED_BENCHMARKS: readonly UnpublishedBenchmark[] = [
  { metricId: 'progress8', academicYear: '2019-20', reason: NO_KS4_MEASURES('2019/20') },
  { metricId: 'progress8', academicYear: '2020-21', reason: NO_KS4_MEASURES('2020/21') },
  { metricId: 'progress8', academicYear: '2024-25', reason: NO_KS2_BASELINE_2025 },
  { metricId: 'progress8', academicYear: '2025-26', reason: NO_KS2_BASELINE_2026 },
  { metricId: 'ks2ExpectedRwm', academicYear: '2019-20', reason: NO_KS2_TESTS('2019/20') },
  { metricId: 'ks2ExpectedRwm', academicYear: '2020-21', reason: NO_KS2_TESTS('2020/21') },
  { metricId: 'ks2DisadvantageGapIndex', academicYear: '2019-20', reason: NO_KS2_TESTS('2019/20') },
  { metricId: 'ks2DisadvantageGapIndex', academicYear: '2020-21', reason: NO_KS2_TESTS('2020/21') },
];

/**
 * The national figure for a metric in an academic year (`2018-19`). Says `notPublished`, with the
 * reason, when no figure exists by design, and `missing` when we simply do not hold one — never 0.
 */
export function findBenchmark(metricId: string, academicYear: string): BenchmarkLookup {
  const benchmark = NATIONAL_BENCHMARKS.find(
    (candidate) => candidate.metricId === metricId && candidate.academicYear === academicYear,
  );
  if (benchmark) return { kind: 'found', benchmark };
  const unpublished = UNPUBLISHED_BENCHMARKS.find(
    (candidate) => candidate.metricId === metricId && candidate.academicYear === academicYear,
  );
  if (unpublished) return { kind: 'notPublished', reason: unpublished.reason };
  return { kind: 'missing' };
}

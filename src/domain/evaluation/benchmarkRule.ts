/**
 * Benchmark rules: a figure compared with the national average for the same academic year (or the
 * latest one published, where the plan says so). A national figure that is not published or not held
 * is reported as such — the figure is then not judged, and never compared with 0.
 */
import type { BenchmarkLookup } from '../benchmarks/nationalBenchmarks';
import type { BenchmarkComparison, BenchmarkRule } from '../plan/plan';
import { formatAcademicYear } from '../terms/termCalendar';
import { EPSILON } from './compareValues';
import type { BenchmarkEvidence } from './evaluation';
import { formatNumericValue, shortSource } from './formatForTrustees';
import { currentFigure, type RuleContext, type RuleOutcome, statedFigure } from './ruleContext';

/** Finds the national figure for a metric id and academic year written `2018-19`. */
export type BenchmarkSource = (metricId: string, academicYear: string) => BenchmarkLookup;

/** How far back `latestPublished` looks for a national figure before calling it missing. */
const LATEST_PUBLISHED_LOOKBACK_YEARS = 5;

function compares(comparison: BenchmarkComparison, value: number, national: number): boolean {
  switch (comparison) {
    case 'above':
      return value > national + EPSILON;
    case 'atLeast':
      return value >= national - EPSILON;
    case 'below':
      return value < national - EPSILON;
    case 'atMost':
      return value <= national + EPSILON;
  }
}

const FAILS: Record<BenchmarkComparison, (equal: boolean) => string> = {
  above: (equal) => (equal ? 'is level with, not above,' : 'is below'),
  atLeast: () => 'is below',
  below: (equal) => (equal ? 'is level with, not below,' : 'is above'),
  atMost: () => 'is above',
};
const MEETS: Record<BenchmarkComparison, (equal: boolean) => string> = {
  above: () => 'is above',
  atLeast: (equal) => (equal ? 'is level with' : 'is above'),
  below: () => 'is below',
  atMost: (equal) => (equal ? 'is level with' : 'is below'),
};

/** The national figure for the year, or with `latestPublished` the most recent one held up to it. */
function findNational(
  rule: BenchmarkRule,
  startYear: number,
  benchmarks: BenchmarkSource,
): BenchmarkEvidence {
  const first = benchmarks(rule.benchmarkId, formatAcademicYear(startYear));
  const lookback = rule.year === 'latestPublished' ? LATEST_PUBLISHED_LOOKBACK_YEARS : 0;
  for (let back = 0; back <= lookback; back++) {
    const academicYear = formatAcademicYear(startYear - back);
    const lookup = back === 0 ? first : benchmarks(rule.benchmarkId, academicYear);
    if (lookup.kind === 'found') {
      const { benchmark } = lookup;
      return {
        status: 'found',
        academicYear,
        value: benchmark.value,
        display: '',
        source: benchmark.source,
        provisional: benchmark.provisional,
      };
    }
  }
  // Say why the value's own year has no figure: "not published, because …" beats "missing".
  const academicYear = formatAcademicYear(startYear);
  return first.kind === 'notPublished'
    ? { status: 'notPublished', academicYear, reason: first.reason }
    : { status: 'missing', academicYear };
}

/** Judges a benchmark target for one subject. */
export function evaluateBenchmark(
  rule: BenchmarkRule,
  context: RuleContext,
  benchmarks: BenchmarkSource,
): RuleOutcome {
  const { metric, targetText } = context;
  const figure = currentFigure(context);
  if (figure.kind === 'missing') return figure.outcome;

  const { observation } = figure;
  const { value, stated } = statedFigure(context, observation);
  const found = findNational(rule, observation.term.startYear, benchmarks);
  if (found.status !== 'found') {
    const why =
      found.status === 'notPublished'
        ? `the national figure for ${found.academicYear} is not published: ${found.reason}`
        : `no national figure for ${found.academicYear} is held yet`;
    return {
      status: 'noData',
      // Not the academy's doing: grey, so a gap in national statistics never shows as the academy's risk.
      rag: 'grey',
      reason: `${stated} cannot be judged: ${why}; target: ${targetText}`,
      evidence: { metricId: metric.id, target: targetText, value, benchmark: found },
    };
  }

  const national = formatNumericValue(metric, found.value);
  const benchmark: BenchmarkEvidence = { ...found, display: national };
  const actual = observation.value as number;
  const equal = Math.abs(actual - found.value) <= EPSILON;
  const provisional = found.provisional ? ', provisional' : '';
  const nationalText = `the national ${national} (${found.academicYear}, ${shortSource(found.source)}${provisional})`;
  const met = compares(rule.comparison, actual, found.value);
  const verb = (met ? MEETS : FAILS)[rule.comparison](equal);
  return {
    status: met ? 'met' : 'missed',
    reason: `${stated} ${verb} ${nationalText}; target: ${targetText}`,
    evidence: { metricId: metric.id, target: targetText, value, benchmark },
  };
}

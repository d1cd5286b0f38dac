/**
 * Benchmark rules: a figure compared with the national average for the same academic year (or the
 * latest one published, where the plan says so). A national figure that is not published or not held
 * is reported as such — the figure is then not judged, and never compared with 0.
 */
import type { BenchmarkLookup, BenchmarkSource } from '../benchmarks/nationalBenchmarks';
import { formatKnownDate } from '../metrics/availability';
import type { BenchmarkComparison, BenchmarkRule } from '../plan/plan';
import type { IsoDate } from '../roster/roster';
import { formatAcademicYear } from '../terms/termCalendar';
import { EPSILON } from './compareValues';
import type { BenchmarkEvidence } from './evaluation';
import { formatDateLabel, formatNumericValue, shortSource } from './formatForTrustees';
import type { Observation } from './observation';
import { currentFigure, type RuleContext, type RuleOutcome, statedFigure } from './ruleContext';

export type { BenchmarkSource } from '../benchmarks/nationalBenchmarks';

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

/** The lookup as known on `asOf`, even from a source that does not read the date itself. */
function lookUp(
  benchmarks: BenchmarkSource,
  id: string,
  academicYear: string,
  asOf: IsoDate,
): BenchmarkLookup {
  const lookup = benchmarks(id, academicYear, asOf);
  if (lookup.kind === 'found' && lookup.benchmark.publishedOn > asOf) {
    return { kind: 'notYetPublished', publishedOn: lookup.benchmark.publishedOn };
  }
  return lookup;
}

/**
 * The national figure for the year as published by `asOf`, or with `latestPublished` the most recent
 * one published by then for that year or the years before it.
 */
function findNational(
  rule: BenchmarkRule,
  startYear: number,
  benchmarks: BenchmarkSource,
  asOf: IsoDate,
): { evidence: BenchmarkEvidence; published?: string } {
  const first = lookUp(benchmarks, rule.benchmarkId, formatAcademicYear(startYear), asOf);
  const lookback = rule.year === 'latestPublished' ? LATEST_PUBLISHED_LOOKBACK_YEARS : 0;
  for (let back = 0; back <= lookback; back++) {
    const academicYear = formatAcademicYear(startYear - back);
    const lookup = back === 0 ? first : lookUp(benchmarks, rule.benchmarkId, academicYear, asOf);
    if (lookup.kind === 'found') {
      const { benchmark } = lookup;
      // A day the file gives is shown as a day; one from the metric's rule only as its month.
      const published = benchmark.publishedOnGiven
        ? formatDateLabel(benchmark.publishedOn)
        : formatKnownDate(benchmark.publishedOn, { kind: 'month', month: 1 });
      return {
        published,
        evidence: {
          status: 'found',
          academicYear,
          value: benchmark.value,
          display: '',
          source: benchmark.source,
          provisional: benchmark.provisional,
          revision: benchmark.revision,
          publishedOn: benchmark.publishedOn,
        },
      };
    }
  }
  // Say why the value's own year has no figure: "not published yet" and "not published, because …" beat "missing".
  const academicYear = formatAcademicYear(startYear);
  switch (first.kind) {
    case 'notPublished':
      return { evidence: { status: 'notPublished', academicYear, reason: first.reason } };
    case 'notYetPublished':
      return { evidence: { status: 'notYetPublished', academicYear, publishedOn: first.publishedOn } };
    default:
      return { evidence: { status: 'missing', academicYear } };
  }
}

/** Why a figure could not be compared, for the reason line. */
function whyNotJudged(found: Exclude<BenchmarkEvidence, { status: 'found' }>): string {
  switch (found.status) {
    case 'notPublished':
      return `the national figure for ${found.academicYear} is not published: ${found.reason}`;
    case 'notYetPublished':
      return `the national figure for ${found.academicYear} is not published yet (due ${formatDateLabel(found.publishedOn)})`;
    case 'missing':
      // Written for trustees: that a trust can add the figure to its benchmark file is in docs/published-figures.md.
      return `the trust holds no national figure for ${found.academicYear} yet`;
  }
}

/** Judges a benchmark target for one subject. */
export function evaluateBenchmark(
  rule: BenchmarkRule,
  context: RuleContext,
  benchmarks: BenchmarkSource,
): RuleOutcome {
  const figure = currentFigure(context);
  if (figure.kind === 'missing') return figure.outcome;

  const { observation } = figure;
  // The outcome is decided by the figure alone: academies with the same figure share it.
  const sameFigure = context.shared.forFigure(observation, undefined);
  let outcome = sameFigure.get(observation.value);
  if (!outcome) {
    outcome = compareWithNational(rule, context, benchmarks, observation);
    sameFigure.set(observation.value, outcome);
  }
  return outcome;
}

function compareWithNational(
  rule: BenchmarkRule,
  context: RuleContext,
  benchmarks: BenchmarkSource,
  observation: Observation,
): RuleOutcome {
  const { metric, targetText } = context;
  const { value, stated } = statedFigure(context, observation);
  const { evidence: found, published } = findNational(
    rule,
    observation.term.startYear,
    benchmarks,
    context.asOf,
  );
  if (found.status !== 'found') {
    const why = whyNotJudged(found);
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
  const revision = found.revision ? `, ${found.revision}` : found.provisional ? ', provisional' : '';
  const publishedText = published ? `, published ${published}` : '';
  const nationalText = `the national ${national} (${found.academicYear}, ${shortSource(found.source)}${revision}${publishedText})`;
  // An older year's figure says so, so a trustee does not take it for the year judged.
  const olderYear =
    found.academicYear === formatAcademicYear(observation.term.startYear)
      ? ''
      : `; compared with ${found.academicYear}, the latest national figure held`;
  const met = compares(rule.comparison, actual, found.value);
  const verb = (met ? MEETS : FAILS)[rule.comparison](equal);
  return {
    status: met ? 'met' : 'missed',
    reason: `${stated} ${verb} ${nationalText}${olderYear}; target: ${targetText}`,
    evidence: { metricId: metric.id, target: targetText, value, benchmark },
  };
}

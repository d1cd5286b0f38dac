/**
 * National benchmarks: the England averages that "above national" targets are judged against.
 *
 * The figures are data (benchmarks/national.csv, read by parseBenchmarkTable), each with its year, its
 * publisher and release, and the day it was published, so a trustee can see where a comparison came
 * from and an evaluation as of a date uses only the figures published by then. A year with no figure is
 * either recorded as not published, with the reason (Progress 8 after the cancelled KS2 tests), or simply
 * not held; neither is ever read as 0.
 *
 * Academic years are written `2018-19`: summer 2019 results belong to 2018-19. Percentages are 0–100.
 */
import { availableOn } from '../metrics/availability';
import { getMetric } from '../metrics/metricCatalogue';
import type { IsoDate, Phase } from '../roster/roster';
import { parseAcademicYear } from '../terms/termCalendar';
import { DEFAULT_TERM_CALENDAR } from '../terms/termCalendar';

/** Which schools the average covers; `all` is all state-funded schools together. */
export type BenchmarkPhase = Phase | 'all';

/** How settled a figure is: DfE publishes provisional figures first and revises them months later. */
export type BenchmarkRevision = 'provisional' | 'revised' | 'final';

export interface NationalBenchmark {
  /** An id from the metric catalogue. */
  metricId: string;
  phase: BenchmarkPhase;
  /** `2018-19` for results published from summer 2019. */
  academicYear: string;
  /** In the metric's own unit: points, a percentage 0–100, or an index. */
  value: number;
  /** True when the figure is provisional: it may be revised. */
  provisional: boolean;
  revision: BenchmarkRevision;
  /** The publication the figure is taken from, written for a trustee: "DfE, Key stage 4 performance 2019 (revised)". */
  source: string;
  publisher: string;
  release: string;
  /** The day the figure became known: the release's date, or by the metric's rule when the file gives none. */
  publishedOn: IsoDate;
  /** Whether `publishedOn` was given in the file (otherwise it is the metric's rule: "Oct 2017"). */
  publishedOnGiven: boolean;
}

/** A metric and year for which no national figure exists, and why. */
export interface UnpublishedBenchmark {
  metricId: string;
  academicYear: string;
  reason: string;
}

export type BenchmarkLookup =
  | { kind: 'found'; benchmark: NationalBenchmark }
  /** Figures are held for the year but none was published by the as-of date. */
  | { kind: 'notYetPublished'; publishedOn: IsoDate }
  | { kind: 'notPublished'; reason: string }
  | { kind: 'missing' };

/** Finds the national figure for a metric id and academic year written `2018-19`, as known on `asOf`. */
export type BenchmarkSource = (metricId: string, academicYear: string, asOf?: IsoDate) => BenchmarkLookup;

/** Every national figure and every recorded gap, as read from the data files. */
export interface BenchmarkTable {
  benchmarks: readonly NationalBenchmark[];
  unpublished: readonly UnpublishedBenchmark[];
}

function key(metricId: string, academicYear: string): string {
  return `${metricId}|${academicYear}`;
}

/**
 * The trust's own file over the shipped one: a row for the same metric, year and revision (or a
 * not-published row for the same metric and year) replaces the shipped one; any other row is added.
 */
export function mergeBenchmarkTables(shipped: BenchmarkTable, override: BenchmarkTable): BenchmarkTable {
  const figureKey = (b: NationalBenchmark) => `${key(b.metricId, b.academicYear)}|${b.revision}`;
  const overridden = new Set(override.benchmarks.map(figureKey));
  const gaps = new Set(override.unpublished.map((u) => key(u.metricId, u.academicYear)));
  // A figure added for a year the shipped file says is not published replaces that gap, and the reverse.
  const figureYears = new Set(override.benchmarks.map((b) => key(b.metricId, b.academicYear)));
  return {
    benchmarks: [
      ...shipped.benchmarks.filter(
        (b) => !overridden.has(figureKey(b)) && !gaps.has(key(b.metricId, b.academicYear)),
      ),
      ...override.benchmarks,
    ],
    unpublished: [
      ...shipped.unpublished.filter(
        (u) =>
          !gaps.has(key(u.metricId, u.academicYear)) && !figureYears.has(key(u.metricId, u.academicYear)),
      ),
      ...override.unpublished,
    ],
  };
}

/**
 * A BenchmarkSource over a table. As of a date, the latest figure published by then (a revision once it
 * is out, the provisional figure before); `notYetPublished` when figures are held but none is out yet;
 * `notPublished`, with the reason, when no figure exists by design; `missing` when none is held — never 0.
 * Without an as-of date, the latest figure held.
 */
export function createBenchmarkSource(table: BenchmarkTable): BenchmarkSource {
  const figures = new Map<string, NationalBenchmark[]>();
  for (const benchmark of table.benchmarks) {
    const k = key(benchmark.metricId, benchmark.academicYear);
    const list = figures.get(k);
    if (list) list.push(benchmark);
    else figures.set(k, [benchmark]);
  }
  for (const list of figures.values()) list.sort((a, b) => a.publishedOn.localeCompare(b.publishedOn));
  const reasons = new Map(table.unpublished.map((u) => [key(u.metricId, u.academicYear), u.reason]));
  return (metricId, academicYear, asOf) => {
    const k = key(metricId, academicYear);
    const list = figures.get(k);
    if (list && list.length > 0) {
      let found: NationalBenchmark | undefined;
      for (const benchmark of list)
        if (asOf === undefined || benchmark.publishedOn <= asOf) found = benchmark;
      if (found) return { kind: 'found', benchmark: found };
      return { kind: 'notYetPublished', publishedOn: (list[0] as NationalBenchmark).publishedOn };
    }
    const reason = reasons.get(k);
    if (reason !== undefined) return { kind: 'notPublished', reason };
    return { kind: 'missing' };
  };
}

/** The day a year's national figure is published by its metric's rule, where the file gives no date. */
export function defaultPublicationDate(metricId: string, academicYear: string): IsoDate | undefined {
  const metric = getMetric(metricId);
  const startYear = parseAcademicYear(academicYear);
  if (!metric?.national || startYear === undefined) return undefined;
  return availableOn(metric.national.availability, { startYear, term: 'summer' }, DEFAULT_TERM_CALENDAR);
}

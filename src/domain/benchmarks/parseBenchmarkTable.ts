/**
 * Reads a benchmark data file (benchmarks/national.csv, or a trust's override of the same shape; see
 * docs/plan-format.md, "National benchmarks") and checks every row: the metric has a national figure in
 * the catalogue, the year is an academic year, the value is in the metric's range, the date is real.
 * Every bad row is reported with its line; a file with any error is not used at all.
 */
import { readCsvRecords } from '../csv/readCsvRecords';
import { getMetric, METRIC_CATALOGUE } from '../metrics/metricCatalogue';
import { PHASES } from '../roster/roster';
import { isIsoDate, parseAcademicYear } from '../terms/termCalendar';
import {
  type BenchmarkPhase,
  type BenchmarkRevision,
  type BenchmarkTable,
  defaultPublicationDate,
  type NationalBenchmark,
  type UnpublishedBenchmark,
} from './nationalBenchmarks';

export const BENCHMARK_COLUMNS = [
  'metric',
  'year',
  'value',
  'status',
  'phase',
  'publisher',
  'release',
  'published',
  'note',
] as const;

const STATUSES = ['provisional', 'revised', 'final', 'notPublished'] as const;
const BENCHMARK_PHASES: readonly BenchmarkPhase[] = [...PHASES, 'all'];
const NUMBER = /^[+-]?\d+(\.\d+)?$/;

export interface BenchmarkFileError {
  /** 1-based line; undefined for a problem with the whole file. */
  line?: number;
  message: string;
}

export type ParseBenchmarkTableResult =
  { ok: true; table: BenchmarkTable } | { ok: false; errors: BenchmarkFileError[] };

/** Metric ids a benchmark may be held for: those the catalogue says have a national figure. */
export const BENCHMARK_METRIC_IDS: readonly string[] = METRIC_CATALOGUE.filter((m) => m.national).map(
  (m) => m.id,
);

const YEAR_MONTH = /^(\d{4})-(\d{2})$/;

/**
 * The day a `published` cell says: a date, or a month (`2025-12`) read as its first day, the same
 * convention as the metrics' month rules; undefined for anything else.
 */
function publicationDay(published: string): string | undefined {
  if (isIsoDate(published)) return published;
  const month = YEAR_MONTH.exec(published);
  if (!month) return undefined;
  const day = `${month[1]}-${month[2]}-01`;
  return isIsoDate(day) ? day : undefined;
}

/** Reads and checks the text of a benchmark file. */
export function parseBenchmarkTable(text: string): ParseBenchmarkTableResult {
  const parsed = readCsvRecords(text);
  if (!parsed.ok) {
    const message = `is not valid CSV: ${parsed.error instanceof Error ? parsed.error.message : String(parsed.error)}`;
    return { ok: false, errors: [{ ...(parsed.line === undefined ? {} : { line: parsed.line }), message }] };
  }
  const [header, ...rows] = parsed.records;
  const expected = BENCHMARK_COLUMNS.join(',');
  if (!header || header.values.map((value) => value.trim()).join(',') !== expected) {
    return {
      ok: false,
      errors: [{ line: header?.endLine ?? 1, message: `the first line must be the header ${expected}` }],
    };
  }
  const errors: BenchmarkFileError[] = [];
  const benchmarks: NationalBenchmark[] = [];
  const unpublished: UnpublishedBenchmark[] = [];
  const seen = new Map<string, number>();
  for (const { values, endLine: line } of rows) {
    if (values.length !== BENCHMARK_COLUMNS.length) {
      errors.push({
        line,
        message: `expected ${BENCHMARK_COLUMNS.length} values (${expected}), found ${values.length}`,
      });
      continue;
    }
    const [
      metricId = '',
      year = '',
      valueText = '',
      status = '',
      phaseText = '',
      publisher = '',
      release = '',
      published = '',
      note = '',
    ] = values.map((value) => value.trim());
    const problems: string[] = [];
    const metric = getMetric(metricId);
    if (!metric)
      problems.push(`unknown metric "${metricId}"; see the metric catalogue in docs/plan-format.md`);
    else if (!metric.national) {
      problems.push(
        `${metricId} has no national figure in the catalogue; benchmarks are held for ${BENCHMARK_METRIC_IDS.join(', ')}`,
      );
    }
    if (parseAcademicYear(year) === undefined)
      problems.push(`"${year}" is not an academic year; write it like 2017-18`);
    const revision = STATUSES.find((candidate) => candidate === status);
    if (revision === undefined) problems.push(`status "${status}" must be one of ${STATUSES.join(', ')}`);
    const phase = BENCHMARK_PHASES.find((candidate) => candidate === phaseText);
    if (phase === undefined)
      problems.push(`phase "${phaseText}" must be one of ${BENCHMARK_PHASES.join(', ')}`);
    if (publisher === '') problems.push('publisher is empty; name who published the figure, e.g. DfE');
    const publishedDay = publicationDay(published);
    if (published !== '' && publishedDay === undefined) {
      problems.push(
        `published "${published}" is not a date; write it as YYYY-MM-DD, or YYYY-MM where only the month is known, or leave it empty`,
      );
    }
    let value: number | undefined;
    if (revision === 'notPublished') {
      if (valueText !== '')
        problems.push('a notPublished row has no value; leave value empty and say why in note');
      if (note === '') problems.push('a notPublished row needs a note saying why no figure exists');
    } else if (revision !== undefined) {
      value = NUMBER.test(valueText) ? Number(valueText) : undefined;
      if (value === undefined) problems.push(`value "${valueText}" is not a number`);
      else if (
        metric &&
        ((metric.min !== undefined && value < metric.min) || (metric.max !== undefined && value > metric.max))
      ) {
        problems.push(
          `value ${value} is outside ${metric.label}'s range ${metric.min ?? '-∞'} to ${metric.max ?? '∞'}`,
        );
      }
      if (release === '') problems.push('release is empty; name the publication the figure is from');
    }
    const duplicateKey = `${metricId}|${year}|${revision === 'notPublished' ? 'notPublished' : status}`;
    const earlier = seen.get(duplicateKey);
    if (earlier !== undefined) problems.push(`repeats line ${earlier}: the same metric, year and status`);
    else seen.set(duplicateKey, line);
    for (const message of problems) errors.push({ line, message });
    if (problems.length > 0 || !metric || revision === undefined || phase === undefined) continue;
    if (revision === 'notPublished') {
      unpublished.push({ metricId, academicYear: year, reason: note });
      continue;
    }
    const publishedOn = publishedDay ?? defaultPublicationDate(metricId, year);
    if (value === undefined || publishedOn === undefined) continue;
    const settled: BenchmarkRevision = revision;
    benchmarks.push({
      metricId,
      phase,
      academicYear: year,
      value,
      provisional: settled === 'provisional',
      revision: settled,
      source: `${publisher}, ${release}`,
      publisher,
      release,
      publishedOn,
      // A month alone is shown as its month, like a date from the metric's rule.
      publishedOnGiven: published !== '' && publishedDay === published,
    });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, table: { benchmarks, unpublished } };
}

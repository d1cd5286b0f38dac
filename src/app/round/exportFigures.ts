/**
 * Export: a term's stored figures (submitted on the card and imported) as CSV for a spreadsheet,
 * `academy,term,metric,value,status,by,at,channel` (channel: `card`, `chat` or `import`, how the figure
 * last reached storage, as its audit record says). The first four columns are the data-file format, so the
 * value rows of an export can be imported again.
 */
import { csvLine } from '../../domain/csv/safeCsvCell';
import type { MetricValue } from '../../domain/metrics/parseMetricValue';
import type { AcademyTermRecord, StoredFigure } from '../../domain/round/round';
import { compareTerms as compareTermRefs, parseTermKey } from '../../domain/terms/termCalendar';
import { answerOfFigure, storedKnownOn } from './storedObservations';

export const EXPORT_COLUMNS = [
  'academy',
  'term',
  'metric',
  'value',
  'status',
  'by',
  'at',
  'channel',
] as const;

/**
 * How a figure came to be: `submitted` on the card, `imported` from a file, or `notAvailable` (the head
 * said it cannot be given yet; the value column then holds the reason).
 */
export type ExportStatus = 'submitted' | 'imported' | 'corrected' | 'notAvailable';

/** A value as the data-file format writes it: numbers as digits, yes/no for booleans, options by value. */
export function formatExportValue(value: MetricValue): string {
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}

function row(figure: StoredFigure): string[] {
  const notAvailable = 'notAvailable' in figure.content;
  const status: ExportStatus = notAvailable
    ? 'notAvailable'
    : figure.channel === 'import'
      ? 'imported'
      : figure.channel === 'correction'
        ? 'corrected'
        : 'submitted';
  const value =
    'value' in figure.content ? formatExportValue(figure.content.value) : figure.content.notAvailable;
  return [figure.urn, figure.term, figure.metricId, value, status, figure.by, figure.at, figure.channel];
}

/** The figures of the records as CSV text, sorted by academy then metric; the header alone when there are none. */
export function figuresCsv(records: readonly AcademyTermRecord[]): string {
  const figures = records.flatMap((record) => [...record.figures.values()]);
  figures.sort((a, b) => compareText(a.urn, b.urn) || compareText(a.metricId, b.metricId));
  return [EXPORT_COLUMNS, ...figures.map(row)].map((cells) => `${csvLine(cells)}\n`).join('');
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The data file's columns (docs/plan-format.md, "Data files"), with the day each figure became known. */
export const DATA_FILE_COLUMNS = [
  'academy',
  'term',
  'metric',
  'value',
  'knownOn',
  'notAvailable',
  'by',
] as const;

/**
 * The stored figures as a data file `evaluate` reads, with `knownOn` set as the bot's own evaluation
 * reads it (storedKnownOn) and each "not available" answer as its reason, who gave it (their roster name)
 * and the day, so `evaluate` on the file judges the figures as the bot does. Sorted by term, academy
 * and metric.
 */
export function dataFileCsv(
  records: readonly AcademyTermRecord[],
  timeZone: string,
  nameOf: (email: string) => string | undefined,
): string {
  const figures = records.flatMap((record) => [...record.figures.values()]);
  figures.sort(
    (a, b) =>
      compareTerms(a.term, b.term) || compareText(a.urn, b.urn) || compareText(a.metricId, b.metricId),
  );
  const rows = figures.map((figure) => {
    const where = [figure.urn, figure.term, figure.metricId];
    if ('value' in figure.content)
      return [
        ...where,
        formatExportValue(figure.content.value),
        storedKnownOn(figure, timeZone) ?? '',
        '',
        '',
      ];
    const answer = answerOfFigure(figure, timeZone, nameOf);
    return [...where, '', answer?.on ?? '', figure.content.notAvailable, answer?.by ?? ''];
  });
  return [DATA_FILE_COLUMNS, ...rows].map((cells) => `${csvLine(cells)}\n`).join('');
}

/** Term keys in term order (a key that does not parse sorts as text, after the rest). */
function compareTerms(a: string, b: string): number {
  const refA = parseTermKey(a);
  const refB = parseTermKey(b);
  return refA && refB ? compareTermRefs(refA, refB) : compareText(a, b);
}

/**
 * Reads a data file of figures — CSV rows `academy,term,metric,value`, with an optional fifth column
 * `knownOn`, and optionally two more, `notAvailable,by`, for a figure answered "not available" (its value
 * empty; the reason, and who gave it; `knownOn` the day) as `export --format data` writes them
 * (docs/plan-format.md, "Data files")
 * — and checks each row against the roster, the metric catalogue and the term calendar. Every bad row is
 * reported, each naming its line, so a whole file is fixed in one go; no figure is used from a file with errors.
 */
import { describeCsvError, readCsvRecords } from '../../domain/csv/readCsvRecords';
import { formatDateLabel, formatTermLabel } from '../../domain/evaluation/formatForTrustees';
import {
  type NotAvailableAnswer,
  type Observation,
  TRUST_SUBJECT,
} from '../../domain/evaluation/observation';
import type { Metric } from '../../domain/metrics/metric';
import { getMetric, metricAppliesToPhase } from '../../domain/metrics/metricCatalogue';
import { parseMetricValue } from '../../domain/metrics/parseMetricValue';
import type { Academy, Roster } from '../../domain/roster/roster';
import type { TermRef } from '../../domain/terms/term';
import {
  compareTerms,
  formatAcademicYear,
  formatTermKey,
  isIsoDate,
  readTermKey,
  type TermCalendar,
} from '../../domain/terms/termCalendar';
import { readTextFile } from './readTextFile';

export const OBSERVATION_COLUMNS = ['academy', 'term', 'metric', 'value'] as const;
/** The optional column: the day the figure became known, when not by its metric's rule. */
export const KNOWN_ON_COLUMN = 'knownOn';
/** The optional last two columns: a "not available" answer's reason and who gave it. */
export const NOT_AVAILABLE_COLUMNS = ['notAvailable', 'by'] as const;

export interface ObservationRowError {
  /** 1-based line in the file; undefined for a problem with the whole file. */
  line?: number;
  message: string;
}

export type ObservationsResult =
  | { ok: true; observations: Observation[]; notAvailable: NotAvailableAnswer[] }
  | { ok: false; errors: ObservationRowError[] };

export interface ObservationsContext {
  roster: Roster;
  calendar: TermCalendar;
  /** The plan's last term, when the plan is known: a figure for a later term would be silently unused. */
  lastTerm?: TermRef;
}

/** A record's first line: csv-parse reports the line it ends on, which is later for quoted line breaks. */
function startLine(record: readonly string[], endLine: number): number {
  return endLine - record.reduce((breaks, value) => breaks + (value.match(/\n/g)?.length ?? 0), 0);
}

/** Whether the term overlaps the dates the metric existed in (an Ofsted framework, say). */
function outsideValidity(metric: Metric, term: TermRef, calendar: TermCalendar): string | undefined {
  const dates = calendar.termDates(term);
  if (metric.validFrom !== undefined && dates.end < metric.validFrom) {
    return `${metric.id} exists from ${formatDateLabel(metric.validFrom)}; ${formatTermLabel(term)} is before that`;
  }
  if (metric.validTo !== undefined && dates.start > metric.validTo) {
    return `${metric.id} exists up to ${formatDateLabel(metric.validTo)}; ${formatTermLabel(term)} is after that`;
  }
  return undefined;
}

function knownUrns(roster: Roster): string {
  const urns = roster.academies.map((academy) => academy.urn);
  const shown = urns.slice(0, 8).join(', ');
  return urns.length > 8 ? `${shown}, …` : shown;
}

/** Checks one row; returns the observation or the row's problems. */
function readRow(
  values: readonly string[],
  context: ObservationsContext,
  academies: ReadonlyMap<string, Academy>,
): { observation?: Observation; answer?: NotAvailableAnswer; problems: string[] } {
  const [
    academyText = '',
    termText = '',
    metricText = '',
    valueText = '',
    knownText = '',
    reasonText = '',
    byText = '',
  ] = values.map((value) => value.trim());
  const problems: string[] = [];
  const academy = academies.get(academyText);
  if (academyText !== TRUST_SUBJECT && !academy) {
    problems.push(
      academyText === ''
        ? `academy is empty; give the academy's URN, or ${TRUST_SUBJECT} for a trust-wide figure`
        : `unknown academy "${academyText}"; use a URN from the roster (${knownUrns(context.roster)}) or ${TRUST_SUBJECT}`,
    );
  }
  const termRead = readTermKey(termText);
  const term = termRead.ok ? termRead.value : undefined;
  if (!termRead.ok) problems.push(termRead.message);
  if (term && context.lastTerm && compareTerms(term, context.lastTerm) > 0) {
    problems.push(
      `${formatTermLabel(term)} is after ${formatTermLabel(context.lastTerm)}, the plan's last term: ` +
        'no target reads figures for it; check the term, or extend the plan',
    );
  }
  const metric = getMetric(metricText);
  if (!metric) {
    problems.push(`unknown metric "${metricText}"; see the metric catalogue in docs/plan-format.md`);
  } else if (metric.source === 'derived') {
    problems.push(`${metric.id} is worked out by the evaluator, not supplied; remove this row`);
  }
  if (metric && metric.source !== 'derived' && reasonText !== '') {
    // A "not available" answer: a reason instead of a value, known from the day it was given.
    if (valueText !== '')
      problems.push(
        `a figure answered "not available" has no value; leave value empty or notAvailable empty`,
      );
    if (knownText !== '' && !isIsoDate(knownText))
      problems.push(`knownOn "${knownText}" is not a date; write it as YYYY-MM-DD, or leave it empty`);
    if (problems.length === 0 && term) {
      return {
        answer: {
          subject: academyText,
          term,
          metricId: metric.id,
          reason: reasonText,
          ...(byText === '' ? {} : { by: byText }),
          ...(knownText === '' ? {} : { on: knownText }),
        },
        problems,
      };
    }
    return { problems };
  }
  if (metric && metric.source !== 'derived') {
    const parsed = parseMetricValue(metric, valueText);
    if (!parsed.ok) problems.push(`${metric.id} "${valueText}": ${parsed.message}`);
    if (academy && !metricAppliesToPhase(metric, academy.phase)) {
      problems.push(
        `${metric.label} is not reported by ${academy.phase} academies (${academy.urn} is ${academy.phase})`,
      );
    }
    if (term) {
      const invalid = outsideValidity(metric, term, context.calendar);
      if (invalid) problems.push(invalid);
    }
    if (term && academy && compareTerms(term, context.calendar.termContaining(academy.openedOn)) < 0) {
      problems.push(
        `${academy.name} opened on ${formatDateLabel(academy.openedOn)}; ${formatTermLabel(term)} is before its first term`,
      );
    }
    if (parsed.ok && metric.type === 'date' && term && typeof parsed.value === 'string') {
      const dates = context.calendar.termDates(term);
      if (parsed.value < dates.start || parsed.value > dates.end) {
        problems.push(
          `${metric.id} ${parsed.value} is not in ${formatTermLabel(term)} (${dates.start} to ${dates.end}); put the row in the term of that day`,
        );
      }
    }
    if (knownText !== '' && !isIsoDate(knownText)) {
      problems.push(`knownOn "${knownText}" is not a date; write it as YYYY-MM-DD, or leave it empty`);
    } else if (knownText !== '' && term && knownText < context.calendar.termDates(term).start) {
      problems.push(
        `knownOn ${knownText} is before ${formatTermLabel(term)} began; a figure cannot be known before its term`,
      );
    }
    if (problems.length === 0 && parsed.ok && term) {
      return {
        observation: {
          subject: academyText,
          term,
          metricId: metric.id,
          value: parsed.value,
          ...(knownText === '' ? {} : { knownOn: knownText }),
        },
        problems,
      };
    }
  }
  return { problems };
}

/**
 * Reads and checks the text of a data file. The header must be `academy,term,metric,value`; `academy`
 * is a roster URN or `trust`. Annual results may appear once per academic year, any other figure once per term.
 */
export function parseObservationsCsv(text: string, context: ObservationsContext): ObservationsResult {
  const parsed = readCsvRecords(text);
  if (!parsed.ok) {
    const { line, error } = parsed;
    const message = `is not valid CSV: ${describeCsvError(error)}`;
    return { ok: false, errors: [{ ...(line === undefined ? {} : { line }), message }] };
  }
  const rows = parsed.records.map(({ values, endLine }) => ({ values, line: startLine(values, endLine) }));

  const header = rows[0];
  const expectedHeader = OBSERVATION_COLUMNS.join(',');
  const withKnownOn = `${expectedHeader},${KNOWN_ON_COLUMN}`;
  const withAnswers = `${withKnownOn},${NOT_AVAILABLE_COLUMNS.join(',')}`;
  const headerText = header?.values.map((value) => value.trim()).join(',');
  if (
    !header ||
    (headerText !== expectedHeader && headerText !== withKnownOn && headerText !== withAnswers)
  ) {
    return {
      ok: false,
      errors: [
        {
          line: header?.line ?? 1,
          message: `the first line must be the header ${expectedHeader} (or ${withKnownOn}, or ${withAnswers})`,
        },
      ],
    };
  }
  const columns = headerText?.split(',').length ?? OBSERVATION_COLUMNS.length;

  const academies = new Map(context.roster.academies.map((academy) => [academy.urn, academy]));
  const errors: ObservationRowError[] = [];
  const observations: Observation[] = [];
  const notAvailable: NotAvailableAnswer[] = [];
  const firstLine = new Map<string, number>();
  for (const { values, line } of rows.slice(1)) {
    if (values.length !== columns) {
      errors.push({ line, message: `expected ${columns} values (${headerText}), found ${values.length}` });
      continue;
    }
    const { observation: read, answer, problems } = readRow(values, context, academies);
    for (const message of problems) errors.push({ line, message });
    const figure = read ?? answer;
    if (!figure) continue;
    const metric = getMetric(figure.metricId);
    // Annual results belong to a year, not a term: a second one in the same year is a duplicate too.
    const when =
      metric?.frequency === 'annual' ? formatAcademicYear(figure.term.startYear) : formatTermKey(figure.term);
    const key = `${figure.subject}|${figure.metricId}|${when}`;
    const earlier = firstLine.get(key);
    if (earlier !== undefined) {
      const span =
        metric?.frequency === 'annual'
          ? `academic year ${when} (annual results have one value a year)`
          : 'term';
      errors.push({ line, message: `repeats line ${earlier}: the same academy, metric and ${span}` });
      continue;
    }
    firstLine.set(key, line);
    if (answer) notAvailable.push(answer);
    else if (read) observations.push(read);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, observations, notAvailable };
}

/**
 * Reads and checks a data file.
 * @throws Error only for an I/O failure the user could not have caused; a missing, unreadable or
 *   non-UTF-8 file is reported as an error value.
 */
export async function readObservationsCsv(
  path: string,
  context: ObservationsContext,
): Promise<ObservationsResult> {
  const file = await readTextFile(path, 'the data file');
  if (!file.ok)
    return {
      ok: false,
      errors: [{ ...(file.line !== undefined && { line: file.line }), message: file.reason }],
    };
  return parseObservationsCsv(file.text, context);
}

/** One problem of a data file as a line to print or log: `FILE line N: message`. */
export function formatObservationError(path: string, error: ObservationRowError): string {
  return `${path}${error.line === undefined ? '' : ` line ${error.line}`}: ${error.message}`;
}

/**
 * Reads and checks a data file, with its problems as printable lines (see formatObservationError): the
 * shape the history import takes (src/app/round/importFigures.ts).
 * @throws Error when the file exists but cannot be read.
 */
export async function readObservationsFile(
  path: string,
  context: ObservationsContext,
): Promise<
  | { ok: true; observations: Observation[]; notAvailable: NotAvailableAnswer[] }
  | { ok: false; errors: string[] }
> {
  const result = await readObservationsCsv(path, context);
  if (result.ok) return result;
  return { ok: false, errors: result.errors.map((error) => formatObservationError(path, error)) };
}

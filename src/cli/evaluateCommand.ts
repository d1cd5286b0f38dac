/**
 * `evaluate`: judges a plan against a roster and a data file as of a date, without Teams or storage,
 * and prints the result as a table (people) or JSON (programs; docs/evaluation-json.md).
 */
import { LineCounter, parseDocument } from 'yaml';

import { formatBenchmarkLoadError, loadNationalBenchmarks } from '../adapters/files/loadNationalBenchmarks';
import { formatObservationError, readObservationsCsv } from '../adapters/files/readObservationsCsv';
import { formatPlanError, readPlanFile } from '../adapters/files/readPlanFile';
import { readRosterDir } from '../adapters/files/readRosterDir';
import { readTextFile } from '../adapters/files/readTextFile';
import { evaluatePlan } from '../domain/evaluation/evaluatePlan';
import type { Evaluation } from '../domain/evaluation/evaluation';
import {
  createTermCalendar,
  DEFAULT_TERM_CALENDAR,
  readIsoDate,
  readTermKey,
  type TermCalendar,
  type TermCalendarOverrides,
} from '../domain/terms/termCalendar';
import { type CliIo, EXIT_INVALID_INPUT, EXIT_OK, UsageError, writeProblems } from './cliIo';
import { formatEvaluationTable } from './formatEvaluationTable';
import { parseOptions } from './parseOptions';

/** The version of the JSON output; raised only for a change that breaks readers (docs/evaluation-json.md). */
export const EVALUATION_JSON_SCHEMA_VERSION = 1;

const OPTIONS = ['plan', 'roster', 'data', 'as-of', 'format', 'terms', 'closed-through', 'benchmarks'];
const REQUIRED = ['plan', 'roster', 'data', 'as-of'];

/** The evaluation as the stable JSON document. */
export function evaluationJson(evaluation: Evaluation): string {
  return `${JSON.stringify({ schemaVersion: EVALUATION_JSON_SCHEMA_VERSION, ...evaluation }, null, 2)}\n`;
}

/** yaml's alias limit for the term-dates file, set on purpose (see parsePlan's MAX_ALIAS_COUNT). */
const MAX_ALIAS_COUNT = 100;

/** The term calendar: the defaults, or the defaults changed by a YAML file; undefined (problems printed) when the file is bad. */
export async function readCalendar(path: string | undefined, io: CliIo): Promise<TermCalendar | undefined> {
  if (path === undefined) return DEFAULT_TERM_CALENDAR;
  const file = await readTextFile(path, 'the term dates file');
  if (!file.ok) {
    io.err(`${file.message}\n`);
    return undefined;
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(file.text, { lineCounter, prettyErrors: false });
  const [yamlError] = doc.errors;
  if (yamlError) {
    const { line, col } = lineCounter.linePos(yamlError.pos[0]);
    io.err(`${path}:${line}:${col} not valid YAML: ${yamlError.message.split('\n')[0] ?? ''}\n`);
    return undefined;
  }
  let overrides: unknown;
  try {
    overrides = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    io.err(
      `${path}: uses YAML aliases more than ${MAX_ALIAS_COUNT} times over; write the dates out (${String(error)})\n`,
    );
    return undefined;
  }
  const result = createTermCalendar((overrides ?? {}) as TermCalendarOverrides);
  if (result.ok) return result.calendar;
  for (const error of result.errors) io.err(`${path} ${error.path}: ${error.message}\n`);
  return undefined;
}

/** Runs `evaluate`; resolves to the exit code. */
export async function evaluateCommand(args: readonly string[], io: CliIo): Promise<number> {
  const options = parseOptions(args, OPTIONS, REQUIRED);
  const get = (name: string): string => options.get(name) ?? '';
  const asOfRead = readIsoDate(get('as-of'));
  if (!asOfRead.ok) throw new UsageError(`--as-of: ${asOfRead.message}`);
  const asOf = asOfRead.value;
  const format = options.get('format') ?? 'table';
  if (format !== 'table' && format !== 'json')
    throw new UsageError(`--format must be table or json, not "${format}"`);
  const closedText = options.get('closed-through');
  const closedRead = closedText === undefined ? undefined : readTermKey(closedText);
  if (closedRead && !closedRead.ok) throw new UsageError(`--closed-through: ${closedRead.message}`);
  const closedThrough = closedRead?.ok ? closedRead.value : undefined;

  // Read everything before stopping, so one run shows the problems in every input.
  const [planResult, rosterResult, calendar, benchmarkResult] = await Promise.all([
    readPlanFile(get('plan')),
    readRosterDir(get('roster')),
    readCalendar(options.get('terms'), io),
    loadNationalBenchmarks(options.get('benchmarks')),
  ]);
  let valid = calendar !== undefined;
  if (!benchmarkResult.ok) {
    valid = false;
    writeProblems(io, benchmarkResult.errors.map(formatBenchmarkLoadError));
  }
  if (!planResult.ok) {
    valid = false;
    if ('problem' in planResult) io.err(`${planResult.problem}\n`);
    else
      writeProblems(
        io,
        planResult.errors.map((error) => formatPlanError(get('plan'), error)),
      );
  }
  if (!rosterResult.ok) {
    valid = false;
    writeProblems(
      io,
      rosterResult.errors.map((error) => {
        const where = [
          error.line === undefined ? '' : ` line ${error.line}`,
          error.field ? `, ${error.field}` : '',
        ].join('');
        return `${error.file ? `${get('roster')}/${error.file}` : get('roster')}${where}: ${error.message}`;
      }),
    );
  }
  if (!rosterResult.ok || calendar === undefined) {
    io.err(
      `${get('data')} was not checked: it is checked against the roster and term dates, which have problems\n`,
    );
    return EXIT_INVALID_INPUT;
  }
  const dataResult = await readObservationsCsv(get('data'), {
    roster: rosterResult.roster,
    calendar,
    ...(planResult.ok && { lastTerm: { startYear: planResult.plan.period.to, term: 'summer' as const } }),
  });
  if (!dataResult.ok) {
    valid = false;
    writeProblems(
      io,
      dataResult.errors.map((error) => formatObservationError(get('data'), error)),
    );
  }
  if (!valid || !planResult.ok || !dataResult.ok || !benchmarkResult.ok) return EXIT_INVALID_INPUT;

  const evaluation = evaluatePlan({
    plan: planResult.plan,
    roster: rosterResult.roster,
    observations: dataResult.observations,
    notAvailable: dataResult.notAvailable,
    calendar,
    benchmarks: benchmarkResult.benchmarks,
    asOf,
    ...(closedThrough ? { closedThrough } : {}),
  });
  io.out(format === 'json' ? evaluationJson(evaluation) : formatEvaluationTable(evaluation));
  return EXIT_OK;
}

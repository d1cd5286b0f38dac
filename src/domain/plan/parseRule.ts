/**
 * Reads a target's `rule:` block. Each kind has its own fields; values are checked against the
 * target's metric (a grade threshold must name one of the metric's grades, a number must be in range).
 */
import type { Metric } from '../metrics/metric';
import { METRIC_CATALOGUE, REPORT_CARD_OPTIONS } from '../metrics/metricCatalogue';
import type {
  BenchmarkComparison,
  BenchmarkRule,
  Deadline,
  InspectionDue,
  InspectionRule,
  InspectionStandard,
  Rule,
  RuleKind,
  ThresholdOperator,
  ThresholdRule,
  TrendRule,
  TrustCountRule,
} from './plan';
import { describeValue, isRecord, type PlanReader, type YamlRecord } from './planReader';
import type { YamlPath } from './yamlLocator';

export const RULE_KINDS: readonly RuleKind[] = [
  'threshold',
  'benchmark',
  'inspection',
  'trend',
  'trustCount',
];
const THRESHOLD_OPERATORS: readonly ThresholdOperator[] = ['atLeast', 'atMost', 'equals'];
const BENCHMARK_COMPARISONS: readonly BenchmarkComparison[] = ['above', 'atLeast', 'below', 'atMost'];
const STANDARDS: readonly InspectionStandard[] = ['good', 'outstanding'];
const REPORT_CARD_VALUES = REPORT_CARD_OPTIONS.map((option) => option.value);

/** The derived metric inspection rules judge, and the one trust counts count. */
export const INSPECTION_OUTCOME_METRIC = 'ofstedOutcome';
export const ACADEMIES_JOINED_METRIC = 'academiesJoined';

/** Metric ids a national figure is published for (the catalogue's `national`), so a benchmark rule can name them. */
export const BENCHMARK_IDS: ReadonlySet<string> = new Set(
  METRIC_CATALOGUE.filter((metric) => metric.national !== undefined).map((metric) => metric.id),
);

/** What the rule needs to know about its target. */
export interface RuleContext {
  /** Undefined when the target's metric is unknown (already reported); value checks are then skipped. */
  metric: Metric | undefined;
  /** The target applies to the trust as a whole, so there is no opening date to count from. */
  trustLevel: boolean;
  /** The target's id, to name it in a problem; undefined when the id itself is missing. */
  targetId?: string;
}

function isNumeric(metric: Metric): boolean {
  return metric.type === 'number' || metric.type === 'percent' || metric.type === 'count';
}

/** A metric's allowed range in words, with its unit: "0 to 100 %", "-5 to 5 points". */
function rangeWords(metric: Metric): string {
  const unit = metric.unit === '' ? '' : metric.unit === '%' ? ' %' : ` ${metric.unit}`;
  return `${metric.min ?? '-∞'} to ${metric.max ?? '∞'}${unit}`;
}

/** A threshold's level, in the form the metric's values take. */
function readLevel(
  reader: PlanReader,
  raw: unknown,
  path: YamlPath,
  metric: Metric,
  targetId: string | undefined,
): number | string | boolean | undefined {
  switch (metric.type) {
    case 'number':
    case 'percent':
    case 'count': {
      const whole = metric.type === 'count';
      const isNumber = typeof raw === 'number' && Number.isFinite(raw);
      const inRange =
        isNumber &&
        (metric.min === undefined || raw >= metric.min) &&
        (metric.max === undefined || raw <= metric.max);
      if (inRange && (!whole || Number.isInteger(raw))) return raw;
      const target = targetId === undefined ? 'the target' : `target "${targetId}"`;
      const noun = whole ? 'a whole number' : 'a number';
      reader.report(
        path,
        isNumber
          ? `${target} aims at ${raw}, outside what ${metric.label} can be: ${noun} from ${rangeWords(metric)}; check the target`
          : `expected ${noun} from ${rangeWords(metric)} (${metric.label}) for ${target}, found ${describeValue(raw)}`,
      );
      return undefined;
    }
    case 'grade':
    case 'enum': {
      const values = (metric.options ?? []).map((option) => option.value);
      return reader.oneOf(raw, path, values);
    }
    case 'date':
      reader.report(path, `${metric.label} is a date, so it cannot be a level to reach`);
      return undefined;
    case 'yesNo':
      if (typeof raw === 'boolean') return raw;
      reader.report(
        path,
        `expected yes or no as true or false (${metric.label}), found ${describeValue(raw)}`,
      );
      return undefined;
  }
}

/**
 * The furthest a deadline counted from opening may lie: thirty years (ninety terms). A trust's plan runs
 * a few years; a larger number is a typo, and would put the deadline past the years dates are read in.
 */
export const MAX_YEARS_AFTER_OPENING = 30;

function readDeadline(
  reader: PlanReader,
  raw: unknown,
  path: YamlPath,
  context: RuleContext,
): Deadline | undefined {
  if (!isRecord(raw)) {
    const at = reader.moment(raw, path);
    return at ? { kind: 'fixed', at } : undefined;
  }
  const fields = ['termOfOpening', 'yearsAfterOpening', 'yearsAfterJoining'];
  reader.checkFields(raw, path, fields);
  const keys = Object.keys(raw).filter((key) => fields.includes(key));
  if (keys.length !== 1) {
    reader.report(
      path,
      'expected exactly one of termOfOpening (e.g. 6), yearsAfterOpening (e.g. 3) or yearsAfterJoining (e.g. 2)',
    );
    return undefined;
  }
  if (context.trustLevel) {
    const from = raw.yearsAfterJoining === undefined ? 'opening' : 'joining';
    reader.report(
      path,
      `a deadline counted from ${from} needs an academy; the trust as a whole has no ${from === 'opening' ? 'opening' : 'join'} date`,
    );
    return undefined;
  }
  if (raw.yearsAfterJoining !== undefined) {
    const years = reader.wholeNumber(
      raw.yearsAfterJoining,
      [...path, 'yearsAfterJoining'],
      1,
      MAX_YEARS_AFTER_OPENING,
    );
    return years === undefined ? undefined : { kind: 'yearsAfterJoining', years };
  }
  if (raw.termOfOpening !== undefined) {
    const term = reader.wholeNumber(
      raw.termOfOpening,
      [...path, 'termOfOpening'],
      1,
      MAX_YEARS_AFTER_OPENING * 3,
    );
    return term === undefined ? undefined : { kind: 'termOfOpening', term };
  }
  const years = reader.wholeNumber(
    raw.yearsAfterOpening,
    [...path, 'yearsAfterOpening'],
    1,
    MAX_YEARS_AFTER_OPENING,
  );
  return years === undefined ? undefined : { kind: 'yearsAfterOpening', years };
}

function parseThreshold(
  reader: PlanReader,
  map: YamlRecord,
  path: YamlPath,
  context: RuleContext,
): ThresholdRule | undefined {
  reader.checkFields(map, path, ['kind', ...THRESHOLD_OPERATORS, 'by']);
  const operators = THRESHOLD_OPERATORS.filter((operator) => map[operator] !== undefined);
  const operator = operators[0];
  if (operator === undefined || operators.length > 1) {
    reader.report(path, 'a threshold needs exactly one of atLeast, atMost or equals, e.g. atLeast: 40');
    return undefined;
  }
  const { metric } = context;
  if (metric === undefined) return undefined;
  const value = readLevel(reader, map[operator], [...path, operator], metric, context.targetId);
  const by = map.by === undefined ? undefined : readDeadline(reader, map.by, [...path, 'by'], context);
  if (value === undefined || (map.by !== undefined && by === undefined)) return undefined;
  return by ? { kind: 'threshold', operator, value, by } : { kind: 'threshold', operator, value };
}

function parseBenchmark(
  reader: PlanReader,
  map: YamlRecord,
  path: YamlPath,
  context: RuleContext,
): BenchmarkRule | undefined {
  reader.checkFields(map, path, ['kind', 'compare', 'benchmark', 'year'], {
    compare: `one of ${BENCHMARK_COMPARISONS.join(', ')}`,
  });
  const comparison =
    map.compare === undefined
      ? undefined
      : reader.oneOf(map.compare, [...path, 'compare'], BENCHMARK_COMPARISONS);
  const year =
    map.year === undefined
      ? 'same'
      : reader.oneOf(map.year, [...path, 'year'], ['same', 'latestPublished'] as const);
  const { metric } = context;
  if (metric === undefined) return undefined;
  const benchmarkId = map.benchmark === undefined ? metric.id : reader.text(map, 'benchmark', path);
  if (benchmarkId !== undefined && !BENCHMARK_IDS.has(benchmarkId)) {
    const where: YamlPath = map.benchmark === undefined ? path : [...path, 'benchmark'];
    reader.report(
      where,
      `no national benchmark is held for "${benchmarkId}"; benchmarks exist for ${[...BENCHMARK_IDS].join(', ')}`,
    );
    return undefined;
  }
  if (!isNumeric(metric)) {
    reader.report(path, `${metric.label} is not a number, so it cannot be compared with a national average`);
    return undefined;
  }
  if (comparison === undefined || benchmarkId === undefined || year === undefined) return undefined;
  return { kind: 'benchmark', comparison, benchmarkId, year };
}

function readInspectionDue(reader: PlanReader, raw: unknown, path: YamlPath): InspectionDue | undefined {
  if (raw === undefined) return { kind: 'everyInspection' };
  const hint =
    'byTermOfOpening: N, byYearsAfterJoining: N, byDate: YYYY-MM-DD or atInspection: N (leave due out to judge every inspection)';
  if (!isRecord(raw)) {
    reader.report(path, `expected ${hint}`);
    return undefined;
  }
  const fields = ['byTermOfOpening', 'byYearsAfterJoining', 'byDate', 'atInspection'];
  reader.checkFields(raw, path, fields);
  const keys = Object.keys(raw).filter((key) => fields.includes(key));
  if (keys.length !== 1) {
    reader.report(path, `expected exactly one of ${hint}`);
    return undefined;
  }
  if (raw.byYearsAfterJoining !== undefined) {
    const years = reader.wholeNumber(
      raw.byYearsAfterJoining,
      [...path, 'byYearsAfterJoining'],
      1,
      MAX_YEARS_AFTER_OPENING,
    );
    return years === undefined
      ? undefined
      : { kind: 'byDeadline', deadline: { kind: 'yearsAfterJoining', years } };
  }
  if (raw.byDate !== undefined) {
    const at = reader.moment(raw.byDate, [...path, 'byDate']);
    if (at === undefined) return undefined;
    if (at.kind !== 'date') {
      reader.report(
        [...path, 'byDate'],
        `expected a calendar day such as 2027-08-31, found ${describeValue(raw.byDate)}; for a term or year use byTermOfOpening or a threshold rule's by`,
      );
      return undefined;
    }
    return { kind: 'byDeadline', deadline: { kind: 'fixed', at } };
  }
  if (raw.byTermOfOpening !== undefined) {
    const term = reader.wholeNumber(
      raw.byTermOfOpening,
      [...path, 'byTermOfOpening'],
      1,
      MAX_YEARS_AFTER_OPENING * 3,
    );
    return term === undefined ? undefined : { kind: 'byTermOfOpening', term };
  }
  const number = reader.wholeNumber(raw.atInspection, [...path, 'atInspection'], 1);
  return number === undefined ? undefined : { kind: 'atInspection', number };
}

function parseInspection(
  reader: PlanReader,
  map: YamlRecord,
  path: YamlPath,
  context: RuleContext,
): InspectionRule | undefined {
  reader.checkFields(map, path, ['kind', 'standard', 'due', 'reportCardFloor'], {
    standard: 'good or outstanding',
  });
  if (context.metric && context.metric.id !== INSPECTION_OUTCOME_METRIC) {
    reader.report(
      path,
      `an inspection rule judges the metric ${INSPECTION_OUTCOME_METRIC}, not ${context.metric.id}`,
    );
  }
  if (context.trustLevel)
    reader.report(path, 'an inspection rule applies to academies, not to the trust as a whole');
  const standard =
    map.standard === undefined ? undefined : reader.oneOf(map.standard, [...path, 'standard'], STANDARDS);
  const due = readInspectionDue(reader, map.due, [...path, 'due']);
  const floor =
    map.reportCardFloor === undefined
      ? standard === 'outstanding'
        ? 'strongStandard'
        : 'expectedStandard'
      : reader.oneOf(map.reportCardFloor, [...path, 'reportCardFloor'], REPORT_CARD_VALUES);
  if (standard === undefined || due === undefined || floor === undefined) return undefined;
  if (context.trustLevel || context.metric?.id !== INSPECTION_OUTCOME_METRIC) return undefined;
  return { kind: 'inspection', standard, due, reportCardFloor: floor };
}

function parseTrend(
  reader: PlanReader,
  map: YamlRecord,
  path: YamlPath,
  context: RuleContext,
): TrendRule | undefined {
  reader.checkFields(map, path, ['kind', 'direction', 'closedAt'], { direction: 'falling or rising' });
  const direction =
    map.direction === undefined
      ? undefined
      : reader.oneOf(map.direction, [...path, 'direction'], ['falling', 'rising'] as const);
  const { metric } = context;
  if (metric === undefined) return undefined;
  if (!isNumeric(metric)) {
    reader.report(path, `${metric.label} is not a number, so it has no trend to judge`);
    return undefined;
  }
  let closedAt: number | undefined;
  if (map.closedAt !== undefined) {
    const level = readLevel(reader, map.closedAt, [...path, 'closedAt'], metric, context.targetId);
    if (typeof level !== 'number') return undefined;
    closedAt = level;
  }
  if (direction === undefined) return undefined;
  return closedAt === undefined ? { kind: 'trend', direction } : { kind: 'trend', direction, closedAt };
}

function parseTrustCount(
  reader: PlanReader,
  map: YamlRecord,
  path: YamlPath,
  context: RuleContext,
): TrustCountRule | undefined {
  reader.checkFields(map, path, ['kind', 'joinedIn', 'joinedBy', 'where', 'atLeast'], {
    atLeast: 'how many academies, e.g. 2',
  });
  if (context.metric && context.metric.id !== ACADEMIES_JOINED_METRIC) {
    reader.report(
      path,
      `a trust count counts the metric ${ACADEMIES_JOINED_METRIC}, not ${context.metric.id}`,
    );
  }
  if (!context.trustLevel)
    reader.report(path, 'a trust count applies to the trust as a whole: write appliesTo: trust');
  const windows = (['joinedIn', 'joinedBy'] as const).filter((key) => map[key] !== undefined);
  const windowKey = windows[0];
  if (windowKey === undefined || windows.length > 1) {
    reader.report(
      path,
      'expected exactly one of joinedIn (during that academic year) or joinedBy (on or before its end)',
    );
  }
  const startYear =
    windowKey === undefined ? undefined : reader.academicYear(map[windowKey], [...path, windowKey]);
  const whereRecord =
    map.where === undefined
      ? {}
      : reader.record(map.where, [...path, 'where'], 'conditions such as phases: primary');
  const where = whereRecord === undefined ? undefined : reader.academyFilter(whereRecord, [...path, 'where']);
  const atLeast =
    map.atLeast === undefined ? undefined : reader.wholeNumber(map.atLeast, [...path, 'atLeast'], 0);
  if (
    windowKey === undefined ||
    windows.length > 1 ||
    startYear === undefined ||
    where === undefined ||
    atLeast === undefined
  ) {
    return undefined;
  }
  if (!context.trustLevel || context.metric?.id !== ACADEMIES_JOINED_METRIC) return undefined;
  return {
    kind: 'trustCount',
    joined: { kind: windowKey === 'joinedIn' ? 'in' : 'by', startYear },
    where,
    atLeast,
  };
}

/**
 * Reads one rule, reporting every problem in it. Returns undefined when the rule is not usable, so the
 * plan as a whole is rejected (a plan never half-loads).
 */
export function parseRule(
  reader: PlanReader,
  raw: unknown,
  path: YamlPath,
  context: RuleContext,
): Rule | undefined {
  const map = reader.record(raw, path, `a rule with kind: one of ${RULE_KINDS.join(', ')}`);
  if (map === undefined) return undefined;
  if (map.kind === undefined) {
    reader.report(path, `missing field "kind": one of ${RULE_KINDS.join(', ')}`);
    return undefined;
  }
  const kind = reader.oneOf(map.kind, [...path, 'kind'], RULE_KINDS);
  const { metric } = context;
  const derivedOnly = metric?.source === 'derived' && kind !== 'inspection' && kind !== 'trustCount';
  if (derivedOnly) {
    const ruleFor = metric.id === INSPECTION_OUTCOME_METRIC ? 'inspection' : 'trustCount';
    reader.report(
      [...path, 'kind'],
      `${metric.id} is worked out by the evaluator; judge it with kind: ${ruleFor}`,
    );
    return undefined;
  }
  switch (kind) {
    case 'threshold':
      return parseThreshold(reader, map, path, context);
    case 'benchmark':
      return parseBenchmark(reader, map, path, context);
    case 'inspection':
      return parseInspection(reader, map, path, context);
    case 'trend':
      return parseTrend(reader, map, path, context);
    case 'trustCount':
      return parseTrustCount(reader, map, path, context);
    case undefined:
      return undefined;
  }
}

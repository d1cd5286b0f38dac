/**
 * Builders for evaluation tests: a plan with one target written as YAML fields, academies with
 * defaults, observations by term key, and a one-call evaluation.
 */
import { stringify } from 'yaml';

import { loadNationalBenchmarksSync } from '../../../src/adapters/files/loadNationalBenchmarks';
import type { BenchmarkSource } from '../../../src/domain/benchmarks/nationalBenchmarks';
import { evaluatePlan } from '../../../src/domain/evaluation/evaluatePlan';
import type { Evaluation, TargetResult } from '../../../src/domain/evaluation/evaluation';
import type { NotAvailableAnswer, Observation } from '../../../src/domain/evaluation/observation';
import type { MetricValue } from '../../../src/domain/metrics/parseMetricValue';
import { parsePlan } from '../../../src/domain/plan/parsePlan';
import type { Plan } from '../../../src/domain/plan/plan';
import type { Academy, Roster } from '../../../src/domain/roster/roster';
import type { TermRef } from '../../../src/domain/terms/term';
import { DEFAULT_TERM_CALENDAR, parseTermKey } from '../../../src/domain/terms/termCalendar';

export const URN = '100001';

/** The shipped national benchmarks (benchmarks/national.csv), as the product loads them. */
export const SHIPPED_BENCHMARKS: BenchmarkSource = (() => {
  const loaded = loadNationalBenchmarksSync();
  if (!loaded.ok) throw new Error(`benchmarks/national.csv does not load: ${JSON.stringify(loaded.errors)}`);
  return loaded.benchmarks;
})();

export function academy(overrides: Partial<Academy> = {}): Academy {
  return {
    urn: URN,
    name: 'Test Academy',
    phase: 'secondary',
    route: 'sponsored',
    town: 'Colchester',
    openedOn: '2016-09-01',
    joinedOn: overrides.openedOn ?? '2016-09-01',
    tags: [],
    ...overrides,
  };
}

export function roster(academies: Academy[]): Roster {
  return { trust: { name: 'Test Trust', boardChannel: 'Board', fictional: true }, academies, people: [] };
}

export function term(key: string): TermRef {
  const ref = parseTermKey(key);
  if (!ref) throw new Error(`not a term key: ${key}`);
  return ref;
}

export function obs(termKey: string, metricId: string, value: MetricValue, subject = URN): Observation {
  return { subject, term: term(termKey), metricId, value };
}

/** Termly observations of one metric from `firstTerm` on, one per value (undefined skips a term). */
export function termly(
  firstTerm: string,
  metricId: string,
  values: (MetricValue | undefined)[],
  subject = URN,
): Observation[] {
  const start = term(firstTerm);
  const names = ['autumn', 'spring', 'summer'] as const;
  const first = start.startYear * 3 + names.indexOf(start.term);
  return values.flatMap((value, index) => {
    if (value === undefined) return [];
    const position = first + index;
    const startYear = Math.floor(position / 3);
    return [{ subject, term: { startYear, term: names[position % 3] ?? 'autumn' }, metricId, value }];
  });
}

/** A valid plan from target definitions written as they would be in YAML. */
export function planWith(...targets: Record<string, unknown>[]): Plan {
  const text = stringify({
    id: 'test-plan',
    title: 'Test plan',
    period: { from: '2016-17', to: '2018-19' },
    objectives: [
      {
        id: 'objective',
        title: 'Objective',
        targets: targets.map((target, index) => ({
          id: `t${index + 1}`,
          title: `Target ${index + 1}`,
          appliesTo: 'all',
          ...target,
        })),
      },
    ],
  });
  const result = parsePlan(text);
  if (!result.ok) throw new Error(`test plan does not load: ${JSON.stringify(result.errors)}`);
  return result.plan;
}

export interface EvaluateOptions {
  academies?: Academy[];
  observations?: Observation[];
  asOf: string;
  closedThrough?: string;
  benchmarks?: BenchmarkSource;
  notAvailable?: NotAvailableAnswer[];
  openUntil?: string;
}

export function evaluate(plan: Plan, options: EvaluateOptions): Evaluation {
  return evaluatePlan({
    plan,
    roster: roster(options.academies ?? [academy()]),
    observations: options.observations ?? [],
    calendar: DEFAULT_TERM_CALENDAR,
    benchmarks: options.benchmarks ?? SHIPPED_BENCHMARKS,
    asOf: options.asOf,
    ...(options.closedThrough ? { closedThrough: term(options.closedThrough) } : {}),
    ...(options.notAvailable ? { notAvailable: options.notAvailable } : {}),
    ...(options.openUntil ? { openUntil: options.openUntil } : {}),
  });
}

/** The result of a one-target plan for the first academy (or the trust). */
export function evaluateTarget(target: Record<string, unknown>, options: EvaluateOptions): TargetResult {
  const [result] = evaluate(planWith(target), options).results;
  if (!result) throw new Error('no result');
  return result;
}

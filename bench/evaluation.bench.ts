/**
 * How evaluation time grows with the size of the trust: a generated trust of 100, 1,000 and 10,000
 * academies (10,000 is every academy in England, for a regional or national view), every head-supplied metric in the catalogue with three years of termly history (and three
 * years of annual results, and inspections), judged against the demo plan. Linear work means the time
 * per academy stays flat and each size takes about 10 times as long as the one before. Goal: 10,000
 * academies in at most 1 s on the team's 2-core machine, and ×10 ± 10 % from 1,000 to 10,000.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

import { loadNationalBenchmarksSync } from '../src/adapters/files/loadNationalBenchmarks';
import { evaluatePlan } from '../src/domain/evaluation/evaluatePlan';
import type { Observation } from '../src/domain/evaluation/observation';
import type { Metric } from '../src/domain/metrics/metric';
import {
  INSPECTION_METRIC_IDS,
  METRIC_CATALOGUE,
  metricAppliesToPhase,
} from '../src/domain/metrics/metricCatalogue';
import type { MetricValue } from '../src/domain/metrics/parseMetricValue';
import { parsePlan } from '../src/domain/plan/parsePlan';
import type { Plan } from '../src/domain/plan/plan';
import type { Academy, Phase, Roster } from '../src/domain/roster/roster';
import type { TermRef } from '../src/domain/terms/term';
import { addTerms, DEFAULT_TERM_CALENDAR } from '../src/domain/terms/termCalendar';
import type { Benchmark } from './benchmark';

const SIZES = [100, 1000, 10000];
const RUNS = 11;
const WARM_UP_ROUNDS = 3;
const AS_OF = '2026-11-22';
const FIRST_TERM: TermRef = { startYear: 2023, term: 'autumn' };
const TERMS = 9;
const PHASES: Phase[] = [
  'primary',
  'primary',
  'primary',
  'primary',
  'primary',
  'secondary',
  'secondary',
  'secondary',
  'special',
  'allThrough',
];

/** A small deterministic generator, so every run measures the same trust. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

function valueFor(metric: Metric, next: () => number): MetricValue {
  if (metric.options) return metric.options[Math.floor(next() * metric.options.length)]?.value ?? '';
  if (metric.type === 'yesNo') return next() > 0.1;
  const min = metric.min ?? 0;
  const max = metric.max ?? 100;
  // Keep to the upper middle of the range, where real figures sit, so statuses vary.
  const value = min + (max - min) * (0.5 + next() * 0.5);
  return metric.type === 'count' ? Math.round(value) : Math.round(value * 10) / 10;
}

function generateTrust(size: number): { roster: Roster; observations: Observation[] } {
  const next = random(size);
  const academies: Academy[] = [];
  const observations: Observation[] = [];
  const termly = METRIC_CATALOGUE.filter(
    (metric) =>
      metric.source === 'head' && metric.frequency === 'termly' && !INSPECTION_METRIC_IDS.has(metric.id),
  );
  const annual = METRIC_CATALOGUE.filter(
    (metric) => metric.source === 'head' && metric.frequency === 'annual',
  );
  for (let index = 0; index < size; index++) {
    const urn = String(800000 + index);
    const phase = PHASES[index % PHASES.length] ?? 'primary';
    const openedOn = `${2012 + (index % 8)}-09-01`;
    academies.push({
      urn,
      name: `Academy ${index}`,
      phase,
      route: 'converter',
      town: 'Town',
      openedOn,
      joinedOn: openedOn,
      tags: [],
    });
    for (let offset = 0; offset < TERMS; offset++) {
      const term = addTerms(FIRST_TERM, offset);
      for (const metric of termly)
        observations.push({ subject: urn, term, metricId: metric.id, value: valueFor(metric, next) });
    }
    for (let year = 2022; year <= 2024; year++) {
      for (const metric of annual) {
        if (metricAppliesToPhase(metric, phase)) {
          observations.push({
            subject: urn,
            term: { startYear: year, term: 'summer' },
            metricId: metric.id,
            value: valueFor(metric, next),
          });
        }
      }
    }
    observations.push({
      subject: urn,
      term: { startYear: 2022, term: 'spring' },
      metricId: 'ofstedOverall',
      value: 'good',
    });
    for (const area of [
      'reportCardInclusion',
      'reportCardAchievement',
      'reportCardLeadershipAndGovernance',
      'reportCardSafeguarding',
    ]) {
      const value =
        area === 'reportCardSafeguarding' ? 'met' : next() > 0.3 ? 'expectedStandard' : 'needsAttention';
      observations.push({ subject: urn, term: { startYear: 2025, term: 'spring' }, metricId: area, value });
    }
  }
  return {
    roster: {
      trust: { name: 'Generated Trust', boardChannel: 'Board', fictional: true },
      academies,
      people: [],
    },
    observations,
  };
}

function loadPlan(file: string): Plan {
  const result = parsePlan(readFileSync(join(__dirname, '..', file), 'utf8'));
  if (!result.ok) throw new Error(`${file} does not load`);
  return result.plan;
}

// A full collection before each timed run, so no run pays for the garbage of the one before it (or of
// generating the trust), which would make the larger trusts look worse than their own work.
setFlagsFromString('--expose_gc');
const collectGarbage = runInNewContext('gc') as () => void;

function median(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** Milliseconds `run` takes, after a full collection so no run pays for the garbage of another. */
function timeMs(run: () => void): number {
  collectGarbage();
  const start = performance.now();
  run();
  return performance.now() - start;
}

const evaluationBenchmark: Benchmark = {
  name: 'Evaluation: demo plan over a generated trust',
  run() {
    const plan = loadPlan('plans/demo-2025-2028.yaml');
    const targets = plan.objectives.reduce((sum, objective) => sum + objective.targets.length, 0);
    const lines: string[] = [
      `${targets} targets, ${TERMS} terms of termly history, median of ${RUNS} interleaved runs after ${WARM_UP_ROUNDS} warm-up rounds`,
    ];
    const loaded = loadNationalBenchmarksSync();
    if (!loaded.ok) throw new Error('benchmarks/national.csv does not load');
    const benchmarks = loaded.benchmarks;
    const trusts = SIZES.map((size) => ({ size, ...generateTrust(size), times: [] as number[], results: 0 }));
    const evaluate = ({ roster, observations }: { roster: Roster; observations: Observation[] }) =>
      evaluatePlan({
        plan,
        roster,
        observations,
        calendar: DEFAULT_TERM_CALENDAR,
        benchmarks,
        asOf: AS_OF,
      });
    // Warm up on every size first, so no size is timed while the code is still being compiled; then
    // time the sizes in turn, round after round, so a busy moment on the machine hits every size alike.
    for (let round = 0; round < WARM_UP_ROUNDS; round++) for (const trust of trusts) evaluate(trust);
    for (let round = 0; round < RUNS; round++) {
      for (const trust of trusts) {
        trust.times.push(
          timeMs(() => {
            trust.results = evaluate(trust).results.length;
          }),
        );
      }
    }
    const totals = new Map<number, number>();
    for (const { size, observations, times, results } of trusts) {
      const ms = median(times);
      totals.set(size, ms);
      lines.push(
        `${String(size).padStart(5)} academies: ${observations.length.toLocaleString('en-GB').padStart(9)} figures, ` +
          `${results.toLocaleString('en-GB').padStart(6)} results, ${ms.toFixed(1).padStart(7)} ms, ` +
          `${((ms * 1000) / size).toFixed(0).padStart(5)} µs per academy`,
      );
    }
    const growth = (from: number, to: number) => (totals.get(to) ?? 0) / (totals.get(from) ?? 1);
    lines.push(`growth 100 → 1,000 academies: ×${growth(100, 1000).toFixed(2)} (linear is ×10)`);
    const ratio = growth(1000, 10000);
    const linear = Math.abs(ratio - 10) <= 1 ? 'within' : 'outside';
    lines.push(`growth 1,000 → 10,000 academies: ×${ratio.toFixed(2)} (linear is ×10; ${linear} ±10 %)`);
    const tenThousand = totals.get(10000) ?? 0;
    lines.push(
      `10,000 academies in ${tenThousand.toFixed(0)} ms (goal ≤ 1,000 ms: ${tenThousand <= 1000 ? 'met' : 'not met'})`,
    );
    return lines;
  },
};

export default evaluationBenchmark;

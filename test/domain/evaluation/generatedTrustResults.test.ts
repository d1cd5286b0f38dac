/**
 * Pins the whole evaluation of a generated trust (the benchmark's, at 60 academies) to the hash of its
 * JSON as the evaluator produced it before it was made faster (issue 11's speed goal): caching,
 * sharing and skipped sorting must not change a single status, reason or piece of evidence. The plans
 * and as-of dates cover every rule kind, before and after results are published.
 *
 * If a deliberate change to the evaluator's output changes a hash, check the new output by other tests
 * first, then update the hash here.
 * The generated trust has a figure for every head-supplied metric, so a metric added to the catalogue
 * changes the data and the demo plan's hashes (checked: with the KS4 disadvantaged metrics left out of
 * the data, the hashes were those of before).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { generateTrust } from '../../../bench/generateTrust';
import { loadNationalBenchmarksSync } from '../../../src/adapters/files/loadNationalBenchmarks';
import { evaluatePlan } from '../../../src/domain/evaluation/evaluatePlan';
import { parsePlan } from '../../../src/domain/plan/parsePlan';
import { DEFAULT_TERM_CALENDAR } from '../../../src/domain/terms/termCalendar';

function hashOf(planFile: string, asOf: string): { results: number; hash: string } {
  const parsed = parsePlan(readFileSync(join(__dirname, '../../..', planFile), 'utf8'));
  if (!parsed.ok) throw new Error(`${planFile} does not load`);
  const loaded = loadNationalBenchmarksSync();
  if (!loaded.ok) throw new Error('benchmarks/national.csv does not load');
  const { roster, observations } = generateTrust(60);
  const evaluation = evaluatePlan({
    plan: parsed.plan,
    roster,
    observations,
    calendar: DEFAULT_TERM_CALENDAR,
    benchmarks: loaded.benchmarks,
    asOf,
  });
  // Whose figure each result is (`owner`) was added since, on purpose (figureOwner.test.ts): left out
  // here, the hash still shows that nothing else changed.
  const json = JSON.stringify(evaluation, (key, value: unknown) => (key === 'owner' ? undefined : value));
  const hash = createHash('sha256').update(json).digest('hex');
  return { results: evaluation.results.length, hash };
}

describe('evaluating a generated trust gives exactly the results it gave before the speed work', () => {
  it.each([
    [
      'plans/demo-2025-2028.yaml',
      '2026-11-22',
      1862,
      '50f11d254783aa3bb02438310a31d01f468c9914197d5ae6f209855d16dd7db5',
    ],
    [
      'plans/demo-2025-2028.yaml',
      '2025-07-31',
      1862,
      '7a3260c5e18a5b16d56b7a3c9614929c8e9c2f548fbe1657260899693d2834dd',
    ],
    [
      'plans/demo-2025-2028.yaml',
      '2024-10-20',
      1862,
      '1e963ec051744c82eb321206139104458e2211d338aa79fbd7d5f0b6ccf140aa',
    ],
    [
      'plans/thrive-2016-2019.yaml',
      '2019-11-01',
      905,
      '948014709199458020830c62e05ef020c69d8bbfd4dffcf15d72ff6eabf5db21',
    ],
    [
      'plans/thrive-2016-2019.yaml',
      '2018-07-31',
      905,
      'f0d48c561b092ea1dc5db6c98831512a65634846777e4a22b908653a3470b409',
    ],
  ])('%s as of %s: %i results, JSON hash %s', (planFile, asOf, results, hash) => {
    expect(hashOf(planFile, asOf)).toEqual({ results, hash });
  });
});

/**
 * The far edges of the year window must not crash the evaluator: any as-of date and any opening date
 * the readers accept, with deadlines at the largest the plan reader accepts, gives an evaluation.
 */
import fc from 'fast-check';

import { loadNationalBenchmarksOrThrow } from '../../src/adapters/files/loadNationalBenchmarks';
import { evaluatePlan } from '../../src/domain/evaluation/evaluatePlan';
import { parsePlan } from '../../src/domain/plan/parsePlan';
import { MAX_YEARS_AFTER_OPENING } from '../../src/domain/plan/parseRule';
import { DEFAULT_TERM_CALENDAR, MAX_YEAR, MIN_YEAR, readIsoDate } from '../../src/domain/terms/termCalendar';
import { TEST_ROSTER } from '../support/rosterFixture';

const PLAN = `
id: edges
title: Edges
period: { from: ${MIN_YEAR}-${String((MIN_YEAR + 1) % 100).padStart(2, '0')}, to: ${MAX_YEAR - 1}-${String(MAX_YEAR % 100).padStart(2, '0')} }
objectives:
  - id: o
    title: O
    targets:
      - id: years
        title: Years
        metric: teachingOutstanding
        appliesTo: all
        rule: { kind: threshold, atLeast: 40, by: { yearsAfterOpening: ${MAX_YEARS_AFTER_OPENING} } }
      - id: terms
        title: Terms
        metric: teachingOutstanding
        appliesTo: all
        rule: { kind: threshold, atLeast: 40, by: { termOfOpening: ${MAX_YEARS_AFTER_OPENING * 3} } }
      - id: last-day
        title: Last day
        metric: teachingOutstanding
        appliesTo: all
        rule: { kind: threshold, atLeast: 40, by: ${MAX_YEAR}-12-31 }
`;

describe('the evaluator at the edges of the year window', () => {
  const parsed = parsePlan(PLAN);

  it('reads the plan with the largest deadlines', () => {
    expect(parsed.ok ? [] : parsed.errors).toEqual([]);
  });

  it('evaluates any as-of date and opening date in the window without throwing', () => {
    if (!parsed.ok) throw new Error('plan did not parse');
    const date = fc
      .tuple(
        fc.integer({ min: MIN_YEAR, max: MAX_YEAR }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
      )
      .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`)
      .filter((text) => readIsoDate(text).ok);
    fc.assert(
      fc.property(date, date, (asOf, openedOn) => {
        const academy = { ...TEST_ROSTER.academies[0]!, openedOn, joinedOn: openedOn };
        const evaluation = evaluatePlan({
          plan: parsed.plan,
          roster: { ...TEST_ROSTER, academies: [academy] },
          observations: [],
          calendar: DEFAULT_TERM_CALENDAR,
          benchmarks: loadNationalBenchmarksOrThrow(),
          asOf,
        });
        return evaluation.asOf === asOf;
      }),
      { numRuns: 200 },
    );
  });
});

/**
 * Academies with the same figure share one outcome (reason and evidence) for speed at 10,000 academies.
 * Sharing must never change what an academy is told: each case evaluates two academies together and
 * each alone, and the results must be the same; where the figures differ in anything the outcome
 * says (the day it became known, its term, the academy's deadline, what was due), the two results differ.
 */
import type { Observation } from '../../../src/domain/evaluation/observation';
import type { Academy } from '../../../src/domain/roster/roster';
import { academy, evaluate, obs, planWith, termly } from './evaluationFixtures';

const A = '100001';
const B = '100002';

interface Case {
  target: Record<string, unknown>;
  academies: [Partial<Academy>, Partial<Academy>];
  observations: Observation[];
  /** Whether the two academies are told the same. */
  same: boolean;
  /** The last term whose round has closed, when not the one before the as-of date's. */
  closedThrough?: string;
}

const TEACHING_90 = { metric: 'teachingGoodOrBetter', rule: { kind: 'threshold', atLeast: 90 } };
const ATTENDANCE_95_WITHIN_3_YEARS = {
  metric: 'attendance',
  rule: { kind: 'threshold', atLeast: 95, by: { yearsAfterOpening: 3 } },
};
const ATTAINMENT8_ABOVE_NATIONAL = { metric: 'attainment8', rule: { kind: 'benchmark', compare: 'above' } };

const CASES: [string, Case][] = [
  [
    'the same figure in the same term',
    {
      target: TEACHING_90,
      academies: [{}, {}],
      observations: [
        obs('2017-18-summer', 'teachingGoodOrBetter', 92, A),
        obs('2017-18-summer', 'teachingGoodOrBetter', 92, B),
      ],
      same: true,
    },
  ],
  [
    'the same value in different terms',
    {
      target: TEACHING_90,
      academies: [{}, {}],
      observations: [
        obs('2017-18-summer', 'teachingGoodOrBetter', 85, A),
        obs('2017-18-spring', 'teachingGoodOrBetter', 85, B),
      ],
      // Only spring's figures are due, so each academy is judged on its own latest figure.
      closedThrough: '2017-18-spring',
      same: false,
    },
  ],
  [
    'the same value, one stored later in the round (known from that day)',
    {
      target: TEACHING_90,
      academies: [{}, {}],
      observations: [
        obs('2017-18-summer', 'teachingGoodOrBetter', 92, A),
        { ...obs('2017-18-summer', 'teachingGoodOrBetter', 92, B), knownOn: '2018-07-10' },
      ],
      same: false,
    },
  ],
  [
    'the same value missing the level, deadlines three years after different openings',
    {
      target: ATTENDANCE_95_WITHIN_3_YEARS,
      academies: [{ openedOn: '2014-09-01' }, { openedOn: '2015-01-01' }],
      observations: [obs('2017-18-summer', 'attendance', 93, A), obs('2017-18-summer', 'attendance', 93, B)],
      same: false,
    },
  ],
  [
    'the same last figure, due from one academy and not yet from the other',
    {
      target: TEACHING_90,
      // Opened after the last closed round (summer 2018): nothing is due from B yet, so its last figure is judged.
      academies: [{ openedOn: '2014-09-01' }, { openedOn: '2018-09-01' }],
      observations: [
        obs('2017-18-spring', 'teachingGoodOrBetter', 92, A),
        obs('2017-18-spring', 'teachingGoodOrBetter', 92, B),
      ],
      same: false,
    },
  ],
  [
    'no figure from either academy',
    { target: TEACHING_90, academies: [{}, {}], observations: [], same: true },
  ],
  [
    'the same result against national in different years',
    {
      target: ATTAINMENT8_ABOVE_NATIONAL,
      academies: [{}, {}],
      observations: [
        obs('2017-18-summer', 'attainment8', 46.4, A),
        obs('2016-17-summer', 'attainment8', 46.4, B),
      ],
      same: false,
    },
  ],
  [
    'the same result against national in the same year',
    {
      target: ATTAINMENT8_ABOVE_NATIONAL,
      academies: [{}, {}],
      observations: [
        obs('2017-18-summer', 'attainment8', 50.2, A),
        obs('2017-18-summer', 'attainment8', 50.2, B),
      ],
      same: true,
    },
  ],
  [
    'the same last figure of a trend, from different previous figures',
    {
      target: { metric: 'disadvantagedGap', rule: { kind: 'trend', direction: 'falling' } },
      academies: [{}, {}],
      observations: [
        ...termly('2017-18-spring', 'disadvantagedGap', [12, 10], A),
        ...termly('2017-18-spring', 'disadvantagedGap', [8, 10], B),
      ],
      same: false,
    },
  ],
];

describe('academies with the same figure share an outcome only where it says the same', () => {
  it.each(CASES)('%s', (_case, { target, academies, observations, same, closedThrough }) => {
    const plan = planWith(target);
    const [first, second] = [
      academy({ ...academies[0], urn: A, name: 'Academy A' }),
      academy({ ...academies[1], urn: B, name: 'Academy B' }),
    ];
    const options = { observations, asOf: '2018-11-20', ...(closedThrough ? { closedThrough } : {}) };
    const together = evaluate(plan, { ...options, academies: [first, second] }).results;
    const aloneA = evaluate(plan, { ...options, academies: [first] }).results;
    const aloneB = evaluate(plan, { ...options, academies: [second] }).results;
    expect(JSON.parse(JSON.stringify(together))).toEqual(JSON.parse(JSON.stringify([...aloneA, ...aloneB])));
    const [resultA, resultB] = together;
    if (!resultA || !resultB) throw new Error('two results expected');
    if (same) {
      // Told the same, from one shared outcome: one reason and one evidence object for both.
      expect(resultB.reason).toBe(resultA.reason);
      expect(resultB.evidence).toBe(resultA.evidence);
    } else {
      expect({ reason: resultB.reason, evidence: resultB.evidence }).not.toEqual({
        reason: resultA.reason,
        evidence: resultA.evidence,
      });
    }
  });
});

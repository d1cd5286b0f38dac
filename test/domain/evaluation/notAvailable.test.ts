import type { NotAvailableAnswer } from '../../../src/domain/evaluation/observation';
import { evaluate, obs, planWith, term, URN } from './evaluationFixtures';

const PLAN = planWith(
  { metric: 'reservesPercentOfIncome', rule: { kind: 'threshold', atLeast: 5 } },
  { metric: 'attendance', rule: { kind: 'threshold', atLeast: 95 } },
);
const ANSWER: NotAvailableAnswer = {
  subject: URN,
  term: term('2017-18-autumn'),
  metricId: 'reservesPercentOfIncome',
  reason: 'awaiting year-end audit adjustments',
  by: 'Helen Marsh',
  on: '2017-12-07',
};

function reasons(notAvailable: NotAvailableAnswer[]): string[] {
  return evaluate(PLAN, {
    asOf: '2017-12-20',
    closedThrough: '2017-18-autumn',
    observations: [obs('2016-17-summer', 'reservesPercentOfIncome', 6.1)],
    notAvailable,
  }).results.map((result) => `${result.status}: ${result.reason}`);
}

describe('a figure answered "not available"', () => {
  it.each([
    [
      'the reason, who and when, where the figure would be',
      [ANSWER],
      'noData: Revenue reserves: not available — awaiting year-end audit adjustments (Helen Marsh, 7 Dec); target: at least 5%',
    ],
    [
      'the reason alone when who and when are not known',
      [{ subject: URN, term: ANSWER.term, metricId: ANSWER.metricId, reason: ANSWER.reason }],
      'noData: Revenue reserves: not available — awaiting year-end audit adjustments; target: at least 5%',
    ],
    [
      'an answer for an earlier term is not this term’s: the figure was never sent',
      [{ ...ANSWER, term: term('2016-17-summer') }],
      'noData: No Revenue reserves figure for autumn 2017 although its round has closed; the last was 6.1% in summer 2017; target: at least 5%',
    ],
  ])('%s', (_case, answers, expected) => {
    expect(reasons(answers)[0]).toBe(expected);
    // Attendance was never sent and says so: the answer is about reserves alone.
    expect(reasons(answers)[1]).toMatch(
      /^noData: No Attendance figure for autumn 2017 although its round has closed/,
    );
  });
});

describe('a provisional evaluation while the round is open', () => {
  it.each([
    [
      'open: a figure not in yet is not sent yet, with the day the round closes',
      '2017-12-12',
      'noData: No Attendance figure for autumn 2017: not sent yet (round open until 12 Dec); target: at least 95%',
    ],
    [
      'closed: the same figure is missing',
      undefined,
      'noData: No Attendance figure for autumn 2017 although its round has closed; target: at least 95%',
    ],
  ])('%s', (_case, openUntil, expected) => {
    const { results } = evaluate(PLAN, {
      asOf: '2017-12-05',
      closedThrough: '2017-18-autumn',
      ...(openUntil === undefined ? {} : { openUntil }),
    });
    expect(`${results[1]?.status}: ${results[1]?.reason}`).toBe(expected);
  });
});

/**
 * A figure counts only from when it was known: the metric's availability rule, an explicit date given
 * with the figure, and the reasons that say which year's results were used and which are still to come.
 */
import { availableOn, describeAvailability } from '../../../src/domain/metrics/availability';
import type { Availability } from '../../../src/domain/metrics/metric';
import { DEFAULT_TERM_CALENDAR } from '../../../src/domain/terms/termCalendar';
import { evaluateTarget, obs, term } from './evaluationFixtures';

describe('availableOn', () => {
  it.each<[string, Availability | undefined, string, string | undefined]>([
    ['no rule: known from its term', undefined, '2016-17-summer', undefined],
    ['October of the year it ends', { kind: 'month', month: 10 }, '2016-17-summer', '2017-10-01'],
    ['January a year later', { kind: 'month', month: 1, yearAfter: 1 }, '2016-17-summer', '2018-01-01'],
    ['July of the year it ends', { kind: 'month', month: 7 }, '2017-18-summer', '2018-07-01'],
    ['30 days after its term', { kind: 'afterTerm', days: 30 }, '2016-17-autumn', '2017-01-30'],
  ])('%s', (_case, rule, termKey, expected) => {
    expect(availableOn(rule, term(termKey), DEFAULT_TERM_CALENDAR)).toBe(expected);
  });

  it.each<[Availability | undefined, string]>([
    [undefined, 'from its term'],
    [{ kind: 'month', month: 10 }, 'Oct of the year it ends'],
    [{ kind: 'month', month: 3, yearAfter: 1 }, 'Mar 1 year later'],
    [{ kind: 'afterTerm', days: 14 }, '14 days after its term ends'],
  ])('describes %j as "%s"', (rule, words) => {
    expect(describeAvailability(rule)).toBe(words);
  });
});

const A8_AT_LEAST_40 = { metric: 'attainment8', rule: { kind: 'threshold', atLeast: 40 } };

describe('annual results are known from their publication, not their term', () => {
  // 2016-17 KS4 results are known from 1 Oct 2017 by the catalogue's rule.
  it.each<[string, string, string | undefined]>([
    ['the day before publication: nothing known yet', '2017-09-30', undefined],
    ['on the publication day', '2017-10-01', '2016-17'],
    ['after publication', '2017-11-20', '2016-17'],
  ])('%s (%s)', (_case, asOf, period) => {
    const result = evaluateTarget(A8_AT_LEAST_40, {
      asOf,
      observations: [obs('2016-17-summer', 'attainment8', 47)],
    });
    expect(result.evidence.value?.period).toBe(period);
    if (period) expect(result.evidence.value?.knownOn).toBe('2017-10-01');
  });

  it('uses the latest known result and says the current year’s is not out yet', () => {
    const result = evaluateTarget(A8_AT_LEAST_40, {
      asOf: '2018-07-31',
      observations: [obs('2016-17-summer', 'attainment8', 47), obs('2017-18-summer', 'attainment8', 39)],
    });
    expect(result.status).toBe('met');
    expect(result.reason).toBe(
      'Attainment 8 47 points (2016-17 results, published Oct 2017; 2017-18 results not out until Oct 2018) meets the target: at least 40 points',
    );
  });

  it('moves to the new year’s result once it is published', () => {
    const result = evaluateTarget(A8_AT_LEAST_40, {
      asOf: '2018-10-15',
      observations: [obs('2016-17-summer', 'attainment8', 47), obs('2017-18-summer', 'attainment8', 39)],
    });
    expect(result).toMatchObject({ status: 'missed', evidence: { value: { period: '2017-18' } } });
    expect(result.reason).toContain('(2017-18 results, published Oct 2018)');
  });

  it.each<[string, string, string]>([
    ['before the date given in the data', '2017-10-11', '2015-16'],
    ['on the date given in the data', '2017-10-12', '2016-17'],
  ])('%s, the explicit date wins over the rule', (_case, asOf, period) => {
    const result = evaluateTarget(A8_AT_LEAST_40, {
      asOf,
      observations: [
        obs('2015-16-summer', 'attainment8', 45),
        { ...obs('2016-17-summer', 'attainment8', 47), knownOn: '2017-10-12' },
      ],
    });
    expect(result.evidence.value?.period).toBe(period);
  });

  it('names an explicit publication day in the reason', () => {
    const result = evaluateTarget(A8_AT_LEAST_40, {
      asOf: '2017-11-01',
      observations: [{ ...obs('2016-17-summer', 'attainment8', 47), knownOn: '2017-10-12' }],
    });
    expect(result.reason).toContain('(2016-17 results, published 12 Oct 2017)');
  });

  it('does not expect a year whose results are not published by the as-of date', () => {
    // The autumn 2017 round has closed, but as of 30 Sep nothing for 2016-17 is out yet: no risk.
    const result = evaluateTarget(A8_AT_LEAST_40, {
      asOf: '2017-09-30',
      closedThrough: '2017-18-autumn',
      observations: [obs('2015-16-summer', 'attainment8', 45)],
    });
    expect(result.status).toBe('met');
    expect(result.evidence.value?.period).toBe('2015-16');
  });
});

describe('termly figures stored through a round are known from when they were stored', () => {
  const TEACHING = { metric: 'teachingOutstanding', rule: { kind: 'threshold', atLeast: 40 } };

  it.each<[string, string, string | undefined]>([
    ['before it was stored', '2017-03-09', '2016-17-autumn'],
    ['once stored', '2017-03-10', '2016-17-spring'],
  ])('%s', (_case, asOf, termKey) => {
    const result = evaluateTarget(TEACHING, {
      asOf,
      closedThrough: '2016-17-autumn',
      observations: [
        obs('2016-17-autumn', 'teachingOutstanding', 38),
        { ...obs('2016-17-spring', 'teachingOutstanding', 42), knownOn: '2017-03-10' },
      ],
    });
    expect(result.evidence.value?.term).toBe(termKey);
  });

  it('keeps the termly reason wording and carries the period', () => {
    const result = evaluateTarget(TEACHING, {
      asOf: '2017-03-20',
      closedThrough: '2016-17-autumn',
      observations: [{ ...obs('2016-17-spring', 'teachingOutstanding', 42), knownOn: '2017-03-10' }],
    });
    expect(result.reason).toBe('Teaching outstanding 42% (spring 2017) meets the target: at least 40%');
    expect(result.evidence.value).toEqual({
      value: 42,
      display: '42%',
      term: '2016-17-spring',
      period: '2016-17-spring',
      knownOn: '2017-03-10',
    });
  });
});

describe('trends compare known figures only', () => {
  const KS4_GAP = { metric: 'ks4DisadvantageGapIndex', rule: { kind: 'trend', direction: 'falling' } };
  const figures = [
    obs('2015-16-summer', 'ks4DisadvantageGapIndex', 3.9),
    obs('2016-17-summer', 'ks4DisadvantageGapIndex', 3.7),
    obs('2017-18-summer', 'ks4DisadvantageGapIndex', 3.8),
  ];

  it.each<[string, string, string, string]>([
    ['before the 2017-18 results', '2018-07-31', 'met', '(2015-16 to 2016-17)'],
    ['after them', '2018-11-01', 'missed', '(2016-17 to 2017-18)'],
  ])('%s', (_case, asOf, status, span) => {
    const result = evaluateTarget(KS4_GAP, { asOf, observations: figures });
    expect(result.status).toBe(status);
    expect(result.reason).toContain(span);
  });
});

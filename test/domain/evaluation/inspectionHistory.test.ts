import { inspectionLabel } from '../../../src/domain/evaluation/inspectionRule';
import { listInspections } from '../../../src/domain/evaluation/inspections';
import type { Observation } from '../../../src/domain/evaluation/observation';
import type { MetricValue } from '../../../src/domain/metrics/parseMetricValue';
import { DEFAULT_TERM_CALENDAR } from '../../../src/domain/terms/termCalendar';
import { academy, evaluateTarget, obs } from './evaluationFixtures';

function inspection(termKey: string, grades: Record<string, MetricValue>): Observation[] {
  return Object.entries(grades).map(([metricId, value]) => obs(termKey, metricId, value));
}

function seriesOf(observations: readonly Observation[]): Map<string, Observation[]> {
  const series = new Map<string, Observation[]>();
  for (const observation of observations) {
    const list = series.get(observation.metricId) ?? [];
    list.push(observation);
    series.set(observation.metricId, list);
  }
  return series;
}

// An academy that opened in September 2016 (converting from a predecessor school) and joined the trust
// in January 2019, two years later.
const DATES = { openedOn: '2016-09-01', joinedOn: '2019-01-01', calendar: DEFAULT_TERM_CALENDAR };
const PREDECESSOR = inspection('2015-16-spring', {
  ofstedInspectionDate: '2016-02-10',
  ofstedOverall: 'inadequate',
});
const FIRST = inspection('2017-18-autumn', {
  ofstedInspectionDate: '2017-11-14',
  ofstedOverall: 'requiresImprovement',
});
const SECOND = inspection('2019-20-spring', { ofstedInspectionDate: '2020-03-03', ofstedOverall: 'good' });
const THIRD = inspection('2023-24-summer', {
  ofstedInspectionDate: '2024-06-11',
  ofstedOverall: 'outstanding',
});

describe('the inspection history: numbered from the dates, never from where a row is', () => {
  it.each<[string, Observation[], string[]]>([
    [
      "a predecessor school's inspection is not the academy's",
      [...PREDECESSOR, ...FIRST],
      ['the first inspection as an academy (14 Nov 2017)'],
    ],
    [
      'the second inspection is the first since joining the trust',
      [...FIRST, ...SECOND],
      [
        'the first inspection as an academy (14 Nov 2017)',
        'the second inspection, the first since joining the trust (3 Mar 2020)',
      ],
    ],
    [
      'rows in any order read the same',
      [...THIRD, ...SECOND, ...PREDECESSOR, ...FIRST],
      [
        'the first inspection as an academy (14 Nov 2017)',
        'the second inspection, the first since joining the trust (3 Mar 2020)',
        'the third inspection, the second since joining the trust (11 Jun 2024)',
      ],
    ],
    [
      'a recorded number is kept, and the next is counted on from it',
      [
        ...inspection('2019-20-spring', {
          ofstedInspectionDate: '2020-03-03',
          ofstedInspectionNumber: 3,
          ofstedOverall: 'good',
        }),
        ...THIRD,
      ],
      [
        'the third inspection, the first since joining the trust (3 Mar 2020)',
        'the fourth inspection, the second since joining the trust (11 Jun 2024)',
      ],
    ],
    [
      'without a day, the term says whether it was before opening',
      [
        ...inspection('2015-16-summer', { ofstedOverall: 'good' }),
        ...inspection('2016-17-autumn', { ofstedOverall: 'good' }),
      ],
      ['the first inspection as an academy (autumn 2016)'],
    ],
  ])('%s', (_case, observations, labels) => {
    expect(listInspections(seriesOf(observations), DATES).map(inspectionLabel)).toEqual(labels);
  });

  it('an academy that opened in the trust says no "since joining"', () => {
    const dates = { ...DATES, joinedOn: DATES.openedOn };
    expect(listInspections(seriesOf([...FIRST, ...SECOND]), dates).map(inspectionLabel)).toEqual([
      'the first inspection as an academy (14 Nov 2017)',
      'the second inspection (3 Mar 2020)',
    ]);
  });

  it("a rule at the second inspection counts the academy's own, not its predecessor's", () => {
    const result = evaluateTarget(
      { metric: 'ofstedOutcome', rule: { kind: 'inspection', standard: 'good', due: { atInspection: 2 } } },
      {
        academies: [academy({ openedOn: '2016-09-01', joinedOn: '2019-01-01' })],
        asOf: '2019-06-01',
        observations: [...PREDECESSOR, ...FIRST],
      },
    );
    // Counting the predecessor's inspection would make this the second, due and missed.
    expect(result.status).toBe('atRisk');
    expect(result.reason).toContain('at the first inspection as an academy (14 Nov 2017)');
  });
});

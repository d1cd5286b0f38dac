import { parseObservationsCsv } from '../../src/adapters/files/readObservationsCsv';
import type { Roster } from '../../src/domain/roster/roster';
import { DEFAULT_TERM_CALENDAR } from '../../src/domain/terms/termCalendar';

const ROSTER: Roster = {
  trust: { name: 'Test Trust', boardChannel: 'Board', fictional: true },
  academies: [
    {
      urn: '100001',
      name: 'Hill School',
      phase: 'secondary',
      route: 'sponsored',
      town: 'Colchester',
      openedOn: '2018-01-15',
      joinedOn: '2018-01-15',
      tags: [],
    },
  ],
  people: [],
};
const CONTEXT = { roster: ROSTER, calendar: DEFAULT_TERM_CALENDAR };

describe('parseObservationsCsv', () => {
  it('reads figures, skipping comments, blank lines and a byte-order mark', () => {
    const text = [
      '\uFEFFacademy,term,metric,value',
      '# a comment',
      '100001,2017-18-spring,attendance,95.5%',
      '',
      ' 100001 , 2017-18-spring , seniorLeadership , Requires improvement ',
      'trust,2017-18-spring,reservesPercentOfIncome,-2.5',
      '100001,2024-25-spring,ofstedSafeguardingEffective,yes',
      ',,,',
    ].join('\r\n');
    expect(parseObservationsCsv(text, CONTEXT)).toEqual({
      ok: true,
      observations: [
        { subject: '100001', term: { startYear: 2017, term: 'spring' }, metricId: 'attendance', value: 95.5 },
        {
          subject: '100001',
          term: { startYear: 2017, term: 'spring' },
          metricId: 'seniorLeadership',
          value: 'requiresImprovement',
        },
        {
          subject: 'trust',
          term: { startYear: 2017, term: 'spring' },
          metricId: 'reservesPercentOfIncome',
          value: -2.5,
        },
        {
          subject: '100001',
          term: { startYear: 2024, term: 'spring' },
          metricId: 'ofstedSafeguardingEffective',
          value: true,
        },
      ],
      notAvailable: [],
    });
  });

  it.each([
    [
      'a wrong header',
      'urn,term,metric,value\n',
      1,
      'the first line must be the header academy,term,metric,value',
    ],
    ['an empty file', '', 1, 'the first line must be the header'],
    ['an empty academy', 'academy,term,metric,value\n,2017-18-spring,attendance,95\n', 2, 'academy is empty'],
    [
      'a term before the academy opened',
      'academy,term,metric,value\n100001,2017-18-autumn,attendance,95\n',
      2,
      'is before its first term',
    ],
    [
      'a report card before report cards',
      'academy,term,metric,value\n100001,2024-25-summer,reportCardAchievement,strongStandard\n',
      2,
      'reportCardAchievement exists from 10 Nov 2025',
    ],
    [
      'a knownOn that is not a date',
      'academy,term,metric,value,knownOn\n100001,2017-18-summer,attainment8,47,Oct 2018\n',
      2,
      'knownOn "Oct 2018" is not a date',
    ],
    [
      'a knownOn before the figure’s term',
      'academy,term,metric,value,knownOn\n100001,2017-18-summer,attainment8,47,2018-03-01\n',
      2,
      'a figure cannot be known before its term',
    ],
    [
      'a row without its knownOn column',
      'academy,term,metric,value,knownOn\n100001,2017-18-summer,attainment8,47\n',
      2,
      'expected 5 values',
    ],
    [
      'an inspection date outside its row’s term',
      'academy,term,metric,value\n100001,2018-19-autumn,ofstedInspectionDate,2019-02-01\n',
      2,
      'ofstedInspectionDate 2019-02-01 is not in autumn 2018',
    ],
    [
      'an inspection date that is not a date',
      'academy,term,metric,value\n100001,2018-19-autumn,ofstedInspectionDate,20/11/2018\n',
      2,
      'Enter a date as YYYY-MM-DD',
    ],
    [
      'an unclosed quote',
      'academy,term,metric,value\n100001,2017-18-spring,attendance,"95\n',
      undefined,
      'is not valid CSV',
    ],
  ])('reports %s', (_case, text, line, message) => {
    const result = parseObservationsCsv(text, CONTEXT);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ message: expect.stringContaining(message) as unknown }),
        ]),
      );
      if (line !== undefined) expect(result.errors[0]?.line).toBe(line);
    }
  });

  it('reads the optional knownOn column, empty meaning by the metric’s rule', () => {
    const text = [
      'academy,term,metric,value,knownOn',
      '100001,2017-18-summer,attainment8,47,2018-10-16',
      '100001,2017-18-summer,attendance,95,',
      '100001,2018-19-autumn,ofstedInspectionDate,2018-11-20,',
    ].join('\n');
    expect(parseObservationsCsv(text, CONTEXT)).toEqual({
      ok: true,
      observations: [
        {
          subject: '100001',
          term: { startYear: 2017, term: 'summer' },
          metricId: 'attainment8',
          value: 47,
          knownOn: '2018-10-16',
        },
        { subject: '100001', term: { startYear: 2017, term: 'summer' }, metricId: 'attendance', value: 95 },
        {
          subject: '100001',
          term: { startYear: 2018, term: 'autumn' },
          metricId: 'ofstedInspectionDate',
          value: '2018-11-20',
        },
      ],
      notAvailable: [],
    });
  });

  it('reads "not available" answers (as export --format data writes them) apart from the figures', () => {
    const text = [
      'academy,term,metric,value,knownOn,notAvailable,by',
      '100001,2018-19-autumn,attendance,95.1,2018-12-05,,',
      '100001,2018-19-autumn,reservesPercentOfIncome,,2018-12-07,awaiting year-end audit adjustments,Helen Marsh',
      'trust,2018-19-autumn,reservesPercentOfIncome,,,board has not signed off,',
    ].join('\n');
    expect(parseObservationsCsv(text, CONTEXT)).toEqual({
      ok: true,
      observations: [
        {
          subject: '100001',
          term: { startYear: 2018, term: 'autumn' },
          metricId: 'attendance',
          value: 95.1,
          knownOn: '2018-12-05',
        },
      ],
      notAvailable: [
        {
          subject: '100001',
          term: { startYear: 2018, term: 'autumn' },
          metricId: 'reservesPercentOfIncome',
          reason: 'awaiting year-end audit adjustments',
          by: 'Helen Marsh',
          on: '2018-12-07',
        },
        {
          subject: 'trust',
          term: { startYear: 2018, term: 'autumn' },
          metricId: 'reservesPercentOfIncome',
          reason: 'board has not signed off',
        },
      ],
    });
  });

  it('refuses a "not available" answer that also gives a value, naming the line', () => {
    const text = [
      'academy,term,metric,value,knownOn,notAvailable,by',
      '100001,2018-19-autumn,reservesPercentOfIncome,4.2,,awaiting audit,',
    ].join('\n');
    expect(parseObservationsCsv(text, CONTEXT)).toEqual({
      ok: false,
      errors: [
        {
          line: 2,
          message: 'a figure answered "not available" has no value; leave value empty or notAvailable empty',
        },
      ],
    });
  });

  it('accepts report cards in the autumn term they began in', () => {
    const text = 'academy,term,metric,value\n100001,2025-26-autumn,reportCardAchievement,strongStandard\n';
    expect(parseObservationsCsv(text, CONTEXT).ok).toBe(true);
  });
});

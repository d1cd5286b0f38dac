import { firstFigureTerm } from '../../../src/domain/evaluation/firstFigureTerm';
import { DEFAULT_TERM_CALENDAR, formatTermKey } from '../../../src/domain/terms/termCalendar';
import { academy, planWith, roster } from './evaluationFixtures';

const PLAN = planWith({ metric: 'attendance', rule: { kind: 'threshold', atLeast: 95 } }); // 2016-17 to 2018-19

describe('firstFigureTerm', () => {
  it.each([
    [
      'an academy opened long before the plan: its first term',
      [['2011-11-01', '2016-09-01']],
      '2011-12-autumn',
    ],
    [
      'one that joined before it opened (a sponsored start)',
      [['2014-05-01', '2014-01-10']],
      '2013-14-spring',
    ],
    [
      'the earliest of several',
      [
        ['2015-06-01', '2015-06-01'],
        ['2012-03-01', '2016-09-01'],
      ],
      '2011-12-spring',
    ],
    [
      'academies all newer than the plan: the year before it',
      [['2017-09-01', '2017-09-01']],
      '2015-16-autumn',
    ],
    ['no academies: the year before the plan', [], '2015-16-autumn'],
  ])('%s', (_case, dates, expected) => {
    const academies = dates.map(([openedOn = '', joinedOn = ''], index) =>
      academy({ urn: `10000${index}`, openedOn, joinedOn }),
    );
    expect(formatTermKey(firstFigureTerm(PLAN, roster(academies), DEFAULT_TERM_CALENDAR))).toBe(expected);
  });
});

import type { TermRef } from '../../../src/domain/terms/term';
import type { TermCalendar, TermCalendarOverrides } from '../../../src/domain/terms/termCalendar';
import {
  addDays,
  addTerms,
  addYears,
  compareTerms,
  createTermCalendar,
  daysBetween,
  DEFAULT_TERM_CALENDAR,
  formatAcademicYear,
  formatTermKey,
  isIsoDate,
  parseAcademicYear,
  parseTermKey,
  termNumberSinceOpening,
  termRange,
  termRefForNumber,
  termsBetween,
} from '../../../src/domain/terms/termCalendar';

const autumn = (startYear: number): TermRef => ({ startYear, term: 'autumn' });
const spring = (startYear: number): TermRef => ({ startYear, term: 'spring' });
const summer = (startYear: number): TermRef => ({ startYear, term: 'summer' });

function calendarWith(overrides: TermCalendarOverrides): TermCalendar {
  const result = createTermCalendar(overrides);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.calendar;
}

describe('dates', () => {
  it.each([
    ['2024-02-29', true],
    ['2000-02-29', true],
    ['2023-02-29', false],
    ['1900-02-29', false],
    ['2025-04-31', false],
    ['2025-13-01', false],
    ['2025-00-10', false],
    ['2025-01-00', false],
    ['2025-1-01', false],
    ['2025-01-01T00:00', false],
    ['', false],
  ])('isIsoDate(%j) is %s', (value, expected) => {
    expect(isIsoDate(value)).toBe(expected);
  });

  it.each([
    ['2016-02-29', 1, '2017-02-28'],
    ['2016-02-29', 3, '2019-02-28'],
    ['2016-02-29', 4, '2020-02-29'],
    ['2016-02-29', -1, '2015-02-28'],
    ['2017-02-28', 3, '2020-02-28'],
    ['2016-09-01', 3, '2019-09-01'],
    ['2016-12-31', 0, '2016-12-31'],
  ])('addYears(%s, %i) is %s', (date, n, expected) => {
    expect(addYears(date, n)).toBe(expected);
  });

  it.each([
    ['2024-02-28', 1, '2024-02-29'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2025-12-31', 1, '2026-01-01'],
    ['2026-01-01', -1, '2025-12-31'],
    ['2025-09-01', 121, '2025-12-31'],
  ])('addDays(%s, %i) is %s', (date, n, expected) => {
    expect(addDays(date, n)).toBe(expected);
  });

  it('counts days between dates', () => {
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2025-01-01', '2024-01-01')).toBe(-366);
  });

  it.each([['2019-02-29'], ['29/02/2020']])(
    'addYears rejects %s, a date that should never have got in',
    (date) => {
      expect(() => addYears(date, 1)).toThrow(RangeError);
    },
  );
});

describe('term keys', () => {
  it.each<[TermRef, string]>([
    [autumn(2025), '2025-26-autumn'],
    [spring(2016), '2016-17-spring'],
    [summer(2099), '2099-00-summer'],
    [autumn(1999), '1999-00-autumn'],
  ])('formatTermKey(%j) is %s and parses back', (ref, key) => {
    expect(formatTermKey(ref)).toBe(key);
    expect(parseTermKey(key)).toEqual(ref);
  });

  it.each([
    ['2025-27-autumn'],
    ['2025-26-Autumn'],
    ['2025-26-winter'],
    ['2025/26-autumn'],
    ['2025-2026-autumn'],
    ['25-26-autumn'],
    ['2025-26-autumn '],
    [''],
  ])('parseTermKey(%j) is undefined', (key) => {
    expect(parseTermKey(key)).toBeUndefined();
  });

  it.each([
    ['2018-19', 2018],
    ['1999-00', 1999],
    ['2018-20', undefined],
    ['2018/19', undefined],
    ['18-19', undefined],
  ])('parseAcademicYear(%j) is %s', (text, expected) => {
    expect(parseAcademicYear(text)).toBe(expected);
  });

  it('formats academic years', () => {
    expect(formatAcademicYear(2018)).toBe('2018-19');
  });
});

describe('term arithmetic', () => {
  it.each<[TermRef, number, TermRef]>([
    [autumn(2025), 0, autumn(2025)],
    [autumn(2025), 1, spring(2025)],
    [autumn(2025), 2, summer(2025)],
    [autumn(2025), 3, autumn(2026)],
    [summer(2025), 1, autumn(2026)],
    [autumn(2025), -1, summer(2024)],
    [spring(2025), -2, summer(2024)],
    [autumn(2016), 9, autumn(2019)],
    [autumn(2019), -9, autumn(2016)],
  ])('addTerms(%j, %i) is %j', (ref, n, expected) => {
    expect(addTerms(ref, n)).toEqual(expected);
    expect(termsBetween(ref, expected)).toBe(n);
  });

  it.each<[TermRef, TermRef, number]>([
    [autumn(2025), autumn(2025), 0],
    [autumn(2025), spring(2025), -1],
    [summer(2024), autumn(2025), -1],
    [autumn(2026), summer(2025), 1],
  ])('compareTerms(%j, %j) has the sign of %i', (a, b, sign) => {
    expect(Math.sign(compareTerms(a, b))).toBe(sign);
  });

  it('sorts terms', () => {
    const terms = [summer(2025), autumn(2026), autumn(2025), spring(2024)];
    expect(terms.sort(compareTerms).map(formatTermKey)).toEqual([
      '2024-25-spring',
      '2025-26-autumn',
      '2025-26-summer',
      '2026-27-autumn',
    ]);
  });

  it('lists the terms in a range, both ends included', () => {
    expect(termRange(spring(2024), autumn(2025)).map(formatTermKey)).toEqual([
      '2024-25-spring',
      '2024-25-summer',
      '2025-26-autumn',
    ]);
    expect(termRange(autumn(2025), autumn(2025))).toEqual([autumn(2025)]);
    expect(termRange(autumn(2025), summer(2024))).toEqual([]);
  });
});

describe('the default calendar', () => {
  const calendar = DEFAULT_TERM_CALENDAR;

  it.each<[TermRef, string, string]>([
    [autumn(2025), '2025-09-01', '2025-12-31'],
    [spring(2025), '2026-01-01', '2026-03-31'],
    [summer(2025), '2026-04-01', '2026-08-31'],
  ])('%j runs from %s to %s', (ref, start, end) => {
    expect(calendar.termDates(ref)).toEqual({ ref, start, end });
  });

  it.each<[string, TermRef]>([
    ['2025-09-01', autumn(2025)],
    ['2025-12-31', autumn(2025)],
    ['2026-01-01', spring(2025)],
    ['2026-03-31', spring(2025)],
    ['2026-04-01', summer(2025)],
    ['2024-02-29', spring(2023)],
    ['2026-08-31', summer(2025)],
    ['2025-08-31', summer(2024)],
  ])('%s is in %j', (date, ref) => {
    expect(calendar.termContaining(date)).toEqual(ref);
    expect(calendar.academicYearOf(date)).toBe(ref.startYear);
  });

  it('puts every day of a leap year in exactly one term, in order', () => {
    let previous: TermRef | undefined;
    for (let date = '2023-09-01'; date <= '2024-08-31'; date = addDays(date, 1)) {
      const ref = calendar.termContaining(date);
      const { start, end } = calendar.termDates(ref);
      expect(start <= date && date <= end).toBe(true);
      if (previous) expect(termsBetween(previous, ref)).toBeGreaterThanOrEqual(0);
      previous = ref;
    }
    expect(previous).toEqual(summer(2023));
  });

  it('rejects a date that is not a date', () => {
    expect(() => calendar.termContaining('2025-02-30')).toThrow(RangeError);
  });
});

describe('createTermCalendar', () => {
  it('uses the defaults when given nothing', () => {
    const result = createTermCalendar();
    expect(result.ok && result.calendar.termDates(autumn(2025))).toEqual({
      ref: autumn(2025),
      start: '2025-09-01',
      end: '2025-12-31',
    });
  });

  it('moves the boundaries of the overridden year and keeps other years', () => {
    const calendar = calendarWith({
      '2025-26': {
        autumn: { end: '2025-12-19' },
        spring: { start: '2025-12-20', end: '2026-04-12' },
        summer: { start: '2026-04-13' },
      },
    });
    expect(calendar.termDates(autumn(2025))).toEqual({
      ref: autumn(2025),
      start: '2025-09-01',
      end: '2025-12-19',
    });
    expect(calendar.termDates(spring(2025))).toEqual({
      ref: spring(2025),
      start: '2025-12-20',
      end: '2026-04-12',
    });
    expect(calendar.termContaining('2025-12-25')).toEqual(spring(2025));
    expect(calendar.termContaining('2026-04-10')).toEqual(spring(2025));
    expect(calendar.termContaining('2026-04-13')).toEqual(summer(2025));
    expect(calendar.termDates(spring(2024))).toEqual({
      ref: spring(2024),
      start: '2025-01-01',
      end: '2025-03-31',
    });
  });

  it('finds the term when a year boundary moves across 1 September', () => {
    const calendar = calendarWith({
      '2024-25': { summer: { end: '2025-08-26' } },
      '2025-26': { autumn: { start: '2025-08-27' } },
    });
    expect(calendar.termContaining('2025-08-27')).toEqual(autumn(2025));
    expect(calendar.academicYearOf('2025-08-27')).toBe(2025);
    expect(calendar.termContaining('2025-08-26')).toEqual(summer(2024));
  });

  it('does not let a caller change the calendar through a returned ref', () => {
    const dates = DEFAULT_TERM_CALENDAR.termDates(autumn(2025));
    dates.ref.startYear = 1990;
    expect(DEFAULT_TERM_CALENDAR.termDates(autumn(2025)).ref).toEqual(autumn(2025));
  });

  it.each<[string, unknown, { path: string; message: string | RegExp }[]]>([
    [
      'a year written wrongly',
      { '2025-2026': { autumn: { end: '2025-12-31' } } },
      [{ path: '2025-2026', message: /is not an academic year; write it like 2025-26/ }],
    ],
    [
      'a year that is not a map',
      { '2025-26': 'autumn' },
      [{ path: '2025-26', message: /must be a map of terms/ }],
    ],
    [
      'an unknown term',
      { '2025-26': { winter: { end: '2025-12-31' } } },
      [{ path: '2025-26.winter', message: /is not a term/ }],
    ],
    [
      'a term that is not a map',
      { '2025-26': { autumn: '2025-09-01' } },
      [{ path: '2025-26.autumn', message: /start and\/or end/ }],
    ],
    [
      'an unknown term field',
      { '2025-26': { autumn: { begin: '2025-09-01' } } },
      [{ path: '2025-26.autumn.begin', message: /use start or end/ }],
    ],
    [
      'a date that is not a date',
      { '2025-26': { autumn: { start: '2025-02-30' } } },
      [{ path: '2025-26.autumn.start', message: /is not a date; write dates as YYYY-MM-DD/ }],
    ],
    [
      'a date that is not text',
      { '2025-26': { autumn: { start: 20250901 } } },
      [{ path: '2025-26.autumn.start', message: /^20250901 is not a date/ }],
    ],
    [
      'a term that ends before it starts',
      { '2025-26': { spring: { start: '2026-03-01', end: '2026-02-01' } } },
      [{ path: '2025-26.spring', message: 'ends (2026-02-01) before it starts (2026-03-01)' }],
    ],
    [
      'a gap after a term',
      { '2025-26': { autumn: { end: '2025-12-19' } } },
      [
        {
          path: '2025-26.autumn.end',
          message:
            '2025-26 autumn ends 2025-12-19 but 2025-26 spring starts 2026-01-01: the days from 2025-12-20 to ' +
            '2025-12-31 are in no term; each term must start the day after the previous one ends (start ' +
            '2025-26 spring on 2025-12-20, or end 2025-26 autumn on 2025-12-31)',
        },
      ],
    ],
    [
      'an overlap with the next term',
      { '2025-26': { spring: { end: '2026-04-10' } } },
      [{ path: '2025-26.spring.end', message: /they overlap from 2026-04-01 to 2026-04-10/ }],
    ],
    [
      'an overlap with the previous year',
      { '2025-26': { autumn: { start: '2025-08-27' } } },
      [
        {
          path: '2025-26.autumn.start',
          message: /2024-25 summer ends 2025-08-31 but 2025-26 autumn starts 2025-08-27/,
        },
      ],
    ],
    [
      'gaps on both sides',
      { '2025-26': { spring: { start: '2026-01-05', end: '2026-03-27' } } },
      [
        { path: '2025-26.spring.start', message: /the days from 2026-01-01 to 2026-01-04 are in no term/ },
        { path: '2025-26.spring.end', message: /the days from 2026-03-28 to 2026-03-31 are in no term/ },
      ],
    ],
    ['not a map at all', ['2025-26'], [{ path: '', message: /must be a map of academic years/ }]],
  ])('reports %s', (_label, overrides, expected) => {
    const result = createTermCalendar(overrides as TermCalendarOverrides);
    expect(result).toEqual({
      ok: false,
      errors: expected.map(({ path, message }) => ({
        path,
        message: typeof message === 'string' ? message : (expect.stringMatching(message) as string),
      })),
    });
  });

  it('does not add a gap error for a term whose own dates were rejected', () => {
    const result = createTermCalendar({
      '2025-26': { autumn: { end: 'Christmas' }, spring: { start: '2025-12-20' } },
    });
    expect(result.ok ? [] : result.errors.map((error) => error.path)).toEqual(['2025-26.autumn.end']);
  });
});

describe('terms since opening', () => {
  it.each<[string, string, TermRef, number]>([
    ['September opening', '2016-09-01', autumn(2016), 1],
    ['September opening, next term', '2016-09-01', spring(2016), 2],
    ['September opening, sixth term', '2016-09-01', summer(2017), 6],
    ['September opening, three years on', '2016-09-01', autumn(2019), 10],
    ['January opening: term 1 is spring', '2018-01-01', spring(2017), 1],
    ['January opening, a term later', '2018-01-01', summer(2017), 2],
    ['January opening, across the year', '2018-01-01', autumn(2018), 3],
    ['January opening, sixth term', '2018-01-01', autumn(2019), 6],
    ['April opening: term 1 is summer', '2019-04-01', summer(2018), 1],
    ['opening in the holidays counts the term the date is in', '2017-08-20', summer(2016), 1],
    ['29 February opening', '2016-02-29', spring(2015), 1],
    ['the term before opening', '2018-01-01', autumn(2017), 0],
    ['a year before opening', '2018-01-01', spring(2016), -2],
  ])('%s: %s, %j is term %i', (_label, openedOn, ref, number) => {
    expect(termNumberSinceOpening(openedOn, ref, DEFAULT_TERM_CALENDAR)).toBe(number);
    expect(termRefForNumber(openedOn, number, DEFAULT_TERM_CALENDAR)).toEqual(ref);
  });

  it('follows a calendar whose spring term starts before Christmas', () => {
    const calendar = calendarWith({
      '2017-18': { autumn: { end: '2017-12-15' }, spring: { start: '2017-12-16' } },
    });
    expect(termNumberSinceOpening('2017-12-18', spring(2017), calendar)).toBe(1);
    expect(termNumberSinceOpening('2017-12-18', spring(2017))).toBe(2);
  });
});

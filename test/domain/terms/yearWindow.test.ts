/**
 * The year window every reader of dates, terms and academic years shares (termCalendar's MIN_YEAR and
 * MAX_YEAR), and the readers' answers for any text.
 */
import fc from 'fast-check';

import { readPlanMoment } from '../../../src/domain/plan/parsePlanMoment';
import {
  createTermCalendar,
  MAX_YEAR,
  MIN_YEAR,
  readAcademicYear,
  readIsoDate,
  readTermKey,
} from '../../../src/domain/terms/termCalendar';

describe('the year window', () => {
  it('is 1990–2100', () => {
    expect([MIN_YEAR, MAX_YEAR]).toEqual([1990, 2100]);
  });

  it.each([
    ['1990-01-01', true],
    ['2100-12-31', true],
    ['1989-12-31', false],
    ['2101-01-01', false],
    ['0019-09-01', false],
    ['9999-12-31', false],
  ])('reads the date %s: %s', (text, ok) => {
    expect(readIsoDate(text).ok).toBe(ok);
  });

  it.each([
    [
      '9999-12-31',
      '"9999-12-31" is a date in 9999, outside the years 1990–2100 this product works with; check the year',
    ],
    [
      '0099-01-01',
      '"0099-01-01" is a date in 0099, outside the years 1990–2100 this product works with; check the year',
    ],
    ['2019-02-29', '"2019-02-29" is not a real date; check the month and the day'],
    ['22/11/2026', '"22/11/2026" is not a date; write dates as YYYY-MM-DD, e.g. 2025-09-03'],
  ])('says what is wrong with the date %s', (text, message) => {
    expect(readIsoDate(text)).toEqual({ ok: false, message });
  });

  it.each([
    ['1990-91', 1990],
    ['2099-00', 2099],
  ])('reads the academic year %s', (text, startYear) => {
    expect(readAcademicYear(text)).toEqual({ ok: true, value: startYear });
  });

  it.each([['1989-90'], ['2100-01'], ['0019-20'], ['9998-99']])(
    'refuses the academic year %s, naming the window',
    (text) => {
      const read = readAcademicYear(text);
      expect(!read.ok && read.message).toContain('outside the years 1990–2100');
    },
  );

  it.each([['0019-20-autumn'], ['9999-00-summer'], ['2100-01-autumn']])(
    'refuses the term %s, naming the window',
    (text) => {
      const read = readTermKey(text);
      expect(!read.ok && read.message).toContain('outside the years 1990–2100');
    },
  );

  it.each([
    ['9999-12-31', 'a date in 9999'],
    ['0017-18', 'an academic year in 0017'],
    ['3017-18-spring', 'a term in 3017'],
  ])('refuses the plan moment %s', (text, what) => {
    const read = readPlanMoment(text);
    expect(!read.ok && read.message).toContain(what);
  });

  it('refuses term dates outside the window, by year and by date', () => {
    const result = createTermCalendar({ '0025-26': {}, '2025-26': { autumn: { start: '9025-09-03' } } });
    expect(!result.ok && result.errors.map((error) => error.path)).toEqual([
      '0025-26',
      '2025-26.autumn.start',
    ]);
  });

  it.each([
    ['readIsoDate', readIsoDate],
    ['readAcademicYear', readAcademicYear],
    ['readTermKey', readTermKey],
    ['readPlanMoment', readPlanMoment],
  ] as const)('%s reads any text to a value in the window or a message, never throwing', (_name, read) => {
    const dateLike = fc
      .tuple(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 0, max: 99 }),
      )
      .map(
        ([y, m, d]) =>
          `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
      );
    const termLike = fc
      .tuple(fc.integer({ min: 0, max: 9999 }), fc.constantFrom('autumn', 'spring', 'summer', 'winter', ''))
      .map(
        ([y, term]) =>
          `${String(y).padStart(4, '0')}-${String((y + 1) % 100).padStart(2, '0')}${term ? `-${term}` : ''}`,
      );
    fc.assert(
      fc.property(fc.oneof(fc.string(), dateLike, termLike), (text) => {
        const result = read(text);
        if (!result.ok) return result.message.length > 0;
        const value: unknown = result.value;
        const year =
          typeof value === 'number'
            ? value
            : typeof value === 'string'
              ? Number(value.slice(0, 4))
              : Number(JSON.stringify(value).match(/\d{4}/)?.[0]);
        return year >= MIN_YEAR && year <= MAX_YEAR;
      }),
      { numRuns: 200 },
    );
  });
});

import fc from 'fast-check';

import {
  DEFAULT_REMINDER_DAYS,
  DEFAULT_ROUND_WINDOWS,
  parseReminderDays,
  parseRoundWindows,
  reminderDays,
  roundDates,
  type RoundWindows,
} from '../../../src/domain/round/roundCalendar';
import type { TermName } from '../../../src/domain/terms/term';
import { isIsoDate } from '../../../src/domain/terms/termCalendar';

function windowsFrom(text: string): RoundWindows {
  const result = parseRoundWindows(text);
  if (!result.ok) throw new Error(result.message);
  return result.windows;
}

describe('roundDates', () => {
  it.each<[number, TermName, string, string]>([
    [2025, 'autumn', '2025-11-24', '2025-12-12'],
    [2025, 'spring', '2026-03-02', '2026-03-20'],
    [2025, 'summer', '2026-06-22', '2026-07-10'],
    [2026, 'autumn', '2026-11-24', '2026-12-12'],
    [2026, 'spring', '2027-03-02', '2027-03-20'],
    [2026, 'summer', '2027-06-22', '2027-07-10'],
  ])('the default window, academic year starting %i, %s: %s to %s', (startYear, term, opensOn, closesOn) => {
    expect(roundDates({ startYear, term }, DEFAULT_ROUND_WINDOWS)).toEqual({ opensOn, closesOn });
  });

  it.each<[string, number, TermName, string, string]>([
    ['a trust window for autumn', 2025, 'autumn', '2025-12-01', '2025-12-15'],
    ['the defaults kept for spring', 2025, 'spring', '2026-03-02', '2026-03-20'],
    ['a trust window for summer', 2025, 'summer', '2026-07-01', '2026-07-17'],
  ])('%s', (_name, startYear, term, opensOn, closesOn) => {
    const windows = windowsFrom('autumn=12-01..12-15, summer=07-01..07-17');
    expect(roundDates({ startYear, term }, windows)).toEqual({ opensOn, closesOn });
  });

  it.each<[string, number, string, string]>([
    ['a leap year keeps 29 February', 2027, '2028-02-29', '2028-03-10'],
    ['a common year moves it to 28 February', 2025, '2026-02-28', '2026-03-10'],
  ])('a window opening on 29 February: %s', (_name, startYear, opensOn, closesOn) => {
    const windows = windowsFrom('spring=02-29..03-10');
    const dates = roundDates({ startYear, term: 'spring' }, windows);
    expect(dates).toEqual({ opensOn, closesOn });
    expect(isIsoDate(dates.opensOn)).toBe(true);
  });

  it('a window closing on 29 February in a common year closes on 28 February, and its reminders can be worked out', () => {
    const dates = roundDates({ startYear: 2025, term: 'spring' }, windowsFrom('spring=02-10..02-29'));
    expect(dates).toEqual({ opensOn: '2026-02-10', closesOn: '2026-02-28' });
    expect(reminderDays(dates, [5, 2, 0])).toEqual(['2026-02-23', '2026-02-26', '2026-02-28']);
  });
});

describe('reminderDays', () => {
  const dates = { opensOn: '2025-11-24', closesOn: '2025-12-12' };

  it.each<[string, number[], string[]]>([
    ['the default cadence', [...DEFAULT_REMINDER_DAYS], ['2025-12-07', '2025-12-10', '2025-12-12']],
    ['given in any order, earliest first', [0, 5, 2], ['2025-12-07', '2025-12-10', '2025-12-12']],
    ['duplicates give one reminder a day', [2, 2, 0, 2], ['2025-12-10', '2025-12-12']],
    ['the close day only', [0], ['2025-12-12']],
    ['the opening day is allowed', [18], ['2025-11-24']],
    ['never before the round opens', [30, 19, 18, 1], ['2025-11-24', '2025-12-11']],
    ['all before opening: none', [40, 19], []],
    ['no cadence: none', [], []],
    ['across a month end', [12, 11], ['2025-11-30', '2025-12-01']],
  ])('%s', (_name, daysBefore, expected) => {
    expect(reminderDays(dates, daysBefore)).toEqual(expected);
  });

  it('a one-day round gets at most one reminder, on that day', () => {
    expect(reminderDays({ opensOn: '2026-03-20', closesOn: '2026-03-20' }, [5, 2, 0])).toEqual([
      '2026-03-20',
    ]);
  });

  it('leaves the caller’s list alone', () => {
    const daysBefore = [0, 5, 2];
    reminderDays(dates, daysBefore);
    expect(daysBefore).toEqual([0, 5, 2]);
  });
});

describe('parseRoundWindows', () => {
  it.each<[string, string, RoundWindows]>([
    ['empty: the defaults', '', DEFAULT_ROUND_WINDOWS],
    ['only spaces and commas: the defaults', ' , ,', DEFAULT_ROUND_WINDOWS],
    [
      'all three terms',
      'autumn=11-20..12-05, spring=02-23..03-13, summer=06-15..07-03',
      {
        autumn: { opens: '11-20', closes: '12-05' },
        spring: { opens: '02-23', closes: '03-13' },
        summer: { opens: '06-15', closes: '07-03' },
      },
    ],
    [
      'one term; the others keep the default',
      'spring=03-09..03-27',
      { ...DEFAULT_ROUND_WINDOWS, spring: { opens: '03-09', closes: '03-27' } },
    ],
    [
      'spaces around the parts',
      ' summer = 06-22 .. 07-17 ,',
      { ...DEFAULT_ROUND_WINDOWS, summer: { opens: '06-22', closes: '07-17' } },
    ],
    [
      'a one-day window',
      'autumn=12-01..12-01',
      { ...DEFAULT_ROUND_WINDOWS, autumn: { opens: '12-01', closes: '12-01' } },
    ],
    [
      '29 February',
      'spring=02-29..03-10',
      { ...DEFAULT_ROUND_WINDOWS, spring: { opens: '02-29', closes: '03-10' } },
    ],
  ])('accepts %s', (_name, text, windows) => {
    expect(parseRoundWindows(text)).toEqual({ ok: true, windows });
  });

  it.each([
    [
      'a missing separator',
      'autumn 11-24..12-12',
      '"autumn 11-24..12-12" should look like autumn=11-24..12-12',
    ],
    ['a single dot', 'autumn=11-24.12-12', '"autumn=11-24.12-12" should look like autumn=11-24..12-12'],
    ['a one-digit day', 'autumn=11-4..12-12', '"autumn=11-4..12-12" should look like autumn=11-24..12-12'],
    [
      'a full date',
      'autumn=2025-11-24..2025-12-12',
      '"autumn=2025-11-24..2025-12-12" should look like autumn=11-24..12-12',
    ],
    [
      'a missing comma',
      'autumn=11-24..12-12 spring=03-02..03-20',
      '"autumn=11-24..12-12 spring=03-02..03-20" should look like autumn=11-24..12-12',
    ],
    [
      'a semicolon',
      'autumn=11-24..12-12;spring=03-02..03-20',
      '"autumn=11-24..12-12;spring=03-02..03-20" should look like autumn=11-24..12-12',
    ],
    ['a term that is not one', 'winter=01-10..01-20', '"winter" is not a term: use autumn, spring or summer'],
    ['a capitalised term', 'Autumn=11-24..12-12', '"Autumn" is not a term: use autumn, spring or summer'],
    ['month 13', 'autumn=13-01..13-10', '"autumn=13-01..13-10": write days as MM-DD, e.g. 11-24'],
    ['31 November', 'autumn=11-24..11-31', '"autumn=11-24..11-31": write days as MM-DD, e.g. 11-24'],
    ['day 00', 'spring=03-00..03-20', '"spring=03-00..03-20": write days as MM-DD, e.g. 11-24'],
    ['30 February', 'spring=02-30..03-20', '"spring=02-30..03-20": write days as MM-DD, e.g. 11-24'],
    [
      'closing before opening',
      'summer=07-10..06-22',
      '"summer=07-10..06-22": the round closes before it opens',
    ],
    [
      'a term given twice',
      'autumn=11-24..12-12, autumn=11-17..12-05',
      '"autumn" is given twice: give each term once',
    ],
    [
      'a good part then a bad one',
      'autumn=11-24..12-12, spring=03-20..03-02',
      '"spring=03-20..03-02": the round closes before it opens',
    ],
  ])('refuses %s', (_name, text, message) => {
    expect(parseRoundWindows(text)).toEqual({ ok: false, message });
  });

  it('never throws, and every window it accepts is real and in order', () => {
    const part = fc.oneof(
      fc.string(),
      fc
        .tuple(
          fc.constantFrom('autumn', 'spring', 'summer', 'winter', ''),
          fc.integer({ min: 0, max: 13 }),
          fc.integer({ min: 0, max: 32 }),
          fc.integer({ min: 0, max: 13 }),
          fc.integer({ min: 0, max: 32 }),
        )
        .map(([name, m1, d1, m2, d2]) => {
          const two = (n: number) => String(n).padStart(2, '0');
          return `${name}=${two(m1)}-${two(d1)}..${two(m2)}-${two(d2)}`;
        }),
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary' }),
          fc.array(part).map((parts) => parts.join(',')),
        ),
        (text) => {
          const result = parseRoundWindows(text);
          if (!result.ok) {
            expect(result.message.length).toBeGreaterThan(0);
            return;
          }
          for (const window of Object.values(result.windows)) {
            expect(isIsoDate(`2000-${window.opens}`) && isIsoDate(`2000-${window.closes}`)).toBe(true);
            expect(window.opens <= window.closes).toBe(true);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('parseReminderDays', () => {
  it.each<[string, string, number[]]>([
    ['the default', '5,2,0', [5, 2, 0]],
    ['spaces', ' 7 , 3 ,1 ', [7, 3, 1]],
    ['one day', '0', [0]],
    ['a leading zero', '05', [5]],
    ['the largest', '99', [99]],
    ['duplicates as written (reminderDays removes them)', '2,2', [2, 2]],
    ['empty: no reminders', '', []],
    ['stray commas', ',3,,1,', [3, 1]],
    ['none', 'none', []],
  ])('accepts %s', (_name, text, days) => {
    expect(parseReminderDays(text)).toEqual({ ok: true, days });
  });

  it.each([
    ['a negative number', '5,-1', '"-1" is not a number of days from 0 to 99'],
    ['three digits', '100', '"100" is not a number of days from 0 to 99'],
    ['a fraction', '1.5', '"1.5" is not a number of days from 0 to 99'],
    ['a word', 'five', '"five" is not a number of days from 0 to 99'],
    ['a unit', '5d', '"5d" is not a number of days from 0 to 99'],
    ['spaces instead of commas', '5 2 0', '"5 2 0" is not a number of days from 0 to 99'],
    ['semicolons', '5;2', '"5;2" is not a number of days from 0 to 99'],
    ['a plus sign', '+5', '"+5" is not a number of days from 0 to 99'],
    ['Arabic-Indic digits', '٥', '"٥" is not a number of days from 0 to 99'],
    ['commas alone', ', ,', '", ," names no day: write days such as 5,2,0, or none for no reminders'],
  ])('refuses %s', (_name, text, message) => {
    expect(parseReminderDays(text)).toEqual({ ok: false, message });
  });

  it('never throws, and every day it accepts is a whole number from 0 to 99', () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc
        .array(fc.oneof(fc.integer({ min: -5, max: 120 }).map(String), fc.string()))
        .map((parts) => parts.join(',')),
    );
    fc.assert(
      fc.property(text, (input) => {
        const result = parseReminderDays(input);
        if (!result.ok) {
          expect(result.message.length).toBeGreaterThan(0);
          return;
        }
        for (const day of result.days) {
          expect(Number.isInteger(day) && day >= 0 && day <= 99).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });
});

import { isKnownTimeZone, localTime } from '../../../src/domain/terms/localTime';

const LONDON = 'Europe/London';

describe('localTime in Europe/London', () => {
  it.each([
    // Winter: London is on GMT, the same as UTC.
    ['a winter afternoon', '2026-01-15T14:30:00Z', '2026-01-15', 14],
    ['winter midnight', '2026-01-15T00:00:00Z', '2026-01-15', 0],
    ['the last minute of a winter day', '2026-01-15T23:59:59Z', '2026-01-15', 23],
    // Clocks go forward at 01:00 UTC on the last Sunday of March (29 March 2026).
    ['a minute before the clocks go forward', '2026-03-29T00:59:00Z', '2026-03-29', 0],
    ['the moment the clocks go forward (01:00 GMT is 02:00 BST)', '2026-03-29T01:00:00Z', '2026-03-29', 2],
    ['the evening before the change', '2026-03-28T23:30:00Z', '2026-03-28', 23],
    ['the evening after the change', '2026-03-29T23:30:00Z', '2026-03-30', 0],
    // Summer: BST is UTC+1, so late evening UTC is already tomorrow in London.
    ['half past eleven UTC on 30 June', '2026-06-30T23:30:00Z', '2026-07-01', 0],
    ['eleven UTC on 30 June', '2026-06-30T22:59:59Z', '2026-06-30', 23],
    ['London midnight in BST', '2026-06-30T23:00:00Z', '2026-07-01', 0],
    ['the last day of the summer term, late', '2026-08-31T23:15:00Z', '2026-09-01', 0],
    ['a year end in winter', '2026-12-31T23:59:00Z', '2026-12-31', 23],
    ['a new year in winter', '2027-01-01T00:00:00Z', '2027-01-01', 0],
    // Clocks go back at 01:00 UTC on the last Sunday of October (25 October 2026).
    ['a minute before the clocks go back (01:59 BST)', '2026-10-25T00:59:00Z', '2026-10-25', 1],
    ['the moment the clocks go back (02:00 BST is 01:00 GMT)', '2026-10-25T01:00:00Z', '2026-10-25', 1],
    ['the first 01:00 of the day that repeats it', '2026-10-25T00:00:00Z', '2026-10-25', 1],
    ['the night before the clocks go back', '2026-10-24T23:00:00Z', '2026-10-25', 0],
    ['the night after the clocks go back', '2026-10-25T23:00:00Z', '2026-10-25', 23],
    // A leap day.
    ['29 February 2028', '2028-02-29T12:00:00Z', '2028-02-29', 12],
  ])('%s (%s) is %s, hour %i', (_name, instant, date, hour) => {
    expect(localTime(new Date(instant), LONDON)).toEqual({ date, hour });
  });
});

describe('localTime in other zones', () => {
  it.each([
    ['UTC', '2026-06-30T23:30:00Z', '2026-06-30', 23],
    ['Etc/UTC', '2026-01-01T00:00:00Z', '2026-01-01', 0],
    ['America/New_York', '2026-07-01T03:30:00Z', '2026-06-30', 23],
    ['Asia/Kolkata', '2026-06-30T18:30:00Z', '2026-07-01', 0],
    ['Pacific/Kiritimati', '2026-12-31T10:00:00Z', '2027-01-01', 0],
    ['europe/london', '2026-06-30T23:30:00Z', '2026-07-01', 0],
  ])('%s: %s is %s, hour %i', (zone, instant, date, hour) => {
    expect(localTime(new Date(instant), zone)).toEqual({ date, hour });
  });

  it('never reports hour 24, every hour of a day in BST', () => {
    const hours = Array.from(
      { length: 24 },
      (_, h) => localTime(new Date(Date.UTC(2026, 5, 30, h, 0)), LONDON).hour,
    );
    expect(hours).toEqual([...Array.from({ length: 23 }, (_, h) => h + 1), 0]);
  });
});

describe('unknown time zones', () => {
  it.each(['Europe/Londres', 'Mars/Olympus_Mons', '', 'GMT+25', 'London'])(
    'localTime throws a RangeError for "%s"',
    (zone) => {
      expect(() => localTime(new Date('2026-06-30T12:00:00Z'), zone)).toThrow(RangeError);
    },
  );

  it.each([
    ['Europe/London', true],
    ['UTC', true],
    ['America/New_York', true],
    ['Europe/Londres', false],
    ['London', false],
    ['', false],
  ])('isKnownTimeZone("%s") is %s', (zone, known) => {
    expect(isKnownTimeZone(zone)).toBe(known);
  });

  it('still answers for a known zone after an unknown one was asked for', () => {
    expect(isKnownTimeZone('Nowhere/At_All')).toBe(false);
    expect(localTime(new Date('2026-06-30T23:30:00Z'), LONDON)).toEqual({ date: '2026-07-01', hour: 0 });
  });
});

/**
 * The browser test's round must be one an executive can open on the day CI runs, and one the product's
 * own hourly schedule leaves alone that day (it neither opens it nor sends a reminder).
 */
import {
  parseReminderDays,
  parseRoundWindows,
  reminderDays,
  roundDates,
} from '../../src/domain/round/roundCalendar';
import { DEFAULT_TERM_CALENDAR } from '../../src/domain/terms/termCalendar';
import { roundForToday } from '../e2e/support/roundForToday';

describe('roundForToday', () => {
  it.each([
    // now (UTC)                 term             typed               ROUND_WINDOWS                  reminder days
    ['2026-12-02T05:00:00Z', '2026-27-autumn', '2026-27 autumn', 'autumn=12-03..12-16', '15'],
    ['2026-12-25T12:00:00Z', '2026-27-autumn', '2026-27 autumn', 'autumn=12-26..12-31', '7'],
    ['2026-12-31T12:00:00Z', '2026-27-spring', '2026-27 spring', 'autumn=09-01..09-01', '0'],
    ['2027-01-01T00:30:00Z', '2026-27-spring', '2026-27 spring', 'spring=01-02..01-15', '15'],
    ['2027-03-31T12:00:00Z', '2026-27-summer', '2026-27 summer', 'spring=01-01..01-01', '0'],
    // 23:30 UTC on 30 June is already 1 July in London (summer time).
    ['2027-06-30T23:30:00Z', '2026-27-summer', '2026-27 summer', 'summer=07-02..07-15', '15'],
    ['2027-08-31T12:00:00Z', '2027-28-autumn', '2027-28 autumn', 'summer=04-01..04-01', '0'],
  ])('at %s opens %s, typed "%s", with %s and reminders %s', (now, termKey, typed, windows, days) => {
    const round = roundForToday(new Date(now), DEFAULT_TERM_CALENDAR);
    expect(round).toMatchObject({
      termKey,
      typed,
      env: { ROUND_WINDOWS: windows, ROUND_REMINDER_DAYS: days },
    });
  });

  it('on every day of two years is open to an executive and untouched by the schedule', () => {
    const wrong: string[] = [];
    for (let day = 0; day < 730; day++) {
      const now = new Date(Date.UTC(2026, 0, 1, 12) + day * 86_400_000);
      const round = roundForToday(now, DEFAULT_TERM_CALENDAR);
      const windows = parseRoundWindows(round.env.ROUND_WINDOWS ?? '');
      const days = parseReminderDays(round.env.ROUND_REMINDER_DAYS ?? '');
      if (!windows.ok || !days.ok) {
        wrong.push(`${round.today}: settings the product refuses`);
        continue;
      }
      const current = roundDates(DEFAULT_TERM_CALENDAR.termContaining(round.today), windows.windows);
      // The schedule opens only the current term's round, and only inside its window.
      if (round.today >= current.opensOn && round.today <= current.closesOn)
        wrong.push(`${round.today}: the schedule would open the current round`);
      // An executive can open it only while its close day has not passed.
      if (round.closesOn < round.today) wrong.push(`${round.today}: closed on ${round.closesOn}`);
      // Reminders go only on reminder days since the round opened (today, when the test opens it).
      if (reminderDays({ opensOn: round.today, closesOn: round.closesOn }, days.days).includes(round.today))
        wrong.push(`${round.today}: a reminder would go today`);
    }
    expect(wrong).toEqual([]);
  });
});

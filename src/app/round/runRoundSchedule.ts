/**
 * What the daily timer does, in the trust's time zone: close rounds whose close day has passed, open the
 * round of the current term on its opening day (or the first run after it; its fan-out is queued),
 * resume any half-done fan-out, remind heads on the reminder days, and tell executives who is still missing after the last
 * one. Every step is idempotent, so the timer may fire hourly, twice at once, or after a restart.
 */
import type { Roster } from '../../domain/roster/roster';
import { reminderDays } from '../../domain/round/roundCalendar';
import { formatTermKey } from '../../domain/terms/termCalendar';
import { closeRound } from './closeRound';
import { fanOutPrompts, openRound } from './openRound';
import { escalateMissing, remindHeads } from './remindHeads';
import type { RoundDeps } from './roundDeps';
import { currentTerm, datesOf, trustNow } from './roundTerm';

export interface ScheduleRun {
  /** Why nothing was done, when nothing was. */
  skipped?: string;
  closed: string[];
  opened: string[];
  reminded: number;
  escalated: number;
}

/** Runs the round's schedule for the trust's current day. */
export async function runRoundSchedule(deps: RoundDeps, roster: Roster): Promise<ScheduleRun> {
  const run: ScheduleRun = { closed: [], opened: [], reminded: 0, escalated: 0 };
  const now = trustNow(deps);
  if (now.hour < deps.settings.scheduleHour) {
    return { ...run, skipped: `before ${deps.settings.scheduleHour}:00 in ${deps.settings.timeZone}` };
  }
  const today = now.date;
  for (const round of await deps.rounds.list()) {
    if (round.status === 'open' && round.closesOn < today) {
      const outcome = await closeRound(deps, roster, round.term, 'schedule');
      if (outcome.kind === 'closed') run.closed.push(round.term);
    }
  }
  const term = currentTerm(deps);
  const dates = datesOf(deps, term);
  const key = formatTermKey(term);
  if (dates.opensOn <= today && today <= dates.closesOn && !(await deps.rounds.get(key))) {
    const outcome = await openRound(deps, roster, term, 'schedule');
    if (outcome.kind === 'opened') run.opened.push(key);
  }
  for (const round of await deps.rounds.list()) {
    if (round.status !== 'open') continue;
    // A round opened just now has its fan-out queued; an older one may have one a stopped host left.
    if (!run.opened.includes(round.term)) await fanOutPrompts(deps, roster, round);
    const days = reminderDays(
      { opensOn: round.openedOn, closesOn: round.closesOn },
      deps.settings.reminderDays,
    );
    if (!days.includes(today)) continue;
    run.reminded += (await remindHeads(deps, roster, round, today)).reminded.length;
    if (today === days[days.length - 1]) run.escalated += await escalateMissing(deps, roster, round, today);
  }
  return run;
}

/**
 * Reminders for heads who have not submitted, at most one a day whichever host or person asks, and the
 * executives' list of who is still missing after the last one.
 */
import type { IsoDate, Roster } from '../../domain/roster/roster';
import type { Round } from '../../domain/round/round';
import { ownerProgress, ownersMissing, remindOwners } from './ownerProgress';
import type { RoundDeps } from './roundDeps';
import { executivesOf, headOf } from './roundPeople';
import { academyProgress, roundProgressView, stillMissing } from './roundProgress';

export interface RemindResult {
  reminded: string[];
  /** Already reminded today. */
  alreadyToday: string[];
  /** Missing but not reachable: reminders cannot reach them. */
  unreachable: string[];
}

/**
 * Queues a reminder for every head whose academy is still missing, and every owner of trust figures still
 * owed, unless one went today.
 */
export async function remindHeads(
  deps: RoundDeps,
  roster: Roster,
  round: Round,
  day: IsoDate,
): Promise<RemindResult> {
  const result: RemindResult = { reminded: [], alreadyToday: [], unreachable: [] };
  const missing = stillMissing(await academyProgress(deps, roster, round));
  for (const entry of missing) {
    const { academy } = entry;
    const head = headOf(academy.urn, roster);
    if (entry.standing === 'unreachable' || !head) {
      result.unreachable.push(academy.name);
      continue;
    }
    if (!(await deps.prompts.claimReminder(round.term, academy.urn, day, deps.clock().toISOString()))) {
      result.alreadyToday.push(academy.name);
      continue;
    }
    await deps.outbox.enqueue({
      id: `reminder:${round.term}:${academy.urn}:${day}`,
      conversationKey: `person:${head.email}`,
      activity: {},
      compose: { kind: 'reminder', term: round.term, urn: academy.urn, day },
    });
    result.reminded.push(academy.name);
  }
  // The owners of trust figures are reminded as the heads are (ownerProgress.ts).
  const owners = await remindOwners(deps, roster, round, day);
  result.reminded.push(...owners.reminded);
  result.alreadyToday.push(...owners.alreadyToday);
  result.unreachable.push(...owners.unreachable);
  deps.log.info(`Round ${round.term}: reminded ${result.reminded.length} heads and owners on ${day}.`);
  return result;
}

/** Tells every executive who is still missing (after the last reminder), once per round and day. */
export async function escalateMissing(
  deps: RoundDeps,
  roster: Roster,
  round: Round,
  day: IsoDate,
): Promise<number> {
  const [progress, owners] = await Promise.all([
    academyProgress(deps, roster, round),
    ownerProgress(deps, roster, round),
  ]);
  const missing = stillMissing(progress).length + ownersMissing(owners).length;
  if (missing === 0) return 0;
  const card = deps.cards.progress({
    ...roundProgressView(round, progress, owners),
    summaryLine: `Still missing after the last reminder: ${missing}`,
  });
  let told = 0;
  for (const executive of executivesOf(roster)) {
    await deps.outbox.enqueue({
      id: `escalation:${round.term}:${day}:${executive.email}`,
      conversationKey: `person:${executive.email}`,
      activity: { type: 'message', attachments: [card] },
    });
    told++;
  }
  return told;
}

/**
 * Where the owners of trust figures stand in a round, beside the academies (roundProgress.ts): each
 * owner asked for figures this term, submitted, draft saved, not started, unreachable or excused; and
 * their reminders, which go like the heads' (at most one a day, not once submitted or excused).
 */
import { METRIC_CATALOGUE } from '../../domain/metrics/metricCatalogue';
import type { IsoDate, Person, Roster } from '../../domain/roster/roster';
import type { OwnerRequest } from '../../domain/round/ownerRequests';
import type { Round } from '../../domain/round/round';
import { ownerPromptKey } from './openRound';
import { ownersOfRound } from './ownerFigures';
import type { RoundDeps } from './roundDeps';
import type { AcademyStanding } from './roundProgress';

export interface OwnerProgress {
  owner: Person;
  request: OwnerRequest;
  standing: AcademyStanding;
  /** Why they are unreachable or excused. */
  detail?: string;
}

const LABELS = new Map(METRIC_CATALOGUE.map((metric) => [metric.id, metric.label]));

/** "Trust figures (Local governing body vacancies, Climate action plan in place; 6 academies)". */
export function ownerFiguresLine(request: OwnerRequest): string {
  const count = request.academies.length;
  const labels = request.metricIds.map((id) => LABELS.get(id) ?? id).join(', ');
  return `Trust figures (${labels}; ${count} ${count === 1 ? 'academy' : 'academies'})`;
}

/** An owner as `missing` lists them: "Trust figures (Teacher turnover; 6 academies) — Priya Shah". */
export function ownerLine(entry: OwnerProgress): string {
  return `${ownerFiguresLine(entry.request)} — ${entry.owner.name}`;
}

/**
 * How the owners stand, as `missing` counts them after "trust figures: ": "1 of 2 owners submitted,
 * 1 excused" (or "1 excused" when every owner asked is excused); undefined when nobody was asked.
 */
export function ownersCount(owners: readonly OwnerProgress[]): string | undefined {
  if (owners.length === 0) return undefined;
  const excused = owners.filter((entry) => entry.standing === 'excused').length;
  const submitted = owners.filter((entry) => entry.standing === 'submitted').length;
  const expected = owners.length - excused;
  const excusedPart = excused > 0 ? `${excused} excused` : '';
  if (expected === 0) return excusedPart;
  return `${submitted} of ${expected} ${expected === 1 ? 'owner' : 'owners'} submitted${excusedPart ? `, ${excusedPart}` : ''}`;
}

/** What reading the owners' standings needs: who is asked (the plan, its calendar) and where they stand. */
export type OwnerProgressDeps = Pick<
  RoundDeps,
  'plan' | 'calendar' | 'settings' | 'owners' | 'conversations' | 'prompts'
>;

/** Every owner asked in the round, with where their answer stands, in roster order. */
export async function ownerProgress(
  deps: OwnerProgressDeps,
  roster: Roster,
  round: Round,
): Promise<OwnerProgress[]> {
  const requests = ownersOfRound(deps, roster, round);
  if (requests.length === 0) return [];
  const records = new Map((await deps.owners.term(round.term)).map((record) => [record.email, record]));
  return Promise.all(
    requests.map(async (request): Promise<OwnerProgress> => {
      const { owner } = request;
      const record = records.get(owner.email);
      const base = { owner, request };
      if (record?.state === 'submitted') return { ...base, standing: 'submitted' };
      if (record?.excused) return { ...base, standing: 'excused', detail: record.excused.reason };
      const conversation = await deps.conversations.get(`person:${owner.email}`);
      if (!conversation)
        return { ...base, standing: 'unreachable', detail: 'the app is not installed for them' };
      if (conversation.unreachable) {
        return {
          ...base,
          standing: 'unreachable',
          detail: `Teams answered ${conversation.unreachable.status}`,
        };
      }
      const prompt = await deps.prompts.get(round.term, ownerPromptKey(owner.email));
      if (prompt?.state === 'noConversation' && record?.state !== 'draft') {
        return {
          ...base,
          standing: 'notStarted',
          detail: 'installed since the round opened; type **remind** to send the card',
        };
      }
      return { ...base, standing: record?.state === 'draft' ? 'draft' : 'notStarted' };
    }),
  );
}

/** The owners still owed: not submitted and not excused. */
export function ownersMissing(progress: readonly OwnerProgress[]): OwnerProgress[] {
  return progress.filter((entry) => entry.standing !== 'submitted' && entry.standing !== 'excused');
}

/** The outbox message id of an owner's reminder on a day: the same at every attempt. */
export function ownerReminderMessageId(term: string, email: string, day: IsoDate): string {
  return `reminder:${term}:owner:${email}:${day}`;
}

/**
 * Queues a reminder for every owner still owed, unless one went today (claimed in the prompt log under
 * the owner's prompt key, as an academy's is under its URN). Answers the owners' names, as remindHeads
 * answers academies'.
 */
export async function remindOwners(
  deps: RoundDeps,
  roster: Roster,
  round: Round,
  day: IsoDate,
): Promise<{ reminded: string[]; alreadyToday: string[]; unreachable: string[] }> {
  const result = { reminded: [] as string[], alreadyToday: [] as string[], unreachable: [] as string[] };
  for (const entry of ownersMissing(await ownerProgress(deps, roster, round))) {
    const { owner } = entry;
    const name = `${owner.name} (trust figures)`;
    if (entry.standing === 'unreachable') {
      result.unreachable.push(name);
      continue;
    }
    const key = ownerPromptKey(owner.email);
    if (!(await deps.prompts.claimReminder(round.term, key, day, deps.clock().toISOString()))) {
      result.alreadyToday.push(name);
      continue;
    }
    await deps.outbox.enqueue({
      id: ownerReminderMessageId(round.term, owner.email, day),
      conversationKey: `person:${owner.email}`,
      activity: {},
      compose: { kind: 'ownerReminder', term: round.term, email: owner.email, day },
    });
    result.reminded.push(name);
  }
  return result;
}

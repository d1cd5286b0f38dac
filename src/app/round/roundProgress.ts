/**
 * Where a round stands, academy by academy: submitted, draft saved, not started, could not be reached,
 * excused. One read of the term's records and one of its prompt log.
 */
import { formatDateLabel } from '../../domain/evaluation/formatForTrustees';
import type { Academy, Roster } from '../../domain/roster/roster';
import type { AcademyTermRecord, PromptRecord, Round } from '../../domain/round/round';
import { ownerLine, type OwnerProgress, ownersCount } from './ownerProgress';
import type { RoundDeps } from './roundDeps';
import { headOf } from './roundPeople';
import { termLabel } from './roundTerm';
import type { RoundProgressView } from './roundViews';

export type AcademyStanding = 'submitted' | 'draft' | 'notStarted' | 'unreachable' | 'excused';

export interface AcademyProgress {
  academy: Academy;
  headName?: string;
  standing: AcademyStanding;
  /** Why it is unreachable or excused, or when it was submitted. */
  detail?: string;
}

/** Every asked academy's standing in the round, in roster order. */
export async function academyProgress(
  deps: Pick<RoundDeps, 'figures' | 'prompts' | 'conversations'>,
  roster: Roster,
  round: Round,
): Promise<AcademyProgress[]> {
  const [records, prompts] = await Promise.all([
    deps.figures.term(round.term),
    deps.prompts.list(round.term),
  ]);
  const recordOf = new Map<string, AcademyTermRecord>(records.map((record) => [record.urn, record]));
  const promptOf = new Map<string, PromptRecord>(prompts.map((prompt) => [prompt.urn, prompt]));
  // Asked: prompted, or the head answered or was excused. A record holding only figures nobody asked the
  // head for (imported from a publisher's file, or the trust's own) does not make its academy owe any.
  const asked = roster.academies.filter((academy) => {
    const record = recordOf.get(academy.urn);
    return promptOf.has(academy.urn) || (record !== undefined && headsRecord(record));
  });
  return Promise.all(
    asked.map(async (academy): Promise<AcademyProgress> => {
      const record = recordOf.get(academy.urn);
      const prompt = promptOf.get(academy.urn);
      const head = headOf(academy.urn, roster);
      const base = { academy, ...(head ? { headName: head.name } : {}) };
      if (record?.state === 'submitted') return { ...base, standing: 'submitted' };
      if (record?.excused) return { ...base, standing: 'excused', detail: record.excused.reason };
      if (!head) return { ...base, standing: 'unreachable', detail: 'no head on the roster' };
      const conversation = await deps.conversations.get(`person:${head.email}`);
      if (!conversation)
        return { ...base, standing: 'unreachable', detail: 'the app is not installed for them' };
      if (conversation.unreachable) {
        return {
          ...base,
          standing: 'unreachable',
          detail: `Teams answered ${conversation.unreachable.status}`,
        };
      }
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

/** Whether the head has done something with the record: a draft, a submission, an excuse. */
function headsRecord(record: AcademyTermRecord): boolean {
  return record.state !== 'notStarted' || record.excused !== undefined;
}

/** Each standing in words, as `missing` heads its sections. */
export const STANDING_TITLES: Record<AcademyStanding, string> = {
  submitted: 'Submitted',
  draft: 'Draft saved, not submitted',
  notStarted: 'Not started',
  unreachable: 'Could not be reached',
  excused: 'Excused',
};

/**
 * The executives' view of a round (`missing`, `round`): the academies, and the owners of trust figures
 * (ownerProgress.ts) under the same headings, after the academies.
 */
export function roundProgressView(
  round: Round,
  progress: readonly AcademyProgress[],
  owners: readonly OwnerProgress[] = [],
): RoundProgressView {
  const count = (standing: AcademyStanding): number =>
    progress.filter((entry) => entry.standing === standing).length;
  const line = (parts: string[]): string => parts.filter(Boolean).join(' ');
  const sections = (Object.keys(STANDING_TITLES) as AcademyStanding[])
    .map((standing) => {
      const lines = [
        ...progress
          .filter((entry) => entry.standing === standing)
          .map((entry) =>
            line([
              entry.academy.name,
              entry.headName ? `— ${entry.headName}` : '',
              entry.detail ? `(${entry.detail})` : '',
            ]),
          ),
        ...owners
          .filter((entry) => entry.standing === standing)
          .map((entry) => line([ownerLine(entry), entry.detail ? `(${entry.detail})` : ''])),
      ];
      return { title: `${STANDING_TITLES[standing]} (${lines.length})`, lines };
    })
    .filter((section) => section.lines.length > 0);
  const expected = progress.length - count('excused');
  const ownersLine = ownersCount(owners);
  const trustLine = ownersLine ? `; trust figures: ${ownersLine}` : '';
  return {
    termLabel: termLabel(round.term),
    stateLine:
      round.status === 'open'
        ? `Open since ${formatDateLabel(round.openedOn)}; closes at the end of ${formatDateLabel(round.closesOn)}`
        : `Closed on ${formatDateLabel(round.closedAt?.slice(0, 10) ?? round.closesOn)}`,
    summaryLine: `${count('submitted')} of ${expected} submitted${count('excused') ? `, ${count('excused')} excused` : ''}${trustLine}`,
    sections,
  };
}

/** The standings still owed: everyone not submitted and not excused. */
export function stillMissing(progress: readonly AcademyProgress[]): AcademyProgress[] {
  return progress.filter((entry) => entry.standing !== 'submitted' && entry.standing !== 'excused');
}

/** Looks up the round the executive means: the open one, else the latest. */
export async function latestRound(deps: RoundDeps): Promise<Round | undefined> {
  const rounds = await deps.rounds.list();
  return rounds.find((round) => round.status === 'open') ?? rounds[0];
}

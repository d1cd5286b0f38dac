/**
 * Posting the risk summary to the board channel: built from the stored evaluation of a closed term (or,
 * provisionally, from the open round's figures), sent once per term, and updated in place on every
 * later run: the posted message's id is stored, and a re-run calls update, never send.
 */
import type { Evaluation } from '../../domain/evaluation/evaluation';
import type { Roster } from '../../domain/roster/roster';
import { trustFigureOwners } from '../../domain/roster/trustFigureOwners';
import type { Round } from '../../domain/round/round';
import type { SendOutcome, StoredConversation } from '../ports';
import { evaluateRound } from '../round/closeRound';
import { academyProgress } from '../round/roundProgress';
import { termLabel } from '../round/roundTerm';
import { boardChannelState } from './boardBinding';
import type { BoardDeps } from './boardDeps';
import { summaryView, TREND_TERMS } from './summaryView';

/** A claim this old without a message id was left by a host that stopped mid-post; another may take over. */
export const STALE_CLAIM_MS = 2 * 60 * 1000;

export type PostOutcome =
  | {
      /** `reposted`: the message posted earlier was deleted in Teams (404), so a new one was posted. */
      kind: 'posted' | 'updated' | 'reposted';
      term: string;
      activityId: string;
      provisional: boolean;
      bytes: number;
    }
  /** `failed`: Teams did not take the post (429 or 5xx after the client's retries, 412, no answer). */
  | { kind: 'noChannel' | 'busy' | 'unreachable' | 'noEvaluation' | 'failed'; term: string; text: string };

/** The status a thrown send carries (the sender's RetryableSendError), for the executive. */
function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

/**
 * A send or update whose failure is answered as a value, never as "done". Teams' 429 (after its
 * Retry-After) and 5xx have already been retried by the Bot Connector client by the time it throws.
 */
async function attempt(
  deps: BoardDeps,
  what: string,
  call: () => Promise<SendOutcome>,
): Promise<SendOutcome | { kind: 'failed'; status?: number }> {
  try {
    return await call();
  } catch (error) {
    deps.round.log.error(`${what} failed`, error);
    const status = statusOf(error);
    return { kind: 'failed', ...(status !== undefined && { status }) };
  }
}

function failed(term: string, status: number | undefined): PostOutcome {
  return {
    kind: 'failed',
    term,
    text:
      `Teams did not take the ${termLabel(term)} summary (${status ?? 'no answer'}), even after retrying: it was not posted. ` +
      'Type **post summary** again in a few minutes.',
  };
}

/** Closed rounds, newest first. */
export async function closedRounds(deps: BoardDeps): Promise<Round[]> {
  return (await deps.round.rounds.list()).filter((round) => round.status === 'closed');
}

/** The summary's evaluation and what it is compared with. */
async function summaryInput(
  deps: BoardDeps,
  roster: Roster,
  round: Round,
): Promise<{ evaluation: Evaluation; history: Evaluation[]; provisional: boolean } | undefined> {
  const provisional = round.status === 'open';
  const evaluation = provisional
    ? await evaluateRound(deps.round, roster, round)
    : await deps.round.evaluations.get(round.term);
  if (!evaluation) return undefined;
  const earlier = (await closedRounds(deps))
    .filter((closed) => closed.term < round.term)
    .slice(0, TREND_TERMS - 1);
  const history = (await Promise.all(earlier.map((closed) => deps.round.evaluations.get(closed.term))))
    .filter((stored): stored is Evaluation => stored !== undefined)
    .reverse();
  return { evaluation, history, provisional };
}

/** The name of each trust figure's owner (people.csv `owns`, else the first executive), by metric id. */
export function trustOwnerNames(roster: Roster): Map<string, string> {
  return new Map([...trustFigureOwners(roster.people)].map(([metricId, person]) => [metricId, person.name]));
}

/** Builds the summary card's activity for a round's term. */
export async function summaryActivity(
  deps: BoardDeps,
  roster: Roster,
  round: Round,
): Promise<{ activity: Record<string, unknown>; provisional: boolean; bytes: number } | undefined> {
  const input = await summaryInput(deps, roster, round);
  if (!input) return undefined;
  const progress = await academyProgress(deps.round, roster, round);
  const previous = input.history[input.history.length - 1];
  const view = summaryView({
    evaluation: input.evaluation,
    ...(previous && { previous }),
    history: input.history,
    progress,
    trustOwners: trustOwnerNames(roster),
    provisional: input.provisional,
    ...(input.provisional && { openUntil: round.closesOn }),
  });
  const activity = { type: 'message', attachments: [deps.cards.summary(view)] };
  return {
    activity,
    provisional: input.provisional,
    bytes: Buffer.byteLength(JSON.stringify(activity), 'utf8'),
  };
}

/** Posts (or updates in place) the summary of the round's term in the board channel. */
export async function postBoardSummary(deps: BoardDeps, roster: Roster, round: Round): Promise<PostOutcome> {
  const term = round.term;
  const state = await boardChannelState(deps);
  if (state.kind !== 'bound') {
    return {
      kind: 'noChannel',
      term,
      text:
        state.kind === 'unbound'
          ? `I can't post the summary: no channel is bound as the board's yet. Add the app to the board's team in Teams; ` +
            `I then ask in its ${roster.trust.boardChannel} channel for an executive to confirm it (docs/deploy.md). Then type **post summary**.`
          : `I can't post to the board channel: ${state.unreachable ? `Teams refused it (${state.unreachable.status})` : 'its conversation is not known yet'}. ` +
            `Add the app to the board's team in Teams (or open the channel), then type **post summary**.`,
    };
  }
  const channel = state.conversation;
  const built = await summaryActivity(deps, roster, round);
  if (!built) {
    return { kind: 'noEvaluation', term, text: `The ${termLabel(term)} round has no stored evaluation yet.` };
  }
  const now = deps.round.clock();
  const claim = await deps.posts.claim(term, channel.key, now, STALE_CLAIM_MS);
  if (claim.kind === 'busy') {
    return { kind: 'busy', term, text: `The ${termLabel(term)} summary is being posted right now.` };
  }
  const record = {
    term,
    conversationKey: channel.key,
    at: now.toISOString(),
    provisional: built.provisional,
  };
  let replacing = false;
  if (claim.kind === 'posted' && claim.post.conversationKey === channel.key) {
    const postedId = claim.post.activityId;
    const updated = await attempt(deps, `Board summary ${term} update`, () =>
      deps.sender.update(channel.reference, postedId, built.activity),
    );
    if (updated.kind === 'failed') return failed(term, updated.status);
    if (updated.kind === 'sent') {
      await deps.posts.save({ ...record, activityId: postedId });
      deps.round.log.info(`Board summary ${term} updated in place (${postedId}).`);
      return {
        kind: 'updated',
        term,
        activityId: postedId,
        provisional: built.provisional,
        bytes: built.bytes,
      };
    }
    if (updated.status !== 404) return unreachable(deps, channel, term, updated.status, updated.detail);
    // 404 on an update: the message was deleted in Teams. A new one takes its place, and the executive is told.
    deps.round.log.warn(`Board summary ${term}: the posted message is gone (404); posting it again.`);
    replacing = true;
  }
  const sent = await attempt(deps, `Board summary ${term} post`, () =>
    deps.sender.send(channel.reference, built.activity),
  );
  if (sent.kind !== 'sent') {
    if (claim.kind === 'claimed') await deps.posts.release(term);
    return sent.kind === 'failed'
      ? failed(term, sent.status)
      : unreachable(deps, channel, term, sent.status, sent.detail);
  }
  const activityId = sent.activityId ?? '';
  await deps.posts.save({ ...record, ...(activityId && { activityId }) });
  deps.round.log.info(`Board summary ${term} posted (${activityId || 'no id returned'}).`);
  return {
    kind: replacing ? 'reposted' : 'posted',
    term,
    activityId,
    provisional: built.provisional,
    bytes: built.bytes,
  };
}

async function unreachable(
  deps: BoardDeps,
  channel: StoredConversation,
  term: string,
  status: number,
  detail: string,
): Promise<PostOutcome> {
  await deps.round.conversations.markUnreachable(channel.key, status, detail, deps.round.clock());
  return {
    kind: 'unreachable',
    term,
    text: `Teams refused the post to the board channel (${status}): the app may have been removed from the team. Add it again, then type **post summary**.`,
  };
}

/** What an executive reads about a post. */
export function postOutcomeText(outcome: PostOutcome, channelName: string): string {
  const what = `The ${termLabel(outcome.term)} summary${'provisional' in outcome && outcome.provisional ? ' (provisional)' : ''}`;
  switch (outcome.kind) {
    case 'posted':
      return `${what} is posted in the ${channelName} channel.`;
    case 'updated':
      return `${what} in the ${channelName} channel is updated in place.`;
    case 'reposted':
      return `${what} posted earlier in the ${channelName} channel no longer exists there, so it is posted again as a new message.`;
    default:
      return outcome.text;
  }
}

/**
 * Posting the risk summary to the board channel: built from the stored evaluation of a closed term (or,
 * provisionally, from the open round's figures), sent once per term, and updated in place on every
 * later run: the posted message's id is stored, and a re-run calls update, never send.
 */
import type { Evaluation } from '../../domain/evaluation/evaluation';
import type { Roster } from '../../domain/roster/roster';
import type { Round } from '../../domain/round/round';
import type { StoredConversation } from '../ports';
import { evaluateRound } from '../round/closeRound';
import { academyProgress } from '../round/roundProgress';
import { termLabel } from '../round/roundTerm';
import type { BoardDeps } from './boardDeps';
import { summaryView, TREND_TERMS } from './summaryView';

/** A claim this old without a message id was left by a host that stopped mid-post; another may take over. */
export const STALE_CLAIM_MS = 2 * 60 * 1000;

export type PostOutcome =
  | { kind: 'posted' | 'updated'; term: string; activityId: string; provisional: boolean; bytes: number }
  | { kind: 'noChannel' | 'busy' | 'unreachable' | 'noEvaluation'; term: string; text: string };

/** The stored board channel: the channel named in trust.yaml, found when the app was installed in the team. */
export async function boardChannel(deps: BoardDeps, roster: Roster): Promise<StoredConversation | undefined> {
  const wanted = roster.trust.boardChannel.normalize('NFC').trim().toLowerCase();
  const channels = await deps.round.conversations.list('channel');
  return channels.find(
    (channel) =>
      channel.channelName?.normalize('NFC').trim().toLowerCase() === wanted && !channel.unreachable,
  );
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
    provisional: input.provisional,
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
  const channel = await boardChannel(deps, roster);
  if (!channel) {
    return {
      kind: 'noChannel',
      term,
      text: `I can't post to the ${roster.trust.boardChannel} channel yet: add the app to the board's team in Teams, then type **post summary**.`,
    };
  }
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
  if (claim.kind === 'posted' && claim.post.conversationKey === channel.key) {
    const updated = await deps.sender.update(channel.reference, claim.post.activityId, built.activity);
    if (updated.kind === 'sent') {
      await deps.posts.save({ ...record, activityId: claim.post.activityId });
      deps.round.log.info(`Board summary ${term} updated in place (${claim.post.activityId}).`);
      return {
        kind: 'updated',
        term,
        activityId: claim.post.activityId,
        provisional: built.provisional,
        bytes: built.bytes,
      };
    }
    if (updated.status !== 404) return unreachable(deps, channel, term, updated.status, updated.detail);
    // 404 on an update: the message was deleted in Teams. A new one takes its place.
    deps.round.log.warn(`Board summary ${term}: the posted message is gone (404); posting it again.`);
  }
  let sent;
  try {
    sent = await deps.sender.send(channel.reference, built.activity);
  } catch (error) {
    if (claim.kind === 'claimed') await deps.posts.release(term);
    throw error;
  }
  if (sent.kind === 'unreachable') {
    if (claim.kind === 'claimed') await deps.posts.release(term);
    return unreachable(deps, channel, term, sent.status, sent.detail);
  }
  const activityId = sent.activityId ?? '';
  await deps.posts.save({ ...record, ...(activityId && { activityId }) });
  deps.round.log.info(`Board summary ${term} posted (${activityId || 'no id returned'}).`);
  return { kind: 'posted', term, activityId, provisional: built.provisional, bytes: built.bytes };
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
    default:
      return outcome.text;
  }
}

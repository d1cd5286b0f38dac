/**
 * The queue-triggered side of opening a round: a fan-out request (queued by the click or the schedule)
 * is carried out here, and one that kept failing is reported to the executives like an undeliverable
 * message. The fan-out is idempotent, so a retried or duplicated request, two hosts, or a restart in
 * the middle prompt nobody twice (openRound.ts says how).
 */
import type { FanOutRequest } from '../ports';
import { UNDELIVERABLE_NOTICE_PREFIX } from '../reportUndeliverable';
import { fanOutPrompts, type FanOutResult } from './openRound';
import type { RoundDeps } from './roundDeps';
import { termLabel } from './roundTerm';

/** A queue message that is not a FanOutRequest; retrying cannot fix it, so it ends in the poison queue. */
export class MalformedFanOutRequestError extends Error {
  constructor(detail: string) {
    super(`Fan-out request is malformed: ${detail}. Nobody was prompted by it; inspect the poison queue.`);
    this.name = 'MalformedFanOutRequestError';
  }
}

/** Checks the shape of a request read from the queue. */
export function parseFanOutRequest(raw: unknown): FanOutRequest {
  if (typeof raw !== 'object' || raw === null) throw new MalformedFanOutRequestError('not a JSON object');
  const { id, term, requestedBy, requestedAt } = raw as Record<string, unknown>;
  for (const [field, value] of Object.entries({ id, term, requestedBy, requestedAt })) {
    if (typeof value !== 'string' || !value) {
      throw new MalformedFanOutRequestError(`"${field}" must be a non-empty string`);
    }
  }
  return {
    id: id as string,
    term: term as string,
    requestedBy: requestedBy as string,
    requestedAt: requestedAt as string,
  };
}

export type FanOutRoundResult =
  | { kind: 'fannedOut'; term: string; fanOut: FanOutResult }
  /** Nothing to do: the round is closed, or there is no such round (a stale or foreign request). */
  | { kind: 'skipped'; term: string; reason: string };

/** Carries out one fan-out request; throws (so the queue retries) when storage fails. */
export async function fanOutRound(deps: RoundDeps, raw: unknown): Promise<FanOutRoundResult> {
  const request = parseFanOutRequest(raw);
  const [roster, round] = await Promise.all([deps.roster.current(), deps.rounds.get(request.term)]);
  if (!roster) throw new Error(`Fan-out ${request.id}: no roster is loaded yet; the queue will retry.`);
  if (!round || round.status !== 'open') {
    const reason = round ? 'the round has closed' : 'there is no such round';
    deps.log.warn(`Fan-out ${request.id}: nothing sent, ${reason}.`);
    return { kind: 'skipped', term: request.term, reason };
  }
  const fanOut = await fanOutPrompts(deps, roster, round);
  deps.log.info(
    `Fan-out ${request.id} (${request.requestedBy}): ${fanOut.queued} prompts queued, ${fanOut.already} already, ` +
      `${fanOut.noConversation.length} without a conversation, ${fanOut.noHead.length} without a head.`,
  );
  return { kind: 'fannedOut', term: round.term, fanOut };
}

/** What was reported about a failed fan-out request. */
export interface FailedFanOutReport {
  /** The round's term, when the request was readable. */
  term: string | undefined;
  /** Emails of the executives told. */
  told: string[];
}

/**
 * Reports a fan-out request that kept failing (it is in the poison queue): logged, and every executive
 * told through the outbox what it means and what to do. Throws only when storage fails (the queue
 * retries).
 */
export async function reportFailedFanOut(deps: RoundDeps, raw: unknown): Promise<FailedFanOutReport> {
  let request: FanOutRequest | undefined;
  let problem = 'it kept failing';
  try {
    request = parseFanOutRequest(raw);
  } catch (error) {
    problem = error instanceof Error ? error.message : String(error);
  }
  const which = request ? `the ${termLabel(request.term)} round` : 'a round';
  deps.log.error(`Fan-out ${request?.id ?? '(unreadable)'} for ${which} was set aside: ${problem}.`);
  const roster = await deps.roster.current();
  const executives = (roster?.people ?? []).filter((person) => person.role === 'executive');
  const text =
    `I could not finish sending the figures cards for ${which} after several attempts, so that job has been set aside. ` +
    'Nobody gets a card twice: the hourly schedule carries on where it stopped, or press **Open round** again. ' +
    'Type **missing** to see who has their card.';
  const at = deps.clock().toISOString();
  for (const executive of executives) {
    await deps.outbox.enqueue({
      // The notice prefix: a notice that itself fails to deliver is recorded, not reported again.
      id: `${UNDELIVERABLE_NOTICE_PREFIX}${request?.id ?? `fanout:${at}`}:${executive.email}`,
      conversationKey: `person:${executive.email}`,
      activity: { type: 'message', text },
    });
  }
  if (executives.length === 0)
    deps.log.error('No executive is on the roster to tell about the failed fan-out.');
  return { term: request?.term, told: executives.map((executive) => executive.email) };
}

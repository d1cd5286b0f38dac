/**
 * When a round closes, each head's and owner's latest figures card is updated in place to say so: when it
 * closed, where their answer stands, and whom to contact. The delivery of each prompt records the message
 * id of the card it sent (the observer below); closing queues one update per recorded card through the
 * outbox, and its delivery records whether the card was updated, was gone (deleted in Teams) or could not
 * be reached. A card that is gone is not tried again; a press on any old card is answered "closed".
 */
import { formatDateLabel } from '../../domain/evaluation/formatForTrustees';
import type { Person, Roster } from '../../domain/roster/roster';
import type { PromptCard, PromptCardClosing, Round } from '../../domain/round/round';
import type { DeliveryObserver, OutboxComposer } from '../ports';
import { ownerPromptKey } from './openRound';
import type { RoundDeps } from './roundDeps';
import { roundContact } from './roundPeople';
import { closedOn, termLabel } from './roundTerm';

/** Updates queued at once when a round closes: the close answers the executive within Teams' 15 s. */
const ENQUEUE_CONCURRENCY = 8;

const OWNER_PREFIX = ownerPromptKey('');

/** The outbox message id of a card's closing: the same at every attempt, so it goes once. */
export function roundClosedMessageId(term: string, key: string, activityId: string): string {
  return `closed:${term}:${key}:${activityId}`;
}

/**
 * Queues the update of every figures card recorded in the round that has not been told yet. Answers how
 * many were queued; a failure is the caller's to log (the round is closed whatever happens here).
 */
export async function queueRoundClosedCards(deps: RoundDeps, round: Round): Promise<number> {
  const cards = (await deps.prompts.cards(round.term)).filter((card) => !card.closed);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < cards.length) {
      const card = cards[next++];
      if (!card) continue;
      await deps.outbox.enqueue({
        id: roundClosedMessageId(round.term, card.key, card.activityId),
        conversationKey: card.conversationKey,
        activity: {},
        compose: { kind: 'roundClosed', term: round.term, key: card.key, activityId: card.activityId },
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(ENQUEUE_CONCURRENCY, cards.length) }, worker));
  return cards.length;
}

/** The closed card that replaces a figures card, or why there is none to send. */
export async function roundClosedActivity(
  deps: RoundDeps,
  term: string,
  key: string,
  activityId: string,
): Promise<Awaited<ReturnType<OutboxComposer>>> {
  const [roster, round, card] = await Promise.all([
    deps.roster.current(),
    deps.rounds.get(term),
    deps.prompts.getCard(term, key, activityId),
  ]);
  if (!roster || !round || !card)
    return { kind: 'obsolete', reason: `no card recorded for ${key} in ${term}` };
  if (round.status !== 'closed') return { kind: 'obsolete', reason: `the ${term} round is open` };
  if (card.closed)
    return { kind: 'obsolete', reason: `the card for ${key} was ${card.closed.outcome} already` };
  const day = closedOn(deps, round);
  const when =
    day < round.closesOn
      ? `It closed on ${formatDateLabel(day)}, before its due date of ${formatDateLabel(round.closesOn)}.`
      : `It closed on ${formatDateLabel(day)}.`;
  const answer = await answerLine(deps, roster, round, card);
  const view = {
    title: `The ${termLabel(round.term)} round has closed`,
    subject: answer.subject,
    text: `${when} ${answer.text}`,
    contact: `If something is wrong, please contact ${roundContact(roster, answer.person?.email)}.`,
  };
  return {
    kind: 'activity',
    activity: { type: 'message', summary: view.title, attachments: [deps.cards.closed(view)] },
    replaces: card.activityId,
  };
}

/** What the card was for, and where its answer stands now that nothing can be changed. */
async function answerLine(
  deps: RoundDeps,
  roster: Roster,
  round: Round,
  card: PromptCard,
): Promise<{ subject: string; text: string; person?: Person }> {
  if (card.key.startsWith(OWNER_PREFIX)) {
    const email = card.key.slice(OWNER_PREFIX.length);
    const record = await deps.owners.read(round.term, email);
    const person = roster.people.find((candidate) => candidate.email === email);
    const text =
      record.state === 'submitted'
        ? 'Your trust figures were stored and can no longer be changed.'
        : record.excused
          ? 'You were excused from sending the trust figures this round.'
          : 'Your trust figures were not submitted, so the board sees them as not sent.';
    return { subject: 'Trust figures', text, ...(person && { person }) };
  }
  const academy = roster.academies.find((candidate) => candidate.urn === card.key);
  const name = academy?.name ?? `URN ${card.key}`;
  const record = await deps.figures.read(round.term, card.key);
  const person = roster.people.find((candidate) => `person:${candidate.email}` === card.conversationKey);
  const text =
    record.state === 'submitted'
      ? 'Your figures were stored and can no longer be changed.'
      : record.excused
        ? `${name} was excused from this round.`
        : `No figures were submitted for ${name}, so the board sees them as not sent.`;
  return { subject: `Figures for ${name}`, text, ...(person && { person }) };
}

/**
 * Keeps what the round needs from its deliveries: the message id of each figures card sent, and how each
 * card's closing went (so a deleted message is recorded and never tried again).
 */
export function roundDeliveryObserver(deps: RoundDeps): DeliveryObserver {
  return async (composition, conversationKey, note) => {
    const at = deps.clock().toISOString();
    if (composition.kind === 'figuresPrompt' || composition.kind === 'ownerPrompt') {
      if (note.kind !== 'sent' || !note.activityId) return;
      const key = composition.kind === 'figuresPrompt' ? composition.urn : ownerPromptKey(composition.email);
      await deps.prompts.recordCard({
        term: composition.term,
        key,
        conversationKey,
        activityId: note.activityId,
        at,
      });
      return;
    }
    if (composition.kind !== 'roundClosed' || note.kind === 'sent') return;
    const outcome: PromptCardClosing = note.kind;
    await deps.prompts.markCardClosed(composition.term, composition.key, composition.activityId, outcome, at);
  };
}

/**
 * What a turn does once Teams has shown a figures card in a message (a new one, or the clicked card
 * replaced): records it, so the close updates it too. A message recorded before is left as it is (with
 * how its closing went), so no read of the round is needed. A failure is logged and never fails the turn
 * (the card works without it; only its closing notice is lost).
 */
export function recordShownCard(
  deps: RoundDeps,
  term: string,
  key: string,
  conversationKey: string,
): (activityId: string) => Promise<void> {
  return async (activityId) => {
    try {
      await deps.prompts.recordCard({
        term,
        key,
        conversationKey,
        activityId,
        at: deps.clock().toISOString(),
      });
    } catch (error) {
      deps.log.warn(
        `Round ${term}: the card shown for ${key} could not be recorded, so the close will not update it: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  };
}

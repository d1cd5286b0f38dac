/**
 * When a round closes, each head's and owner's latest figures card is updated in place to say so (when,
 * where their answer stands, whom to contact), through botbuilder's TestAdapter over a real Azurite: the
 * prompts' delivery records each card's message id, the close queues one update per card through the
 * outbox, and a card whose message was deleted (404) is recorded as gone, tried once, and breaks nothing.
 */
import { deliverMessage } from '../../../src/app/deliverMessage';
import type { SendOutcome } from '../../../src/app/ports';
import { queueRoundClosedCards } from '../../../src/app/round/roundClosedCards';
import { nodesOfType, runText } from '../../cards/cardTree';
import { RecordingSender } from '../../support/recordingSender';
import {
  DEMO,
  invokeAnswer,
  type RoundHarness,
  roundHarness,
  updatedCard,
  validDemoInputs,
} from '../../support/roundHarness';

const TERM = '2026-27-autumn';

/** Our own sender port, recording; a message id in `deleted` answers 404 to an update, as Teams does. */
class DeletingSender extends RecordingSender {
  readonly deleted = new Set<string>();
  override update(
    reference: Record<string, unknown>,
    activityId: string,
    activity: Record<string, unknown>,
  ): Promise<SendOutcome> {
    if (this.deleted.has(activityId)) {
      return Promise.resolve({ kind: 'unreachable', status: 404, detail: 'Not Found' });
    }
    return super.update(reference, activityId, activity);
  }
}

/** Delivers everything in the outbox through the delivery use case, as the `deliver` function would. */
async function deliverAll(h: RoundHarness, sender: DeletingSender): Promise<string[]> {
  const results: string[] = [];
  const delivery = { ...h.services.delivery, sender };
  for (;;) {
    const { receivedMessageItems } = await h.queue.receiveMessages({ numberOfMessages: 32 });
    if (receivedMessageItems.length === 0) return results;
    for (const item of receivedMessageItems) {
      const message = JSON.parse(Buffer.from(item.messageText, 'base64').toString('utf8')) as unknown;
      results.push((await deliverMessage(delivery, message)).kind);
      await h.queue.deleteMessage(item.messageId, item.popReceipt);
    }
  }
}

function sentTo(sender: DeletingSender, email: string): { activityId: string; activity: object }[] {
  return sender.sent.filter((sent) => sent.conversation === `a:${email}`);
}

function texts(card: unknown): string[] {
  return nodesOfType(card, 'RichTextBlock').map(runText);
}

describe('closing a round updates the open figures cards in place', () => {
  it("replaces each head's and owner's latest card with what closed, when and whom to contact", async () => {
    const h = await roundHarness('2026-12-02T10:00:00Z');
    for (const person of [DEMO.headPms, DEMO.headKms, DEMO.ceo]) await h.install(person.email);
    const sender = new DeletingSender();
    await h.say(h.execute(DEMO.ceo.aad, { verb: 'openRound', term: TERM }));
    expect(await deliverAll(h, sender)).toEqual(['sent', 'sent', 'sent']);
    const [helensCard] = sentTo(sender, DEMO.headPms.email);
    const [samuelsCard] = sentTo(sender, DEMO.headKms.email);
    const [ownersCard] = sentTo(sender, DEMO.ceo.email);
    if (!helensCard || !samuelsCard || !ownersCard) throw new Error('a prompt was not sent');

    // Helen submits on her card (Action.Submit): the card is replaced in place, under the same message id.
    const submitted = await h.answer(
      h.submit(
        DEMO.headPms.aad,
        { verb: 'submitFigures', term: TERM, urn: DEMO.headPms.urn, ...validDemoInputs(h) },
        helensCard.activityId,
      ),
    );
    expect(JSON.stringify(updatedCard(submitted, helensCard.activityId))).toContain(
      'Submitted by Helen Marsh',
    );
    // Samuel deleted his card's message in Teams.
    sender.deleted.add(samuelsCard.activityId);

    h.setNow('2026-12-07T15:30:00Z');
    await h.say(h.execute(DEMO.ceo.aad, { verb: 'closeRound', term: TERM }));
    expect((await deliverAll(h, sender)).sort()).toEqual(['gone', 'updated', 'updated']);

    const updates = new Map(sender.updated.map((update) => [update.activityId, update.activity]));
    expect([...updates.keys()].sort()).toEqual([helensCard.activityId, ownersCard.activityId].sort());
    expect(texts(updates.get(helensCard.activityId))).toEqual([
      'The autumn 2026 round has closed',
      'Figures for The Philip Morant School and College',
      'It closed on 7 Dec 2026, before its due date of 12 Dec 2026. Your figures were stored and can no longer be changed.',
      'If something is wrong, please contact Amara Okafor (amara.okafor@thrive-demo.example).',
    ]);
    const owners = JSON.stringify(updates.get(ownersCard.activityId));
    expect(owners).toContain('Trust figures');
    expect(owners).toContain('Your trust figures were not submitted');
    // The owner is the executive: the card points to another executive, not to herself.
    expect(owners).not.toContain('please contact Amara Okafor');
    expect(nodesOfType(JSON.parse(owners), 'Action.Execute')).toEqual([]);

    // Samuel's deleted message is recorded as gone, his conversation is still reachable, nothing else broke.
    const prompts = h.services.round.prompts;
    expect((await prompts.getCard(TERM, DEMO.headKms.urn, samuelsCard.activityId))?.closed?.outcome).toBe(
      'gone',
    );
    expect((await prompts.getCard(TERM, DEMO.headPms.urn, helensCard.activityId))?.closed?.outcome).toBe(
      'updated',
    );
    expect((await h.services.conversations.get(`person:${DEMO.headKms.email}`))?.unreachable).toBeUndefined();
    // Told once: a second close, or queueing the cards again, sends nothing more.
    await h.say(h.execute(DEMO.ceo.aad, { verb: 'closeRound', term: TERM }));
    expect(await queueRoundClosedCards(h.services.round, (await h.services.round.rounds.get(TERM))!)).toBe(0);
    expect(await deliverAll(h, sender)).toEqual([]);
    expect(sender.updated).toHaveLength(2);

    // A press on the old card still gets a clear answer, for the head and for the owner.
    const late = await h.answer(
      h.submit(
        DEMO.headPms.aad,
        { verb: 'submitFigures', term: TERM, urn: DEMO.headPms.urn, ...validDemoInputs(h) },
        helensCard.activityId,
      ),
    );
    expect(late.map((reply) => reply.text).join(' ')).toMatch(
      /The autumn 2026 round closed on 7 Dec 2026, so these figures can no longer be changed\. If something is wrong, please contact Amara Okafor/,
    );
    const ownerLate = invokeAnswer(
      await h.answer(h.execute(DEMO.ceo.aad, { verb: 'submitFigures', term: TERM })),
    );
    expect(ownerLate.text).toMatch(
      /The autumn 2026 round closed on 7 Dec 2026, so these figures can no longer be changed\. If something is wrong, please contact /,
    );
  });

  it('updates a card the head asked for again by typing figures, as well as the prompt', async () => {
    const h = await roundHarness('2026-12-02T10:00:00Z');
    for (const person of [DEMO.headPms, DEMO.headKms, DEMO.ceo]) await h.install(person.email);
    const sender = new DeletingSender();
    await h.say(h.execute(DEMO.ceo.aad, { verb: 'openRound', term: TERM }));
    expect(await deliverAll(h, sender)).toEqual(['sent', 'sent', 'sent']);
    const [prompt] = sentTo(sender, DEMO.headKms.email);
    if (!prompt) throw new Error('the prompt was not sent');

    // Samuel cannot find his card and types figures: a second card comes in a new message.
    const typed = await h.say(h.message(DEMO.headKms.aad, 'figures'));
    const again = typed.find((reply) => JSON.stringify(reply.attachments ?? []).includes('Kingfisher'));
    if (!again?.id) throw new Error('figures brought no card');
    expect(again.id).not.toBe(prompt.activityId);

    h.setNow('2026-12-07T15:30:00Z');
    await h.say(h.execute(DEMO.ceo.aad, { verb: 'closeRound', term: TERM }));
    expect((await deliverAll(h, sender)).sort()).toEqual(['updated', 'updated', 'updated', 'updated']);
    // Both of Samuel's cards say the round closed: neither is left open to type into.
    const samuels = sender.updated.filter((update) =>
      [prompt.activityId, again.id].includes(update.activityId),
    );
    expect(samuels.map((update) => update.activityId).sort()).toEqual([prompt.activityId, again.id].sort());
    for (const update of samuels) {
      expect(texts(update.activity)[0]).toBe('The autumn 2026 round has closed');
      expect(JSON.stringify(update.activity)).toContain(
        'No figures were submitted for Kingfisher Meadow School, so the board sees them as not sent.',
      );
    }
  });
});

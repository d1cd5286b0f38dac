/**
 * Binding the board channel, through botbuilder's TestAdapter over a real Azurite: a channel named like
 * trust.yaml's board channel is only asked about (a card for an executive to confirm), never posted to
 * by its name; a head cannot confirm it; once an executive confirms the board's own channel, a "Board"
 * in any other team is ignored and the executives are told once. The card's button is an Action.Submit
 * (Teams mobile fails Action.Execute), answered by replacing the card; a card posted before, with an
 * Action.Execute, still works.
 */
import type { Activity } from 'botbuilder';

import { decodeQueueMessage } from '../../../src/adapters/storageQueue/queueMessageCodec';
import type { OutboxMessage } from '../../../src/app/ports';
import { RecordingSender } from '../../support/recordingSender';
import { DEMO, invokeAnswer, type RoundHarness, roundHarness, updatedCard } from '../../support/roundHarness';
import { evaluation, type Row } from './evaluationFixtures';

const TERM = '2026-27-autumn';
const ROWS: Row[] = [
  ['990001', 'The Philip Morant School and College', 'o1', 'Attendance', 'met', 'Attendance 96% meets 95%.'],
];
const HEADS_TEAM = { id: '19:heads-own-team@thread.tacv2', name: 'Helen’s staff room' };
const HEADS_BOARD = '19:board-of-heads-team@thread.tacv2';
const BOARD_TEAM = { id: '19:board-team@thread.tacv2', name: 'Trust board' };
const BOARD = '19:board-of-board-team@thread.tacv2';

/** A message (or a card press) in a team channel; a press replies in the card's thread, as in Teams. */
function inChannel(
  activity: Partial<Activity>,
  team: { id: string; name: string },
  channelId: string,
): Partial<Activity> {
  const thread = activity.replyToId ? `${channelId};messageid=${activity.replyToId}` : channelId;
  return {
    ...activity,
    conversation: { id: thread, conversationType: 'channel', isGroup: true, name: 'Board' },
    channelData: { channel: { id: channelId, name: 'Board' }, team },
  };
}

/** Every text of a card, joined. */
function cardText(card: Record<string, unknown> | undefined): string {
  return JSON.stringify(card ?? {});
}

/** The outbox messages waiting, without taking them. */
async function outbox(h: RoundHarness): Promise<OutboxMessage[]> {
  const { peekedMessageItems } = await h.queue.peekMessages({ numberOfMessages: 32 });
  return peekedMessageItems.map((item) => {
    const decoded = decodeQueueMessage(item.messageText);
    if (!decoded.ok) throw new Error(decoded.reason);
    return decoded.value as OutboxMessage;
  });
}

/** An executive who can be answered, a closed round with its evaluation (so there is a summary), a recording sender. */
async function withSender(h: RoundHarness): Promise<RecordingSender> {
  const sender = new RecordingSender();
  h.services.board.sender = sender;
  await h.install(DEMO.ceo.email);
  await h.services.round.rounds.create({
    term: TERM,
    status: 'open',
    openedOn: '2026-11-24',
    closesOn: '2026-12-12',
    openedBy: 'test',
    openedAt: '2026-11-24T08:00:00.000Z',
    academyCount: 6,
  });
  await h.services.round.rounds.close(TERM, '2026-12-01T08:00:00.000Z', 'test');
  await h.services.round.evaluations.save(TERM, evaluation(TERM, ROWS, ['o1']));
  return sender;
}

describe('the board channel binding', () => {
  it('never posts to a channel by its name: a head’s own "Board", heard first, only gets the card asking an executive', async () => {
    const h = await roundHarness();
    const sender = await withSender(h);
    await h.say(inChannel(h.message(DEMO.headPms.aad, 'hello'), HEADS_TEAM, HEADS_BOARD));

    const asked = (await outbox(h)).filter((m) => m.conversationKey === `channel:${HEADS_BOARD}`);
    expect(asked).toHaveLength(1);
    expect(JSON.stringify(asked[0]?.activity)).toContain('Only an executive of the trust can confirm.');

    const [reply] = await h.say(h.message(DEMO.ceo.aad, 'post summary'));
    expect(reply?.text).toContain('no channel is bound as the board');
    expect(sender.sent).toHaveLength(0);
    expect(await h.services.board.bindings.get()).toBeUndefined();
  });

  it('refuses the Confirm of anyone but an executive, and a Confirm pressed anywhere but in that channel', async () => {
    const h = await roundHarness();
    await h.say(inChannel(h.message(DEMO.headPms.aad, 'hello'), HEADS_TEAM, HEADS_BOARD));
    const data = { verb: 'bindBoardChannel', conversationKey: `channel:${HEADS_BOARD}` };

    // The card stays in the channel for an executive: a refusal is a message, never a replaced card.
    const byHead = await h.say(inChannel(h.submit(DEMO.headPms.aad, data), HEADS_TEAM, HEADS_BOARD));
    expect(updatedCard(byHead)).toBeUndefined();
    expect(byHead.map((reply) => reply.text)).toEqual([
      'Only an executive of the trust can confirm the board channel.',
    ]);
    const byTrustee = await h.say(inChannel(h.submit(DEMO.chair.aad, data), HEADS_TEAM, HEADS_BOARD));
    expect(updatedCard(byTrustee)).toBeUndefined();
    expect(byTrustee.map((reply) => reply.text)).toEqual([
      'Only an executive of the trust can confirm the board channel.',
    ]);
    // The executive pressing a copy of the card anywhere else (their chat, another channel).
    const elsewhere = await h.say(h.submit(DEMO.ceo.aad, data));
    expect(updatedCard(elsewhere)).toBeUndefined();
    expect(elsewhere.map((reply) => reply.text)).toEqual([
      'This card is out of date or damaged, so I did nothing.',
    ]);
    const otherChannel = await h.say(inChannel(h.submit(DEMO.ceo.aad, data), BOARD_TEAM, BOARD));
    expect(otherChannel.map((reply) => reply.text)).toEqual([
      'This card is out of date or damaged, so I did nothing.',
    ]);
    // An Action.Execute (a card posted before the button was an Action.Submit) is refused the same way.
    const byHeadExecute = invokeAnswer(
      await h.say(inChannel(h.execute(DEMO.headPms.aad, data), HEADS_TEAM, HEADS_BOARD)),
    );
    expect(byHeadExecute.text).toBe('Only an executive of the trust can confirm the board channel.');
    expect(await h.services.board.bindings.get()).toBeUndefined();
  });

  it('binds the channel an executive confirms, posts there, and reports another team’s "Board" to the executives once', async () => {
    const h = await roundHarness();
    const sender = await withSender(h);
    await h.say(inChannel(h.message(DEMO.headPms.aad, 'hello'), HEADS_TEAM, HEADS_BOARD));
    await h.say(inChannel(h.message(DEMO.chair.aad, 'hello'), BOARD_TEAM, BOARD));

    // The card the bot posted in the channel has an Action.Submit, which every Teams client sends.
    const asked = (await outbox(h)).find((m) => m.conversationKey === `channel:${BOARD}`);
    const attachments = asked?.activity.attachments as { content: { actions: unknown[] } }[] | undefined;
    expect(attachments?.[0]?.content.actions).toEqual([
      expect.objectContaining({
        type: 'Action.Submit',
        title: 'Confirm board channel',
        data: { verb: 'bindBoardChannel', conversationKey: `channel:${BOARD}` },
      }),
    ]);
    expect(JSON.stringify(attachments)).not.toContain('Action.Execute');

    const data = { verb: 'bindBoardChannel', conversationKey: `channel:${BOARD}` };
    const confirmed = await h.say(inChannel(h.submit(DEMO.ceo.aad, data, 'confirm-card'), BOARD_TEAM, BOARD));
    // The card pressed is replaced by one that says so, with no button left to press.
    const replaced = updatedCard(confirmed, 'confirm-card');
    expect(cardText(replaced)).toContain('This channel is now the board channel');
    expect(cardText(replaced)).toContain(
      `confirmed by ${h.roster.people.find((p) => p.email === DEMO.ceo.email)?.name}`,
    );
    expect(replaced?.actions).toEqual([]);
    const bound = await h.services.board.bindings.get();
    expect(bound).toMatchObject({
      teamId: BOARD_TEAM.id,
      channelId: BOARD,
      how: 'executive',
      by: DEMO.ceo.email,
    });

    // The head's channel, which asked first, is now another team's "Board": the executives are told once.
    await h.say(inChannel(h.message(DEMO.headPms.aad, 'hello again'), HEADS_TEAM, HEADS_BOARD));
    const told = (await outbox(h)).filter((m) => m.id.startsWith('board-ignored:'));
    const executives = h.roster.people.filter((p) => p.role === 'executive');
    expect(told.map((m) => m.conversationKey).sort()).toEqual(
      executives.map((p) => `person:${p.email}`).sort(),
    );
    expect(JSON.stringify(told[0]?.activity)).toContain(
      'It is not the board channel, so nothing is posted there',
    );
    expect(JSON.stringify(told[0]?.activity)).toContain('Helen’s staff room');

    // The same card pressed again (a second press, or Teams re-sending it) stores nothing new and tells
    // no one again: the binding keeps its first confirmation.
    h.setNow('2026-12-02T10:05:00Z');
    const again = await h.say(inChannel(h.submit(DEMO.ceo.aad, data, 'confirm-card'), BOARD_TEAM, BOARD));
    expect(cardText(updatedCard(again, 'confirm-card'))).toContain('This channel is now the board channel');
    expect(await h.services.board.bindings.get()).toEqual(bound);
    expect((await outbox(h)).filter((m) => m.id.startsWith('board-ignored:'))).toHaveLength(told.length);

    // A second confirmation, of the head's channel, does not move the binding; that card says so.
    const second = await h.say(
      inChannel(
        h.submit(DEMO.ceo.aad, { verb: 'bindBoardChannel', conversationKey: `channel:${HEADS_BOARD}` }),
        HEADS_TEAM,
        HEADS_BOARD,
      ),
    );
    expect(cardText(updatedCard(second))).toContain('Not the board channel');
    expect(cardText(updatedCard(second))).toContain('The board channel is already bound');
    expect(await h.services.board.bindings.get()).toEqual(bound);

    // A message in the bound channel that does not name its team does not unbind it.
    const bare = inChannel(h.message(DEMO.chair.aad, 'hello'), BOARD_TEAM, BOARD);
    await h.say({ ...bare, channelData: { channel: { id: BOARD } } });

    const [reply] = await h.say(h.message(DEMO.ceo.aad, 'post summary'));
    expect(reply?.text).toContain('is posted in the Board channel');
    expect(sender.sent.map((s) => s.conversation)).toEqual([BOARD]);
  });

  it('still takes the Confirm of a card posted with an Action.Execute, and answers it with the card that replaces it', async () => {
    const h = await roundHarness();
    await h.say(inChannel(h.message(DEMO.chair.aad, 'hello'), BOARD_TEAM, BOARD));
    const data = { verb: 'bindBoardChannel', conversationKey: `channel:${BOARD}` };
    const answer = invokeAnswer(await h.say(inChannel(h.execute(DEMO.ceo.aad, data), BOARD_TEAM, BOARD)));
    expect(cardText(answer.card)).toContain('This channel is now the board channel');
    expect(answer.card?.actions).toEqual([]);
    expect(await h.services.board.bindings.get()).toMatchObject({ channelId: BOARD, by: DEMO.ceo.email });
  });
});

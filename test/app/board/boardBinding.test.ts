/**
 * Binding the board channel, through botbuilder's TestAdapter over a real Azurite: a channel named like
 * trust.yaml's board channel is only asked about (a card for an executive to confirm), never posted to
 * by its name; a head cannot confirm it; once an executive confirms the board's own channel, a "Board"
 * in any other team is ignored and the executives are told once.
 */
import type { Activity } from 'botbuilder';

import { decodeQueueMessage } from '../../../src/adapters/storageQueue/queueMessageCodec';
import type { OutboxMessage } from '../../../src/app/ports';
import { RecordingSender } from '../../support/recordingSender';
import { DEMO, invokeAnswer, type RoundHarness, roundHarness } from '../../support/roundHarness';
import { evaluation, type Row } from './evaluationFixtures';

const TERM = '2026-27-autumn';
const ROWS: Row[] = [
  ['990001', 'The Philip Morant School and College', 'o1', 'Attendance', 'met', 'Attendance 96% meets 95%.'],
];
const HEADS_TEAM = { id: '19:heads-own-team@thread.tacv2', name: 'Helen’s staff room' };
const HEADS_BOARD = '19:board-of-heads-team@thread.tacv2';
const BOARD_TEAM = { id: '19:board-team@thread.tacv2', name: 'Trust board' };
const BOARD = '19:board-of-board-team@thread.tacv2';

/** A message (or a card press) in a team channel. */
function inChannel(
  activity: Partial<Activity>,
  team: { id: string; name: string },
  channelId: string,
): Partial<Activity> {
  return {
    ...activity,
    conversation: { id: channelId, conversationType: 'channel', isGroup: true, name: 'Board' },
    channelData: { channel: { id: channelId, name: 'Board' }, team },
  };
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

    const byHead = invokeAnswer(
      await h.say(inChannel(h.execute(DEMO.headPms.aad, data), HEADS_TEAM, HEADS_BOARD)),
    );
    expect(byHead.text).toBe('Only an executive of the trust can confirm the board channel.');
    const byTrustee = invokeAnswer(
      await h.say(inChannel(h.execute(DEMO.chair.aad, data), HEADS_TEAM, HEADS_BOARD)),
    );
    expect(byTrustee.text).toBe('Only an executive of the trust can confirm the board channel.');
    const elsewhere = invokeAnswer(await h.say(h.execute(DEMO.ceo.aad, data)));
    expect(elsewhere.text).toBe('This card is out of date or damaged, so I did nothing.');
    expect(await h.services.board.bindings.get()).toBeUndefined();
  });

  it('binds the channel an executive confirms, posts there, and reports another team’s "Board" to the executives once', async () => {
    const h = await roundHarness();
    const sender = await withSender(h);
    await h.say(inChannel(h.message(DEMO.headPms.aad, 'hello'), HEADS_TEAM, HEADS_BOARD));
    await h.say(inChannel(h.message(DEMO.chair.aad, 'hello'), BOARD_TEAM, BOARD));

    const data = { verb: 'bindBoardChannel', conversationKey: `channel:${BOARD}` };
    const confirmed = invokeAnswer(await h.say(inChannel(h.execute(DEMO.ceo.aad, data), BOARD_TEAM, BOARD)));
    expect(confirmed.text).toContain('This channel is now the board channel');
    expect(await h.services.board.bindings.get()).toMatchObject({
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

    // A second confirmation, of the head's channel, does not move the binding.
    const second = invokeAnswer(
      await h.say(
        inChannel(
          h.execute(DEMO.ceo.aad, { verb: 'bindBoardChannel', conversationKey: `channel:${HEADS_BOARD}` }),
          HEADS_TEAM,
          HEADS_BOARD,
        ),
      ),
    );
    expect(second.text).toContain('The board channel is already bound');
    expect((await h.services.board.bindings.get())?.channelId).toBe(BOARD);

    // A message in the bound channel that does not name its team does not unbind it.
    const bare = inChannel(h.message(DEMO.chair.aad, 'hello'), BOARD_TEAM, BOARD);
    await h.say({ ...bare, channelData: { channel: { id: BOARD } } });

    const [reply] = await h.say(h.message(DEMO.ceo.aad, 'post summary'));
    expect(reply?.text).toContain('is posted in the Board channel');
    expect(sender.sent.map((s) => s.conversation)).toEqual([BOARD]);
  });
});

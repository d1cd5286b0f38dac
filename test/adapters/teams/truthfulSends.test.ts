/**
 * Proactive sends are told what Teams answered, with the product composed as the hosts compose it: the
 * teams-ai application installed on the same CloudAdapter (its error route is the adapter's turn-error
 * handler), botbuilder's CloudAdapter sending to a real HTTP Bot Connector on loopback that refuses
 * when told to. A 403/404 is "unreachable" and recorded; 412/429/5xx are thrown for the queue to retry
 * (Retry-After carried); nothing is ever said into a conversation that refused; `post summary` says
 * what happened, and a board message deleted in Teams is posted again and the executive told so.
 */
import { type RetryableSendError } from '../../../src/adapters/teams/cloudAdapterSender';
import { deliverMessage } from '../../../src/app/deliverMessage';
import { evaluation } from '../../app/board/evaluationFixtures';
import { type LocalConnector, startLocalConnector } from '../../support/localConnector';
import { DEMO, type RoundHarness, roundHarness } from '../../support/roundHarness';

const TERM = '2026-27-autumn';
const BOARD = '19:board@thread.tacv2';

let connector: LocalConnector;
let h: RoundHarness;

beforeAll(async () => {
  connector = await startLocalConnector();
  h = await roundHarness('2026-12-14T10:00:00Z', { ALLOWED_SERVICE_URLS: connector.serviceUrl });
  // A closed round with its stored evaluation, and the board channel bound, on the connector.
  await h.services.round.rounds.create({
    term: TERM,
    status: 'open',
    openedOn: '2026-11-24',
    closesOn: '2026-12-12',
    openedBy: 'test',
    openedAt: '2026-11-24T08:00:00.000Z',
    academyCount: 6,
  });
  await h.services.round.rounds.close(TERM, '2026-12-13T08:00:00.000Z', 'test');
  await h.services.round.evaluations.save(
    TERM,
    evaluation(
      TERM,
      [['990001', 'The Philip Morant School and College', 'o1', 'Attendance', 'met', 'Met.']],
      ['o1'],
    ),
  );
  await h.services.conversations.save(channel());
  await h.services.board.bindings.bind({
    teamId: 'team-1',
    channelId: BOARD,
    conversationKey: `channel:${BOARD}`,
    how: 'configuration',
    by: 'test',
    at: '2026-11-01T00:00:00.000Z',
  });
});
afterAll(() => connector.stop());
afterEach(async () => {
  connector.refusing = undefined;
  connector.refused.length = 0;
  // Each case starts from a reachable board channel.
  await h.services.conversations.save(channel());
});

function channel() {
  return {
    key: `channel:${BOARD}`,
    kind: 'channel' as const,
    channelName: 'Board',
    channelId: BOARD,
    teamId: 'team-1',
    reference: reference(BOARD, 'channel'),
    updatedAt: '2026-11-01T00:00:00.000Z',
  };
}

function reference(conversationId: string, conversationType = 'personal'): Record<string, unknown> {
  return {
    channelId: 'msteams',
    serviceUrl: connector.serviceUrl,
    conversation: { id: conversationId, conversationType },
    user: { id: '29:someone' },
    bot: { id: '28:bot', name: 'Trust Plan' },
  };
}

const texts = (): string[] =>
  connector.arrivals.map((arrival) =>
    typeof arrival.activity.text === 'string' ? arrival.activity.text : '',
  );

describe('a proactive send through the composed product', () => {
  it.each([403, 404])(
    'is told a %i as unreachable, and says nothing into that conversation',
    async (status) => {
      connector.refusing = { status };
      const before = connector.arrivals.length;
      const outcome = await h.services.delivery.sender.send(reference('a:chat-1'), {
        type: 'message',
        text: 'Hi',
      });
      expect(outcome).toMatchObject({ kind: 'unreachable', status });
      // One request, the refused one: no "Sorry, something went wrong" sent after it.
      expect(connector.refused).toEqual([{ method: 'POST', conversationId: 'a:chat-1', status }]);
      expect(connector.arrivals.length).toBe(before);
    },
  );

  // The Bot Connector client retries 429 (after Retry-After) and 5xx three times itself; 412 it leaves.
  it.each([
    [429, 1, 4],
    [412, undefined, 1],
    [503, undefined, 4],
  ])(
    'throws a %i for the queue to retry, with its Retry-After',
    async (status, retryAfterSeconds, requests) => {
      connector.refusing = { status, ...(retryAfterSeconds !== undefined && { retryAfterSeconds }) };
      const sending = h.services.delivery.sender.send(reference('a:chat-2'), { type: 'message', text: 'Hi' });
      await expect(sending).rejects.toMatchObject({
        name: 'RetryableSendError',
        status,
        retryAfterSeconds,
      } satisfies Partial<RetryableSendError>);
      expect(connector.refused).toHaveLength(requests);
    },
  );

  it('marks a chat unreachable when an outbox message is answered 404, and the queue retries a 503', async () => {
    const key = `person:${DEMO.headPms.email}`;
    await h.services.conversations.save({
      key,
      kind: 'personal',
      personEmail: DEMO.headPms.email,
      reference: reference('a:head'),
      updatedAt: '2026-11-01T00:00:00.000Z',
    });
    connector.refusing = { status: 503 };
    const message = { id: 'm-503', conversationKey: key, activity: { type: 'message', text: 'Please send' } };
    await expect(deliverMessage(h.services.delivery, message)).rejects.toMatchObject({ status: 503 });
    expect((await h.services.conversations.get(key))?.unreachable).toBeUndefined();
    connector.refusing = undefined;
    expect(await deliverMessage(h.services.delivery, message)).toEqual({ kind: 'sent' });
    expect(texts().filter((text) => text === 'Please send')).toHaveLength(1);

    connector.refusing = { status: 404 };
    const gone = { id: 'm-404', conversationKey: key, activity: { type: 'message', text: 'Again' } };
    expect(await deliverMessage(h.services.delivery, gone)).toEqual({ kind: 'unreachable', status: 404 });
    expect((await h.services.conversations.get(key))?.unreachable?.status).toBe(404);
  });
});

describe('post summary, told what Teams answered', () => {
  it('says a board channel that refuses (403) refused, records it, and never says posted', async () => {
    await h.install(DEMO.ceo.email);
    connector.refusing = { status: 403 };
    const [reply] = await h.say(h.message(DEMO.ceo.aad, 'post summary'));
    expect(reply?.text).toContain('Teams refused the post to the board channel (403)');
    expect((await h.services.conversations.get(`channel:${BOARD}`))?.unreachable?.status).toBe(403);
    expect(await h.services.board.posts.get(TERM)).toBeUndefined();
    expect(texts().some((text) => text.includes('Sorry'))).toBe(false);
  });

  it('says a busy Teams (503) did not take the summary, and keeps nothing as posted', async () => {
    await h.install(DEMO.ceo.email);
    connector.refusing = { status: 503 };
    const [reply] = await h.say(h.message(DEMO.ceo.aad, 'post summary'));
    expect(reply?.text).toContain('was not posted');
    expect(reply?.text).not.toContain('Sorry, something went wrong');
    expect(await h.services.board.posts.get(TERM)).toBeUndefined();
  });

  it('posts a new summary when the posted one was deleted (update answers 404), and says so', async () => {
    await h.install(DEMO.ceo.email);
    const [first] = await h.say(h.message(DEMO.ceo.aad, 'post summary'));
    expect(first?.text).toBe('The autumn 2026 summary is posted in the Board channel.');
    const firstId = (await h.services.board.posts.get(TERM))?.activityId;
    expect(firstId).toBeTruthy();

    connector.refusing = { status: 404, method: 'PUT' };
    const [again] = await h.say(h.message(DEMO.ceo.aad, 'post summary'));
    expect(again?.text).toBe(
      'The autumn 2026 summary posted earlier in the Board channel no longer exists there, so it is posted again as a new message.',
    );
    const secondId = (await h.services.board.posts.get(TERM))?.activityId;
    expect(secondId).toBeTruthy();
    expect(secondId).not.toBe(firstId);
    expect(connector.refused).toEqual([{ method: 'PUT', conversationId: BOARD, status: 404 }]);
    expect(texts().some((text) => text.includes('Sorry'))).toBe(false);
  });
});

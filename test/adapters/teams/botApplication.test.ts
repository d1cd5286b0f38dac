import { QueueClient } from '@azure/storage-queue';
import type { Activity } from 'botbuilder';
import { TestAdapter } from 'botbuilder';

import { QueueFanOutRequests } from '../../../src/adapters/storageQueue/QueueFanOutRequests';
import { QueueOutbox } from '../../../src/adapters/storageQueue/QueueOutbox';
import { createTableStores, type TableStores } from '../../../src/adapters/tableStorage/createTableStores';
import { createBotApplication } from '../../../src/adapters/teams/botApplication';
import { createServiceUrlAllowList } from '../../../src/adapters/teams/serviceUrlAllowList';
import type { Logger } from '../../../src/app/ports';
import { createRosterDirectory } from '../../../src/app/rosterDirectory';
import type { Roster } from '../../../src/domain/roster/roster';
import { TEST_ROSTER } from '../../support/rosterFixture';
import { testBoardDeps, testRoundDeps } from '../../support/roundDeps';
import { testConnectionString, uniqueName } from '../../support/storage';

const BOT = { id: '28:bot', name: 'Trust Plan' };
const NOW = new Date('2026-11-22T10:00:00Z');
const quiet: Logger = { info: () => undefined, warn: () => undefined, error: (m, e) => console.error(m, e) };

interface Harness {
  adapter: TestAdapter;
  stores: TableStores;
  queue: QueueClient;
}

async function harness(roster: Roster | null = TEST_ROSTER): Promise<Harness> {
  const stores = createTableStores(testConnectionString(), { tablePrefix: uniqueName('bot') });
  await stores.createTables();
  if (roster) await stores.roster.replace(roster);
  const queueName = uniqueName('outbox').toLowerCase();
  const outbox = new QueueOutbox(testConnectionString(), queueName);
  await outbox.createQueue();
  const rosterDirectory = createRosterDirectory(stores.roster, () => NOW);
  const round = testRoundDeps(
    stores,
    outbox,
    new QueueFanOutRequests(testConnectionString(), uniqueName('fanout').toLowerCase()),
    rosterDirectory,
    () => NOW,
    quiet,
  );
  const app = createBotApplication({
    roster: rosterDirectory,
    conversations: stores.conversations,
    activityLog: stores.activityLog,
    outbox,
    clock: () => NOW,
    log: quiet,
    round,
    board: testBoardDeps(stores, round),
    // The test activities name this (closed) address; the HTTP edge's allow-list is tested with the host.
    serviceUrls: createServiceUrlAllowList(['http://127.0.0.1:9/']),
  });
  const adapter = new TestAdapter(async (context) => {
    await app.run(context);
  });
  const queue = new QueueClient(testConnectionString(), queueName);
  return { adapter, stores, queue };
}

let nextId = 1;
function personal(aadObjectId: string | undefined, extra: Partial<Activity>): Partial<Activity> {
  return {
    id: `act-${nextId++}`,
    channelId: 'msteams',
    serviceUrl: 'http://127.0.0.1:9/',
    from: { id: `29:${aadObjectId ?? 'stranger'}`, name: 'Someone', aadObjectId },
    recipient: BOT,
    conversation: {
      id: `a:personal-${aadObjectId ?? 'stranger'}`,
      conversationType: 'personal',
      isGroup: false,
      name: '',
    },
    ...extra,
  };
}

/** An activity from the executive in a team channel (or a thread of it). */
function inChannel(conversationId: string, extra: Partial<Activity>): Partial<Activity> {
  return {
    id: `act-${nextId++}`,
    channelId: 'msteams',
    serviceUrl: 'http://127.0.0.1:9/',
    from: { id: `29:${EXEC}`, name: 'Cal Exec', aadObjectId: EXEC },
    recipient: BOT,
    ...extra,
    conversation: {
      id: conversationId,
      name: '',
      conversationType: 'channel',
      isGroup: true,
      ...extra.conversation,
    },
  };
}

const EXEC = '00000000-0000-0000-0000-0000000000e1';
const HEAD = '00000000-0000-0000-0000-0000000000a1';

async function say(h: Harness, activity: Partial<Activity>): Promise<Partial<Activity>[]> {
  await h.adapter.processActivity(activity);
  return h.adapter.activeQueue.splice(0).filter((reply) => reply.type !== 'typing');
}

describe('the bot in Teams', () => {
  it('answers help with a card for the executive, and remembers their chat', async () => {
    const h = await harness();
    const replies = await say(h, personal(EXEC, { type: 'message', text: 'help' }));
    expect(replies).toHaveLength(1);
    const card = JSON.stringify(replies[0]?.attachments?.[0]?.content);
    expect(card).toContain('What I can do for you');
    expect(card).toContain('Cal Exec · executive');
    const stored = await h.stores.conversations.get('person:ceo@trust.example');
    expect(stored?.kind).toBe('personal');
    expect((stored?.reference.conversation as { id: string }).id).toBe(`a:personal-${EXEC}`);
    expect(stored?.reference.activityId).toBeUndefined();
  });

  it('shows a head their academy on the help card', async () => {
    const h = await harness();
    const [reply] = await say(h, personal(HEAD, { type: 'message', text: 'Help' }));
    const card = JSON.stringify(reply?.attachments?.[0]?.content);
    expect(card).toContain('Ann Head · head of academy · Hill Primary');
  });

  it('tells a person who is not on the roster that it does not know them, and keeps nothing about them', async () => {
    const h = await harness();
    const replies = await say(
      h,
      personal('ffffffff-0000-0000-0000-000000000000', { type: 'message', text: 'help' }),
    );
    expect(replies).toHaveLength(1);
    expect(replies[0]?.text).toContain("I don't recognise you");
    expect(replies[0]?.text).toContain("Test Trust's roster");
    expect(await h.stores.conversations.list()).toEqual([]);
  });

  it('handles an activity that Teams re-sends only once', async () => {
    const h = await harness();
    const activity = personal(EXEC, { type: 'message', text: 'who am I' });
    const first = await say(h, { ...activity });
    const again = await say(h, { ...activity });
    expect(first).toHaveLength(1);
    expect(first[0]?.text).toContain('You are Cal Exec, Chief Executive Officer');
    expect(again).toHaveLength(0);
  });

  it("answers a command button's press (an Action.Submit carrying the command, no text) as if it were typed", async () => {
    const h = await harness();
    const [help] = await say(h, personal(EXEC, { type: 'message', text: 'help' }));
    const buttons = (JSON.stringify(help?.attachments?.[0]?.content).match(/"command":"[^"]+"/g) ?? []).map(
      (data) => JSON.parse(`{${data}}`) as { command: string },
    );
    const whoAmI = buttons.find((data) => data.command === 'who am I');
    expect(whoAmI).toBeDefined();
    const [reply] = await say(h, personal(EXEC, { type: 'message', value: whoAmI }));
    expect(reply?.text).toContain('You are Cal Exec, Chief Executive Officer');
  });

  it('says what it does not understand and points to help', async () => {
    const h = await harness();
    const [reply] = await say(h, personal(EXEC, { type: 'message', text: 'make tea' }));
    expect(reply?.text).toBe('Sorry, I don\'t know "make tea". Type **help** to see what I can do.');
  });

  it('says so when no roster has been loaded', async () => {
    const h = await harness(null);
    const [reply] = await say(h, personal(EXEC, { type: 'message', text: 'help' }));
    expect(reply?.text).toContain("the trust's roster has not been loaded");
  });

  it('on install for a roster person stores the chat and queues a welcome', async () => {
    const h = await harness();
    const replies = await say(
      h,
      personal(HEAD, { type: 'conversationUpdate', membersAdded: [{ id: BOT.id, name: BOT.name }] }),
    );
    expect(replies).toHaveLength(0);
    expect((await h.stores.conversations.get('person:head@hill.example'))?.personEmail).toBe(
      'head@hill.example',
    );
    const peeked = await h.queue.peekMessages({ numberOfMessages: 5 });
    expect(peeked.peekedMessageItems).toHaveLength(1);
    const message = JSON.parse(
      Buffer.from(peeked.peekedMessageItems[0]!.messageText, 'base64').toString(),
    ) as {
      id: string;
      conversationKey: string;
      activity: { attachments: { content: unknown }[] };
    };
    expect(message.id).toBe('welcome:head@hill.example:2026-11-22');
    expect(message.conversationKey).toBe('person:head@hill.example');
    expect(JSON.stringify(message.activity.attachments[0]?.content)).toContain('What I can do for you');
  });

  it('on install for a stranger stores nothing and queues nothing', async () => {
    const h = await harness();
    await say(
      h,
      personal(undefined, { type: 'conversationUpdate', membersAdded: [{ id: BOT.id, name: BOT.name }] }),
    );
    expect(await h.stores.conversations.list()).toEqual([]);
    expect((await h.queue.peekMessages()).peekedMessageItems).toHaveLength(0);
  });

  const botAdded = { type: 'conversationUpdate', membersAdded: [{ id: BOT.id, name: BOT.name }] };

  it('remembers the board channel when it is added to a team, by the channel root', async () => {
    const h = await harness();
    await say(
      h,
      inChannel('19:board@thread.tacv2', {
        ...botAdded,
        channelData: {
          channel: { id: '19:board@thread.tacv2', name: 'Board' },
          team: { id: '19:team@thread.tacv2' },
        },
      }),
    );
    const [channel] = await h.stores.conversations.list('channel');
    expect(channel?.key).toBe('channel:19:board@thread.tacv2');
    expect(channel?.channelName).toBe('Board');
  });

  it.each([
    ['named on the conversation (install events)', { name: 'Board' }, {}, 'Board'],
    [
      'the General channel, whose id is the team id',
      {},
      { team: { id: '19:board@thread.tacv2' } },
      'General',
    ],
    ['not named anywhere', {}, { team: { id: '19:team@thread.tacv2' } }, undefined],
  ])('names a channel %s', async (_case, conversation, channelData, expected) => {
    const h = await harness();
    await say(
      h,
      inChannel('19:board@thread.tacv2', { ...botAdded, conversation, channelData } as Partial<Activity>),
    );
    const [channel] = await h.stores.conversations.list('channel');
    expect(channel?.key).toBe('channel:19:board@thread.tacv2');
    expect(channel?.channelName).toBe(expected);
  });

  it('takes a message in a channel thread as the channel, not the thread', async () => {
    const h = await harness();
    await say(
      h,
      inChannel('19:board@thread.tacv2;messageid=1700000000000', {
        type: 'message',
        text: 'help',
        channelData: { channel: { id: '19:board@thread.tacv2', name: 'Board' } },
      }),
    );
    const [channel] = await h.stores.conversations.list('channel');
    expect((channel?.reference.conversation as { id: string }).id).toBe('19:board@thread.tacv2');
  });
});

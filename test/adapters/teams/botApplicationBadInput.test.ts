/**
 * The bot's answer to activities a stranger or a careless client could send, driven through botbuilder's
 * TestAdapter against Azurite: nothing is kept about strangers, oversized fields are bounded, the board
 * channel cannot be taken over by name.
 */
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
import { TEST_ROSTER } from '../../support/rosterFixture';
import { testBoardDeps, testRoundDeps } from '../../support/roundDeps';
import { testConnectionString, uniqueName } from '../../support/storage';

const BOT = { id: '28:bot', name: 'Trust Plan' };
const NOW = new Date('2026-11-22T10:00:00Z');
const EXEC = '00000000-0000-0000-0000-0000000000e1';
const STRANGER = 'ffffffff-0000-0000-0000-000000000000';
/** Loopback and closed: allowed, so turns run, but no member or channel lookup can succeed. */
const SERVICE_URL = 'http://127.0.0.1:9/';

interface Harness {
  adapter: TestAdapter;
  stores: TableStores;
  queue: QueueClient;
  logged: string[];
}

async function harness(): Promise<Harness> {
  const stores = createTableStores(testConnectionString(), { tablePrefix: uniqueName('bad') });
  await stores.createTables();
  await stores.roster.replace(TEST_ROSTER);
  const queueName = uniqueName('outbox').toLowerCase();
  const outbox = new QueueOutbox(testConnectionString(), queueName);
  await outbox.createQueue();
  const logged: string[] = [];
  const log: Logger = {
    info: (message) => logged.push(message),
    warn: (message) => logged.push(message),
    error: (message) => logged.push(message),
  };
  const rosterDirectory = createRosterDirectory(stores.roster, () => NOW);
  const round = testRoundDeps(
    stores,
    outbox,
    new QueueFanOutRequests(testConnectionString(), uniqueName('fanout').toLowerCase()),
    rosterDirectory,
    () => NOW,
    log,
  );
  const app = createBotApplication({
    roster: rosterDirectory,
    conversations: stores.conversations,
    activityLog: stores.activityLog,
    outbox,
    clock: () => NOW,
    log,
    serviceUrls: createServiceUrlAllowList([SERVICE_URL]),
    round,
    board: testBoardDeps(stores, round),
  });
  const adapter = new TestAdapter(async (context) => {
    await app.run(context);
  });
  return { adapter, stores, queue: new QueueClient(testConnectionString(), queueName), logged };
}

let nextId = 1;
function activity(
  aadObjectId: string,
  conversation: Partial<Activity['conversation']>,
  extra: Partial<Activity>,
): Partial<Activity> {
  return {
    id: `bad-${nextId++}`,
    channelId: 'msteams',
    serviceUrl: SERVICE_URL,
    from: { id: `29:${aadObjectId}`, name: 'Someone', aadObjectId },
    recipient: BOT,
    ...extra,
    conversation: { id: 'a:chat', name: '', conversationType: 'personal', isGroup: false, ...conversation },
  };
}

const botAdded = { type: 'conversationUpdate', membersAdded: [{ id: BOT.id, name: BOT.name }] };

async function say(h: Harness, incoming: Partial<Activity>): Promise<Partial<Activity>[]> {
  await h.adapter.processActivity(incoming);
  return h.adapter.activeQueue.splice(0).filter((reply) => reply.type !== 'typing');
}

describe('the bot, given what a stranger or a careless client sends', () => {
  it.each([
    ['a group chat', { id: '19:group@thread.v2', conversationType: 'groupChat', isGroup: true }, {}],
    [
      'a team channel named like the board’s',
      { id: '19:board@thread.tacv2', conversationType: 'channel', isGroup: true, name: 'Board' },
      { channel: { id: '19:board@thread.tacv2', name: 'Board' }, team: { id: '19:other@thread.tacv2' } },
    ],
  ])(
    'stores nothing when a stranger adds it to %s and no roster person is found there',
    async (_c, conversation, channelData) => {
      const h = await harness();
      await say(h, activity(STRANGER, conversation, { ...botAdded, channelData }));
      expect(await h.stores.conversations.list()).toEqual([]);
      expect((await h.queue.peekMessages()).peekedMessageItems).toHaveLength(0);
    },
  );

  it('stores a group chat a roster person adds it to', async () => {
    const h = await harness();
    await say(
      h,
      activity(EXEC, { id: '19:group@thread.v2', conversationType: 'groupChat', isGroup: true }, botAdded),
    );
    expect((await h.stores.conversations.list('groupChat')).map((c) => c.key)).toEqual([
      'group:19:group@thread.v2',
    ]);
  });

  it('binds no channel by its name: each team’s "Board" is kept, and only asked to be confirmed by an executive', async () => {
    const h = await harness();
    const inTeam = (team: string) =>
      activity(
        EXEC,
        { id: `19:board-${team}@thread.tacv2`, conversationType: 'channel', isGroup: true },
        {
          ...botAdded,
          channelData: {
            channel: { id: `19:board-${team}@thread.tacv2`, name: 'Board' },
            team: { id: team },
          },
        },
      );
    await say(h, inTeam('19:trust-team@thread.tacv2'));
    await say(h, inTeam('19:other-team@thread.tacv2'));
    await say(h, inTeam('19:other-team@thread.tacv2'));
    const named = (await h.stores.conversations.list('channel')).filter((c) => c.channelName === 'Board');
    expect(named.map((c) => c.teamId).sort()).toEqual([
      '19:other-team@thread.tacv2',
      '19:trust-team@thread.tacv2',
    ]);
    expect(await h.stores.boardBinding.get()).toBeUndefined();
    // One confirmation card per channel, however often the bot hears from it.
    expect((await h.queue.peekMessages({ numberOfMessages: 32 })).peekedMessageItems).toHaveLength(2);
  });

  it('truncates a 70 KB channel name before storing it, instead of failing the turn', async () => {
    const h = await harness();
    const name = 'B'.repeat(70 * 1024);
    const replies = await say(
      h,
      activity(
        EXEC,
        { id: '19:long@thread.tacv2', conversationType: 'channel', isGroup: true, name },
        { ...botAdded, channelData: { channel: { id: '19:long@thread.tacv2', name }, team: { id: 't1' } } },
      ),
    );
    expect(replies).toEqual([]);
    const [channel] = await h.stores.conversations.list('channel');
    expect(channel?.channelName).toBe('B'.repeat(256));
    expect((channel?.reference.conversation as { name: string }).name).toHaveLength(256);
  });

  it('answers an activity whose id is far over the Table key limit, once', async () => {
    const h = await harness();
    const incoming = activity(EXEC, {}, { id: `x${'9'.repeat(4000)}`, type: 'message', text: 'who am I' });
    const first = await say(h, { ...incoming });
    const again = await say(h, { ...incoming });
    expect(first[0]?.text).toContain('You are Cal Exec');
    expect(again).toEqual([]);
  });

  it.each([
    [
      'a long text',
      'x'.repeat(100_000),
      `Sorry, I don't know "${'x'.repeat(40)}…". Type **help** to see what I can do.`,
    ],
    [
      'markdown and line breaks',
      '**bold** [link](http://evil.example)\n# heading',
      'Sorry, I don\'t know "\\*\\*bold\\*\\* \\[link\\](http://evil.example) # h…". Type **help** to see what I can do.',
    ],
    ['constructor', 'constructor', 'Sorry, I don\'t know "constructor". Type **help** to see what I can do.'],
    [
      '__proto__',
      '__proto__',
      'Sorry, I don\'t know "\\_\\_proto\\_\\_". Type **help** to see what I can do.',
    ],
  ])('quotes %s back short, on one line, with markdown neutralised', async (_case, text, expected) => {
    const h = await harness();
    const replies = await say(h, activity(EXEC, {}, { type: 'message', text }));
    expect(replies.map((reply) => reply.text)).toEqual([expected]);
  });

  it('does not store a conversation whose serviceUrl is not allowed, even when a turn runs on it', async () => {
    const h = await harness();
    const replies = await say(
      h,
      activity(EXEC, {}, { type: 'message', text: 'who am I', serviceUrl: 'https://attacker.example/' }),
    );
    expect(replies[0]?.text).toContain('You are Cal Exec');
    expect(await h.stores.conversations.list()).toEqual([]);
  });
});

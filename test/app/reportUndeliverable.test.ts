import { QueueClient } from '@azure/storage-queue';

import type { OutboxMessage } from '../../src/app/ports';
import { reportUndeliverable, UNDELIVERABLE_NOTICE_PREFIX } from '../../src/app/reportUndeliverable';
import type { Services } from '../../src/hosts/services';
import { testServices } from '../support/services';
import { testConnectionString } from '../support/storage';

const NOW = new Date('2026-11-22T10:00:00Z');

async function queued(services: Services): Promise<OutboxMessage[]> {
  const queue = new QueueClient(testConnectionString(), services.outboxQueueName);
  const { peekedMessageItems } = await queue.peekMessages({ numberOfMessages: 32 });
  return peekedMessageItems.map(
    (item) => JSON.parse(Buffer.from(item.messageText, 'base64').toString('utf8')) as OutboxMessage,
  );
}

async function setUp(): Promise<{
  services: Services;
  head: { email: string; name: string };
  executives: string[];
}> {
  const services = testServices(NOW);
  await services.ready();
  const roster = await services.roster.current();
  const head = roster?.people.find((p) => p.role === 'head');
  if (!roster || !head) throw new Error('the demo roster has no head');
  await services.conversations.save({
    key: `person:${head.email}`,
    kind: 'personal',
    personEmail: head.email,
    reference: { conversation: { id: 'a:head-chat' } },
    updatedAt: '2026-11-20T09:00:00.000Z',
  });
  const executives = roster.people.filter((p) => p.role === 'executive').map((p) => p.email);
  return { services, head, executives };
}

describe('a message that went to the poison queue', () => {
  it('is recorded against the person and every executive is told, by name, through the outbox', async () => {
    const { services, head, executives } = await setUp();
    const report = await reportUndeliverable(services, {
      id: 'prompt:2026-autumn:100001',
      conversationKey: `person:${head.email}`,
      activity: { type: 'message', text: 'Your termly figures, please' },
    });
    expect(report).toEqual({
      messageId: 'prompt:2026-autumn:100001',
      recordedAgainst: `person:${head.email}`,
      told: executives,
    });
    const stored = await services.conversations.get(`person:${head.email}`);
    expect(stored?.undelivered).toEqual({
      messageId: 'prompt:2026-autumn:100001',
      at: NOW.toISOString(),
      detail: 'it kept failing to send',
    });
    // The conversation itself is unchanged: sending to it goes on.
    expect(stored?.reference).toEqual({ conversation: { id: 'a:head-chat' } });
    expect(stored?.unreachable).toBeUndefined();

    const notices = await queued(services);
    expect(notices.map((n) => n.conversationKey).sort()).toEqual(executives.map((e) => `person:${e}`).sort());
    for (const notice of notices) {
      expect(notice.id).toMatch(new RegExp(`^${UNDELIVERABLE_NOTICE_PREFIX}prompt:2026-autumn:100001:`));
      expect(notice.activity.text).toContain(`I could not deliver a message to ${head.name} (${head.email})`);
      expect(notice.activity.text).toContain('roster check');
    }
  });

  it.each([
    ['not an outbox message', { nonsense: true }, undefined, 'someone (the message was not readable)'],
    [
      'not even JSON (the runtime hands over the text)',
      'garbage',
      undefined,
      'someone (the message was not readable)',
    ],
    [
      'for a conversation the bot never stored',
      { id: 'm-nobody', conversationKey: 'person:nobody@example.org', activity: { type: 'message' } },
      'm-nobody',
      'nobody@example.org',
    ],
  ])('that is %s is still reported to the executives', async (_case, raw, messageId, who) => {
    const { services, executives } = await setUp();
    const report = await reportUndeliverable(services, raw);
    expect(report).toEqual({ messageId, recordedAgainst: undefined, told: executives });
    const notices = await queued(services);
    expect(notices).toHaveLength(executives.length);
    expect(notices[0]?.activity.text).toContain(`I could not deliver a message to ${who} `);
  });

  it('names an address that came with the message as written, not as markdown', async () => {
    const { services, executives } = await setUp();
    // The address is the queue message's, not the roster's: a link and emphasis in it stay text.
    await reportUndeliverable(services, {
      id: 'm-hostile',
      conversationKey: 'person:[Click here](https://evil.example)_urgent_@example.org',
      activity: { type: 'message' },
    });
    const notices = await queued(services);
    expect(notices).toHaveLength(executives.length);
    const text = notices[0]?.activity.text ?? '';
    expect(text).toContain(
      'I could not deliver a message to \\[Click here\\](https://evil.example)\\_urgent\\_@example.org ',
    );
    expect(text).not.toContain('[Click here](');
    // The bot's own markdown is kept.
    expect(text).toContain('`npm run cli -- roster check`');
  });

  it('that was itself such a notice is recorded but not reported again (no loop)', async () => {
    const { services, executives } = await setUp();
    const executive = executives[0] ?? '';
    await services.conversations.save({
      key: `person:${executive}`,
      kind: 'personal',
      personEmail: executive,
      reference: { conversation: { id: 'a:exec-chat' } },
      updatedAt: '2026-11-20T09:00:00.000Z',
    });
    const id = `${UNDELIVERABLE_NOTICE_PREFIX}m1:${executive}`;
    const report = await reportUndeliverable(services, {
      id,
      conversationKey: `person:${executive}`,
      activity: { type: 'message', text: 'notice' },
    });
    expect(report).toEqual({ messageId: id, recordedAgainst: `person:${executive}`, told: [] });
    expect((await services.conversations.get(`person:${executive}`))?.undelivered?.messageId).toBe(id);
    expect(await queued(services)).toEqual([]);
  });

  it('is recorded afresh when the conversation is captured again (the mark goes with the old reference)', async () => {
    const { services, head } = await setUp();
    const key = `person:${head.email}`;
    await reportUndeliverable(services, { id: 'm2', conversationKey: key, activity: { type: 'message' } });
    expect((await services.conversations.get(key))?.undelivered?.messageId).toBe('m2');
    await services.conversations.save({
      key,
      kind: 'personal',
      personEmail: head.email,
      reference: { conversation: { id: 'a:new-chat' } },
      updatedAt: '2026-11-22T11:00:00.000Z',
    });
    expect((await services.conversations.get(key))?.undelivered).toBeUndefined();
  });
});

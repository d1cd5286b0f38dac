import { createTableClient } from '../../../src/adapters/tableStorage/createTableClient';
import { TableConversationStore } from '../../../src/adapters/tableStorage/TableConversationStore';
import { TableStorageError } from '../../../src/adapters/tableStorage/TableStorageError';
import type { StoredConversation } from '../../../src/app/ports';
import { testConnectionString, uniqueName } from '../../support/storage';
import { allEntities, freshTable, interleave } from './tableTestSupport';

const reference = (conversationId: string): Record<string, unknown> => ({
  activityId: 'f:1',
  bot: { id: '28:bot', name: 'Trust plan' },
  channelId: 'msteams',
  conversation: { id: conversationId, conversationType: 'personal', tenantId: 't1' },
  serviceUrl: 'https://smba.trafficmanager.net/uk/',
  user: { id: '29:user', aadObjectId: 'aad-1' },
});

const head: StoredConversation = {
  key: 'person:head@philipmorant.example',
  kind: 'personal',
  personEmail: 'head@philipmorant.example',
  reference: reference('a:1Xy/Zk+q=?#'),
  updatedAt: '2024-09-02T08:00:00.000Z',
};
const board: StoredConversation = {
  key: 'channel:19:abc@thread.tacv2;messageid=123',
  kind: 'channel',
  channelName: 'Board',
  reference: reference('19:abc@thread.tacv2'),
  updatedAt: '2024-09-02T08:05:00.000Z',
};
const group: StoredConversation = {
  key: 'group:19:meeting_xyz@thread.v2',
  kind: 'groupChat',
  reference: reference('19:meeting_xyz@thread.v2'),
  updatedAt: '2024-09-02T08:10:00.000Z',
};

describe('TableConversationStore', () => {
  it('gives back what it saved, keys with / ? # included', async () => {
    const store = new TableConversationStore(await freshTable('conv'));
    await store.save(head);
    await store.save(board);
    expect(await store.get(head.key)).toEqual(head);
    expect(await store.get(board.key)).toEqual(board);
    expect(await store.get('person:nobody@example.org')).toBeUndefined();
  });

  it('stores the reference as one JSON string property', async () => {
    const table = await freshTable('conv');
    await new TableConversationStore(table).save(head);
    const [entity] = await allEntities(table);
    expect(typeof entity?.reference).toBe('string');
    expect(JSON.parse(entity?.reference as string)).toEqual(head.reference);
  });

  it('replaces on save, so a fresh capture clears the unreachable mark', async () => {
    const store = new TableConversationStore(await freshTable('conv'));
    await store.save({
      ...head,
      unreachable: { status: 403, at: '2024-09-03T00:00:00.000Z', detail: 'gone' },
    });
    await store.save({ ...head, updatedAt: '2024-09-04T00:00:00.000Z' });
    expect(await store.get(head.key)).toEqual({ ...head, updatedAt: '2024-09-04T00:00:00.000Z' });
  });

  it.each([
    [undefined, [head, board, group]],
    ['personal', [head]],
    ['channel', [board]],
    ['groupChat', [group]],
  ] as const)('lists kind %s', async (kind, expected) => {
    const store = new TableConversationStore(await freshTable('conv'));
    for (const conversation of [head, board, group]) await store.save(conversation);
    const listed = await store.list(kind);
    expect([...listed].sort((a, b) => a.key.localeCompare(b.key))).toEqual(
      [...expected].sort((a, b) => a.key.localeCompare(b.key)),
    );
  });

  it('marks a conversation unreachable, keeping its reference', async () => {
    const store = new TableConversationStore(await freshTable('conv'));
    await store.save(head);
    await store.markUnreachable(
      head.key,
      403,
      'BotNotInConversationRoster',
      new Date('2024-09-05T10:00:00Z'),
    );
    expect(await store.get(head.key)).toEqual({
      ...head,
      unreachable: { status: 403, at: '2024-09-05T10:00:00.000Z', detail: 'BotNotInConversationRoster' },
    });
  });

  it('does nothing when asked to mark a conversation it does not hold', async () => {
    const store = new TableConversationStore(await freshTable('conv'));
    await expect(
      store.markUnreachable('person:x@example.org', 404, 'gone', new Date()),
    ).resolves.toBeUndefined();
    expect(await store.list()).toEqual([]);
  });

  it('does not mark a reference captured after the failed send', async () => {
    const store = new TableConversationStore(await freshTable('conv'));
    await store.save(head);
    await store.markUnreachable(head.key, 403, 'stale', new Date('2024-09-01T00:00:00Z'));
    expect((await store.get(head.key))?.unreachable).toBeUndefined();
  });

  it('reads again when a save lands between its read and its write (ETag), then skips a newer capture', async () => {
    const table = await freshTable('conv');
    const other = new TableConversationStore(table);
    await other.save(head);
    const recaptured = { ...head, reference: reference('a:new'), updatedAt: '2024-09-06T00:00:00.000Z' };
    const store = new TableConversationStore(interleave(table, 'updateEntity', () => other.save(recaptured)));

    await store.markUnreachable(head.key, 403, 'uninstalled', new Date('2024-09-05T10:00:00Z'));

    // Without the ETag, the mark would have been merged onto the fresh capture.
    expect(await other.get(head.key)).toEqual(recaptured);
  });

  it('reads again when a save lands between its read and its write, and marks what is there now', async () => {
    const table = await freshTable('conv');
    const other = new TableConversationStore(table);
    await other.save(head);
    const resaved = { ...head, channelName: 'changed meanwhile' };
    const store = new TableConversationStore(interleave(table, 'updateEntity', () => other.save(resaved)));

    await store.markUnreachable(head.key, 404, 'not found', new Date('2024-09-05T10:00:00Z'));

    expect(await other.get(head.key)).toEqual({
      ...resaved,
      unreachable: { status: 404, at: '2024-09-05T10:00:00.000Z', detail: 'not found' },
    });
  });

  it('refuses a reference too big for a table property, naming table and key', async () => {
    const table = await freshTable('conv');
    const store = new TableConversationStore(table);
    const huge = { ...head, reference: { blob: 'x'.repeat(40_000) } };
    const error = await store.save(huge).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TableStorageError);
    expect((error as Error).message).toContain(table.tableName);
    expect((error as Error).message).toContain('person:head@philipmorant.example');
    expect((error as Error).message).toMatch(/over the 32768/);
  });

  it('says to create the tables when the table is missing', async () => {
    const store = new TableConversationStore(
      createTableClient(testConnectionString(), uniqueName('missing')),
    );
    await expect(store.get(head.key)).rejects.toThrow(/createTables\(\)/);
    await expect(store.save(head)).rejects.toThrow(TableStorageError);
  });
});

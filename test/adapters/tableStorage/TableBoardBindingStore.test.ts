/** The board channel binding on Azurite: the first of several concurrent bindings wins everywhere; a notice goes once. */
import { createTableClient } from '../../../src/adapters/tableStorage/createTableClient';
import { TableBoardBindingStore } from '../../../src/adapters/tableStorage/TableBoardBindingStore';
import type { BoardBinding } from '../../../src/app/ports';
import { testConnectionString, uniqueName } from '../../support/storage';

async function store(): Promise<TableBoardBindingStore> {
  const table = createTableClient(testConnectionString(), uniqueName('boardbinding'));
  await table.createTable();
  return new TableBoardBindingStore(table);
}

const binding = (channel: string): BoardBinding => ({
  teamId: `19:team-${channel}@thread.tacv2`,
  channelId: `19:${channel}@thread.tacv2`,
  conversationKey: `channel:19:${channel}@thread.tacv2`,
  channelName: 'Board',
  how: 'executive',
  by: 'ceo@trust.example',
  at: '2026-12-07T09:00:00.000Z',
});

describe('TableBoardBindingStore', () => {
  it('keeps the first of several concurrent bindings, and answers it to every binder', async () => {
    const bindings = await store();
    expect(await bindings.get()).toBeUndefined();
    const answers = await Promise.all(['a', 'b', 'c', 'd'].map((channel) => bindings.bind(binding(channel))));
    const stored = await bindings.get();
    expect(stored).toBeDefined();
    for (const answer of answers) expect(answer).toEqual(stored);
    expect(await bindings.bind(binding('e'))).toEqual(stored);
  });

  it('records each notice about a channel once, whoever asks', async () => {
    const bindings = await store();
    const at = new Date('2026-12-07T09:00:00Z');
    const claims = await Promise.all(
      Array.from({ length: 4 }, () => bindings.claimNotice('executivesTold', 'channel:19:x/y#z?@thread', at)),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await bindings.claimNotice('confirmationAsked', 'channel:19:x/y#z?@thread', at)).toBe(true);
  });
});

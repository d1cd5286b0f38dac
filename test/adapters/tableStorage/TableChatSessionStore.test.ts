import { createTableClient } from '../../../src/adapters/tableStorage/createTableClient';
import { TableChatSessionStore } from '../../../src/adapters/tableStorage/TableChatSessionStore';
import { testConnectionString, uniqueName } from '../../support/storage';

describe('TableChatSessionStore', () => {
  async function store(): Promise<TableChatSessionStore> {
    const table = createTableClient(testConnectionString(), uniqueName('chatsessions'));
    await table.createTable();
    return new TableChatSessionStore(table);
  }

  it('keeps one session per person, replaced as the walk goes on and gone once cleared', async () => {
    const sessions = await store();
    const choosing = {
      personEmail: 'o’brien+head@a.example',
      term: '2026-27-autumn',
      choosing: ['990001', '990002'],
      position: 0,
      updatedAt: '2026-12-02T10:00:00.000Z',
    };
    await sessions.save(choosing);
    expect(await sessions.get(choosing.personEmail)).toEqual(choosing);
    const walking = {
      personEmail: choosing.personEmail,
      term: '2026-27-autumn',
      urn: '990002',
      position: 11,
      inspected: false,
      updatedAt: '2026-12-02T10:05:00.000Z',
    };
    await sessions.save(walking);
    expect(await sessions.get(choosing.personEmail)).toEqual(walking);
    expect(await sessions.get('someone.else@a.example')).toBeUndefined();
    await sessions.clear(choosing.personEmail);
    expect(await sessions.get(choosing.personEmail)).toBeUndefined();
    await expect(sessions.clear(choosing.personEmail)).resolves.toBeUndefined();
  });
});

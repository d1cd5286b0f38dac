/** The board post record on Azurite: one post per term, claimed once across hosts, abandoned claims taken over. */
import { createTableClient } from '../../../src/adapters/tableStorage/createTableClient';
import { TableBoardPostStore } from '../../../src/adapters/tableStorage/TableBoardPostStore';
import { testConnectionString, uniqueName } from '../../support/storage';

async function store(): Promise<TableBoardPostStore> {
  const table = createTableClient(testConnectionString(), uniqueName('boardposts'));
  await table.createTable();
  return new TableBoardPostStore(table);
}

const AT = new Date('2026-12-13T09:00:00Z');
const later = (ms: number): Date => new Date(AT.getTime() + ms);

describe('TableBoardPostStore', () => {
  it('lets exactly one of several concurrent claimers post the first summary of a term', async () => {
    const posts = await store();
    const claims = await Promise.all(
      Array.from({ length: 5 }, () => posts.claim('2026-27-autumn', 'channel:board', AT, 60_000)),
    );
    expect(claims.filter((claim) => claim.kind === 'claimed')).toHaveLength(1);
    expect(claims.filter((claim) => claim.kind === 'busy')).toHaveLength(4);
  });

  it('answers "posted" with the activity id once the post is saved, so the next run updates in place', async () => {
    const posts = await store();
    expect(await posts.claim('2026-27-autumn', 'channel:board', AT, 60_000)).toEqual({ kind: 'claimed' });
    await posts.save({
      term: '2026-27-autumn',
      conversationKey: 'channel:board',
      activityId: 'act-1',
      at: AT.toISOString(),
      provisional: true,
    });
    expect(await posts.claim('2026-27-autumn', 'channel:board', later(1), 60_000)).toEqual({
      kind: 'posted',
      post: {
        term: '2026-27-autumn',
        conversationKey: 'channel:board',
        activityId: 'act-1',
        at: AT.toISOString(),
        provisional: true,
      },
    });
    expect(await posts.claim('2026-27-spring', 'channel:board', later(1), 60_000)).toEqual({
      kind: 'claimed',
    });
  });

  it.each([
    ['a fresh claim stays busy', 59_999, 'busy'],
    ['an abandoned claim is taken over', 60_000, 'claimed'],
  ])('%s', async (_name, after, kind) => {
    const posts = await store();
    await posts.claim('2026-27-autumn', 'channel:board', AT, 60_000);
    expect((await posts.claim('2026-27-autumn', 'channel:board', later(after), 60_000)).kind).toBe(kind);
  });

  it('forgets a released claim so the next attempt posts', async () => {
    const posts = await store();
    await posts.claim('2026-27-autumn', 'channel:board', AT, 60_000);
    await posts.release('2026-27-autumn');
    await posts.release('2026-27-autumn');
    expect(await posts.get('2026-27-autumn')).toBeUndefined();
    expect((await posts.claim('2026-27-autumn', 'channel:board', later(1), 60_000)).kind).toBe('claimed');
  });
});

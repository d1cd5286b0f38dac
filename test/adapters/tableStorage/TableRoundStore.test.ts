import { TableRoundStore } from '../../../src/adapters/tableStorage/TableRoundStore';
import type { Round } from '../../../src/domain/round/round';
import { freshTable } from './tableTestSupport';

function round(term: string, overrides: Partial<Round> = {}): Round {
  return {
    term,
    status: 'open',
    openedOn: '2026-11-02',
    closesOn: '2026-11-20',
    openedAt: '2026-11-02T07:00:00.000Z',
    openedBy: 'schedule',
    academyCount: 6,
    ...overrides,
  };
}

describe('TableRoundStore', () => {
  it('creates a round once and reads it back', async () => {
    const rounds = new TableRoundStore(await freshTable('rnd'));
    expect(await rounds.get('2026-27-autumn')).toBeUndefined();
    expect(await rounds.create(round('2026-27-autumn'))).toBe(true);
    expect(await rounds.create(round('2026-27-autumn', { openedBy: 'ceo@trust.example' }))).toBe(false);
    expect(await rounds.get('2026-27-autumn')).toEqual(round('2026-27-autumn'));
  });

  it('lets exactly one of ten racing hosts create the round', async () => {
    const table = await freshTable('rnd');
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        new TableRoundStore(table).create(round('2026-27-autumn', { openedBy: `host${i}` })),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('lists rounds newest term first', async () => {
    const rounds = new TableRoundStore(await freshTable('rnd'));
    for (const term of ['2025-26-summer', '2026-27-autumn', '2025-26-autumn', '2025-26-spring']) {
      await rounds.create(round(term));
    }
    expect((await rounds.list()).map((r) => r.term)).toEqual([
      '2026-27-autumn',
      '2025-26-summer',
      '2025-26-spring',
      '2025-26-autumn',
    ]);
  });

  it("closes an open round once; of two racing closers the first one's name stays", async () => {
    const rounds = new TableRoundStore(await freshTable('rnd'));
    await rounds.create(round('2026-27-autumn'));
    const outcomes = await Promise.all([
      rounds.close('2026-27-autumn', '2026-11-20T17:00:00.000Z', 'schedule'),
      rounds.close('2026-27-autumn', '2026-11-20T17:00:01.000Z', 'ceo@trust.example'),
    ]);
    expect([...outcomes].sort()).toEqual(['alreadyClosed', 'closed']);
    const closed = await rounds.get('2026-27-autumn');
    expect(closed?.status).toBe('closed');
    const winner = outcomes[0] === 'closed' ? 0 : 1;
    expect(closed?.closedBy).toBe(['schedule', 'ceo@trust.example'][winner]);
    expect(await rounds.close('2026-27-autumn', '2026-11-21T00:00:00.000Z', 'x')).toBe('alreadyClosed');
    expect(await rounds.close('2026-27-spring', '2026-11-21T00:00:00.000Z', 'x')).toBe('notFound');
  });

  it('keeps a term key with awkward characters', async () => {
    const rounds = new TableRoundStore(await freshTable('rnd'));
    await rounds.create(round('odd/term#?'));
    expect((await rounds.get('odd/term#?'))?.term).toBe('odd/term#?');
  });
});

import { StorageRequestCounter } from '../../../src/adapters/tableStorage/storageRequestCounter';
import { TablePromptLog } from '../../../src/adapters/tableStorage/TablePromptLog';
import { TableStorageError } from '../../../src/adapters/tableStorage/TableStorageError';
import type { PromptRecord } from '../../../src/domain/round/round';
import { freshTable } from './tableTestSupport';

const TERM = '2026-27-autumn';

function record(urn: string, overrides: Partial<PromptRecord> = {}): PromptRecord {
  return {
    term: TERM,
    urn,
    personEmail: `head@${urn}.example`,
    state: 'pending',
    claimedAt: '2026-11-02T07:00:00.000Z',
    remindedOn: [],
    ...overrides,
  };
}

describe('TablePromptLog', () => {
  it('claims a prompt once and reads it back', async () => {
    const log = new TablePromptLog(await freshTable('prm'));
    expect(await log.get(TERM, '990001')).toBeUndefined();
    expect(await log.claim(record('990001'))).toBe(true);
    expect(await log.claim(record('990001', { claimedAt: '2026-11-03T07:00:00.000Z' }))).toBe(false);
    expect(await log.get(TERM, '990001')).toEqual({
      ...record('990001'),
      version: expect.any(String) as unknown,
    });
  });

  it('lets exactly one of ten concurrent claims of a prompt win', async () => {
    const table = await freshTable('prm');
    const results = await Promise.all(
      Array.from({ length: 10 }, () => new TablePromptLog(table).claim(record('990001'))),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('records a reminder at most once a day, whichever of ten hosts fires', async () => {
    const table = await freshTable('prm');
    const log = new TablePromptLog(table);
    await log.claim(record('990001'));
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        new TablePromptLog(table).claimReminder(TERM, '990001', '2026-11-15', '2026-11-15T08:00:00.000Z'),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await log.claimReminder(TERM, '990001', '2026-11-18', '2026-11-18T08:00:00.000Z')).toBe(true);
    expect(await log.claimReminder(TERM, '990001', '2026-11-18', '2026-11-18T09:00:00.000Z')).toBe(false);
    expect((await log.get(TERM, '990001'))?.remindedOn).toEqual(['2026-11-15', '2026-11-18']);
  });

  it('records the outcome of queueing, keeping what the claim said', async () => {
    const log = new TablePromptLog(await freshTable('prm'));
    await log.claim(record('990001'));
    await log.update(TERM, '990001', { state: 'queued', queuedAt: '2026-11-02T07:00:05.000Z' });
    expect(await log.get(TERM, '990001')).toEqual({
      ...record('990001', { state: 'queued', queuedAt: '2026-11-02T07:00:05.000Z' }),
      version: expect.any(String) as unknown,
    });
  });

  describe('many at once (the fan-out)', () => {
    const urns = (n: number, from = 0): string[] =>
      Array.from({ length: n }, (_, i) => String(700000 + from + i));

    it("claims 250 prompts in three transactions and answers each one's version", async () => {
      const counter = new StorageRequestCounter();
      const log = new TablePromptLog(await freshTable('prm', counter));
      const claimed = await log.claimAll(urns(250).map((urn) => record(urn)));
      expect([...claimed.keys()].sort()).toEqual(urns(250));
      expect(counter.count).toBe(3);
      const listed = await log.list(TERM);
      expect(listed.map((p) => [p.urn, p.version])).toEqual(urns(250).map((urn) => [urn, claimed.get(urn)]));
    });

    it('leaves to their claimer the prompts claimed first, one by one or many at once', async () => {
      const table = await freshTable('prm');
      const log = new TablePromptLog(table);
      expect(await log.claim(record('700003', { claimedAt: '2026-11-01T07:00:00.000Z' }))).toBe(true);
      const [first, second] = await Promise.all([
        log.claimAll(urns(120).map((urn) => record(urn))),
        new TablePromptLog(table).claimAll(urns(120).map((urn) => record(urn))),
      ]);
      // Each prompt went to exactly one claimer; the one claimed before stayed as it was.
      for (const urn of urns(120)) {
        const winners = [first.has(urn), second.has(urn)].filter(Boolean).length;
        expect({ urn, winners }).toEqual({ urn, winners: urn === '700003' ? 0 : 1 });
      }
      expect((await log.get(TERM, '700003'))?.claimedAt).toBe('2026-11-01T07:00:00.000Z');
    });

    it('records many outcomes on the versions read, and re-reads those changed meanwhile', async () => {
      const log = new TablePromptLog(await freshTable('prm'));
      const claimed = await log.claimAll(urns(130).map((urn) => record(urn)));
      // Another host records one of them first: its version is stale now.
      await log.update(TERM, '700007', { state: 'queued', queuedAt: '2026-11-02T07:00:01.000Z' });
      await log.updateAll(
        TERM,
        urns(130).map((urn) => ({
          urn,
          version: claimed.get(urn) ?? '',
          changes: { state: 'queued' as const, queuedAt: '2026-11-02T07:00:05.000Z' },
        })),
      );
      const listed = await log.list(TERM);
      expect(listed.map((p) => [p.urn, p.state, p.queuedAt, p.personEmail])).toEqual(
        urns(130).map((urn) => [urn, 'queued', '2026-11-02T07:00:05.000Z', `head@${urn}.example`]),
      );
    });
  });

  it('refuses to update a prompt that was never claimed', async () => {
    const log = new TablePromptLog(await freshTable('prm'));
    await expect(log.update(TERM, '990001', { state: 'queued' })).rejects.toThrow(TableStorageError);
    await expect(log.update(TERM, '990001', { state: 'queued' })).rejects.toThrow('Claim the prompt first');
  });

  it("lists a round's prompts with their reminders, and keeps URNs that share a prefix apart", async () => {
    const log = new TablePromptLog(await freshTable('prm'));
    await log.claim(record('9900'));
    await log.claim(record('990001', { state: 'noConversation' }));
    await log.claim(record('a|b', { state: 'noHead', personEmail: undefined }));
    await log.claim({ ...record('990001'), term: '2026-27-spring' });
    await log.claimReminder(TERM, '990001', '2026-11-15', '2026-11-15T08:00:00.000Z');
    await log.claimReminder(TERM, 'a|b', '2026-11-16', '2026-11-16T08:00:00.000Z');

    const listed = await log.list(TERM);
    expect(listed.map((p) => [p.urn, p.state, p.remindedOn])).toEqual(
      expect.arrayContaining([
        ['9900', 'pending', []],
        ['990001', 'noConversation', ['2026-11-15']],
        ['a|b', 'noHead', ['2026-11-16']],
      ]),
    );
    expect(listed).toHaveLength(3);
    expect((await log.get(TERM, '9900'))?.remindedOn).toEqual([]);
    expect((await log.get(TERM, 'a|b'))?.personEmail).toBeUndefined();
  });

  it('keeps every card shown for a key, each with how its closing went, apart from the prompts', async () => {
    const log = new TablePromptLog(await freshTable('prm'));
    await log.claim(record('990001'));
    const card = (key: string, activityId: string, at: string) => ({
      term: TERM,
      key,
      conversationKey: 'person:head@990001.example',
      activityId,
      at,
    });
    expect(await log.getCard(TERM, '990001', 'act-1')).toBeUndefined();
    await log.recordCard(card('990001', 'act-1', '2026-11-24T09:00:00.000Z'));
    await log.recordCard(card('owner:amara@trust.example', 'act-2', '2026-11-24T09:00:01.000Z'));
    // A second card for the same academy (typed figures) is kept beside the first, not instead of it.
    await log.recordCard(card('990001', '1:act|3', '2026-11-25T09:00:00.000Z'));
    await log.markCardClosed(TERM, '990001', 'act-1', 'gone', '2026-12-07T10:00:00.000Z');
    expect(await log.getCard(TERM, '990001', 'act-1')).toEqual({
      ...card('990001', 'act-1', '2026-11-24T09:00:00.000Z'),
      closed: { outcome: 'gone', at: '2026-12-07T10:00:00.000Z' },
    });
    expect(await log.getCard(TERM, '990001', '1:act|3')).toEqual(
      card('990001', '1:act|3', '2026-11-25T09:00:00.000Z'),
    );
    // Recording the same message again keeps one row, and a closed card's closing.
    await log.recordCard(card('990001', '1:act|3', '2026-11-25T09:00:00.000Z'));
    await log.recordCard(card('990001', 'act-1', '2026-12-08T09:00:00.000Z'));
    expect((await log.cards(TERM)).map((c) => [c.key, c.activityId, c.closed?.outcome])).toEqual([
      ['990001', '1:act|3', undefined],
      ['990001', 'act-1', 'gone'],
      ['owner:amara@trust.example', 'act-2', undefined],
    ]);
    // A closing of a card never recorded records nothing; the prompts read as before.
    await log.markCardClosed(TERM, '990002', 'act-9', 'updated', '2026-12-07T10:00:00.000Z');
    expect(await log.getCard(TERM, '990002', 'act-9')).toBeUndefined();
    expect((await log.list(TERM)).map((p) => p.urn)).toEqual(['990001']);
  });
});

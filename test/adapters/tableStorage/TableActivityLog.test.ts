import { activityPartition, TableActivityLog } from '../../../src/adapters/tableStorage/TableActivityLog';
import { TableStorageError } from '../../../src/adapters/tableStorage/TableStorageError';
import { allEntities, freshTable } from './tableTestSupport';

const at = new Date('2024-10-01T12:00:00Z');

describe('TableActivityLog', () => {
  it('claims an id once', async () => {
    const log = new TableActivityLog(await freshTable('act'));
    expect(await log.claim('f:1234567890', at)).toBe(true);
    expect(await log.claim('f:1234567890', at)).toBe(false);
    expect(await log.claim('f:other', at)).toBe(true);
  });

  it('lets exactly one of many racing hosts claim an id', async () => {
    const table = await freshTable('act');
    const hosts = Array.from({ length: 10 }, () => new TableActivityLog(table));
    const results = await Promise.all(hosts.map((host) => host.claim('1:race/with?odd#chars', at)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('catches a re-send that crosses midnight', async () => {
    const log = new TableActivityLog(await freshTable('act'));
    expect(await log.claim('f:midnight', new Date('2024-10-01T23:59:55Z'))).toBe(true);
    expect(await log.claim('f:midnight', new Date('2024-10-02T00:00:10Z'))).toBe(false);
  });

  it('lets a released id be claimed again, and releasing an unknown id is fine', async () => {
    const log = new TableActivityLog(await freshTable('act'));
    await log.claim('f:retry', at);
    await log.release('f:retry');
    expect(await log.claim('f:retry', at)).toBe(true);
    await expect(log.release('f:never-claimed')).resolves.toBeUndefined();
  });

  it.each([
    ['longer than a key', 'x'.repeat(5000)],
    ['short, but longer than a key once escaped', '/'.repeat(300)],
  ])('claims an id %s once, by its hash, and releases it', async (_case, id) => {
    const table = await freshTable('act');
    const log = new TableActivityLog(table);
    expect(await log.claim(id, at)).toBe(true);
    expect(await log.claim(id, at)).toBe(false);
    expect(await log.claim(`${id}y`, at)).toBe(true);
    const rows = await allEntities(table);
    expect(rows.every((row) => String(row.rowKey).startsWith('sha256-'))).toBe(true);
    await log.release(id);
    expect(await log.claim(id, at)).toBe(true);
  });

  it('refuses an empty id instead of treating every id-less activity as a repeat', async () => {
    const log = new TableActivityLog(await freshTable('act'));
    await expect(log.claim('', at)).rejects.toThrow(TableStorageError);
  });

  it('prunes claims older than the cutoff, in batches of at most 100 per partition, and keeps the rest', async () => {
    const table = await freshTable('act');
    const log = new TableActivityLog(table);
    const old = Array.from({ length: 450 }, (_, i) => `old-${i}`);
    const recent = Array.from({ length: 20 }, (_, i) => `recent-${i}`);
    await Promise.all(old.map((id) => log.claim(id, new Date('2024-09-01T00:00:00Z'))));
    await Promise.all(recent.map((id) => log.claim(id, new Date('2024-10-01T00:00:00Z'))));

    const transactions: number[] = [];
    const original = table.submitTransaction.bind(table);
    table.submitTransaction = (actions, options) => {
      transactions.push(actions.length);
      return original(actions, options);
    };

    expect(await log.prune(new Date('2024-09-15T00:00:00Z'))).toBe(450);
    expect(transactions.every((size) => size <= 100)).toBe(true);
    expect(transactions.length).toBeLessThan(450 / 10); // batched, not one request per claim
    const left = await allEntities(table);
    expect(left.map((entity) => entity.rowKey).sort()).toEqual([...recent].sort());
    expect(await log.claim('recent-0', at)).toBe(false);
    expect(await log.claim('old-0', at)).toBe(true);
  });

  it('counts each pruned claim once when two hosts prune at the same time', async () => {
    const table = await freshTable('act');
    const log = new TableActivityLog(table);
    await Promise.all(
      Array.from({ length: 300 }, (_, i) => log.claim(`a-${i}`, new Date('2024-09-01T00:00:00Z'))),
    );
    const cutoff = new Date('2024-09-02T00:00:00Z');
    const [first, second] = await Promise.all([log.prune(cutoff), new TableActivityLog(table).prune(cutoff)]);
    expect(first + second).toBe(300);
    expect(await allEntities(table)).toEqual([]);
  });

  it('puts an id in the same partition whatever the time', () => {
    expect(activityPartition('f:abc')).toBe(activityPartition('f:abc'));
    expect(activityPartition('f:abc')).toMatch(/^[0-9a-f]$/);
  });

  describe('send claims (the outbox)', () => {
    it.each([
      ['nothing claimed yet', [], 'q-1', 'claimed'],
      ['a copy of the message holds it and has not sent', [['claim', 'q-1']], 'q-2', 'held'],
      ['a copy of the message has sent it', [['claim', 'q-1'], ['sent']], 'q-2', 'sent'],
      [
        "this queue message's own earlier attempt stopped before sending",
        [['claim', 'q-1']],
        'q-1',
        'claimed',
      ],
      ["this queue message's own earlier attempt sent it", [['claim', 'q-1'], ['sent']], 'q-1', 'sent'],
      ['the holder released it after a failed send', [['claim', 'q-1'], ['release']], 'q-2', 'claimed'],
    ] as const)('%s: %s', async (_case, before, holder, expected) => {
      const log = new TableActivityLog(await freshTable('act'));
      let version = '';
      for (const [step, by] of before) {
        if (step === 'claim') {
          const claim = await log.claimSend('prompt:t:1', by ?? '', at);
          version = claim.kind === 'claimed' ? claim.version : '';
        } else if (step === 'sent') {
          expect(await log.markSent('prompt:t:1', version, at)).toBe(true);
        } else {
          await log.releaseSend('prompt:t:1');
        }
      }
      expect((await log.claimSend('prompt:t:1', holder, at)).kind).toBe(expected);
    });

    it('lets exactly one of many copies of a message claim its send', async () => {
      const table = await freshTable('act');
      const claims = await Promise.all(
        Array.from({ length: 10 }, (_, i) => new TableActivityLog(table).claimSend('m:race', `q-${i}`, at)),
      );
      expect(claims.filter((claim) => claim.kind === 'claimed')).toHaveLength(1);
    });

    it("does not mark a send whose claim was taken over since (the holder's lease lapsed)", async () => {
      const log = new TableActivityLog(await freshTable('act'));
      const first = await log.claimSend('m:slow', 'q-1', at);
      const again = await log.claimSend('m:slow', 'q-1', at);
      expect([first.kind, again.kind]).toEqual(['claimed', 'claimed']);
      if (first.kind !== 'claimed' || again.kind !== 'claimed') return;
      expect(await log.markSent('m:slow', first.version, at)).toBe(false);
      expect(await log.markSent('m:slow', again.version, at)).toBe(true);
      expect((await log.claimSend('m:slow', 'q-1', at)).kind).toBe('sent');
    });

    it('counts a claim made before holders were recorded as sent', async () => {
      const log = new TableActivityLog(await freshTable('act'));
      expect(await log.claim('outbox:m:old', at)).toBe(true);
      expect((await log.claimSend('m:old', 'q-1', at)).kind).toBe('sent');
    });
  });
});

import type { TableClient } from '@azure/data-tables';

import { StorageRequestCounter } from '../../../src/adapters/tableStorage/storageRequestCounter';
import {
  CHUNK_CHARS,
  chunkText,
  TableEvaluationStore,
} from '../../../src/adapters/tableStorage/TableEvaluationStore';
import type { Evaluation, TargetResult } from '../../../src/domain/evaluation/evaluation';
import { allEntities, freshTable, interleave } from './tableTestSupport';

const TERM = '2026-27-autumn';

/** A synthetic evaluation of `academies` × 25 targets, with non-ASCII text (– £ 🏫) in every reason. */
function evaluation(label: string, academies = 50): Evaluation {
  const results: TargetResult[] = [];
  for (let a = 0; a < academies; a++) {
    for (let t = 0; t < 25; t++) {
      results.push({
        objectiveId: `objective-${t % 5}`,
        targetId: `target-${t}`,
        targetTitle: `Target ${t} – attendance at least 95 %`,
        subject: { kind: 'academy', urn: String(990000 + a), name: `Academy ${a} 🏫` },
        status: 'atRisk',
        rag: 'amber',
        reason: `${label}: attendance 93.${a}% (autumn 2026) is below the 95% target; £${t}k reserve — trend falling over three terms`,
        evidence: {
          metricId: 'attendance',
          target: 'at least 95%',
          value: { value: 93 + a / 100, display: `93.${a}%`, term: TERM },
          trajectory: {
            points: [
              { term: '2025-26-autumn', value: 94 },
              { term: '2025-26-spring', value: 93.5 },
              { term: '2025-26-summer', value: 93.2 },
            ],
            slope: -0.4,
            projected: 92,
            projectedDisplay: '92%',
            at: '2027-28-summer',
          },
        },
      });
    }
  }
  const counts = {
    met: 0,
    onTrack: 0,
    atRisk: results.length,
    missed: 0,
    notDue: 0,
    noData: 0,
    notApplicable: 0,
  };
  return {
    planId: 'demo-2025-2028',
    planTitle: `Thriving Academies 2025–2028 (${label})`,
    asOf: '2026-11-22',
    term: TERM,
    closedThrough: TERM,
    results,
    academies: Array.from({ length: academies }, (_, a) => ({
      urn: String(990000 + a),
      name: `Academy ${a} 🏫`,
      counts,
      rag: 'amber' as const,
    })),
    trust: { counts, rag: 'amber' },
    objectives: [{ objectiveId: 'objective-0', title: 'Achievement', counts, rag: 'amber' }],
  };
}

async function generations(table: TableClient): Promise<Set<string>> {
  const rows = await allEntities(table);
  return new Set(
    rows
      .filter((row) => String(row.rowKey).startsWith('g|'))
      .map((row) => String(row.rowKey).split('|')[1] ?? ''),
  );
}

describe('chunkText', () => {
  it.each([
    ['empty text', '', 4, []],
    ['text shorter than a chunk', 'abc', 4, ['abc']],
    ['text of whole chunks', 'abcdefgh', 4, ['abcd', 'efgh']],
    ['a surrogate pair on the boundary', 'abc🏫def', 4, ['abc', '🏫de', 'f']],
    ['pairs only', '🏫🏫🏫', 3, ['🏫', '🏫', '🏫']],
  ])('splits %s without breaking a character', (_case, text, size, expected) => {
    const chunks = chunkText(text, size);
    expect(chunks).toEqual(expected);
    expect(chunks.join('')).toBe(text);
  });
});

describe('TableEvaluationStore', () => {
  it('has nothing for a term before a save', async () => {
    const store = new TableEvaluationStore(await freshTable('evl'));
    expect(await store.get(TERM)).toBeUndefined();
  });

  it('stores an evaluation of 50 academies × 25 targets (over 1 MiB of JSON) and reads it back whole', async () => {
    const counter = new StorageRequestCounter();
    const table = await freshTable('evl', counter);
    const store = new TableEvaluationStore(table);
    const big = evaluation('first');
    const length = JSON.stringify(big).length;
    expect(length * 2).toBeGreaterThan(1024 * 1024); // UTF-16 bytes, as the service counts: over one entity

    await store.save(TERM, big);
    counter.reset();
    expect(await store.get(TERM)).toEqual(big);
    expect(counter.count).toBe(1); // pointer and chunks in one query
    const rows = await allEntities(table);
    expect(rows.length).toBe(1 + Math.ceil(length / CHUNK_CHARS));
    expect(rows.every((row) => typeof row.json !== 'string' || row.json.length <= CHUNK_CHARS)).toBe(true);
    expect(await store.get('2026-27-spring')).toBeUndefined();
  });

  it('replaces an evaluation, deletes the old generation, and keeps terms apart', async () => {
    const table = await freshTable('evl');
    const store = new TableEvaluationStore(table);
    await store.save(TERM, evaluation('first', 10));
    await store.save('2026-27-spring', evaluation('spring', 2));
    await store.save(TERM, evaluation('second', 10));
    expect(await store.get(TERM)).toEqual(evaluation('second', 10));
    expect(await store.get('2026-27-spring')).toEqual(evaluation('spring', 2));
    expect((await generations(table)).size).toBe(2); // one per term

    const odd = 'odd/term#?|%';
    await store.save(odd, evaluation('odd', 1));
    expect(await store.get(odd)).toEqual(evaluation('odd', 1));
    expect(await store.get('odd')).toBeUndefined();
  });

  it('shows the old evaluation while the new one is being written, and the new one once it is switched', async () => {
    const table = await freshTable('evl');
    const reader = new TableEvaluationStore(table);
    await reader.save(TERM, evaluation('old', 5));

    const seen: Array<Evaluation | undefined> = [];
    const look = async (): Promise<void> => {
      seen.push(await reader.get(TERM));
    };
    // Between two chunk transactions of the new generation, then right after the pointer switch (before
    // the old generation is deleted), then after the save.
    const spy = interleave(
      interleave(table, 'submitTransaction', look, 'after'),
      'updateEntity',
      look,
      'after',
    );
    const writer = new TableEvaluationStore(spy, { chunkChars: 200 }); // several chunk transactions
    await writer.save(TERM, evaluation('new', 5));
    await look();

    expect(seen).toEqual([evaluation('old', 5), evaluation('new', 5), evaluation('new', 5)]);
  });

  it('never shows a mixture to readers racing a run of replacements', async () => {
    const table = await freshTable('evl');
    const store = new TableEvaluationStore(table, { chunkChars: 1000 }); // several transactions per save
    const versions = ['v0', 'v1', 'v2', 'v3'].map((label) => evaluation(label, 3));
    await store.save(TERM, versions[0]!);
    let saving = true;
    const saves = (async () => {
      for (const version of versions.slice(1)) await store.save(TERM, version);
      saving = false;
    })();
    const titles = new Set<string>();
    const readers = Array.from({ length: 2 }, async () => {
      while (saving) {
        const got = await new TableEvaluationStore(table).get(TERM);
        const match = versions.find((version) => version.planTitle === got?.planTitle);
        expect(got).toEqual(match);
        titles.add(got!.planTitle);
      }
    });
    await Promise.all([saves, ...readers]);
    expect(titles.size).toBeGreaterThan(0);
    expect(await store.get(TERM)).toEqual(versions[3]);
  });

  it('keeps the previous evaluation, and no leftovers, when storage fails half-way through a save', async () => {
    const table = await freshTable('evl');
    const store = new TableEvaluationStore(table);
    await store.save(TERM, evaluation('old'));
    const before = await generations(table);

    let calls = 0;
    const failing = new Proxy(table, {
      get(target, property, receiver) {
        const value: unknown = Reflect.get(target, property, receiver);
        if (property !== 'submitTransaction' || typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          calls++;
          // The second chunk transaction fails as if the connection dropped; later calls (the clean-up) work.
          if (calls === 2)
            return Promise.reject(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
          return (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        };
      },
    });
    // Chunks of 100 characters: a small evaluation takes several transactions.
    const writer = new TableEvaluationStore(failing, { chunkChars: 100 });
    await expect(writer.save(TERM, evaluation('new', 2))).rejects.toThrow(
      /could not write the evaluation; the previous one stays current/,
    );
    expect(await store.get(TERM)).toEqual(evaluation('old'));
    expect(await generations(table)).toEqual(before);
  });

  it('ends with one complete evaluation when two saves race', async () => {
    const table = await freshTable('evl');
    const [a, b] = [new TableEvaluationStore(table), new TableEvaluationStore(table)];
    await Promise.all([a.save(TERM, evaluation('a', 20)), b.save(TERM, evaluation('b', 20))]);
    const got = await a.get(TERM);
    expect([evaluation('a', 20), evaluation('b', 20)]).toContainEqual(got);
    expect((await generations(table)).size).toBe(1);
  });

  it('sweeps a generation abandoned by a crashed save once it is an hour old', async () => {
    const table = await freshTable('evl');
    let now = new Date('2026-11-20T17:00:00Z');
    const store = new TableEvaluationStore(table, { now: () => now });
    await store.save(TERM, evaluation('current', 2));
    // A crashed save: its chunks are written, the pointer never switched.
    await table.createEntity({
      partitionKey: TERM,
      rowKey: 'g|20261120T170500000Z-deadbeef|000000',
      json: '{',
    });
    now = new Date('2026-11-20T17:30:00Z');
    await store.save(TERM, evaluation('later', 2));
    expect(await generations(table)).toContain('20261120T170500000Z-deadbeef');
    now = new Date('2026-11-20T19:00:00Z');
    await store.save(TERM, evaluation('latest', 2));
    expect((await generations(table)).size).toBe(1);
    expect(await store.get(TERM)).toEqual(evaluation('latest', 2));
  });
});

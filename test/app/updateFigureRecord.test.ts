/**
 * The read → decide → write-on-version → retry loop over the real TableFigureStore on Azurite. Another
 * writer is made to act between the helper's read and its write from inside `decide`, which runs after
 * the read: deterministic races against the real service.
 */
import { TableFigureStore } from '../../src/adapters/tableStorage/TableFigureStore';
import type { FigureStore } from '../../src/app/ports';
import { MAX_RECORD_ATTEMPTS, updateFigureRecord } from '../../src/app/updateFigureRecord';
import type { AcademyTermRecord } from '../../src/domain/round/round';
import { freshTable } from '../adapters/tableStorage/tableTestSupport';

const KEY = { term: '2026-27-autumn', urn: '990001' };
const AT = '2026-12-02T10:00:00.000Z';

async function store(): Promise<FigureStore> {
  return new TableFigureStore(await freshTable('upd'));
}

/** Another writer: stores an excusal with the reason, on whatever version is current. */
async function otherWriter(figures: FigureStore, reason: string): Promise<void> {
  const current = await figures.read(KEY.term, KEY.urn);
  const outcome = await figures.write({
    ...KEY,
    expectedVersion: current.version,
    figures: [],
    audit: [],
    excused: { reason, by: 'exec@a.example', at: AT },
  });
  if (outcome.kind !== 'written') throw new Error('the other writer conflicted');
}

function draftChange(text: string) {
  return {
    kind: 'write' as const,
    change: {
      state: 'draft' as const,
      figures: [],
      audit: [],
      draft: { inputs: { m_attendance: text }, savedBy: 'h', savedAt: AT },
    },
    result: text,
  };
}

describe('updateFigureRecord', () => {
  it('writes the change decided on the record as read, naming its version', async () => {
    const figures = await store();
    const seen: Array<AcademyTermRecord['version']> = [];
    const update = await updateFigureRecord(figures, KEY, (record) => {
      seen.push(record.version);
      return draftChange('94');
    });
    if (update.kind !== 'written') throw new Error(`not written: ${update.kind}`);
    expect(update.result).toBe('94');
    expect(seen).toEqual([undefined]);
    const record = await figures.read(KEY.term, KEY.urn);
    expect(record.draft?.inputs).toEqual({ m_attendance: '94' });
    expect(record.version).toBe(update.version);
  });

  it('writes nothing when the decision is to stop, and gives its result', async () => {
    const figures = await store();
    const update = await updateFigureRecord(figures, KEY, () => ({ kind: 'stop', result: 'nothing to do' }));
    expect(update).toEqual({ kind: 'stopped', result: 'nothing to do' });
    expect(await figures.isEmpty()).toBe(true);
  });

  it('decides again on fresh data after a conflicting write, keeping the other writer’s change', async () => {
    const figures = await store();
    const reasons: Array<string | undefined> = [];
    const update = await updateFigureRecord(figures, KEY, async (record) => {
      reasons.push(record.excused?.reason);
      if (reasons.length === 1) await otherWriter(figures, 'on leave');
      return draftChange(`seen ${record.excused?.reason ?? 'nothing'}`);
    });
    expect(update.kind).toBe('written');
    expect(reasons).toEqual([undefined, 'on leave']);
    const record = await figures.read(KEY.term, KEY.urn);
    expect(record.excused?.reason).toBe('on leave');
    expect(record.draft?.inputs).toEqual({ m_attendance: 'seen on leave' });
  });

  it.each([1, 3, MAX_RECORD_ATTEMPTS])(
    'gives up after %i conflicting attempts, having stored nothing of its own',
    async (attempts) => {
      const figures = await store();
      let decisions = 0;
      const update = await updateFigureRecord(
        figures,
        KEY,
        async () => {
          decisions++;
          await otherWriter(figures, `conflict ${decisions}`);
          return draftChange('never stored');
        },
        attempts,
      );
      expect(update).toEqual({ kind: 'gaveUp', attempts });
      expect(decisions).toBe(attempts);
      const record = await figures.read(KEY.term, KEY.urn);
      expect(record.draft).toBeUndefined();
      expect(record.excused?.reason).toBe(`conflict ${attempts}`);
    },
  );

  it('lets a storage failure through instead of retrying it', async () => {
    const figures = await store();
    let decisions = 0;
    const broken = updateFigureRecord(figures, { ...KEY, urn: 'u'.repeat(600) }, () => {
      decisions++;
      return draftChange('x');
    });
    await expect(broken).rejects.toThrow(/Table key too long/);
    expect(decisions).toBe(0);
  });
});

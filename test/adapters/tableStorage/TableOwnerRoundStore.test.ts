import { TableOwnerRoundStore } from '../../../src/adapters/tableStorage/TableOwnerRoundStore';
import type { OwnerSubmission } from '../../../src/domain/round/ownerRound';
import { freshTable } from './tableTestSupport';

const TERM = '2026-27-autumn';
const OWNER = 'clerk@trust.example';

describe('TableOwnerRoundStore', () => {
  it('reads an owner with nothing stored as not started', async () => {
    const store = new TableOwnerRoundStore(await freshTable('owners'));
    expect(await store.read(TERM, OWNER)).toEqual({ term: TERM, email: OWNER, state: 'notStarted' });
  });

  it('gives back what it stored, a pending submission too big for one property included', async () => {
    const store = new TableOwnerRoundStore(await freshTable('owners'));
    // 600 academies' answers: about 60,000 characters of JSON, over one string property's limit.
    const pending: OwnerSubmission = {
      at: '2026-12-01T10:00:00.000Z',
      figures: Array.from({ length: 600 }, (_, i) => ({
        urn: String(990000 + i),
        metricId: 'governorVacancies',
        content: i % 2 === 0 ? { value: i % 5 } : { notAvailable: 'Clerk on leave until January' },
      })),
    };
    const draft = { inputs: { m_990001_governorVacancies: '2' }, savedBy: OWNER, savedAt: pending.at };
    const written = await store.write({
      term: TERM,
      email: OWNER,
      state: 'draft',
      draft,
      pending,
      expectedVersion: undefined,
    });
    expect(written.kind).toBe('written');
    const read = await store.read(TERM, OWNER);
    expect(read).toEqual({
      term: TERM,
      email: OWNER,
      state: 'draft',
      draft,
      pending,
      version: expect.any(String) as string,
    });
    expect(await store.term(TERM)).toEqual([read]);
  });

  it('refuses a write on a stale version, and a second first write, storing nothing', async () => {
    const store = new TableOwnerRoundStore(await freshTable('owners'));
    await store.write({ term: TERM, email: OWNER, state: 'draft', expectedVersion: undefined });
    expect(
      await store.write({ term: TERM, email: OWNER, state: 'submitted', expectedVersion: undefined }),
    ).toEqual({
      kind: 'conflict',
    });
    const first = await store.read(TERM, OWNER);
    const next = await store.write({
      term: TERM,
      email: OWNER,
      state: 'submitted',
      submittedAt: '2026-12-02T09:00:00.000Z',
      expectedVersion: first.version,
    });
    expect(next.kind).toBe('written');
    expect(
      await store.write({ term: TERM, email: OWNER, state: 'draft', expectedVersion: first.version }),
    ).toEqual({
      kind: 'conflict',
    });
    expect(await store.read(TERM, OWNER)).toMatchObject({
      state: 'submitted',
      submittedAt: '2026-12-02T09:00:00.000Z',
    });
  });

  it('drops a pending submission and a draft once the record is written without them', async () => {
    const store = new TableOwnerRoundStore(await freshTable('owners'));
    const pending: OwnerSubmission = {
      at: 'x',
      figures: [{ urn: '990001', metricId: 'teacherTurnover', content: { value: 9 } }],
    };
    await store.write({ term: TERM, email: OWNER, state: 'draft', pending, expectedVersion: undefined });
    const { version } = await store.read(TERM, OWNER);
    await store.write({ term: TERM, email: OWNER, state: 'submitted', expectedVersion: version });
    const read = await store.read(TERM, OWNER);
    expect(read.pending).toBeUndefined();
    expect(read.state).toBe('submitted');
  });

  it('keeps each term and owner apart, emails with characters keys cannot hold included', async () => {
    const store = new TableOwnerRoundStore(await freshTable('owners'));
    await store.write({
      term: TERM,
      email: 'a#b?c@trust.example',
      state: 'submitted',
      expectedVersion: undefined,
    });
    await store.write({ term: '2026-27-spring', email: OWNER, state: 'draft', expectedVersion: undefined });
    expect((await store.term(TERM)).map((record) => record.email)).toEqual(['a#b?c@trust.example']);
    expect((await store.read(TERM, OWNER)).state).toBe('notStarted');
  });
});

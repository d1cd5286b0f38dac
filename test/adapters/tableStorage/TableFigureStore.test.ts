import type { TableClient } from '@azure/data-tables';

import { createTableClient } from '../../../src/adapters/tableStorage/createTableClient';
import { StorageRequestCounter } from '../../../src/adapters/tableStorage/storageRequestCounter';
import { TableFigureStore } from '../../../src/adapters/tableStorage/TableFigureStore';
import { TableStorageError } from '../../../src/adapters/tableStorage/TableStorageError';
import type { FigureWrite } from '../../../src/app/ports';
import { METRIC_CATALOGUE } from '../../../src/domain/metrics/metricCatalogue';
import type { AuditRecord, FigureContent, StoredFigure } from '../../../src/domain/round/round';
import { azuriteConnectionString } from '../../../src/hosts/local/azurite';
import { freePort } from '../../../src/hosts/local/netPorts';
import { allEntities, freshTable } from './tableTestSupport';

const TERM = '2026-27-autumn';
const URN = '990001';
const AT = '2026-11-03T09:15:00.000Z';
const HEAD = 'head@hill.example';

function figure(
  metricId: string,
  content: FigureContent,
  overrides: Partial<StoredFigure> = {},
): StoredFigure {
  return { urn: URN, term: TERM, metricId, content, channel: 'card', by: HEAD, at: AT, ...overrides };
}

function auditOf(item: StoredFigure, old?: FigureContent): AuditRecord {
  return {
    urn: item.urn,
    term: item.term,
    metricId: item.metricId,
    at: item.at,
    by: item.by,
    channel: item.channel,
    ...(old !== undefined && { old }),
    new: item.content,
  };
}

/** A write of the figures with one audit record each, the way a submission is written. */
function submission(figures: StoredFigure[], expectedVersion?: string): FigureWrite {
  return {
    urn: figures[0]?.urn ?? URN,
    term: figures[0]?.term ?? TERM,
    expectedVersion,
    state: 'submitted',
    submittedBy: HEAD,
    submittedAt: AT,
    figures,
    audit: figures.map((item) => auditOf(item)),
    draft: null,
  };
}

async function store(
  counter?: StorageRequestCounter,
): Promise<{ figures: TableFigureStore; table: TableClient }> {
  const table = await freshTable('fig', counter);
  return { figures: new TableFigureStore(table), table };
}

describe('TableFigureStore', () => {
  it('reads an empty record, with no version, when nothing is stored', async () => {
    const { figures } = await store();
    const record = await figures.read(TERM, URN);
    expect(record).toEqual({ urn: URN, term: TERM, state: 'notStarted', figures: new Map() });
    expect(await figures.isEmpty()).toBe(true);
  });

  it('stores a submission and reads back every kind of value, the state and who submitted', async () => {
    const { figures } = await store();
    const values = [
      figure('attendance', { value: 94.1 }),
      figure('pupilsOnRoll', { value: 412 }),
      figure('ofstedOverall', { value: 'good' }),
      figure('scrCompliant', { value: true }),
      figure('ks2Rwm', { notAvailable: 'Results are published in July' }),
    ];
    const outcome = await figures.write(submission(values));
    expect(outcome.kind).toBe('written');

    const record = await figures.read(TERM, URN);
    expect(record.state).toBe('submitted');
    expect(record.submittedBy).toBe(HEAD);
    expect(record.submittedAt).toBe(AT);
    expect(record.draft).toBeUndefined();
    expect([...record.figures.values()]).toEqual(expect.arrayContaining(values));
    expect(record.figures.size).toBe(values.length);
    expect(record.version).toBe(outcome.kind === 'written' ? outcome.version : 'none');
    expect(record.version).toMatch(/\S/);
    expect(await figures.isEmpty()).toBe(false);
  });

  it('keeps, replaces and removes the draft and the excusal as the change says', async () => {
    const { figures } = await store();
    const draft = { inputs: { m_attendance: '94', na_ks2Rwm: '' }, savedBy: HEAD, savedAt: AT };
    const excused = { reason: 'Head on long-term leave', by: 'ceo@trust.example', at: AT };
    let write = await figures.write({
      urn: URN,
      term: TERM,
      expectedVersion: undefined,
      state: 'draft',
      figures: [],
      audit: [],
      draft,
      excused,
    });
    let record = await figures.read(TERM, URN);
    expect(record).toMatchObject({ state: 'draft', draft, excused });

    // Absent fields stay as they are.
    write = await figures.write({
      urn: URN,
      term: TERM,
      expectedVersion: record.version,
      figures: [],
      audit: [],
    });
    expect(write.kind).toBe('written');
    record = await figures.read(TERM, URN);
    expect(record).toMatchObject({ state: 'draft', draft, excused });

    // null removes.
    await figures.write({
      urn: URN,
      term: TERM,
      expectedVersion: record.version,
      figures: [],
      audit: [],
      draft: null,
      excused: null,
    });
    record = await figures.read(TERM, URN);
    expect(record.draft).toBeUndefined();
    expect(record.excused).toBeUndefined();
    expect(record.state).toBe('draft');
  });

  it('reads one record in one round trip and writes a change in one, however long the audit trail', async () => {
    const counter = new StorageRequestCounter();
    const { figures } = await store(counter);
    let version: string | undefined;
    for (let edit = 0; edit < 30; edit++) {
      const changed = figure(
        'attendance',
        { value: 90 + edit / 10 },
        { at: `2026-11-03T09:${String(edit).padStart(2, '0')}:00.000Z` },
      );
      counter.reset();
      const outcome = await figures.write(submission([changed], version));
      expect(counter.count).toBe(1);
      version = outcome.kind === 'written' ? outcome.version : undefined;
    }
    counter.reset();
    const record = await figures.read(TERM, URN);
    expect(counter.count).toBe(1);
    expect(record.figures.get('attendance')?.content).toEqual({ value: 92.9 });
    expect(await figures.audit(TERM, URN, 'attendance')).toHaveLength(30);
  });

  it.each([
    ['both saw nothing stored yet', false],
    ['both read the same stored version', true],
  ])(
    'lets one of two concurrent writers win and tells the other of the conflict (%s)',
    async (_case, existing) => {
      const { figures } = await store();
      if (existing) await figures.write(submission([figure('attendance', { value: 90 })]));
      const { version } = await figures.read(TERM, URN);

      const later = '2026-11-04T10:00:00.000Z';
      const first = figure('attendance', { value: 95 }, { by: 'first@hill.example', at: later });
      const second = figure('attendance', { value: 96 }, { by: 'second@hill.example', at: later });
      const outcomes = await Promise.all([
        figures.write(submission([first], version)),
        figures.write(submission([second], version)),
      ]);

      expect(outcomes.map((outcome) => outcome.kind).sort()).toEqual(['conflict', 'written']);
      const winner = outcomes[0]?.kind === 'written' ? first : second;
      const record = await figures.read(TERM, URN);
      expect(record.figures.get('attendance')).toEqual(winner);
      const trail = await figures.audit(TERM, URN, 'attendance');
      expect(trail.map((entry) => entry.by)).toEqual([...(existing ? [HEAD] : []), winner.by]);
    },
  );

  it('answers conflict to a write naming a version that is no longer current', async () => {
    const { figures } = await store();
    const written = await figures.write(submission([figure('attendance', { value: 90 })]));
    const stale = written.kind === 'written' ? written.version : '';
    await figures.write(submission([figure('attendance', { value: 91 })], stale));
    expect(await figures.write(submission([figure('attendance', { value: 92 })], stale))).toEqual({
      kind: 'conflict',
    });
    expect((await figures.read(TERM, URN)).figures.get('attendance')?.content).toEqual({ value: 91 });
  });

  it('stores nothing of a transaction that the service refuses half-way, and names the row', async () => {
    const { figures, table } = await store();
    await figures.write(submission([figure('attendance', { value: 90 })]));
    const before = await allEntities(table);
    const { version } = await figures.read(TERM, URN);

    const change = submission(
      [
        figure('attendance', { value: 97 }),
        figure('ks2Rwm', { notAvailable: 'x'.repeat(40_000) }), // over the 32 Ki characters a property holds
      ],
      version,
    );
    const error = await figures.write(change).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(TableStorageError);
    expect((error as TableStorageError).code).toBe('PropertyValueTooLarge');
    expect((error as Error).message).toContain('RowKey "f|ks2Rwm"');
    expect((error as Error).message).toContain('nothing of this change was stored');
    expect(await allEntities(table)).toEqual(before);
  });

  it('refuses, before sending anything, a change over the 100 operations of one transaction', async () => {
    const counter = new StorageRequestCounter();
    const { figures, table } = await store(counter);
    const many = Array.from({ length: 50 }, (_, i) => figure(`metric${i}`, { value: i }));
    const error = await figures.write(submission(many)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TableStorageError);
    expect((error as Error).message).toContain("101 operations, over the service's limit of 100");
    expect(counter.count).toBe(0);
    expect(await allEntities(table)).toEqual([]);

    // 49 figures with their audit and the header are exactly 99 operations: allowed.
    expect((await figures.write(submission(many.slice(0, 49)))).kind).toBe('written');
  });

  it('writes a submission of every head-supplied metric in the catalogue, with its audit, in one transaction', async () => {
    const counter = new StorageRequestCounter();
    const { figures } = await store(counter);
    const all = METRIC_CATALOGUE.filter((metric) => metric.source === 'head').map((metric, i) =>
      figure(metric.id, { value: i }),
    );
    const outcome = await figures.write(submission(all));
    expect(outcome.kind).toBe('written');
    expect(counter.count).toBe(1);
    expect((await figures.read(TERM, URN)).figures.size).toBe(all.length);
  });

  it.each([
    ['a figure of another academy', { urn: '990002' }],
    ['a figure of another term', { term: '2026-27-spring' }],
  ])('refuses a change holding %s: a transaction is one partition', async (_case, stray) => {
    const counter = new StorageRequestCounter();
    const { figures } = await store(counter);
    const change = submission([figure('attendance', { value: 90 }), figure('ks2Rwm', { value: 60 }, stray)]);
    change.urn = URN;
    change.term = TERM;
    await expect(figures.write(change)).rejects.toThrow(/one write is one academy and one term/);
    expect(counter.count).toBe(0);
  });

  it('refuses an empty expected version instead of sending an empty condition', async () => {
    const { figures } = await store();
    await expect(figures.write(submission([figure('attendance', { value: 90 })], ''))).rejects.toThrow(
      'the expected version is empty',
    );
  });

  it('refuses a change that holds one figure twice', async () => {
    const { figures } = await store();
    const change = submission([figure('attendance', { value: 90 }), figure('attendance', { value: 91 })]);
    await expect(figures.write(change)).rejects.toThrow(
      'the change holds attendance twice (written or cleared)',
    );
  });

  it('clears a figure with its audit record in the same transaction, and reads the clearing back', async () => {
    const counter = new StorageRequestCounter();
    const { figures, table } = await store(counter);
    await figures.write(
      submission([figure('attendance', { value: 90 }), figure('reportCardInclusion', { value: 'secure' })]),
    );
    const { version } = await figures.read(TERM, URN);
    const later = '2026-11-04T10:00:00.000Z';
    const clearing: AuditRecord = {
      urn: URN,
      term: TERM,
      metricId: 'reportCardInclusion',
      at: later,
      by: HEAD,
      channel: 'card',
      old: { value: 'secure' },
    };
    counter.reset();
    const outcome = await figures.write({
      urn: URN,
      term: TERM,
      expectedVersion: version,
      figures: [],
      cleared: ['reportCardInclusion'],
      audit: [clearing],
    });
    expect(outcome.kind).toBe('written');
    expect(counter.count).toBe(1);
    const record = await figures.read(TERM, URN);
    expect([...record.figures.keys()]).toEqual(['attendance']);
    expect(await figures.audit(TERM, URN, 'reportCardInclusion')).toEqual([
      auditOf(figure('reportCardInclusion', { value: 'secure' })),
      clearing,
    ]);
    const rows = await allEntities(table);
    expect(rows.filter((row) => row.rowKey === 'f|reportCardInclusion')).toEqual([]);
    const stored = rows.find((row) => row.at === later);
    expect(stored).not.toHaveProperty('new');
    expect(stored?.old).toBe('{"value":"secure"}');
  });

  it('stores nothing of a clearing computed on a stale version', async () => {
    const { figures, table } = await store();
    const first = await figures.write(submission([figure('reportCardInclusion', { value: 'secure' })]));
    const stale = first.kind === 'written' ? first.version : '';
    await figures.write(submission([figure('reportCardInclusion', { value: 'strong' })], stale));
    const before = await allEntities(table);
    const outcome = await figures.write({
      urn: URN,
      term: TERM,
      expectedVersion: stale,
      figures: [],
      cleared: ['reportCardInclusion'],
      audit: [
        {
          urn: URN,
          term: TERM,
          metricId: 'reportCardInclusion',
          at: AT,
          by: HEAD,
          channel: 'card',
          old: { value: 'secure' },
        },
      ],
    });
    expect(outcome).toEqual({ kind: 'conflict' });
    expect(await allEntities(table)).toEqual(before);
  });

  it('refuses a change that writes and clears the same figure', async () => {
    const { figures } = await store();
    const change = { ...submission([figure('attendance', { value: 90 })]), cleared: ['attendance'] };
    await expect(figures.write(change)).rejects.toThrow(
      'the change holds attendance twice (written or cleared)',
    );
  });

  it('refuses to read an audit row that says neither what was stored nor what was cleared', async () => {
    const { figures, table } = await store();
    await figures.write(submission([figure('attendance', { value: 90 })]));
    const [row] = (await allEntities(table)).filter((entity) => String(entity.rowKey).startsWith('a|'));
    await table.updateEntity(
      { partitionKey: String(row?.partitionKey), rowKey: String(row?.rowKey), new: '' },
      'Merge',
    );
    await expect(figures.audit(TERM, URN)).rejects.toThrow(/field "new" is missing or invalid/);
  });

  it('reads a term for every academy, without other terms or the audit trail', async () => {
    const counter = new StorageRequestCounter();
    const { figures } = await store(counter);
    for (const urn of ['990001', '990002', 'trust']) {
      await figures.write(submission([figure('attendance', { value: 90 }, { urn })]));
    }
    await figures.write(submission([figure('attendance', { value: 80 }, { term: '2026-27-spring' })]));
    await figures.write(submission([figure('attendance', { value: 70 }, { term: '2026-27-autumn2' })]));

    counter.reset();
    const records = await figures.term(TERM);
    expect(counter.count).toBe(1);
    expect(records.map((record) => record.urn).sort()).toEqual(['990001', '990002', 'trust']);
    for (const record of records) {
      expect(record.term).toBe(TERM);
      expect(record.state).toBe('submitted');
      expect(record.version).toEqual(expect.any(String));
      expect([...record.figures.values()].map((item) => item.content)).toEqual([{ value: 90 }]);
    }
  });

  it("reads one academy's history with one query per term, in the order of the terms", async () => {
    const counter = new StorageRequestCounter();
    const { figures } = await store(counter);
    const terms = ['2025-26-autumn', '2025-26-spring', '2025-26-summer'];
    for (const [index, term] of terms.entries()) {
      await figures.write(submission([figure('attendance', { value: 90 + index }, { term })]));
      await figures.write(submission([figure('attendance', { value: 50 }, { term, urn: '990002' })]));
    }
    counter.reset();
    const history = await figures.history(URN, [...terms, '2026-27-autumn']);
    expect(counter.count).toBe(4);
    expect(history.map((item) => [item.term, item.content])).toEqual([
      ['2025-26-autumn', { value: 90 }],
      ['2025-26-spring', { value: 91 }],
      ['2025-26-summer', { value: 92 }],
    ]);
  });

  it('gives the audit trail oldest first, for one metric or all of them', async () => {
    const { figures } = await store();
    const steps: Array<[string, number, string]> = [
      ['attendance', 90, '2026-11-03T09:00:00.000Z'],
      ['progress8', 0.1, '2026-11-03T09:00:01.000Z'],
      ['attendance', 91, '2026-11-04T10:00:00.000Z'],
      ['progress8', -0.2, '2026-11-05T10:00:00.000Z'],
    ];
    let version: string | undefined;
    const previous = new Map<string, FigureContent>();
    for (const [metricId, value, at] of steps) {
      const item = figure(metricId, { value }, { at });
      const outcome = await figures.write({
        ...submission([item], version),
        audit: [auditOf(item, previous.get(metricId))],
      });
      previous.set(metricId, item.content);
      version = outcome.kind === 'written' ? outcome.version : undefined;
    }
    const all = await figures.audit(TERM, URN);
    expect(all.map((entry) => [entry.metricId, entry.old, entry.new])).toEqual([
      ['attendance', undefined, { value: 90 }],
      ['progress8', undefined, { value: 0.1 }],
      ['attendance', { value: 90 }, { value: 91 }],
      ['progress8', { value: 0.1 }, { value: -0.2 }],
    ]);
    const one = await figures.audit(TERM, URN, 'progress8');
    expect(one.map((entry) => entry.at)).toEqual(['2026-11-03T09:00:01.000Z', '2026-11-05T10:00:00.000Z']);
    expect(await figures.audit(TERM, URN, 'progress')).toEqual([]); // a prefix of a metric id is not that metric
  });

  it.each([
    ['forbidden characters', 'a/b\\c#d?e', 'x/y#z', 'm/1?'],
    ['the key separator', 'a|b', 'term|x', 'metric|id'],
    ['percent signs and escapes', '%2F%', '%u0041', '%%'],
    ['control characters and a lone surrogate', 'a\u0001b\u007f', 'tab\there', 'x\ud800y'],
    ['emoji and accents', 'école 🏫', '2026-27-autumn', 'naïve'],
  ])('keeps keys with %s apart and gives them back', async (_case, urn, term, metricId) => {
    const { figures } = await store();
    const item = figure(metricId, { value: 1 }, { urn, term });
    await figures.write(submission([item]));
    // Neighbours whose keys would collide if a part were not escaped.
    await figures.write(submission([figure(metricId, { value: 2 }, { urn: `${urn}|x`, term })]));
    await figures.write(submission([figure(metricId, { value: 3 }, { urn, term: `${term}|x` })]));

    expect((await figures.read(term, urn)).figures.get(metricId)).toEqual(item);
    expect((await figures.term(term)).map((record) => record.urn).sort()).toEqual([urn, `${urn}|x`].sort());
    expect(await figures.history(urn, [term])).toEqual([item]);
    expect(await figures.audit(term, urn, metricId)).toEqual([auditOf(item)]);
  });

  it('throws a TableStorageError that says the outcome is unknown when storage is unreachable', async () => {
    const port = await freePort('127.0.0.1'); // nothing listens there
    const counter = new StorageRequestCounter();
    const figures = new TableFigureStore(
      createTableClient(
        azuriteConnectionString('127.0.0.1', { blob: port, queue: port, table: port }),
        'figures',
        // One retry (not the SDK's three, 5 s of backoff): enough to see a refused connection retried.
        { requestCounter: counter, maxRetries: 1 },
      ),
    );
    const error = await figures
      .write(submission([figure('attendance', { value: 90 })]))
      .catch((e: unknown) => e);
    // The write and its retry, then the fence that would settle it, and its retry.
    expect(counter.count).toBe(4);
    expect(error).toBeInstanceOf(TableStorageError);
    expect((error as TableStorageError).outcomeUnknown).toBe(true);
    expect((error as Error).message).toContain('whether the change was stored could not be settled');
    expect((error as Error).message).toContain('is Azurite running');
  });

  it('says what is wrong with a key too long for the service', async () => {
    const { figures } = await store();
    await expect(figures.read(TERM, 'u'.repeat(600))).rejects.toThrow(/Table key too long/);
  });
});

import { join } from 'node:path';

import { readObservationsFile } from '../../../src/adapters/files/readObservationsCsv';
import { readRosterDir } from '../../../src/adapters/files/readRosterDir';
import { StorageRequestCounter } from '../../../src/adapters/tableStorage/storageRequestCounter';
import { TableFigureStore } from '../../../src/adapters/tableStorage/TableFigureStore';
import {
  importFigures,
  importItemOf,
  MAX_FIGURES_PER_WRITE,
  planImport,
  seedHistoryIfEmpty,
} from '../../../src/app/round/importFigures';
import type { Observation } from '../../../src/domain/evaluation/observation';
import type { AcademyTermRecord, StoredFigure } from '../../../src/domain/round/round';
import { DEFAULT_TERM_CALENDAR, formatTermKey, parseTermKey } from '../../../src/domain/terms/termCalendar';
import { allEntities, freshTable } from '../../adapters/tableStorage/tableTestSupport';

const ROOT = join(__dirname, '../../..');
const AT = '2026-11-22T10:00:00.000Z';
const SUMMER = { startYear: 2025, term: 'summer' } as const;

function observation(metricId: string, value: number | string | boolean, subject = '990001'): Observation {
  return { subject, term: SUMMER, metricId, value };
}

function stored(metricId: string, content: StoredFigure['content']): StoredFigure {
  return {
    urn: '990001',
    term: '2025-26-summer',
    metricId,
    content,
    channel: 'card',
    by: 'head@a.example',
    at: '2026-07-01T00:00:00.000Z',
  };
}

function recordWith(...figures: StoredFigure[]): AcademyTermRecord {
  return {
    urn: '990001',
    term: '2025-26-summer',
    state: 'submitted',
    figures: new Map(figures.map((figure) => [figure.metricId, figure])),
    version: 'v1',
  };
}

async function demoHistory(): Promise<Observation[]> {
  const roster = await readRosterDir(join(ROOT, 'demo/roster'));
  if (!roster.ok) throw new Error('the demo roster does not load');
  const data = await readObservationsFile(join(ROOT, 'demo/data/observations.csv'), {
    roster: roster.roster,
    calendar: DEFAULT_TERM_CALENDAR,
  });
  if (!data.ok) throw new Error(data.errors.join('\n'));
  return data.observations;
}

describe('planImport', () => {
  it.each<[string, AcademyTermRecord, Observation[], Array<[string, unknown, unknown]>]>([
    [
      'a new figure',
      recordWith(),
      [observation('attendance', 95)],
      [['attendance', undefined, { value: 95 }]],
    ],
    ['the same value', recordWith(stored('attendance', { value: 95 })), [observation('attendance', 95)], []],
    [
      'a changed value',
      recordWith(stored('attendance', { value: 94 })),
      [observation('attendance', 95)],
      [['attendance', { value: 94 }, { value: 95 }]],
    ],
    [
      'a value where the head said "not available"',
      recordWith(stored('attainment8', { notAvailable: 'not published' })),
      [observation('attainment8', 48.2)],
      [['attainment8', { notAvailable: 'not published' }, { value: 48.2 }]],
    ],
    [
      'the same option',
      recordWith(stored('ofstedOverall', { value: 'good' })),
      [observation('ofstedOverall', 'good')],
      [],
    ],
    [
      'a yes/no that flipped',
      recordWith(stored('scrCompliant', { value: true })),
      [observation('scrCompliant', false)],
      [['scrCompliant', { value: true }, { value: false }]],
    ],
  ])('plans %s', (_case, record, observations, expected) => {
    const writes = planImport(record, observations.map(importItemOf), AT);
    const audit = writes.flatMap((write) => write.audit);
    expect(audit.map((entry) => [entry.metricId, entry.old, entry.new])).toEqual(expected);
    for (const write of writes) {
      expect(write.expectedVersion).toBe('v1');
      expect(
        write.figures.every(
          (figure) => figure.channel === 'import' && figure.by === 'import' && figure.at === AT,
        ),
      ).toBe(true);
      expect(write.audit.every((entry) => entry.channel === 'import')).toBe(true);
      expect(write.state).toBeUndefined(); // history is not a submission
    }
  });

  it('splits a change over the figures one transaction holds', () => {
    const many = Array.from({ length: 60 }, (_, i) => observation(`metric${i}`, i));
    const writes = planImport(recordWith(), many.map(importItemOf), AT);
    expect(writes.map((write) => write.figures.length)).toEqual([
      MAX_FIGURES_PER_WRITE,
      60 - MAX_FIGURES_PER_WRITE,
    ]);
    expect(writes.map((write) => write.audit.length)).toEqual([
      MAX_FIGURES_PER_WRITE,
      60 - MAX_FIGURES_PER_WRITE,
    ]);
  });
});

describe('importFigures', () => {
  it('imports the demo history with an audit record per figure, and a second import writes nothing', async () => {
    const counter = new StorageRequestCounter();
    const table = await freshTable('imp', counter);
    const store = new TableFigureStore(table);
    const history = await demoHistory();

    const first = await importFigures(store, history, AT);
    expect(first.changed).toBe(history.length);
    expect(first.unchanged).toBe(0);
    const after = await allEntities(table);
    expect(after.filter((row) => String(row.rowKey).startsWith('a|'))).toHaveLength(history.length);

    counter.reset();
    const second = await importFigures(store, history, '2026-11-23T10:00:00.000Z');
    expect(second).toEqual({
      changed: 0,
      unchanged: history.length,
      academyTerms: first.academyTerms,
      writes: 0,
    });
    expect(counter.count).toBe(first.academyTerms); // one read per academy-term, no write
    expect(await allEntities(table)).toEqual(after);

    const sample = history.find((item) => item.subject === '990001')!;
    const record = await store.read(formatTermKey(sample.term), '990001');
    expect(record.figures.get(sample.metricId)).toMatchObject({
      content: { value: sample.value },
      channel: 'import',
      by: 'import',
      at: AT,
    });
  });

  it('writes only the figures that changed, with their old values in the audit', async () => {
    const store = new TableFigureStore(await freshTable('imp'));
    await importFigures(store, [observation('attendance', 94), observation('persistentAbsence', 18)], AT);
    const later = '2026-11-23T10:00:00.000Z';
    const outcome = await importFigures(
      store,
      [observation('attendance', 95), observation('persistentAbsence', 18)],
      later,
    );
    expect(outcome).toMatchObject({ changed: 1, unchanged: 1, writes: 1 });
    const trail = await store.audit('2025-26-summer', '990001', 'attendance');
    expect(trail.map((entry) => [entry.old, entry.new, entry.at])).toEqual([
      [undefined, { value: 94 }, AT],
      [{ value: 94 }, { value: 95 }, later],
    ]);
    expect(await store.audit('2025-26-summer', '990001', 'persistentAbsence')).toHaveLength(1);
  });

  it('audits each figure once when two imports of the same file race', async () => {
    const store = new TableFigureStore(await freshTable('imp'));
    const data = ['attendance', 'persistentAbsence', 'exclusions'].flatMap((metricId, i) =>
      ['990001', '990002'].map((urn) => observation(metricId, 10 + i, urn)),
    );
    const outcomes = await Promise.all([importFigures(store, data, AT), importFigures(store, data, AT)]);
    expect(outcomes[0].changed + outcomes[1].changed).toBe(data.length);
    for (const urn of ['990001', '990002']) expect(await store.audit('2025-26-summer', urn)).toHaveLength(3);
  });
});

describe('seedHistoryIfEmpty', () => {
  const current = parseTermKey('2026-27-autumn')!;

  it('imports the terms before the current one into an empty store, once', async () => {
    const store = new TableFigureStore(await freshTable('seed'));
    const history = await demoHistory();
    const past = history.filter((item) => formatTermKey(item.term) !== '2026-27-autumn');
    expect(past.length).toBeLessThan(history.length); // the demo file also holds the current term
    let reads = 0;
    const deps = {
      figures: store,
      readHistory: () => {
        reads++;
        return Promise.resolve({ ok: true as const, observations: history });
      },
      currentTerm: current,
      clock: () => new Date(AT),
    };

    const seeded = await seedHistoryIfEmpty(deps);
    expect(seeded).toEqual({
      kind: 'imported',
      outcome: expect.objectContaining({ changed: past.length }) as unknown,
    });
    expect(await store.term('2026-27-autumn')).toEqual([]);
    expect((await store.term('2025-26-summer')).length).toBeGreaterThan(0);

    expect(await seedHistoryIfEmpty(deps)).toEqual({ kind: 'alreadyStored' });
    expect(reads).toBe(1); // a store with figures is not compared with the file again
  });

  it('reports a bad history file and stores nothing', async () => {
    const store = new TableFigureStore(await freshTable('seed'));
    const outcome = await seedHistoryIfEmpty({
      figures: store,
      readHistory: () =>
        Promise.resolve({ ok: false as const, errors: ['data.csv line 3: unknown academy "1"'] }),
      currentTerm: current,
      clock: () => new Date(AT),
    });
    expect(outcome).toEqual({ kind: 'invalid', errors: ['data.csv line 3: unknown academy "1"'] });
    expect(await store.isEmpty()).toBe(true);
  });
});

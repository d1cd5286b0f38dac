/**
 * The owner of trust figures answering for every academy at once, over a real Azurite: what is stored
 * per academy and figure, with its audit; errors in place; a draft; the same answer twice; and a write
 * that fails part way, finished by a retry or the round's close without storing anything twice.
 */
import { join } from 'node:path';

import { readRosterDir } from '../../../src/adapters/files/readRosterDir';
import { createTableStores, type TableStores } from '../../../src/adapters/tableStorage/createTableStores';
import type { FigureStore, FigureWrite, Logger } from '../../../src/app/ports';
import { closeRound } from '../../../src/app/round/closeRound';
import { openedRound } from '../../../src/app/round/openRound';
import { ownersOfRound, saveOwnerDraft, submitOwnerFigures } from '../../../src/app/round/ownerFigures';
import type { RoundDeps } from '../../../src/app/round/roundDeps';
import type { Person, Roster } from '../../../src/domain/roster/roster';
import { ownerFieldId } from '../../../src/domain/round/ownerRound';
import { testRoundDeps } from '../../support/roundDeps';
import { testConnectionString, uniqueName } from '../../support/storage';

const TERM = '2026-27-autumn';
const NOW = new Date('2026-11-25T10:00:00Z');
const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

interface World {
  stores: TableStores;
  deps: RoundDeps;
  roster: Roster;
  owner: Person;
  urns: string[];
}

async function world(): Promise<World> {
  const loaded = await readRosterDir(join(__dirname, '../../../demo/roster'));
  if (!loaded.ok) throw new Error('the demo roster does not load');
  const roster = loaded.roster;
  const stores = createTableStores(testConnectionString(), { tablePrefix: uniqueName('own') });
  await stores.createTables();
  const noQueue = { enqueue: () => Promise.resolve() };
  const directory = { current: () => Promise.resolve(roster) } as unknown as RoundDeps['roster'];
  const deps = testRoundDeps(stores, noQueue, noQueue, directory, () => NOW, quiet);
  await stores.rounds.create(openedRound(deps, { startYear: 2026, term: 'autumn' }, 'schedule', 6));
  const round = await stores.rounds.get(TERM);
  if (!round) throw new Error('no round');
  // Nobody names an owner in this roster: the first executive owns every trust figure.
  const [request] = ownersOfRound(deps, roster, round);
  if (!request) throw new Error('the demo plan asks no trust figure in autumn');
  return { stores, deps, roster, owner: request.owner, urns: request.academies.map((a) => a.academy.urn) };
}

/** A full, valid answer: 1 vacancy and a climate plan (yes) for every academy. */
function answer(urns: readonly string[], overrides: Record<string, string> = {}): Record<string, string> {
  const data: Record<string, string> = {};
  for (const urn of urns) {
    data[ownerFieldId('m_', urn, 'governorVacancies')] = '1';
    data[ownerFieldId('m_', urn, 'climateActionPlan')] = 'yes';
  }
  return { ...data, ...overrides };
}

async function auditCount(stores: TableStores, urns: readonly string[]): Promise<number> {
  const trails = await Promise.all(urns.map((urn) => stores.figures.audit(TERM, urn)));
  return trails.flat().length;
}

describe('the owner of trust figures', () => {
  it('is asked, in the demo autumn, for the two autumn trust figures of all six academies', async () => {
    const w = await world();
    expect(w.owner.email).toBe('amara.okafor@thrive-demo.example');
    expect(w.urns).toHaveLength(6);
  });

  it('stores one figure and one audit record per academy and figure, by the owner on the card', async () => {
    const w = await world();
    const outcome = await submitOwnerFigures(w.deps, w.roster, w.owner, TERM, answer(w.urns));
    expect(outcome).toMatchObject({ kind: 'stored', changed: 12, record: { state: 'submitted' } });
    const record = await w.stores.figures.read(TERM, w.urns[0]!);
    expect(record.figures.get('governorVacancies')).toMatchObject({
      content: { value: 1 },
      by: w.owner.email,
      channel: 'card',
    });
    // The head's own state is the head's: the owner's figures do not submit the academy.
    expect(record.state).toBe('notStarted');
    const audit = await w.stores.figures.audit(TERM, w.urns[0]!);
    expect(audit.map((entry) => [entry.metricId, entry.by, entry.channel, entry.new])).toEqual([
      ['climateActionPlan', w.owner.email, 'card', { value: true }],
      ['governorVacancies', w.owner.email, 'card', { value: 1 }],
    ]);
    const owner = await w.stores.owners.read(TERM, w.owner.email);
    expect(owner).toMatchObject({ state: 'submitted', submittedAt: NOW.toISOString() });
    expect(owner.pending).toBeUndefined();
  });

  it('stores the same answer once: pressing Submit again writes nothing', async () => {
    const w = await world();
    await submitOwnerFigures(w.deps, w.roster, w.owner, TERM, answer(w.urns));
    const again = await submitOwnerFigures(w.deps, w.roster, w.owner, TERM, answer(w.urns));
    expect(again).toMatchObject({ kind: 'stored', changed: 0 });
    expect(await auditCount(w.stores, w.urns)).toBe(12);
  });

  it('gives each error against its academy and figure, with what was typed, and stores nothing', async () => {
    const w = await world();
    const [first, second] = w.urns;
    const outcome = await submitOwnerFigures(
      w.deps,
      w.roster,
      w.owner,
      TERM,
      answer(w.urns, {
        [ownerFieldId('m_', first!, 'governorVacancies')]: '45',
        [ownerFieldId('m_', second!, 'climateActionPlan')]: '',
      }),
    );
    if (outcome.kind !== 'invalid') throw new Error(`expected invalid, got ${outcome.kind}`);
    expect([...outcome.errors.keys()]).toEqual([first, second]);
    expect(outcome.errors.get(first!)?.get('governorVacancies')).toMatch(/30/);
    expect(outcome.errors.get(second!)?.get('climateActionPlan')).toMatch(/^Required/);
    expect(outcome.typed.get(ownerFieldId('m_', first!, 'governorVacancies'))).toBe('45');
    expect(await auditCount(w.stores, w.urns)).toBe(0);
  });

  it('takes "not available" with a reason, as the head card does', async () => {
    const w = await world();
    const urn = w.urns[0]!;
    const outcome = await submitOwnerFigures(
      w.deps,
      w.roster,
      w.owner,
      TERM,
      answer(w.urns, {
        [ownerFieldId('m_', urn, 'governorVacancies')]: '',
        [ownerFieldId('na_', urn, 'governorVacancies')]: 'Clerk recruiting; count due in January',
      }),
    );
    expect(outcome.kind).toBe('stored');
    expect((await w.stores.figures.read(TERM, urn)).figures.get('governorVacancies')?.content).toEqual({
      notAvailable: 'Clerk recruiting; count due in January',
    });
  });

  it('keeps a draft as typed, without storing a figure', async () => {
    const w = await world();
    const field = ownerFieldId('m_', w.urns[0]!, 'governorVacancies');
    const outcome = await saveOwnerDraft(w.deps, w.roster, w.owner, TERM, { [field]: ' 3 ', m_forged: '1' });
    expect(outcome).toMatchObject({ kind: 'draftSaved', record: { state: 'draft' } });
    const owner = await w.stores.owners.read(TERM, w.owner.email);
    expect(owner.draft?.inputs).toEqual({ [field]: '3' });
    expect(await auditCount(w.stores, w.urns)).toBe(0);
  });

  it('refuses a card with a field it never asked for, and anyone who owns nothing this term', async () => {
    const w = await world();
    const forged = await submitOwnerFigures(w.deps, w.roster, w.owner, TERM, {
      ...answer(w.urns),
      [ownerFieldId('m_', w.urns[0]!, 'attendance')]: '90',
    });
    expect(forged.kind).toBe('refused');
    const head = w.roster.people.find((person) => person.role === 'head')!;
    expect((await submitOwnerFigures(w.deps, w.roster, head, TERM, answer(w.urns))).kind).toBe('refused');
    expect(await auditCount(w.stores, w.urns)).toBe(0);
  });

  it('leaves every academy whole when a write fails part way, and a retry finishes it storing nothing twice', async () => {
    const w = await world();
    const failing = failOnce(w.stores.figures, w.urns[2]!);
    const deps = { ...w.deps, figures: failing };
    await expect(submitOwnerFigures(deps, w.roster, w.owner, TERM, answer(w.urns))).rejects.toThrow(
      'storage went away',
    );
    // Two academies stored whole, the third and later not at all; the answer is kept, pending.
    const stored = await Promise.all(
      w.urns.map(async (urn) => (await w.stores.figures.read(TERM, urn)).figures.size),
    );
    expect(stored).toEqual([2, 2, 0, 0, 0, 0]);
    const pending = await w.stores.owners.read(TERM, w.owner.email);
    expect(pending.state).toBe('notStarted');
    expect(pending.pending?.figures).toHaveLength(12);

    const retried = await submitOwnerFigures(w.deps, w.roster, w.owner, TERM, answer(w.urns));
    expect(retried).toMatchObject({ kind: 'stored', changed: 8 });
    expect(await auditCount(w.stores, w.urns)).toBe(12);
  });

  it('finishes a part-applied answer when the round closes, so it is judged whole', async () => {
    const w = await world();
    const deps = { ...w.deps, figures: failOnce(w.stores.figures, w.urns[1]!) };
    await expect(submitOwnerFigures(deps, w.roster, w.owner, TERM, answer(w.urns))).rejects.toThrow();
    await closeRound(w.deps, w.roster, TERM, 'schedule');
    expect(await auditCount(w.stores, w.urns)).toBe(12);
    expect(await w.stores.owners.read(TERM, w.owner.email)).toMatchObject({ state: 'submitted' });
  });
});

/** The real store, whose first write for `urn` fails as broken storage would (nothing of it stored). */
function failOnce(store: FigureStore, urn: string): FigureStore {
  let failed = false;
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'write') {
        return async (change: FigureWrite) => {
          if (!failed && change.urn === urn) {
            failed = true;
            throw new Error('storage went away');
          }
          return target.write(change);
        };
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/**
 * History: figures from earlier terms, loaded from a data file (`academy,term,metric,value`) into the
 * figures store, each change with an audit record whose channel is `import`. Importing is idempotent:
 * a figure already stored with the same value is left alone, so re-importing a file writes nothing.
 * The CLI (`npm run cli -- import`) and the bot's first start (seedHistoryIfEmpty) share this code.
 */
import type { Observation } from '../../domain/evaluation/observation';
import type { AcademyTermRecord, AuditRecord, FigureContent, StoredFigure } from '../../domain/round/round';
import { sameContent } from '../../domain/round/validateFigures';
import type { TermRef } from '../../domain/terms/term';
import { compareTerms, formatTermKey } from '../../domain/terms/termCalendar';
import type { FigureStore, FigureWrite } from '../ports';

/** Who and what channel imported figures are recorded under. */
export const IMPORT_ACTOR = 'import';

/**
 * Figures per write: with one audit record each and the header, 49 figures make 99 operations, inside
 * a transaction's 100. A record with more changes is written in several transactions, each conditional
 * on the version the previous one left.
 */
export const MAX_FIGURES_PER_WRITE = 49;

/** How often one academy's term is re-read and recomputed when another writer changed it meanwhile. */
const MAX_ATTEMPTS = 5;

/** How many academy-terms are imported at once: enough to overlap round trips, few enough to be polite. */
const CONCURRENCY = 8;

export interface ImportOutcome {
  /** Figures written (new or changed), each with an audit record. */
  changed: number;
  /** Figures already stored with the same value, left alone. */
  unchanged: number;
  /** Academy-terms the file holds figures for. */
  academyTerms: number;
  /** Transactions written; 0 when the file changes nothing. */
  writes: number;
}

/**
 * The writes that bring one stored record up to the file's figures for it (all of the same academy and
 * term), in at most MAX_FIGURES_PER_WRITE figures each; empty when nothing changes. Only the first write
 * names the record's version: later ones are chained on the version the previous write returns.
 */
export function planImport(
  record: AcademyTermRecord,
  observations: readonly Observation[],
  at: string,
): FigureWrite[] {
  const figures: StoredFigure[] = [];
  const audit: AuditRecord[] = [];
  for (const observation of observations) {
    const content: FigureContent = { value: observation.value };
    const stored = record.figures.get(observation.metricId);
    if (stored && sameContent(stored.content, content)) continue;
    const base = { urn: record.urn, term: record.term, metricId: observation.metricId, at };
    figures.push({ ...base, content, channel: 'import', by: IMPORT_ACTOR });
    audit.push({
      ...base,
      by: IMPORT_ACTOR,
      channel: 'import',
      ...(stored && { old: stored.content }),
      new: content,
    });
  }
  const writes: FigureWrite[] = [];
  for (let start = 0; start < figures.length; start += MAX_FIGURES_PER_WRITE) {
    writes.push({
      urn: record.urn,
      term: record.term,
      expectedVersion: record.version,
      figures: figures.slice(start, start + MAX_FIGURES_PER_WRITE),
      audit: audit.slice(start, start + MAX_FIGURES_PER_WRITE),
    });
  }
  return writes;
}

/** Groups observations by academy (or trust) and term, keeping the file's order within each group. */
function byAcademyTerm(observations: readonly Observation[]): Map<string, Observation[]> {
  const groups = new Map<string, Observation[]>();
  for (const observation of observations) {
    // JSON of the pair: no separator inside a URN or term can make two groups meet.
    const key = JSON.stringify([formatTermKey(observation.term), observation.subject]);
    const group = groups.get(key);
    if (group) group.push(observation);
    else groups.set(key, [observation]);
  }
  return groups;
}

/** Imports one academy-term: read, compare, write the changes; on a conflict, read again and recompute. */
async function importGroup(
  store: FigureStore,
  term: string,
  urn: string,
  observations: readonly Observation[],
  at: string,
): Promise<{ changed: number; writes: number }> {
  // Writes made before a conflict stay stored (each is whole): they count as changed, and the next
  // attempt sees them as unchanged.
  let changed = 0;
  let writes = 0;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const record = await store.read(term, urn);
    let version = record.version;
    let conflict = false;
    for (const write of planImport(record, observations, at)) {
      const outcome = await store.write({ ...write, expectedVersion: version });
      if (outcome.kind === 'conflict') {
        conflict = true;
        break;
      }
      version = outcome.version;
      changed += write.figures.length;
      writes++;
    }
    if (!conflict) return { changed, writes };
  }
  throw new Error(
    `Importing the figures of ${urn} for ${term} conflicted ${MAX_ATTEMPTS} times with other writers; ` +
      'import the file again once the round is quieter (importing is idempotent).',
  );
}

/**
 * Imports the observations into the store as figures with channel `import`, each new or changed one with
 * an audit record (old and new value). Stored figures with the same value are left alone, so importing
 * the same observations twice writes nothing the second time. `at` is the time recorded on each change.
 */
export async function importFigures(
  store: FigureStore,
  observations: readonly Observation[],
  at: string,
): Promise<ImportOutcome> {
  const groups = [...byAcademyTerm(observations)];
  const outcome: ImportOutcome = { changed: 0, unchanged: 0, academyTerms: groups.length, writes: 0 };
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < groups.length) {
      const [, group] = groups[next++]!;
      const first = group[0]!;
      const result = await importGroup(store, formatTermKey(first.term), first.subject, group, at);
      outcome.changed += result.changed;
      outcome.writes += result.writes;
      outcome.unchanged += group.length - result.changed;
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, groups.length) }, worker));
  return outcome;
}

/** The history file's observations, or its problems as lines ready to log (`FILE line N: message`). */
export type HistoryReadResult = { ok: true; observations: Observation[] } | { ok: false; errors: string[] };

export type HistorySeedOutcome =
  | { kind: 'alreadyStored' }
  | { kind: 'imported'; outcome: ImportOutcome }
  | { kind: 'invalid'; errors: string[] };

export interface HistorySeedDeps {
  figures: FigureStore;
  /** Reads the history file (the demo's demo/data/observations.csv), checked against the roster. */
  readHistory: () => Promise<HistoryReadResult>;
  /** The term the clock is in: only figures of earlier terms are imported (the current one is the round's). */
  currentTerm: TermRef;
  clock: () => Date;
}

/**
 * Imports the history (the figures of the terms before the current one) when the figures store holds
 * nothing yet, so a first start has a past to compare with. A store that holds anything is left alone:
 * what was submitted or imported since wins over the file. Safe when two hosts start at once (the import
 * is idempotent and its writes are conditional).
 */
export async function seedHistoryIfEmpty(deps: HistorySeedDeps): Promise<HistorySeedOutcome> {
  if (!(await deps.figures.isEmpty())) return { kind: 'alreadyStored' };
  const result = await deps.readHistory();
  if (!result.ok) return { kind: 'invalid', errors: result.errors };
  const past = result.observations.filter(
    (observation) => compareTerms(observation.term, deps.currentTerm) < 0,
  );
  const outcome = await importFigures(deps.figures, past, deps.clock().toISOString());
  return { kind: 'imported', outcome };
}

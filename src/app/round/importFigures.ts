/**
 * History: figures from earlier terms, loaded from a data file (`academy,term,metric,value`) into the
 * figures store, each change with an audit record whose channel is `import`. Importing is idempotent:
 * a figure already stored with the same value is left alone, so re-importing a file writes nothing.
 * The CLI (`npm run cli -- import`) and the bot's first start (seedHistoryIfEmpty) share this code.
 */
import { formatTermLabel } from '../../domain/evaluation/formatForTrustees';
import type { Observation } from '../../domain/evaluation/observation';
import { supersedes } from '../../domain/published/publication';
import type {
  AcademyTermRecord,
  AuditRecord,
  FigureChannel,
  FigureContent,
  StoredFigure,
} from '../../domain/round/round';
import { sameContent } from '../../domain/round/validateFigures';
import type { TermRef } from '../../domain/terms/term';
import { compareTerms, formatTermKey, parseTermKey } from '../../domain/terms/termCalendar';
import type { FigureStore, FigureWrite } from '../ports';

/** Who and what channel imported figures are recorded under. */
export const IMPORT_ACTOR = 'import';

/** Who the written figures and their audit records name, and how they came. */
export interface ImportActor {
  channel: FigureChannel;
  by: string;
}

const IMPORTED: ImportActor = { channel: 'import', by: IMPORT_ACTOR };

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

/** One figure to import: a data file's observation, or a figure read from a published file. */
export interface ImportItem {
  /** An academy's URN, or `trust`. */
  subject: string;
  term: TermRef;
  metricId: string;
  content: FigureContent;
}

/** A data file's observation as a figure to import. */
export function importItemOf(observation: Observation): ImportItem {
  const { subject, term, metricId, value } = observation;
  return { subject, term, metricId, content: { value } };
}

/**
 * The writes that bring one stored record up to the file's figures for it (all of the same academy and
 * term), in at most MAX_FIGURES_PER_WRITE figures each; empty when nothing changes. Only the first write
 * names the record's version: later ones are chained on the version the previous write returns. A
 * published figure never replaces one from a later publication (a provisional file imported after the
 * revised one changes nothing). `actor` is who the changes are recorded under, and how.
 */
export function planImport(
  record: AcademyTermRecord,
  items: readonly ImportItem[],
  at: string,
  actor: ImportActor = IMPORTED,
): FigureWrite[] {
  const figures: StoredFigure[] = [];
  const audit: AuditRecord[] = [];
  for (const item of items) {
    const { content } = item;
    const stored = record.figures.get(item.metricId);
    if (!wouldChange(stored, content)) continue;
    const base = { urn: record.urn, term: record.term, metricId: item.metricId, at };
    figures.push({ ...base, content, channel: actor.channel, by: actor.by });
    audit.push({
      ...base,
      by: actor.by,
      channel: actor.channel,
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

/**
 * Whether importing `content` changes the stored figure: a different value or reason, unless both are
 * published and the stored one comes from the same or a later publication.
 */
function wouldChange(stored: StoredFigure | undefined, content: FigureContent): boolean {
  if (!stored) return true;
  if (sameContent(stored.content, content)) return false;
  return !(
    content.published &&
    stored.content.published &&
    !supersedes(content.published, stored.content.published)
  );
}

/** A figure a person gave (on the card, in chat, or as a correction) that an import would change. */
export interface PersonsFigureChange {
  item: ImportItem;
  stored: StoredFigure;
}

/**
 * The figures people gave that importing `items` would change, read from the store before anything is
 * written: an import replaces its own earlier figures freely, but a head's answer only when told to.
 */
export async function personsFiguresChanged(
  store: FigureStore,
  items: readonly ImportItem[],
): Promise<PersonsFigureChange[]> {
  const groups = [...byAcademyTerm(items).values()];
  const found: PersonsFigureChange[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < groups.length) {
      const group = groups[next++]!;
      const first = group[0]!;
      const record = await store.read(formatTermKey(first.term), first.subject);
      for (const item of group) {
        const stored = record.figures.get(item.metricId);
        if (stored && stored.channel !== 'import' && wouldChange(stored, item.content)) {
          found.push({ item, stored });
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, groups.length) }, worker));
  return found;
}

/** Groups figures by academy (or trust) and term, keeping the file's order within each group. */
function byAcademyTerm(observations: readonly ImportItem[]): Map<string, ImportItem[]> {
  const groups = new Map<string, ImportItem[]>();
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
  items: readonly ImportItem[],
  at: string,
  actor: ImportActor,
): Promise<{ changed: number; writes: number }> {
  // Writes made before a conflict stay stored (each is whole): they count as changed, and the next
  // attempt sees them as unchanged.
  let changed = 0;
  let writes = 0;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const record = await store.read(term, urn);
    let version = record.version;
    let conflict = false;
    for (const write of planImport(record, items, at, actor)) {
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
 * the same observations twice writes nothing the second time. `at` is the time recorded on each change;
 * `actor` the channel and who (a correction of the open round names the person who ran it).
 */
export async function importFigures(
  store: FigureStore,
  observations: readonly Observation[],
  at: string,
  actor: ImportActor = IMPORTED,
): Promise<ImportOutcome> {
  return importItems(store, observations.map(importItemOf), at, actor);
}

/**
 * Imports figures with their contents (a published figure with its publication, or "not published"),
 * as importFigures does, recorded under `actor` (`by` the source, for a published file).
 */
export async function importItems(
  store: FigureStore,
  items: readonly ImportItem[],
  at: string,
  actor: ImportActor,
): Promise<ImportOutcome> {
  const groups = [...byAcademyTerm(items)];
  const outcome: ImportOutcome = { changed: 0, unchanged: 0, academyTerms: groups.length, writes: 0 };
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < groups.length) {
      const [, group] = groups[next++]!;
      const first = group[0]!;
      const result = await importGroup(store, formatTermKey(first.term), first.subject, group, at, actor);
      outcome.changed += result.changed;
      outcome.writes += result.writes;
      outcome.unchanged += group.length - result.changed;
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, groups.length) }, worker));
  return outcome;
}

/** What an import is told about the rounds before it writes anything. */
export interface ImportGuard {
  /** The term the trust is in today: figures of later terms are refused. */
  currentTerm: TermRef;
  /** The term key of the round that is open, if one is. */
  openTerm?: string;
  /** The term key given with `--correct-open-round`: the open round's figures may be overwritten. */
  correctTerm?: string;
}

export type GuardedImport<T extends { term: TermRef } = Observation> =
  /** `history` is written as imported; `corrections` (the open round's) only when asked to. */
  { ok: true; history: T[]; corrections: T[] } | { ok: false; message: string };

function termsNamed(observations: readonly { term: TermRef }[]): string {
  const keys = [...new Set(observations.map((observation) => formatTermKey(observation.term)))].sort();
  const labels = keys.map((key) => formatTermLabel(parseTermKey(key) ?? { startYear: 0, term: 'autumn' }));
  return labels.length > 3 ? `${labels.slice(0, 3).join(', ')}, …` : labels.join(', ');
}

function figuresCount(n: number): string {
  return `${n} ${n === 1 ? 'figure is' : 'figures are'}`;
}

/**
 * Decides what an import may write before it writes anything: never figures of a term that has not
 * started (a later term's figures would become the latest for good), and never into the open round —
 * heads answer it on their cards — unless the import was told so for that very term
 * (`--correct-open-round TERM`), when those figures are written as corrections naming who ran it.
 */
export function guardImport<T extends { term: TermRef }>(
  observations: readonly T[],
  guard: ImportGuard,
): GuardedImport<T> {
  const current = formatTermLabel(guard.currentTerm);
  const future = observations.filter((observation) => compareTerms(observation.term, guard.currentTerm) > 0);
  if (future.length > 0) {
    return {
      ok: false,
      message:
        `${figuresCount(future.length)} for terms that have not started (${termsNamed(future)}): ` +
        `only figures up to the current term (${current}) can be imported. Nothing was imported.`,
    };
  }
  if (guard.correctTerm !== undefined && guard.correctTerm !== guard.openTerm) {
    const open = guard.openTerm
      ? `the open round is ${formatTermLabel(parseTermKey(guard.openTerm) ?? guard.currentTerm)} (${guard.openTerm})`
      : 'no round is open';
    return {
      ok: false,
      message: `--correct-open-round ${guard.correctTerm}: ${open}, so there is nothing of that term to correct. Nothing was imported.`,
    };
  }
  const inOpen = observations.filter((observation) => formatTermKey(observation.term) === guard.openTerm);
  const history = observations.filter((observation) => formatTermKey(observation.term) !== guard.openTerm);
  if (inOpen.length > 0 && guard.correctTerm === undefined) {
    const label = termsNamed(inOpen);
    return {
      ok: false,
      message:
        `${figuresCount(inOpen.length)} for ${label}, whose round is open: heads answer it on their cards, ` +
        `and an import does not write into an open round. Nothing was imported. Import them after the ` +
        `round closes, or, to overwrite the round's figures on purpose (each change is recorded as a ` +
        `correction naming you), add --correct-open-round ${guard.openTerm ?? ''}.`,
    };
  }
  return { ok: true, history, corrections: inOpen };
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

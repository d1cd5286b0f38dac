/**
 * The one way the use cases change an academy's record for a term: read it, decide the change from what
 * was read, write that change conditional on the version read (the header's ETag), and on a conflict
 * read again and decide again on the fresh data. Nothing is ever written over a change the decision did
 * not see; after a few conflicts in a row the caller is told, so it can ask the person to try again.
 */
import type { AcademyTermRecord } from '../domain/round/round';
import type { FigureStore, FigureWrite } from './ports';

/** How many times a change is decided and written before giving up on a record that keeps changing. */
export const MAX_RECORD_ATTEMPTS = 5;

/** A change to the record, without what the helper fills in (which record, and the version read). */
export type FigureChange = Omit<FigureWrite, 'urn' | 'term' | 'expectedVersion'>;

/**
 * What to do with the record as read: write a change (`result` is what the caller makes of it once it is
 * stored), or write nothing and finish with `result` (e.g. nothing changed, or the change is refused).
 */
export type RecordDecision<T> =
  { kind: 'write'; change: FigureChange; result: T } | { kind: 'stop'; result: T };

export type RecordUpdate<T> =
  /** The change was stored; `version` is the record's new version. */
  | { kind: 'written'; result: T; version: string }
  /** The decision was to write nothing. */
  | { kind: 'stopped'; result: T }
  /** Every attempt conflicted with another writer; nothing of this change was stored. */
  | { kind: 'gaveUp'; attempts: number };

/**
 * Reads the record of `urn` in `term`, asks `decide` what to do with it, and writes the change on the
 * version read; on a conflict, reads and decides again, at most `maxAttempts` times in all. Storage
 * failures (TableStorageError) are not caught: they mean broken infrastructure, not a race.
 */
export async function updateFigureRecord<T>(
  figures: FigureStore,
  record: { term: string; urn: string },
  decide: (current: AcademyTermRecord) => RecordDecision<T> | Promise<RecordDecision<T>>,
  maxAttempts: number = MAX_RECORD_ATTEMPTS,
): Promise<RecordUpdate<T>> {
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const current = await figures.read(record.term, record.urn);
    const decision = await decide(current);
    if (decision.kind === 'stop') return { kind: 'stopped', result: decision.result };
    const outcome = await figures.write({
      ...decision.change,
      urn: record.urn,
      term: record.term,
      expectedVersion: current.version,
    });
    if (outcome.kind === 'written') {
      return { kind: 'written', result: decision.result, version: outcome.version };
    }
  }
  return { kind: 'gaveUp', attempts: maxAttempts };
}

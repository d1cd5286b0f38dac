/**
 * The roster as the bot sees it: read from storage, kept for a short while so a busy chat does not
 * read every person on every message, and loaded from the administrator's files when storage is empty.
 */
import { formatRosterError, type RosterResult } from '../domain/roster/parseRoster';
import type { Roster } from '../domain/roster/roster';
import type { RosterStore } from './ports';

export type RosterFileReader = () => Promise<RosterResult>;

export interface RosterDirectory {
  /** The current roster, or undefined when none has been loaded. */
  current(): Promise<Roster | undefined>;
  /** Forgets the cached copy, e.g. after the administrator replaced the roster. */
  refresh(): void;
}

export function createRosterDirectory(
  store: RosterStore,
  clock: () => Date,
  ttlMs = 60_000,
): RosterDirectory {
  // The load in flight is shared: 200 heads answering in the same second read the roster once, not 200
  // times. A failed load is forgotten, so the next message tries storage again.
  let cached: { roster: Promise<Roster | undefined>; at: number } | undefined;
  return {
    current() {
      const now = clock().getTime();
      if (!cached || now - cached.at > ttlMs) {
        const entry = { roster: store.load(), at: now };
        cached = entry;
        entry.roster.catch(() => {
          if (cached === entry) cached = undefined;
        });
      }
      return cached.roster;
    },
    refresh() {
      cached = undefined;
    },
  };
}

export type SeedOutcome =
  { kind: 'alreadyLoaded' } | { kind: 'loaded'; roster: Roster } | { kind: 'invalid'; errors: string[] };

/**
 * Loads the roster files into storage when storage has none, so a first start has people to talk to.
 * A roster already in storage is left alone: the administrator's later changes win over the files.
 */
export async function seedRosterIfEmpty(
  store: RosterStore,
  readFiles: RosterFileReader,
): Promise<SeedOutcome> {
  if (await store.load()) return { kind: 'alreadyLoaded' };
  const result = await readFiles();
  if (!result.ok) return { kind: 'invalid', errors: result.errors.map(formatRosterError) };
  await store.replace(result.roster);
  return { kind: 'loaded', roster: result.roster };
}

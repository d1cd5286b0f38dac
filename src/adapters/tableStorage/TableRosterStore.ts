import type { TableClient } from '@azure/data-tables';

import type { RosterStore } from '../../app/ports';
import type { Roster } from '../../domain/roster/roster';
import { flipPointer, readPointer } from './rosterPointer';
import {
  deleteVersion,
  newVersionId,
  readVersion,
  sweepOrphans,
  versionPartition,
  writeVersion,
} from './rosterVersions';
import { TableStorageError } from './TableStorageError';

/*
 * Layout of the roster table
 *
 *   PartitionKey      RowKey            what
 *   pointer           current           { version }: the version partition load() reads
 *   version-<id>      trust             the trust, plus how many academies and people the version holds
 *   version-<id>      academy-000000    one academy per row, in roster order
 *   version-<id>      person-000000     one person per row, in roster order
 *
 * replace() writes a complete new version partition in batch transactions, then flips the pointer with
 * an ETag-checked update, then deletes the version it displaced. Readers follow the pointer, so they
 * see the old roster or the new one, never a mixture; a crash before the flip leaves the old one current.
 * Rows are keyed by position, not by URN or email, so the administrator's order survives and duplicate
 * keys in a bad file cannot make rows overwrite each other.
 *
 * rosterEntities.ts maps the rows, rosterVersions.ts writes, reads and deletes version partitions, and
 * rosterPointer.ts reads and flips the pointer; this class is the protocol that combines them.
 */

/** How often load() follows a pointer that moved while it read the version. */
const MAX_LOAD_ATTEMPTS = 3;

export interface TableRosterStoreOptions {
  /** The clock, for version ids and the age of abandoned versions; tests pass their own. */
  now?: () => Date;
}

/** RosterStore on Azure Table Storage (table `roster` by default), versioned behind a pointer entity. */
export class TableRosterStore implements RosterStore {
  private readonly now: () => Date;

  constructor(
    private readonly table: TableClient,
    options: TableRosterStoreOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
  }

  async load(): Promise<Roster | undefined> {
    let previous: string | undefined;
    for (let attempt = 1; attempt <= MAX_LOAD_ATTEMPTS; attempt++) {
      const pointer = await readPointer(this.table, 'load roster');
      if (!pointer) return undefined;
      const roster = await readVersion(this.table, pointer.version);
      if (roster) return roster;
      // Incomplete: a replace deleted this version after we read the pointer. The pointer has moved on;
      // if it has not, the version is damaged and reading again will not help.
      if (pointer.version === previous) break;
      previous = pointer.version;
    }
    throw new TableStorageError(
      {
        table: this.table.tableName,
        operation: 'load roster',
        partitionKey: versionPartition(previous ?? ''),
      },
      'the current roster version is incomplete',
      { advice: 'Import the roster file again: that writes a complete new version.' },
    );
  }

  async replace(roster: Roster): Promise<void> {
    const createdAt = this.now();
    const version = newVersionId(createdAt);

    try {
      await writeVersion(this.table, version, roster, createdAt);
    } catch (error) {
      await deleteVersion(this.table, version).catch(() => undefined); // leftovers are swept by a later replace
      throw error;
    }

    let displaced: string | undefined;
    try {
      displaced = await flipPointer(this.table, version, this.now);
    } catch (error) {
      // A flip whose answer was lost may still have happened: then the replace succeeded after all. The
      // new version is deleted only when the pointer is known to name another; if the pointer cannot be
      // read either, it is kept, and the sweep removes it later unless it is current.
      const named = await readPointer(this.table, 'replace roster (check switch)').then(
        (pointer) => ({ known: true, version: pointer?.version }),
        () => ({ known: false, version: undefined }),
      );
      if (named.version !== version) {
        if (named.known) await deleteVersion(this.table, version).catch(() => undefined);
        throw error;
      }
    }

    // The new roster is current from here on: failing now would tell the caller the old one still is.
    // Whatever is not cleaned up now is swept by the next replace.
    if (displaced !== undefined) await deleteVersion(this.table, displaced).catch(() => undefined);
    await sweepOrphans(this.table, version, createdAt).catch(() => undefined);
  }
}

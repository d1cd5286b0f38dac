import { randomUUID } from 'node:crypto';

import { odata, type TableClient, type TableEntity, type TransactionAction } from '@azure/data-tables';

import type { RosterStore } from '../../app/ports';
import {
  type Academy,
  ACADEMY_ROUTES,
  type AcademyRoute,
  type Person,
  type Phase,
  PHASES,
  type Role,
  ROLES,
  type Roster,
  type Trust,
} from '../../domain/roster/roster';
import { isMissingEntity, restErrorCode, restErrorStatus, TableStorageError } from './TableStorageError';

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
 */

const POINTER_PARTITION = 'pointer';
const POINTER_ROW = 'current';
const VERSION_PREFIX = 'version-';
const TRUST_ROW = 'trust';

/** A batch transaction holds at most 100 operations, all in one partition, and at most 4 MiB. */
const MAX_BATCH_OPERATIONS = 100;
const MAX_BATCH_BYTES = 3.5 * 1024 * 1024;

/** How often the pointer flip re-reads and retries when another replace moves the pointer first. */
const MAX_FLIP_ATTEMPTS = 5;
/** How often load() follows a pointer that moved while it read the version. */
const MAX_LOAD_ATTEMPTS = 3;

/**
 * Versions that no pointer names and that are older than this were left by a replace that crashed; a later
 * replace deletes them. Younger ones may be a concurrent replace still writing, so they are left alone.
 */
const ORPHAN_AGE_MS = 60 * 60 * 1000;

type PointerEntity = {
  version: string;
  switchedAt: string;
};

type TrustEntity = {
  name: string;
  companyNumber?: string;
  boardChannel: string;
  fictional: boolean;
  academyCount: number;
  personCount: number;
  createdAt: string;
};

type AcademyEntity = {
  urn: string;
  name: string;
  phase: string;
  route: string;
  town: string;
  openedOn: string;
  joinedOn: string;
  /** JSON array: tables have no list type. */
  tags: string;
};

type PersonEntity = {
  email: string;
  name: string;
  role: string;
  title: string;
  aadObjectId?: string;
  academyUrn?: string;
};

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
      const pointer = await this.readPointer('load roster');
      if (!pointer) return undefined;
      const roster = await this.readVersion(pointer.version);
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
    const version = `${createdAt.toISOString().replace(/[-:.]/g, '')}-${randomUUID().slice(0, 8)}`;
    const partitionKey = versionPartition(version);
    const entities = toEntities(partitionKey, roster, createdAt);

    try {
      for (const batch of batches(entities)) await this.writeBatch(partitionKey, batch);
    } catch (error) {
      await this.deleteVersion(version).catch(() => undefined); // leftovers are swept by a later replace
      throw error;
    }

    let displaced: string | undefined;
    try {
      displaced = await this.flipPointer(version);
    } catch (error) {
      // A flip whose answer was lost may still have happened: then the replace succeeded after all. The
      // new version is deleted only when the pointer is known to name another; if the pointer cannot be
      // read either, it is kept, and the sweep removes it later unless it is current.
      const named = await this.readPointer('replace roster (check switch)').then(
        (pointer) => ({ known: true, version: pointer?.version }),
        () => ({ known: false, version: undefined }),
      );
      if (named.version !== version) {
        if (named.known) await this.deleteVersion(version).catch(() => undefined);
        throw error;
      }
    }

    // The new roster is current from here on: failing now would tell the caller the old one still is.
    // Whatever is not cleaned up now is swept by the next replace.
    if (displaced !== undefined) await this.deleteVersion(displaced).catch(() => undefined);
    await this.sweepOrphans(version, createdAt).catch(() => undefined);
  }

  private async writeBatch(partitionKey: string, batch: TableEntity[]): Promise<void> {
    const actions: TransactionAction[] = batch.map((entity) => ['create', entity]);
    try {
      await this.table.submitTransaction(actions);
    } catch (error) {
      // The service names the failing operation by its index in the batch: "12:The property value ...".
      const index = /^(\d+):/.exec((error as Error).message ?? '')?.[1];
      const culprit = index === undefined ? undefined : batch[Number(index)];
      throw new TableStorageError(
        {
          table: this.table.tableName,
          operation: 'replace roster',
          partitionKey,
          ...(culprit && { rowKey: culprit.rowKey }),
        },
        culprit
          ? `could not write ${describe(culprit)}; the previous roster stays current`
          : `could not write a batch of ${batch.length} roster rows; the previous roster stays current`,
        { cause: error, advice: adviceForWrite(error) },
      );
    }
  }

  /** Points `current` at the new version; resolves the version it displaced, if any. */
  private async flipPointer(version: string): Promise<string | undefined> {
    const operation = 'replace roster (switch version)';
    for (let attempt = 1; attempt <= MAX_FLIP_ATTEMPTS; attempt++) {
      const current = await this.readPointer(operation);
      // Already ours: an earlier attempt succeeded but its answer was lost (the SDK retried, or we got a
      // 412 from our own write). What it displaced is unknown now; the orphan sweep removes it later.
      if (current?.version === version) return undefined;
      const pointer: TableEntity<PointerEntity> = {
        partitionKey: POINTER_PARTITION,
        rowKey: POINTER_ROW,
        version,
        switchedAt: this.now().toISOString(),
      };
      try {
        if (current) await this.table.updateEntity(pointer, 'Replace', { etag: current.etag });
        else await this.table.createEntity(pointer);
        return current?.version;
      } catch (error) {
        // Another replace moved (412) or created (409) the pointer since we read it: read it again. The
        // replace that flips last wins, as if the two had run one after the other.
        const status = restErrorStatus(error);
        if (status === 412 || status === 409 || isMissingEntity(error)) continue;
        throw new TableStorageError(
          { table: this.table.tableName, operation, partitionKey: POINTER_PARTITION, rowKey: POINTER_ROW },
          'could not switch to the new version; the previous roster stays current',
          { cause: error },
        );
      }
    }
    throw new TableStorageError(
      { table: this.table.tableName, operation, partitionKey: POINTER_PARTITION, rowKey: POINTER_ROW },
      `the pointer kept moving under ${MAX_FLIP_ATTEMPTS} attempts; the previous roster stays current`,
      { advice: 'Another process is replacing the roster in a loop; stop it, then import again.' },
    );
  }

  private async readPointer(operation: string): Promise<(PointerEntity & { etag: string }) | undefined> {
    try {
      const entity = await this.table.getEntity<PointerEntity>(POINTER_PARTITION, POINTER_ROW);
      if (typeof entity.version !== 'string' || !entity.version) {
        throw new TableStorageError(
          { table: this.table.tableName, operation, partitionKey: POINTER_PARTITION, rowKey: POINTER_ROW },
          'the pointer entity names no version',
          { advice: 'Delete the pointer entity and import the roster again.' },
        );
      }
      return { version: entity.version, switchedAt: String(entity.switchedAt), etag: entity.etag };
    } catch (error) {
      if (error instanceof TableStorageError) throw error;
      if (isMissingEntity(error)) return undefined;
      throw new TableStorageError(
        { table: this.table.tableName, operation, partitionKey: POINTER_PARTITION, rowKey: POINTER_ROW },
        'could not read the roster pointer',
        { cause: error },
      );
    }
  }

  /** Reads one version; undefined when it is incomplete (its counts do not match its rows). */
  private async readVersion(version: string): Promise<Roster | undefined> {
    const partitionKey = versionPartition(version);
    let trust: Record<string, unknown> | undefined;
    const academies: Academy[] = [];
    const people: Person[] = [];
    try {
      // Zero-padded positions as RowKeys, so the service returns rows in roster order.
      const rows = this.table.listEntities<Record<string, unknown>>({
        queryOptions: { filter: odata`PartitionKey eq ${partitionKey}` },
      });
      for await (const row of rows) {
        const reader = new RowReader(this.table.tableName, partitionKey, row);
        if (row.rowKey === TRUST_ROW) trust = row;
        else if (row.rowKey?.startsWith('academy-')) academies.push(reader.academy());
        else if (row.rowKey?.startsWith('person-')) people.push(reader.person());
      }
    } catch (error) {
      if (error instanceof TableStorageError) throw error;
      throw new TableStorageError(
        { table: this.table.tableName, operation: 'load roster', partitionKey },
        'could not read the roster version',
        { cause: error },
      );
    }
    if (!trust || trust.academyCount !== academies.length || trust.personCount !== people.length)
      return undefined;
    return { trust: new RowReader(this.table.tableName, partitionKey, trust).trust(), academies, people };
  }

  /** Deletes every row of a version, in batches. */
  private async deleteVersion(version: string): Promise<void> {
    const partitionKey = versionPartition(version);
    const rowKeys: string[] = [];
    const rows = this.table.listEntities({
      queryOptions: { filter: odata`PartitionKey eq ${partitionKey}`, select: ['partitionKey', 'rowKey'] },
    });
    for await (const row of rows) rowKeys.push(row.rowKey ?? '');
    for (let start = 0; start < rowKeys.length; start += MAX_BATCH_OPERATIONS) {
      const actions: TransactionAction[] = rowKeys
        .slice(start, start + MAX_BATCH_OPERATIONS)
        .map((rowKey) => ['delete', { partitionKey, rowKey }]);
      await this.table.submitTransaction(actions);
    }
  }

  /** Deletes versions that no pointer names and that are too old to be a replace still in progress. */
  private async sweepOrphans(current: string, now: Date): Promise<void> {
    const versions = new Set<string>();
    const rows = this.table.listEntities({
      queryOptions: {
        // '.' sorts right after '-': together these bounds select exactly the keys starting "version-".
        filter: odata`PartitionKey gt ${VERSION_PREFIX} and PartitionKey lt ${'version.'}`,
        select: ['partitionKey'],
      },
    });
    for await (const row of rows) versions.add((row.partitionKey ?? '').slice(VERSION_PREFIX.length));
    for (const version of versions) {
      const createdAt = versionTime(version);
      if (version === current || createdAt === undefined) continue;
      if (now.getTime() - createdAt.getTime() > ORPHAN_AGE_MS) await this.deleteVersion(version);
    }
  }
}

function versionPartition(version: string): string {
  return VERSION_PREFIX + version;
}

/** The creation time a version id starts with (`20240101T120000000Z-…`), or undefined if it has none. */
function versionTime(version: string): Date | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z-/.exec(version);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s, ms] = match;
  return new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}Z`);
}

function position(prefix: string, index: number): string {
  return `${prefix}${String(index).padStart(6, '0')}`;
}

function toEntities(partitionKey: string, roster: Roster, createdAt: Date): TableEntity[] {
  const trust: TableEntity<TrustEntity> = {
    partitionKey,
    rowKey: TRUST_ROW,
    name: roster.trust.name,
    boardChannel: roster.trust.boardChannel,
    fictional: roster.trust.fictional,
    academyCount: roster.academies.length,
    personCount: roster.people.length,
    createdAt: createdAt.toISOString(),
    ...(roster.trust.companyNumber !== undefined && { companyNumber: roster.trust.companyNumber }),
  };
  const academies = roster.academies.map((academy, index): TableEntity<AcademyEntity> => ({
    partitionKey,
    rowKey: position('academy-', index),
    urn: academy.urn,
    name: academy.name,
    phase: academy.phase,
    route: academy.route,
    town: academy.town,
    openedOn: academy.openedOn,
    joinedOn: academy.joinedOn,
    tags: JSON.stringify(academy.tags),
  }));
  const people = roster.people.map((person, index): TableEntity<PersonEntity> => ({
    partitionKey,
    rowKey: position('person-', index),
    email: person.email,
    name: person.name,
    role: person.role,
    title: person.title,
    ...(person.aadObjectId !== undefined && { aadObjectId: person.aadObjectId }),
    ...(person.academyUrn !== undefined && { academyUrn: person.academyUrn }),
  }));
  return [trust, ...academies, ...people];
}

/** Splits entities into transactions within the service's count and size limits. */
function* batches(entities: TableEntity[]): Generator<TableEntity[]> {
  let batch: TableEntity[] = [];
  let bytes = 0;
  for (const entity of entities) {
    const size = Buffer.byteLength(JSON.stringify(entity), 'utf8');
    if (batch.length > 0 && (batch.length === MAX_BATCH_OPERATIONS || bytes + size > MAX_BATCH_BYTES)) {
      yield batch;
      batch = [];
      bytes = 0;
    }
    batch.push(entity);
    bytes += size;
  }
  if (batch.length > 0) yield batch;
}

function describe(entity: TableEntity): string {
  const row = entity as TableEntity<Partial<AcademyEntity & PersonEntity>>;
  if (row.rowKey.startsWith('academy-')) return `academy ${row.urn ?? '?'} (${row.name ?? '?'})`;
  if (row.rowKey.startsWith('person-')) return `person ${row.email ?? '?'}`;
  return 'the trust row';
}

function adviceForWrite(error: unknown): string | undefined {
  switch (restErrorCode(error)) {
    case 'PropertyValueTooLarge':
      return 'A text field is over 32,000 characters; shorten it in the roster file and import again.';
    case 'EntityTooLarge':
      return 'A row is over 1 MiB; shorten its fields in the roster file and import again.';
    default:
      return undefined;
  }
}

/** Reads typed fields from a stored row, failing with the row and field named. */
class RowReader {
  constructor(
    private readonly table: string,
    private readonly partitionKey: string,
    private readonly row: Record<string, unknown> & { rowKey?: string },
  ) {}

  trust(): Trust {
    const trust: Trust = {
      name: this.text('name'),
      boardChannel: this.text('boardChannel'),
      fictional: this.flag('fictional'),
    };
    const companyNumber = this.optionalText('companyNumber');
    if (companyNumber !== undefined) trust.companyNumber = companyNumber;
    return trust;
  }

  academy(): Academy {
    let tags: unknown;
    try {
      tags = JSON.parse(this.text('tags'));
    } catch {
      tags = undefined;
    }
    if (!Array.isArray(tags) || !tags.every((tag) => typeof tag === 'string')) throw this.bad('tags');
    return {
      urn: this.text('urn'),
      name: this.text('name'),
      phase: this.oneOf<Phase>('phase', PHASES),
      route: this.oneOf<AcademyRoute>('route', ACADEMY_ROUTES),
      town: this.text('town'),
      openedOn: this.text('openedOn'),
      joinedOn: this.text('joinedOn'),
      tags,
    };
  }

  person(): Person {
    const person: Person = {
      email: this.text('email'),
      name: this.text('name'),
      role: this.oneOf<Role>('role', ROLES),
      title: this.text('title'),
    };
    const aadObjectId = this.optionalText('aadObjectId');
    if (aadObjectId !== undefined) person.aadObjectId = aadObjectId;
    const academyUrn = this.optionalText('academyUrn');
    if (academyUrn !== undefined) person.academyUrn = academyUrn;
    return person;
  }

  private text(field: string): string {
    const value = this.row[field];
    if (typeof value !== 'string') throw this.bad(field);
    return value;
  }

  private optionalText(field: string): string | undefined {
    return this.row[field] === undefined ? undefined : this.text(field);
  }

  private flag(field: string): boolean {
    const value = this.row[field];
    if (typeof value !== 'boolean') throw this.bad(field);
    return value;
  }

  private oneOf<T extends string>(field: string, allowed: readonly T[]): T {
    const value = this.text(field);
    if (!(allowed as readonly string[]).includes(value)) throw this.bad(field);
    return value as T;
  }

  private bad(field: string): TableStorageError {
    return new TableStorageError(
      {
        table: this.table,
        operation: 'load roster',
        partitionKey: this.partitionKey,
        rowKey: this.row.rowKey ?? '',
      },
      `field "${field}" is missing or invalid (${JSON.stringify(this.row[field]) ?? 'undefined'})`,
      {
        advice:
          'The row was not written by this adapter or the roster format changed; import the roster again.',
      },
    );
  }
}

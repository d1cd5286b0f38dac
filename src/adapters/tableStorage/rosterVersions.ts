/**
 * Roster versions: each one a partition `version-<id>` holding a whole roster (see the layout in
 * TableRosterStore.ts). A version is written once, read whole, and deleted when it is displaced or
 * abandoned; which one is current is the pointer's business (rosterPointer.ts).
 */
import { randomUUID } from 'node:crypto';

import { odata, type TableClient, type TableEntity, type TransactionAction } from '@azure/data-tables';

import type { Academy, Person, Roster } from '../../domain/roster/roster';
import {
  ACADEMY_ROW_PREFIX,
  describeRosterEntity,
  PERSON_ROW_PREFIX,
  RosterRowReader,
  toRosterEntities,
  TRUST_ROW,
} from './rosterEntities';
import { restErrorCode, TableStorageError } from './TableStorageError';

const VERSION_PREFIX = 'version-';

/** A batch transaction holds at most 100 operations, all in one partition, and at most 4 MiB. */
const MAX_BATCH_OPERATIONS = 100;
const MAX_BATCH_BYTES = 3.5 * 1024 * 1024;

/**
 * Versions that no pointer names and that are older than this were left by a replace that crashed; a later
 * replace deletes them. Younger ones may be a concurrent replace still writing, so they are left alone.
 */
const ORPHAN_AGE_MS = 60 * 60 * 1000;

export function versionPartition(version: string): string {
  return VERSION_PREFIX + version;
}

/** A new version id: its creation time (so the sweep can tell its age), then a random suffix. */
export function newVersionId(createdAt: Date): string {
  return `${createdAt.toISOString().replace(/[-:.]/g, '')}-${randomUUID().slice(0, 8)}`;
}

/** The creation time a version id starts with (`20240101T120000000Z-…`), or undefined if it has none. */
export function versionTime(version: string): Date | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z-/.exec(version);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s, ms] = match;
  return new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}Z`);
}

/** Writes a complete version in batch transactions; on failure, some of its rows may be written. */
export async function writeVersion(
  table: TableClient,
  version: string,
  roster: Roster,
  createdAt: Date,
): Promise<void> {
  const partitionKey = versionPartition(version);
  const entities = toRosterEntities(partitionKey, roster, createdAt);
  for (const batch of batches(entities)) await writeBatch(table, partitionKey, batch);
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

async function writeBatch(table: TableClient, partitionKey: string, batch: TableEntity[]): Promise<void> {
  const actions: TransactionAction[] = batch.map((entity) => ['create', entity]);
  try {
    await table.submitTransaction(actions);
  } catch (error) {
    // The service names the failing operation by its index in the batch: "12:The property value ...".
    const index = /^(\d+):/.exec((error as Error).message ?? '')?.[1];
    const culprit = index === undefined ? undefined : batch[Number(index)];
    throw new TableStorageError(
      {
        table: table.tableName,
        operation: 'replace roster',
        partitionKey,
        ...(culprit && { rowKey: culprit.rowKey }),
      },
      culprit
        ? `could not write ${describeRosterEntity(culprit)}; the previous roster stays current`
        : `could not write a batch of ${batch.length} roster rows; the previous roster stays current`,
      { cause: error, advice: adviceForWrite(error) },
    );
  }
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

/** Reads one version; undefined when it is incomplete (its counts do not match its rows). */
export async function readVersion(table: TableClient, version: string): Promise<Roster | undefined> {
  const partitionKey = versionPartition(version);
  let trust: Record<string, unknown> | undefined;
  const academies: Academy[] = [];
  const people: Person[] = [];
  try {
    // Zero-padded positions as RowKeys, so the service returns rows in roster order.
    const rows = table.listEntities<Record<string, unknown>>({
      queryOptions: { filter: odata`PartitionKey eq ${partitionKey}` },
    });
    for await (const row of rows) {
      const reader = new RosterRowReader(table.tableName, partitionKey, row);
      if (row.rowKey === TRUST_ROW) trust = row;
      else if (row.rowKey?.startsWith(ACADEMY_ROW_PREFIX)) academies.push(reader.academy());
      else if (row.rowKey?.startsWith(PERSON_ROW_PREFIX)) people.push(reader.person());
    }
  } catch (error) {
    if (error instanceof TableStorageError) throw error;
    throw new TableStorageError(
      { table: table.tableName, operation: 'load roster', partitionKey },
      'could not read the roster version',
      { cause: error },
    );
  }
  if (!trust || trust.academyCount !== academies.length || trust.personCount !== people.length)
    return undefined;
  return { trust: new RosterRowReader(table.tableName, partitionKey, trust).trust(), academies, people };
}

/** Deletes every row of a version, in batches. */
export async function deleteVersion(table: TableClient, version: string): Promise<void> {
  const partitionKey = versionPartition(version);
  const rowKeys: string[] = [];
  const rows = table.listEntities({
    queryOptions: { filter: odata`PartitionKey eq ${partitionKey}`, select: ['partitionKey', 'rowKey'] },
  });
  for await (const row of rows) rowKeys.push(row.rowKey ?? '');
  for (let start = 0; start < rowKeys.length; start += MAX_BATCH_OPERATIONS) {
    const actions: TransactionAction[] = rowKeys
      .slice(start, start + MAX_BATCH_OPERATIONS)
      .map((rowKey) => ['delete', { partitionKey, rowKey }]);
    await table.submitTransaction(actions);
  }
}

/** Deletes versions that no pointer names and that are too old to be a replace still in progress. */
export async function sweepOrphans(table: TableClient, current: string, now: Date): Promise<void> {
  const versions = new Set<string>();
  const rows = table.listEntities({
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
    if (now.getTime() - createdAt.getTime() > ORPHAN_AGE_MS) await deleteVersion(table, version);
  }
}

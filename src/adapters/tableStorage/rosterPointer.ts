/**
 * The roster pointer: the one entity (`pointer` / `current`) that names the current version. Switching
 * it is an ETag-checked update, so readers see one version or the other and racing replaces serialise.
 */
import type { TableClient, TableEntity } from '@azure/data-tables';

import {
  isMissingEntity,
  restErrorStatus,
  type TableErrorContext,
  TableStorageError,
} from './TableStorageError';

const POINTER_PARTITION = 'pointer';
const POINTER_ROW = 'current';

/** How often the pointer flip re-reads and retries when another replace moves the pointer first. */
const MAX_FLIP_ATTEMPTS = 5;

type PointerEntity = {
  version: string;
  switchedAt: string;
};

function pointerContext(table: TableClient, operation: string): TableErrorContext {
  return { table: table.tableName, operation, partitionKey: POINTER_PARTITION, rowKey: POINTER_ROW };
}

/** The pointer and its ETag; undefined when no roster was ever stored. */
export async function readPointer(
  table: TableClient,
  operation: string,
): Promise<(PointerEntity & { etag: string }) | undefined> {
  try {
    const entity = await table.getEntity<PointerEntity>(POINTER_PARTITION, POINTER_ROW);
    if (typeof entity.version !== 'string' || !entity.version) {
      throw new TableStorageError(pointerContext(table, operation), 'the pointer entity names no version', {
        advice: 'Delete the pointer entity and import the roster again.',
      });
    }
    return { version: entity.version, switchedAt: String(entity.switchedAt), etag: entity.etag };
  } catch (error) {
    if (error instanceof TableStorageError) throw error;
    if (isMissingEntity(error)) return undefined;
    throw new TableStorageError(pointerContext(table, operation), 'could not read the roster pointer', {
      cause: error,
    });
  }
}

/** Points `current` at the new version; resolves the version it displaced, if any. */
export async function flipPointer(
  table: TableClient,
  version: string,
  now: () => Date,
): Promise<string | undefined> {
  const operation = 'replace roster (switch version)';
  for (let attempt = 1; attempt <= MAX_FLIP_ATTEMPTS; attempt++) {
    const current = await readPointer(table, operation);
    // Already ours: an earlier attempt succeeded but its answer was lost (the SDK retried, or we got a
    // 412 from our own write). What it displaced is unknown now; the orphan sweep removes it later.
    if (current?.version === version) return undefined;
    const pointer: TableEntity<PointerEntity> = {
      partitionKey: POINTER_PARTITION,
      rowKey: POINTER_ROW,
      version,
      switchedAt: now().toISOString(),
    };
    try {
      if (current) await table.updateEntity(pointer, 'Replace', { etag: current.etag });
      else await table.createEntity(pointer);
      return current?.version;
    } catch (error) {
      // Another replace moved (412) or created (409) the pointer since we read it: read it again. The
      // replace that flips last wins, as if the two had run one after the other.
      const status = restErrorStatus(error);
      if (status === 412 || status === 409 || isMissingEntity(error)) continue;
      throw new TableStorageError(
        pointerContext(table, operation),
        'could not switch to the new version; the previous roster stays current',
        { cause: error },
      );
    }
  }
  throw new TableStorageError(
    pointerContext(table, operation),
    `the pointer kept moving under ${MAX_FLIP_ATTEMPTS} attempts; the previous roster stays current`,
    { advice: 'Another process is replacing the roster in a loop; stop it, then import again.' },
  );
}

import { randomUUID } from 'node:crypto';

import {
  odata,
  type TableClient,
  type TableEntityResult,
  type TableTransactionResponse,
  type TransactionAction,
} from '@azure/data-tables';

import type { FigureStore, FigureWrite, FigureWriteOutcome } from '../../app/ports';
import type { AcademyTermRecord, AuditRecord, StoredFigure } from '../../domain/round/round';
import {
  AUDIT_ROW_PREFIX,
  draftText,
  excusalText,
  FENCE_OF_PREFIX,
  FIGURE_ROW_PREFIX,
  figureRowKey,
  FigureRowReader,
  figuresPartition,
  HEADER_ROW,
  type HeaderEntity,
  KEY_SEPARATOR,
  keyPart,
  prefixRange,
  toAuditEntity,
  toFigureEntity,
  urnOfPartition,
} from './figureEntities';
import { DEFAULT_STORAGE_TIMEOUT_MS, MAX_SETTLE_MS, withStorageDeadline } from './storageDeadline';
import {
  restErrorCode,
  restErrorStatus,
  storageKey,
  type TableErrorContext,
  TableStorageError,
} from './TableStorageError';
import { failedOperationIndex, submitCheckedTransaction } from './tableTransaction';

/*
 * Layout of the figures table (docs/storage.md)
 *
 *   PartitionKey        RowKey                              what
 *   <term>|<urn>        h                                   header: state, submittedBy/At, draft, excusal
 *   <term>|<urn>        f|<metricId>                        one figure: value or "not available" reason
 *   <term>|<urn>        a|<metricId>|<at>|<random>          one audit record, insert-only
 *
 * One partition is one academy's answer for one term, so a submission with its audit records is one batch
 * transaction (the catalogue's 35 head-supplied metrics give at most 1 + 35 + 35 = 71 operations; 49
 * figures with their audit is the most one transaction holds). Every write
 * updates the header with the ETag it read (or creates it when nothing was stored): the header's ETag is the
 * version of the whole partition, so a concurrent writer fails the entire transaction with 412 (or 409)
 * and nothing of it is stored. Figure rows are then upserted without an ETag of their own: the header
 * guards them, because no write touches a figure without also updating the header.
 *
 * A write that gets no answer (storage hangs, the connection drops) is settled before the caller is told
 * anything (`settle`): the header is fenced, i.e. updated conditional on the same version the write named,
 * so the write, if it is still on its way, can never be applied afterwards (it names a version that is gone);
 * or, when the fence finds the version already moved on, the header's `writeId` says whether it was this
 * write. Only when even the fence gets no answer in time is the outcome unknown, and the caller told so.
 *
 * Row keys sort audit (`a|`) < figures (`f|`) < header (`h`), so `read` is one range query (RowKey ≥ `f|`)
 * that skips the audit trail, however long it grows. A term's records for all academies are a
 * PartitionKey range (`<term>|` ≤ PartitionKey < `<term>}`).
 */

/** Where the record stands when a row is unreadable or a write is refused. */
type Context = Omit<TableErrorContext, 'table'>;

/**
 * FigureStore on Azure Table Storage (table `figures` by default): figures, drafts, excusals and their
 * audit trail, one partition per academy and term.
 */
export class TableFigureStore implements FigureStore {
  private readonly settleMs: number;

  constructor(
    private readonly table: TableClient,
    options: { settleTimeoutMs?: number } = {},
  ) {
    this.settleMs = Math.min(options.settleTimeoutMs ?? DEFAULT_STORAGE_TIMEOUT_MS, MAX_SETTLE_MS);
  }

  async read(term: string, urn: string): Promise<AcademyTermRecord> {
    const partitionKey = this.partition(term, urn, 'read figures');
    const rows = await this.query(odata`PartitionKey eq ${partitionKey} and RowKey ge ${FIGURE_ROW_PREFIX}`, {
      operation: 'read figures',
      partitionKey,
    });
    return this.toRecord(term, urn, rows);
  }

  async write(change: FigureWrite): Promise<FigureWriteOutcome> {
    const operation = 'write figures';
    const partitionKey = this.partition(change.term, change.urn, operation);
    const context = { table: this.table.tableName, operation, partitionKey };
    this.checkBelongs(change, context);
    if (change.expectedVersion === '') {
      // An empty If-Match is not "no condition" to every service version; refuse rather than guess.
      throw new TableStorageError(context, 'the expected version is empty', {
        advice: 'Pass the version read (AcademyTermRecord.version), or undefined when nothing was stored.',
      });
    }

    const writeId = randomUUID();
    const header: Partial<HeaderEntity> & { partitionKey: string; rowKey: string } = {
      partitionKey,
      rowKey: HEADER_ROW,
      urn: change.urn,
      term: change.term,
      writeId,
      fenceOf: '',
      ...(change.state !== undefined && { state: change.state }),
      ...(change.submittedBy !== undefined && { submittedBy: change.submittedBy }),
      ...(change.submittedAt !== undefined && { submittedAt: change.submittedAt }),
      ...(change.draft !== undefined && { draft: draftText(change.draft) }),
      ...(change.excused !== undefined && { excused: excusalText(change.excused) }),
    };
    const headerAction: TransactionAction =
      change.expectedVersion === undefined
        ? ['create', { state: 'notStarted', draft: '', excused: '', ...header }]
        : ['update', header, 'Merge', { etag: change.expectedVersion }];
    const actions: TransactionAction[] = [
      headerAction,
      ...change.figures.map((figure): TransactionAction => [
        'upsert',
        toFigureEntity(partitionKey, figure),
        'Replace',
      ]),
      // Without an ETag of its own, like the upserts: the header's ETag guards the partition's figures.
      ...(change.cleared ?? []).map((metricId): TransactionAction => [
        'delete',
        { partitionKey, rowKey: figureRowKey(metricId) },
      ]),
      ...change.audit.map((record): TransactionAction => ['create', toAuditEntity(partitionKey, record)]),
    ];

    let response: TableTransactionResponse;
    try {
      response = await submitCheckedTransaction(this.table, actions, context);
    } catch (error) {
      if (error instanceof TableStorageError) throw error;
      // The header is operation 0: 412 (changed since read), 409 (created since read) or 404 (gone since
      // read) there means another writer got in first. The whole transaction was refused.
      const status = restErrorStatus(error);
      const index = failedOperationIndex(error);
      if ((status === 412 || status === 409 || status === 404) && (index === undefined || index === 0)) {
        return { kind: 'conflict' };
      }
      // No answer (a timeout, a dropped connection): the change may be stored, or still on its way.
      if (status === undefined) return this.settle(change, writeId, context, error);
      const culprit = index === undefined ? undefined : actions[index]?.[1];
      throw new TableStorageError(
        { ...context, ...(culprit && { rowKey: culprit.rowKey }) },
        'could not write the figures; nothing of this change was stored',
        { cause: error, advice: adviceForWrite(error) },
      );
    }
    const version = response.subResponses[0]?.etag;
    if (!version) {
      // Stored, but without the new version a follow-up write could only guess; a retry of the same
      // change gets a conflict, reads again and finds nothing left to do.
      throw new TableStorageError(context, 'the service did not say the new version of the record', {
        advice: 'The change was stored; read the record again before changing it further.',
      });
    }
    return { kind: 'written', version };
  }

  /**
   * Settles a write that got no answer, on a budget of its own (a few seconds, even when the turn's is
   * spent): fences the header on the version the write named, so the write can no longer be applied, and
   * answers that nothing was stored; or, when the version has moved on, reads the header and answers
   * `written` when it was this write, `conflict` when another writer's. Throws a TableStorageError with
   * `outcomeUnknown` when storage does not answer this either.
   */
  private async settle(
    change: FigureWrite,
    writeId: string,
    context: TableErrorContext,
    cause: unknown,
  ): Promise<FigureWriteOutcome> {
    const partitionKey = context.partitionKey!;
    const fenceOf = FENCE_OF_PREFIX + (change.expectedVersion ?? '');
    let fenced = false;
    try {
      const outcome = await withStorageDeadline(
        this.settleMs,
        async (): Promise<FigureWriteOutcome | 'fenced'> => {
          try {
            if (change.expectedVersion === undefined) {
              const empty: HeaderEntity = {
                urn: change.urn,
                term: change.term,
                state: 'notStarted',
                draft: '',
                excused: '',
              };
              await this.table.createEntity({ partitionKey, rowKey: HEADER_ROW, ...empty, fenceOf });
            } else {
              await this.table.updateEntity({ partitionKey, rowKey: HEADER_ROW, fenceOf }, 'Merge', {
                etag: change.expectedVersion,
              });
            }
            return 'fenced';
          } catch (error) {
            const status = restErrorStatus(error);
            if (status !== 412 && status !== 409 && status !== 404) throw error;
          }
          // The version moved on before the fence: by this write, or by another writer.
          try {
            const row = await this.table.getEntity<Record<string, unknown>>(partitionKey, HEADER_ROW);
            return row.writeId === writeId && row.etag
              ? { kind: 'written', version: row.etag }
              : { kind: 'conflict' };
          } catch (error) {
            if (restErrorStatus(error) === 404) return { kind: 'conflict' };
            throw error;
          }
        },
      );
      if (outcome !== 'fenced') return outcome;
      fenced = true;
    } catch {
      // Falls through: neither the fence nor the read answered.
    }
    if (fenced) {
      throw new TableStorageError(
        context,
        'storage gave no answer, so the write was given up; nothing of this change was stored',
        { cause },
      );
    }
    throw new TableStorageError(
      context,
      'storage gave no answer, and whether the change was stored could not be settled (read the record again once storage answers: the change is either wholly stored or not at all)',
      { cause, outcomeUnknown: true },
    );
  }

  async term(term: string): Promise<AcademyTermRecord[]> {
    const { from, to } = prefixRange(this.part(term, 'read term figures'));
    const rows = await this.query(
      odata`PartitionKey ge ${from} and PartitionKey lt ${to} and RowKey ge ${FIGURE_ROW_PREFIX}`,
      { operation: 'read term figures', partitionKey: from },
    );
    const byPartition = new Map<string, Array<TableEntityResult<Record<string, unknown>>>>();
    for (const row of rows) {
      const key = row.partitionKey ?? '';
      const group = byPartition.get(key);
      if (group) group.push(row);
      else byPartition.set(key, [row]);
    }
    return [...byPartition].map(([partitionKey, group]) =>
      this.toRecord(term, urnOfPartition(partitionKey), group),
    );
  }

  async history(urn: string, terms: readonly string[]): Promise<StoredFigure[]> {
    const reads = terms.map(async (term) => {
      const partitionKey = this.partition(term, urn, 'read history');
      const { from, to } = prefixRange(FIGURE_ROW_PREFIX.slice(0, -1));
      const rows = await this.query(
        odata`PartitionKey eq ${partitionKey} and RowKey ge ${from} and RowKey lt ${to}`,
        { operation: 'read history', partitionKey },
      );
      return rows.map((row) => new FigureRowReader(this.table.tableName, row).figure());
    });
    return (await Promise.all(reads)).flat();
  }

  async audit(term: string, urn: string, metricId?: string): Promise<AuditRecord[]> {
    const partitionKey = this.partition(term, urn, 'read audit');
    const prefix = AUDIT_ROW_PREFIX + (metricId === undefined ? '' : keyPart(metricId) + KEY_SEPARATOR);
    const { from, to } = prefixRange(prefix.slice(0, -1));
    const rows = await this.query(
      odata`PartitionKey eq ${partitionKey} and RowKey ge ${from} and RowKey lt ${to}`,
      { operation: 'read audit', partitionKey },
    );
    const records = rows.map((row) => ({
      record: new FigureRowReader(this.table.tableName, row).audit(),
      rowKey: row.rowKey ?? '',
    }));
    // Rows come in metric order; the trail is read in time order (ISO timestamps sort as text).
    records.sort((a, b) =>
      a.record.at === b.record.at ? a.rowKey.localeCompare(b.rowKey) : a.record.at < b.record.at ? -1 : 1,
    );
    return records.map(({ record }) => record);
  }

  async isEmpty(): Promise<boolean> {
    try {
      const pages = this.table
        .listEntities({ queryOptions: { select: ['PartitionKey'] } })
        .byPage({ maxPageSize: 1 });
      // The service may answer a page with no rows and a continuation: only a row, or the end, decides.
      for await (const page of pages) if (page.length > 0) return false;
      return true;
    } catch (error) {
      throw new TableStorageError(
        { table: this.table.tableName, operation: 'check figures' },
        'could not read the figures table',
        { cause: error },
      );
    }
  }

  /** Figures and audit must be about the record written: a transaction is one partition. */
  private checkBelongs(change: FigureWrite, context: TableErrorContext): void {
    const strays = [...change.figures, ...change.audit].filter(
      (item) => item.urn !== change.urn || item.term !== change.term,
    );
    if (strays.length > 0) {
      const stray = strays[0]!;
      throw new TableStorageError(
        context,
        `the change for ${change.urn} in ${change.term} holds ${stray.metricId} of ${stray.urn} in ${stray.term}; one write is one academy and one term`,
        { advice: 'This is a bug in the caller: write each academy and term separately.' },
      );
    }
    const seen = new Set<string>();
    for (const metricId of [...change.figures.map((figure) => figure.metricId), ...(change.cleared ?? [])]) {
      if (seen.has(metricId)) {
        throw new TableStorageError(context, `the change holds ${metricId} twice (written or cleared)`, {
          advice: 'This is a bug in the caller: write or clear each figure once per write.',
        });
      }
      seen.add(metricId);
    }
  }

  private toRecord(
    term: string,
    urn: string,
    rows: ReadonlyArray<TableEntityResult<Record<string, unknown>>>,
  ): AcademyTermRecord {
    const record: AcademyTermRecord = { urn, term, state: 'notStarted', figures: new Map() };
    for (const row of rows) {
      const reader = new FigureRowReader(this.table.tableName, row);
      if (row.rowKey === HEADER_ROW) {
        Object.assign(record, reader.header());
        record.version = row.etag;
      } else if (row.rowKey?.startsWith(FIGURE_ROW_PREFIX)) {
        const figure = reader.figure();
        record.figures.set(figure.metricId, figure);
      }
    }
    return record;
  }

  private async query(
    filter: string,
    context: Context,
  ): Promise<Array<TableEntityResult<Record<string, unknown>>>> {
    const rows: Array<TableEntityResult<Record<string, unknown>>> = [];
    try {
      for await (const row of this.table.listEntities<Record<string, unknown>>({
        queryOptions: { filter },
      })) {
        rows.push(row);
      }
    } catch (error) {
      throw new TableStorageError({ table: this.table.tableName, ...context }, 'could not read the figures', {
        cause: error,
      });
    }
    return rows;
  }

  private partition(term: string, urn: string, operation: string): string {
    return storageKey({ table: this.table.tableName, operation }, () => figuresPartition(term, urn));
  }

  private part(value: string, operation: string): string {
    return storageKey({ table: this.table.tableName, operation }, () => keyPart(value));
  }
}

function adviceForWrite(error: unknown): string | undefined {
  switch (restErrorCode(error)) {
    case 'PropertyValueTooLarge':
      return 'A text (a reason, a draft) is over 32,000 characters; shorten it and submit again.';
    case 'EntityTooLarge':
      return 'A row is over 1 MiB; shorten its texts and submit again.';
    default:
      return undefined;
  }
}

import { odata, type TableClient, type TableEntityResult, type TransactionAction } from '@azure/data-tables';

import type { FigureStore, FigureWrite, FigureWriteOutcome } from '../../app/ports';
import type { AcademyTermRecord, AuditRecord, StoredFigure } from '../../domain/round/round';
import { fencedWrite, settleBudgetMs } from './fencedWrite';
import {
  AUDIT_ROW_PREFIX,
  draftText,
  excusalText,
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
import { storageKey, type TableErrorContext, TableStorageError } from './TableStorageError';
import { submitCheckedTransaction } from './tableTransaction';

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
 * anything (fencedWrite): the header is fenced, i.e. updated conditional on the same version the write
 * named, so the write, if it is still on its way, can never be applied afterwards; or, when the version has
 * already moved on, the header's `writeId` says whether it was this write.
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
    this.settleMs = settleBudgetMs(options);
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
    const empty: HeaderEntity = {
      urn: change.urn,
      term: change.term,
      state: 'notStarted',
      draft: '',
      excused: '',
    };
    const actionsFor = (writeId: string): TransactionAction[] => {
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
      return [
        change.expectedVersion === undefined
          ? ['create', { ...empty, ...header }]
          : ['update', header, 'Merge', { etag: change.expectedVersion }],
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
    };
    let actions: TransactionAction[] = [];
    return fencedWrite({
      table: this.table,
      context,
      rowKey: HEADER_ROW,
      record: "the academy's record",
      expectedVersion: change.expectedVersion,
      emptyRow: empty,
      settleMs: this.settleMs,
      // The header is operation 0, so its new ETag is the first answer's.
      send: async (writeId) => {
        actions = actionsFor(writeId);
        return (await submitCheckedTransaction(this.table, actions, context)).subResponses[0]?.etag;
      },
      rowKeyOf: (index) => actions[index]?.[1].rowKey,
    });
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

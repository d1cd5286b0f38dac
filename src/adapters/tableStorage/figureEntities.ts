/**
 * The rows of the figures table (see the layout in TableFigureStore.ts): keys, and the domain types to
 * entities and back. One partition holds everything about one academy in one term.
 */
import { randomBytes } from 'node:crypto';

import type { TableEntity, TableEntityResult } from '@azure/data-tables';

import type { Publication } from '../../domain/published/publication';
import type {
  AuditRecord,
  Draft,
  Excusal,
  FigureChannel,
  FigureContent,
  StoredFigure,
  SubmissionState,
} from '../../domain/round/round';
import { EntityFieldReader } from './EntityFieldReader';
import { sameAsOf } from './fencedWrite';
import { decodeKey, encodeKey } from './tableKeys';

/** Separates the parts of a key; escaped inside each part, so a part never contains it. */
export const KEY_SEPARATOR = '|';
/** The character after `|` in code-unit order: `x|` ≤ key < `x}` selects exactly the keys starting `x|`. */
const AFTER_SEPARATOR = '}';

export const HEADER_ROW = 'h';
export const FIGURE_ROW_PREFIX = 'f|';
export const AUDIT_ROW_PREFIX = 'a|';

const STATES: readonly SubmissionState[] = ['notStarted', 'draft', 'submitted'];
const CHANNELS: readonly FigureChannel[] = ['card', 'chat', 'import', 'correction'];

/**
 * One part of a composite key: encodeKey, with `|` escaped too (decodeKey reverses `%7C` like any
 * escape), so `term|urn` splits back unambiguously. Throws a RangeError for a value too long to be a key.
 */
export function keyPart(value: string): string {
  return encodeKey(value).replace(/\|/g, '%7C');
}

/** The bounds of a prefix range: every key that starts with `prefix` followed by the separator. */
export function prefixRange(prefix: string): { from: string; to: string } {
  return { from: prefix + KEY_SEPARATOR, to: prefix + AFTER_SEPARATOR };
}

export function figuresPartition(term: string, urn: string): string {
  return `${keyPart(term)}${KEY_SEPARATOR}${keyPart(urn)}`;
}

export function figureRowKey(metricId: string): string {
  return FIGURE_ROW_PREFIX + keyPart(metricId);
}

/**
 * An audit row's key: metric, time, then a random suffix, so one value's trail is a prefix range read in
 * time order and two changes in the same millisecond never collide.
 */
export function auditRowKey(record: AuditRecord): string {
  return `${AUDIT_ROW_PREFIX}${keyPart(record.metricId)}${KEY_SEPARATOR}${keyPart(record.at)}${KEY_SEPARATOR}${randomBytes(4).toString('hex')}`;
}

/** The header row as stored. `draft` and `excused` are JSON, or '' for none (a Merge cannot remove a property). */
export type HeaderEntity = {
  urn: string;
  term: string;
  state: string;
  submittedBy?: string;
  submittedAt?: string;
  draft: string;
  excused: string;
  /** A random id of the write that last changed the header, so a write whose answer was lost is recognised. */
  writeId?: string;
  /**
   * `v:<version>` when the last change only fenced the record (fencedWrite): its content is that version's
   * (`v:` for nothing stored); '' otherwise.
   */
  fenceOf?: string;
};

/** A figure row: exactly one of `value` (typed: number, string or boolean) and `notAvailable` (the reason). */
export type FigureEntity = {
  urn: string;
  term: string;
  metricId: string;
  value?: number | string | boolean;
  notAvailable?: string;
  /** For an imported published figure: its Publication as JSON. */
  published?: string;
  channel: string;
  by: string;
  at: string;
};

/**
 * An audit row; contents as JSON (`{"value":94.1}` or `{"notAvailable":"…"}`), `old` absent for the first,
 * `new` absent when the figure was cleared.
 */
export type AuditEntity = {
  urn: string;
  term: string;
  metricId: string;
  at: string;
  by: string;
  channel: string;
  old?: string;
  new?: string;
};

export function toFigureEntity(partitionKey: string, figure: StoredFigure): TableEntity<FigureEntity> {
  return {
    partitionKey,
    rowKey: figureRowKey(figure.metricId),
    urn: figure.urn,
    term: figure.term,
    metricId: figure.metricId,
    ...('value' in figure.content
      ? { value: figure.content.value }
      : { notAvailable: figure.content.notAvailable }),
    ...(figure.content.published && { published: JSON.stringify(figure.content.published) }),
    channel: figure.channel,
    by: figure.by,
    at: figure.at,
  };
}

export function toAuditEntity(partitionKey: string, record: AuditRecord): TableEntity<AuditEntity> {
  return {
    partitionKey,
    rowKey: auditRowKey(record),
    urn: record.urn,
    term: record.term,
    metricId: record.metricId,
    at: record.at,
    by: record.by,
    channel: record.channel,
    ...(record.old !== undefined && { old: JSON.stringify(record.old) }),
    ...(record.new !== undefined && { new: JSON.stringify(record.new) }),
  };
}

export function draftText(draft: Draft | null | undefined): string {
  return draft ? JSON.stringify(draft) : '';
}

export function excusalText(excusal: Excusal | null | undefined): string {
  return excusal ? JSON.stringify(excusal) : '';
}

/** Reads one row back into domain types, failing with the row's keys when it is not what we wrote. */
export class FigureRowReader extends EntityFieldReader {
  constructor(table: string, row: TableEntityResult<Record<string, unknown>>) {
    super(row, {
      table,
      operation: 'read figures',
      partitionKey: row.partitionKey ?? '',
      advice: 'The row was not written by this adapter; fix or delete it in Storage Explorer.',
    });
  }

  header(): {
    state: SubmissionState;
    submittedBy?: string;
    submittedAt?: string;
    draft?: Draft;
    excused?: Excusal;
    sameAs?: string;
  } {
    const state = this.oneOf('state', STATES);
    const sameAs = sameAsOf(this.row);
    const draft = this.json('draft') as Draft | undefined;
    const excused = this.json('excused') as Excusal | undefined;
    if (draft && (typeof draft.inputs !== 'object' || draft.inputs === null)) throw this.bad('draft');
    if (excused && typeof excused.reason !== 'string') throw this.bad('excused');
    return {
      state,
      ...(typeof this.row.submittedBy === 'string' && { submittedBy: this.row.submittedBy }),
      ...(typeof this.row.submittedAt === 'string' && { submittedAt: this.row.submittedAt }),
      ...(draft && { draft }),
      ...(excused && { excused }),
      ...(sameAs !== undefined && { sameAs }),
    };
  }

  figure(): StoredFigure {
    const { value, notAvailable } = this.row;
    let content: FigureContent;
    if (typeof notAvailable === 'string' && value === undefined) content = { notAvailable };
    else if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean')
      content = { value };
    else throw this.bad('value');
    const published = this.json('published') as Publication | undefined;
    if (published !== undefined) {
      if (typeof published.publishedOn !== 'string' || typeof published.source !== 'string')
        throw this.bad('published');
      content.published = published;
    }
    return {
      urn: this.text('urn'),
      term: this.text('term'),
      metricId: this.text('metricId'),
      content,
      channel: this.oneOf('channel', CHANNELS),
      by: this.text('by'),
      at: this.text('at'),
    };
  }

  audit(): AuditRecord {
    const old = this.json('old') as FigureContent | undefined;
    const next = this.json('new') as FigureContent | undefined;
    // A record without a new content is a clearing, so it must say what was cleared.
    if (next === undefined ? old === undefined : !isContent(next)) throw this.bad('new');
    if (old !== undefined && !isContent(old)) throw this.bad('old');
    return {
      urn: this.text('urn'),
      term: this.text('term'),
      metricId: this.text('metricId'),
      at: this.text('at'),
      by: this.text('by'),
      channel: this.oneOf('channel', CHANNELS),
      ...(old !== undefined && { old }),
      ...(next !== undefined && { new: next }),
    };
  }
}

function isContent(value: unknown): value is FigureContent {
  if (typeof value !== 'object' || value === null) return false;
  const content = value as Record<string, unknown>;
  if ('notAvailable' in content) return typeof content.notAvailable === 'string';
  return ['number', 'string', 'boolean'].includes(typeof content.value);
}

/** The URN a figures partition key names (the part after the separator). */
export function urnOfPartition(partitionKey: string): string {
  return decodeKey(partitionKey.slice(partitionKey.indexOf(KEY_SEPARATOR) + 1));
}

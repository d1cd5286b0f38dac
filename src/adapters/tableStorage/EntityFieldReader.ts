/**
 * Reads typed fields from a stored row, failing with a TableStorageError that names the table, the row
 * and the field (and its stored value) when a field is not what the adapter wrote. The row readers of
 * the figures and the roster extend it with their own domain types.
 */
import { TableStorageError } from './TableStorageError';

/** Where the row was read, and what to do about a row that is not what the adapter wrote. */
export interface RowOrigin {
  table: string;
  operation: string;
  partitionKey: string;
  advice: string;
}

export class EntityFieldReader {
  constructor(
    protected readonly row: Readonly<Record<string, unknown>> & { rowKey?: string },
    private readonly origin: RowOrigin,
  ) {}

  protected text(field: string): string {
    const value = this.row[field];
    if (typeof value !== 'string') throw this.bad(field);
    return value;
  }

  protected optionalText(field: string): string | undefined {
    return this.row[field] === undefined ? undefined : this.text(field);
  }

  protected flag(field: string): boolean {
    const value = this.row[field];
    if (typeof value !== 'boolean') throw this.bad(field);
    return value;
  }

  protected oneOf<T extends string>(field: string, allowed: readonly T[]): T {
    const value = this.text(field);
    if (!(allowed as readonly string[]).includes(value)) throw this.bad(field);
    return value as T;
  }

  /** A JSON property; '' or absent reads as undefined. */
  protected json(field: string): unknown {
    const value = this.row[field];
    if (value === undefined || value === '') return undefined;
    if (typeof value !== 'string') throw this.bad(field);
    try {
      return JSON.parse(value) as unknown;
    } catch {
      throw this.bad(field);
    }
  }

  protected bad(field: string): TableStorageError {
    const { table, operation, partitionKey, advice } = this.origin;
    return new TableStorageError(
      { table, operation, partitionKey, rowKey: this.row.rowKey ?? '' },
      `field "${field}" is missing or invalid (${JSON.stringify(this.row[field]) ?? 'undefined'})`,
      { advice },
    );
  }
}

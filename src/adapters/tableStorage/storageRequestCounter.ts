/**
 * Counts the HTTP requests the Table Storage clients send, so tests and benchmarks can state how many
 * storage round trips an operation costs (the submit goal is a constant, at most 3).
 */

/** A running count of requests, in total and per table; `reset()` starts again from zero. */
export class StorageRequestCounter {
  private total = 0;
  private readonly perTable = new Map<string, number>();

  /** Requests sent since creation or the last reset, retries included (each is a round trip). */
  get count(): number {
    return this.total;
  }

  /** Requests sent to one table (by its full name, prefix included). */
  countFor(tableName: string): number {
    return this.perTable.get(tableName) ?? 0;
  }

  reset(): void {
    this.total = 0;
    this.perTable.clear();
  }

  /** Called by the pipeline policy for every request sent. */
  record(tableName: string): void {
    this.total++;
    this.perTable.set(tableName, (this.perTable.get(tableName) ?? 0) + 1);
  }
}

/** What a bench/*.bench.ts file exports by default: a name and a function returning the lines to print. */
export interface Benchmark {
  name: string;
  run(): Promise<string[]> | string[];
}

/**
 * The storage floor of a head's submission: one academy's full catalogue (every head-supplied metric)
 * read and written with an audit record per figure, on a real Azurite. Prints the round trips per submit
 * (counted by the StorageRequestCounter; goal a constant, at most 3, whatever the history) and p50/p95
 * over 200 submits, first on fresh academies and then on academies with a long audit trail. The submit
 * use case adds its own work on top of this floor.
 */
import { performance } from 'node:perf_hooks';

import { createTableStores } from '../src/adapters/tableStorage/createTableStores';
import { StorageRequestCounter } from '../src/adapters/tableStorage/storageRequestCounter';
import type { TableFigureStore } from '../src/adapters/tableStorage/TableFigureStore';
import { METRIC_CATALOGUE } from '../src/domain/metrics/metricCatalogue';
import type { MetricValue } from '../src/domain/metrics/parseMetricValue';
import type { StoredFigure } from '../src/domain/round/round';
import { startAzurite } from '../src/hosts/local/azurite';
import type { Benchmark } from './benchmark';

const SUBMITS = 200;
const TERM = '2026-27-autumn';
/** Earlier edits per academy in the second run: the audit trail a busy round leaves. */
const PRIOR_EDITS = 20;

const HEAD_METRICS = METRIC_CATALOGUE.filter((metric) => metric.source === 'head');

function valueFor(index: number, edit: number): MetricValue {
  const metric = HEAD_METRICS[index]!;
  if (metric.options) return metric.options[edit % metric.options.length]!.value;
  if (metric.type === 'yesNo') return edit % 2 === 0;
  const min = metric.min ?? 0;
  return metric.type === 'count' ? min + edit : min + edit / 10;
}

/** One submit as the use case makes it: read the record, then write every figure with its audit. */
async function submit(store: TableFigureStore, urn: string, edit: number): Promise<void> {
  const record = await store.read(TERM, urn);
  const at = new Date(Date.UTC(2026, 10, 3, 9, 0, edit)).toISOString();
  const figures: StoredFigure[] = HEAD_METRICS.map((metric, index) => ({
    urn,
    term: TERM,
    metricId: metric.id,
    content: { value: valueFor(index, edit) },
    channel: 'card',
    by: `head@${urn}.example`,
    at,
  }));
  const outcome = await store.write({
    urn,
    term: TERM,
    expectedVersion: record.version,
    state: 'submitted',
    submittedBy: `head@${urn}.example`,
    submittedAt: at,
    figures,
    audit: figures.map((figure) => ({
      ...figure,
      ...(record.figures.get(figure.metricId) && { old: record.figures.get(figure.metricId)!.content }),
      new: figure.content,
    })),
  });
  if (outcome.kind !== 'written') throw new Error(`unexpected conflict for ${urn}`);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function measure(
  store: TableFigureStore,
  counter: StorageRequestCounter,
  urns: string[],
  edit: number,
): Promise<{ p50: number; p95: number; trips: Set<number> }> {
  const times: number[] = [];
  const trips = new Set<number>();
  for (const urn of urns) {
    counter.reset();
    const start = performance.now();
    await submit(store, urn, edit);
    times.push(performance.now() - start);
    trips.add(counter.count);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), trips };
}

const benchmark: Benchmark = {
  name: `Figure store: a full-catalogue submit (${HEAD_METRICS.length} figures + audit) on Azurite`,
  async run() {
    const azurite = await startAzurite({ inMemory: true });
    try {
      const counter = new StorageRequestCounter();
      const stores = createTableStores(azurite.connectionString, {
        tablePrefix: 'bench',
        requestCounter: counter,
      });
      await stores.createTables();
      const urns = Array.from({ length: SUBMITS }, (_, i) => String(700000 + i));
      const fresh = await measure(stores.figures, counter, urns, 0);

      // Give every academy a long audit trail, then submit again.
      for (let edit = 1; edit <= PRIOR_EDITS; edit++) {
        await Promise.all(urns.slice(0, 20).map((urn) => submit(stores.figures, urn, edit)));
      }
      const busy = await measure(stores.figures, counter, urns.slice(0, 20), PRIOR_EDITS + 1);
      const line = (label: string, r: typeof fresh, n: number): string =>
        `${label.padEnd(44)} round trips ${[...r.trips].join('/')}   p50 ${r.p50.toFixed(1)} ms   p95 ${r.p95.toFixed(1)} ms   (${n} submits)`;
      return [
        line('first submit of an academy', fresh, urns.length),
        line(
          `after ${PRIOR_EDITS} earlier edits (${PRIOR_EDITS * HEAD_METRICS.length} audit rows)`,
          busy,
          20,
        ),
        'goal: round trips a constant, at most 3 (read + one batch transaction = 2)',
      ];
    } finally {
      await azurite.stop();
    }
  },
};

export default benchmark;

/**
 * A head's submission with the full card for one academy (every figure the plan asks of it, the
 * optional ones included), through the submit use case on Azurite: the storage round trips one submit
 * costs, counted on the wire (goal: a constant, at most 3, whatever the history), with no history and with
 * nine terms of it, and the time per submit, p50 and p95 over 200 submits that each change a figure.
 */
import { performance } from 'node:perf_hooks';

import { createTableStores } from '../src/adapters/tableStorage/createTableStores';
import { StorageRequestCounter } from '../src/adapters/tableStorage/storageRequestCounter';
import { submitFigures } from '../src/app/round/headFigures';
import { openRound } from '../src/app/round/openRound';
import type { RoundDeps } from '../src/app/round/roundDeps';
import type { StoredFigure } from '../src/domain/round/round';
import { addTerms, formatTermKey } from '../src/domain/terms/termCalendar';
import {
  askedMetrics,
  fullAnswer,
  LOAD_START,
  LOAD_TERM,
  LOAD_TERM_REF,
  loadServices,
  tickingClock,
  writeLoadTrust,
} from '../test/support/loadTrust';
import type { Benchmark } from './benchmark';
import { quantile, withAzurite } from './withAzurite';

const SUBMITS = 200;
const HISTORY_TERMS = 9;

const submitBenchmark: Benchmark = {
  name: 'Submit: one academy’s full card, storage round trips and time per submit',
  async run() {
    return withAzurite(120_000, async (connectionString) => {
      const trust = writeLoadTrust(2);
      try {
        const clock = tickingClock(LOAD_START);
        const services = loadServices({
          connectionString,
          rosterDir: trust.rosterDir,
          serviceUrl: 'http://127.0.0.1:9/',
          prefix: 'bench',
          clock,
        });
        await services.ready();
        const roster = (await services.roster.current())!;
        await openRound(services.round, roster, LOAD_TERM_REF, trust.executive.email);
        // The same tables, through stores that count every request they send.
        const counter = new StorageRequestCounter();
        const counted = createTableStores(connectionString, {
          tablePrefix: 'bench',
          requestCounter: counter,
        });
        const deps: RoundDeps = { ...services.round, rounds: counted.rounds, figures: counted.figures };

        const lines: string[] = [];
        for (const [index, head] of trust.heads.entries()) {
          const academy = roster.academies.find((a) => a.urn === head.urn)!;
          const person = roster.people.find((p) => p.email === head.email)!;
          const answer = fullAnswer(services, academy);
          const metrics = askedMetrics(services, academy);
          const history = index === 0 ? 0 : HISTORY_TERMS;
          for (let n = 1; n <= history; n++) {
            const term = formatTermKey(addTerms(LOAD_TERM_REF, -n));
            const at = clock().toISOString();
            const figures: StoredFigure[] = metrics.map((metric) => ({
              urn: head.urn,
              term,
              metricId: metric.id,
              content: { value: Number(answer[`m_${metric.id}`]) || 1 },
              channel: 'import',
              by: 'import',
              at,
            }));
            await services.round.figures.write({
              urn: head.urn,
              term,
              expectedVersion: undefined,
              state: 'submitted',
              submittedBy: 'import',
              submittedAt: at,
              figures,
              audit: figures.map(({ content, ...rest }) => ({ ...rest, new: content })),
              draft: null,
            });
          }
          const toggled = metrics.find((m) => m.type === 'percent' || m.type === 'number');
          if (!toggled) throw new Error(`no numeric metric for ${head.urn}`);
          const submit = async (value?: string): Promise<{ trips: number; ms: number }> => {
            const data = {
              verb: 'submitFigures',
              term: LOAD_TERM,
              urn: head.urn,
              ...answer,
              ...(value === undefined ? {} : { [`m_${toggled.id}`]: value }),
            };
            counter.reset();
            const started = performance.now();
            const outcome = await submitFigures(
              deps,
              roster,
              person,
              { term: LOAD_TERM, urn: head.urn },
              data,
            );
            const ms = performance.now() - started;
            if (outcome.kind !== 'card' || outcome.result !== 'stored') {
              throw new Error(
                `submit ${value ?? 'first'} was not stored: ${JSON.stringify(outcome).slice(0, 200)}`,
              );
            }
            return { trips: counter.count, ms };
          };
          const first = await submit();
          const runs: { trips: number; ms: number }[] = [];
          for (let n = 0; n < SUBMITS; n++) {
            runs.push(await submit(String((toggled.min ?? 0) + 1 + (n % 2))));
          }
          const trips = [...new Set(runs.map((run) => run.trips))].sort((a, b) => a - b);
          const times = runs.map((run) => run.ms);
          lines.push(
            `${history} terms of history, ${metrics.length} figures on the card: first submit ${first.trips} round trips; ` +
              `${SUBMITS} edits: ${trips.join(' or ')} round trips each (goal ≤ 3, constant), ` +
              `p50 ${quantile(times, 0.5).toFixed(1)} ms, p95 ${quantile(times, 0.95).toFixed(1)} ms`,
          );
        }
        const audit = await services.round.figures.audit(LOAD_TERM, trust.heads[1]!.urn);
        lines.push(`(the audit trail of the last academy now holds ${audit.length} records for this term)`);
        return lines;
      } finally {
        trust.remove();
      }
    });
  },
};

export default submitBenchmark;

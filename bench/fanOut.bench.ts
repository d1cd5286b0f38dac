/**
 * Opening a round for a generated trust of 500 heads: the executive's Open round click through
 * api/messages of the real local host, one prompt per academy through the real outbox queue on Azurite,
 * delivered by the host's queue poller (deliverMessage, the rate-limited CloudAdapterSender) to a local
 * connector (in a process of its own, bench/connectorProcess.ts) that applies Teams' documented limits
 * and counts what arrives.
 *
 * The floor is what those limits allow: 500 prompts at 50 requests per second per app = 10 s.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';

import { StorageRequestCounter } from '../src/adapters/tableStorage/storageRequestCounter';
import {
  executeActivity,
  installHeads,
  invokeBody,
  LOAD_START,
  LOAD_TERM,
  loadServices,
  postActivity,
  startLoadHost,
  writeLoadTrust,
} from '../test/support/loadTrust';
import { arrivalsPerConversation, TEAMS_LIMITS } from '../test/support/localConnector';
import type { Benchmark } from './benchmark';
import { epochNow, startConnectorProcess } from './connectorProcess';
import { withAzurite } from './withAzurite';

const HEADS = 500;
/**
 * The sender's rate for the run (OUTBOX_SENDS_PER_SECOND): a little under Teams' 50 a second, so the
 * timing jitter of a busy machine never puts 51 requests in one second at the connector. (At 49, one run
 * in three here saw a hundred or more 429s: the sender never starts 50 in a second, but a pause of the
 * event loop delivers requests started apart together.)
 */
const SENDS_PER_SECOND = 48;
const LIMIT_MS = 180_000;

const fanOutBenchmark: Benchmark = {
  name: `Fan-out: open a round for ${HEADS} heads, delivered within Teams' limits`,
  async run() {
    return withAzurite(LIMIT_MS, async (connectionString) => {
      const trust = writeLoadTrust(HEADS);
      const connector = await startConnectorProcess();
      const counter = new StorageRequestCounter();
      const services = loadServices({
        connectionString,
        rosterDir: trust.rosterDir,
        serviceUrl: connector.serviceUrl,
        prefix: 'bench',
        clock: () => new Date(LOAD_START),
        sendsPerSecond: SENDS_PER_SECOND,
        requestCounter: counter,
      });
      await services.ready();
      await installHeads(services, trust, connector.serviceUrl);
      counter.reset();
      const host = await startLoadHost(services, connectionString);
      try {
        // Teams keeps its connections to the bot open; the benchmark's own HTTP client is opened here, so
        // its first connection is not counted as the bot's time.
        await fetch(host.url.replace(/\/messages$/, '/health'));
        const loopDelay = monitorEventLoopDelay({ resolution: 10 });
        loopDelay.enable();
        const cpuBefore = process.cpuUsage();
        const start = epochNow();
        const opened = await postActivity(
          host.url,
          executeActivity(trust.executive.aad, connector.serviceUrl, { verb: 'openRound', term: LOAD_TERM }),
        );
        const answeredMs = epochNow() - start;
        const summary = JSON.stringify(invokeBody(opened).card ?? opened.body);
        if (!summary.includes(`prompting ${HEADS} heads now`)) {
          throw new Error(`the round did not open for ${HEADS} heads: ${summary.slice(0, 300)}`);
        }
        const deadline = start + LIMIT_MS - 30_000;
        while ((await connector.conversations()) < HEADS && epochNow() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        const cpu = process.cpuUsage(cpuBefore);
        loopDelay.disable();
        const perPrompt = (table: string): string => (counter.countFor(`bench${table}`) / HEADS).toFixed(2);
        // Room for a late duplicate to arrive before counting.
        await new Promise((resolve) => setTimeout(resolve, 2000));
        const { arrivals, overLimit } = await connector.report();
        const times = arrivals.map((arrival) => arrival.at).sort((a, b) => a - b);
        const firstReached = new Map<string, number>();
        for (const arrival of arrivals) {
          if (!firstReached.has(arrival.conversationId)) firstReached.set(arrival.conversationId, arrival.at);
        }
        const allMs = Math.max(...firstReached.values()) - start;
        const counts = arrivalsPerConversation(arrivals);
        const duplicates = [...counts.values()].reduce((sum, n) => sum + n - 1, 0);
        const lost = HEADS - counts.size;
        const floorMs = (HEADS / TEAMS_LIMITS.perApp.count) * 1000;
        const firstMs = (times[0] ?? NaN) - start;
        const sendRate = (times.length - 1) / (((times.at(-1) ?? NaN) - (times[0] ?? NaN)) / 1000);
        const gaps = times.slice(1).map((at, i) => at - (times[i] ?? at));
        return [
          `sender rate: OUTBOX_SENDS_PER_SECOND=${SENDS_PER_SECOND}; connector (a process of its own, as Teams is) limits: ${TEAMS_LIMITS.perApp.count}/s per app, 7/1 s, 8/2 s, 60/30 s per conversation`,
          `Open round answered in ${(answeredMs / 1000).toFixed(2)} s (Teams waits 15 s)`,
          `all ${HEADS} delivered in ${(allMs / 1000).toFixed(2)} s; floor ${(floorMs / 1000).toFixed(1)} s; ratio ×${(allMs / floorMs).toFixed(3)} (goal ≤ ×1.1)`,
          `first prompt arrived after ${(firstMs / 1000).toFixed(2)} s; arrivals from first to last at ${sendRate.toFixed(1)} a second`,
          `longest pause between arrivals ${Math.max(...gaps).toFixed(0)} ms (the sender catches up after it); the bot's event loop delayed p99 ${(loopDelay.percentile(99) / 1e6).toFixed(0)} ms, max ${(loopDelay.max / 1e6).toFixed(0)} ms`,
          `duplicates ${duplicates}, lost ${lost}, requests over the limit (429) ${overLimit}`,
          `the bot's CPU per prompt (this process; Azurite apart): ${((cpu.user + cpu.system) / 1000 / HEADS).toFixed(1)} ms`,
          `table round trips per prompt, click to delivery: ${(counter.count / HEADS).toFixed(2)} ` +
            `(prompts ${perPrompt('prompts')}, activities ${perPrompt('activities')}, figures ${perPrompt('figures')}, ` +
            `rounds ${perPrompt('rounds')}, conversations ${perPrompt('conversations')}, roster ${perPrompt('roster')})`,
        ];
      } finally {
        await host.stop();
        await connector.stop();
        trust.remove();
      }
    });
  },
};

export default fanOutBenchmark;

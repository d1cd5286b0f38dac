/**
 * Cold start: from a fresh `node` process to the first answered activity, through the built Functions
 * entry (dist/main.js, what is deployed), against a bare botbuilder echo bot measured in the same run.
 * Teams gives up on an activity after 15 s; Flex Consumption's always-ready instance keeps this off a
 * person's message in Azure, and this figure is what a scale-out or a restart costs.
 *
 * Each run spawns a new process that loads its bot and hands it one message activity ("help" from the
 * demo trust's executive, `deliveryMode: expectReplies` so the answer comes back in the response, as
 * nothing here may reach a Bot Connector). The Functions entry registers its functions with a stand-in
 * for the worker's `@azure/functions-core` (only the Functions host provides that module), builds an
 * HttpRequest with @azure/functions as the worker does, and calls `messages`: the turn reads the roster
 * from Azurite, claims the activity id, and answers with the help card. The echo bot is botbuilder's
 * CloudAdapter and ActivityHandler loaded from node_modules, as its sample is written. Runs alternate,
 * after one discarded warm-up each (the first run loads the roster into storage); medians of RUNS each.
 */
import { join } from 'node:path';

import { buildBundle } from '../scripts/build';
import { FUNCTIONS_PROBE, type ProbeAnswer, repliesOf, runProbe } from '../scripts/bundleProbe';
import { readRosterDir } from '../src/adapters/files/readRosterDir';
import { startAzurite } from '../src/hosts/local/azurite';
import type { Benchmark } from './benchmark';

const RUNS = 7;
/** The goal: the product's cold start within 1.5 times a bare echo bot's. */
const GOAL_RATIO = 1.5;
const ROOT = join(__dirname, '..');
const BUNDLE_DIR = join(ROOT, 'dist');

/** The baseline: botbuilder's echo bot sample without its HTTP server. */
const ECHO_CHILD = `
const { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } = require('botbuilder');
// No app id: anonymous, as the product runs locally.
const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
const bot = new ActivityHandler();
bot.onMessage(async (context, next) => { await context.sendActivity('Echo: ' + context.activity.text); await next(); });
let status = 200;
let body;
const res = {
  socket: undefined,
  status(code) { status = code; return res; }, header() { return res; },
  send(payload) { body = payload; return res; }, end() { return res; },
};
adapter.process({ body: JSON.parse(process.env.PROBE_ACTIVITY), headers: {}, method: 'POST' }, res,
  (context) => bot.run(context)).then(() => {
  const cpu = process.cpuUsage();
  process.stdout.write('PROBE_ANSWER ' + JSON.stringify({ functions: [], status, body, cpuMs: (cpu.user + cpu.system) / 1000 }) + '\\n');
  process.exit(0);
}, (error) => { console.error(error); process.exit(1); });
`;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function activity(id: string, from: { aadObjectId: string; name: string }): string {
  return JSON.stringify({
    type: 'message',
    id,
    text: 'help',
    channelId: 'msteams',
    deliveryMode: 'expectReplies',
    // Loopback and closed: nothing may leave this machine; the answer comes back inline.
    serviceUrl: 'http://127.0.0.1:9/',
    from: { id: '29:bench', ...from },
    recipient: { id: '28:bot', name: 'Trust Plan' },
    conversation: { id: 'a:bench-chat', conversationType: 'personal' },
  });
}

function assertHelpCard(answer: ProbeAnswer): void {
  const card = JSON.stringify(repliesOf(answer)[0]?.attachments);
  if (answer.status !== 200 || !card?.includes('What I can do for you')) {
    throw new Error(`the Functions entry did not answer with the help card: ${JSON.stringify(answer)}`);
  }
}

function assertEcho(answer: ProbeAnswer): void {
  const text = repliesOf(answer)[0]?.text;
  if (answer.status !== 200 || text !== 'Echo: help') {
    throw new Error(`the echo bot did not echo: ${JSON.stringify(answer)}`);
  }
}

const benchmark: Benchmark = {
  name: 'Cold start: fresh node process to the first answered activity',
  async run() {
    const bytes = await buildBundle(BUNDLE_DIR);
    const roster = await readRosterDir(join(ROOT, 'demo/roster'));
    const executive = roster.ok ? roster.roster.people.find((p) => p.role === 'executive') : undefined;
    if (!executive?.aadObjectId) throw new Error('the demo roster has no executive with an object id');
    const from = { aadObjectId: executive.aadObjectId, name: executive.name };

    const azurite = await startAzurite({ inMemory: true });
    try {
      const functionsEnv = (id: string) => ({
        ...process.env,
        PROBE_BUNDLE: join(BUNDLE_DIR, 'main.js'),
        PROBE_ACTIVITY: activity(id, from),
        AzureWebJobsStorage: azurite.connectionString,
        STORAGE_PREFIX: 'bench',
        ROSTER_DIR: 'demo/roster',
        NODE_ENV: 'development',
        MicrosoftAppId: '',
        // The activity's loopback service URL: nothing leaves this machine.
        ALLOWED_SERVICE_URLS: 'http://127.0.0.1:9/',
      });
      const echoEnv = (id: string) => ({ ...process.env, PROBE_ACTIVITY: activity(id, from) });

      assertHelpCard((await runProbe(FUNCTIONS_PROBE, { cwd: ROOT, env: functionsEnv('warm-up') })).answer);
      assertEcho((await runProbe(ECHO_CHILD, { cwd: ROOT, env: echoEnv('warm-up') })).answer);
      const product = { wall: [] as number[], cpu: [] as number[] };
      const echo = { wall: [] as number[], cpu: [] as number[] };
      for (let run = 0; run < RUNS; run++) {
        const ours = await runProbe(FUNCTIONS_PROBE, { cwd: ROOT, env: functionsEnv(`run-${run}`) });
        assertHelpCard(ours.answer);
        product.wall.push(ours.ms);
        product.cpu.push(ours.answer.cpuMs);
        const theirs = await runProbe(ECHO_CHILD, { cwd: ROOT, env: echoEnv(`run-${run}`) });
        assertEcho(theirs.answer);
        echo.wall.push(theirs.ms);
        echo.cpu.push(theirs.answer.cpuMs);
      }
      const ratio = median(product.wall) / median(echo.wall);
      const list = (values: number[]) => values.map((v) => v.toFixed(0)).join(', ');
      const line = (label: string, times: { wall: number[]; cpu: number[] }) =>
        `${label} median ${median(times.wall).toFixed(0)} ms [${list(times.wall)}]; ` +
        `CPU ${median(times.cpu).toFixed(0)} ms`;
      return [
        `bundle dist/main.js: ${(bytes / 1e6).toFixed(1)} MB; ${RUNS} runs each, alternating`,
        line('Functions entry (help card, storage on Azurite):', product),
        line('bare botbuilder echo bot:                       ', echo),
        `ratio ${ratio.toFixed(2)} (goal <= ${GOAL_RATIO}: ${ratio <= GOAL_RATIO ? 'met' : 'NOT MET'}); ` +
          `CPU-time ratio ${(median(product.cpu) / median(echo.cpu)).toFixed(2)}`,
      ];
    } finally {
      await azurite.stop();
    }
  },
};

export default benchmark;

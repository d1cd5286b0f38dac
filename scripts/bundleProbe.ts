/**
 * Plays the Azure Functions worker for one invocation of the built bundle, in a fresh `node` process:
 * loads dist/main.js with a stand-in for `@azure/functions-core` (only the Functions host provides that
 * module) that records each registered function, builds an HttpRequest with @azure/functions as the
 * worker does, calls `messages` with one activity and prints the response as one JSON line. The cold-start
 * benchmark times it; the bundle test runs it from a folder with no node_modules.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';

const ANSWER = 'PROBE_ANSWER ';

/** The program the child runs (`node -e`). Settings come from its environment: PROBE_* and the bot's own. */
export const FUNCTIONS_PROBE = `
const Module = require('node:module');
const handlers = new Map();
const core = {
  registerFunction(metadata, handler) { handlers.set(metadata.name, handler); return { dispose() {} }; },
  setProgrammingModel() {}, getProgrammingModel() {}, registerHook() { return { dispose() {} }; },
};
const load = Module._load;
Module._load = function (request, ...rest) {
  return request === '@azure/functions-core' ? core : load.call(this, request, ...rest);
};
require(process.env.PROBE_BUNDLE);
const { HttpRequest, InvocationContext } = require(process.env.PROBE_AZURE_FUNCTIONS || '@azure/functions');
const request = new HttpRequest({
  method: 'POST', url: 'http://localhost/api/messages',
  headers: { 'content-type': 'application/json', ...JSON.parse(process.env.PROBE_HEADERS || '{}') },
  body: { string: process.env.PROBE_ACTIVITY },
});
handlers.get('messages')(request, new InvocationContext({ functionName: 'messages' })).then((response) => {
  const cpu = process.cpuUsage();
  process.stdout.write('PROBE_ANSWER ' + JSON.stringify({
    functions: [...handlers.keys()], status: response.status, body: response.jsonBody ?? response.body,
    cpuMs: (cpu.user + cpu.system) / 1000,
  }) + '\\n');
  process.exit(0);
}, (error) => { console.error(error); process.exit(1); });
`;

export interface ProbeAnswer {
  /** The functions the bundle registered, in order. */
  functions: string[];
  status: number;
  body?: { activities?: { type: string; text?: string; attachments?: { content?: unknown }[] }[] } | string;
  /** CPU time the child used (user + system), which other load on the machine disturbs less than wall time. */
  cpuMs: number;
}

export interface ProbeRun {
  /** Wall time from spawning the process to its answer. */
  ms: number;
  answer: ProbeAnswer;
}

/** Spawns `node -e program` and resolves with the time until it printed its answer line, and the answer. */
export function runProbe(
  program: string,
  options: { cwd: string; env: Record<string, string | undefined> },
): Promise<ProbeRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child: ChildProcess = spawn(process.execPath, ['-e', program], {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let answered = false;
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      // The bot logs to stdout too; the answer is the one line marked as such.
      const line = stdout.split('\n').find((l, i, all) => l.startsWith(ANSWER) && i < all.length - 1);
      if (answered || line === undefined) return;
      answered = true;
      const ms = performance.now() - started;
      try {
        resolve({ ms, answer: JSON.parse(line.slice(ANSWER.length)) as ProbeAnswer });
      } catch {
        reject(new Error(`the probe's answer is not JSON:\n${line.slice(0, 2000)}`));
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (!answered)
        reject(
          new Error(`the probe exited with ${code ?? 'null'} before answering:\n${stderr.slice(-3000)}`),
        );
    });
  });
}

/** The messages a turn answered with (`expectReplies` returns them in the response body). */
export function repliesOf(answer: ProbeAnswer): { type: string; text?: string; attachments?: unknown[] }[] {
  const body = answer.body;
  if (typeof body !== 'object') return [];
  return (body.activities ?? []).filter((activity) => activity.type === 'message');
}

/**
 * Starts the whole product the way `npm start` does (`tsx src/hosts/local/start.ts --in-memory`) and
 * stops it with everything it started: it runs in its own process group, which is signalled as a whole.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { RESULTS_DIR } from './browser';

export const READY_LINE = 'Trust plan bot is ready';
const ROOT = path.resolve(__dirname, '../../..');
const DEFAULT_PLAYGROUND_PORT = 26150;
const ROLE_PORT_OFFSET = { executive: 0, head: 1, trustee: 2 } as const;
export type PlaygroundRole = keyof typeof ROLE_PORT_OFFSET;

export interface RunningProduct {
  /** Everything it printed so far. */
  output(): string;
  /** The playground that shows the chat as someone with this role, as listed in the ready message. */
  playgroundUrl(role: PlaygroundRole): string;
  stop(): Promise<void>;
}

export interface ProductOptions {
  /** Extra environment, e.g. other ports (PORT, PLAYGROUND_PORT, AZURITE_*_PORT). */
  env?: Record<string, string>;
  timeoutMs?: number;
  /** Where its output, data dir and playground configs and logs are kept; under test-results/ by default. */
  runDir?: string;
  /** `demo`: `npm run demo` (src/hosts/local/demo.ts) rather than `npm start`; with `args` after it. */
  entry?: 'start' | 'demo';
  args?: string[];
}

/** Environment that keeps every tool quiet about telemetry; nothing here may reach the internet. */
export const NO_TELEMETRY_ENV: Readonly<Record<string, string>> = {
  TEAMSAPPTESTER_BROWSER: 'none',
  TEAMSFX_TELEMETRY: 'false',
  APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
  APPLICATIONINSIGHTS_STATSBEAT_DISABLED_ALL: 'true',
  FUNCTIONS_CORE_TOOLS_TELEMETRY_OPTOUT: '1',
  AZURE_CORE_COLLECT_TELEMETRY: 'false',
  NEXT_TELEMETRY_DISABLED: '1',
  DO_NOT_TRACK: '1',
  NPM_CONFIG_UPDATE_NOTIFIER: 'false',
};

/**
 * Spawns `npx tsx src/hosts/local/start.ts --in-memory` (or the demo) and resolves once it prints the ready line.
 * Rejects, after stopping it, when it exits or is not ready within the timeout; the error carries its
 * output. Its output is also written to `<runDir>/product.log`.
 */
export async function startProduct(options: ProductOptions = {}): Promise<RunningProduct> {
  const runDir = options.runDir ?? path.join(RESULTS_DIR, 'e2e-product');
  mkdirSync(runDir, { recursive: true });
  const logFile = path.join(runDir, 'product.log');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...NO_TELEMETRY_ENV,
    DATA_DIR: path.join(runDir, 'data'),
    FORCE_COLOR: '0',
    ...options.env,
  };
  const command =
    options.entry === 'demo'
      ? ['src/hosts/local/demo.ts', ...(options.args ?? [])]
      : ['src/hosts/local/start.ts', '--in-memory', ...(options.args ?? [])];
  const child = spawn('npx', ['--no', 'tsx', ...command], {
    cwd: ROOT,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const record = (chunk: Buffer): void => {
    output += chunk.toString();
    writeFileSync(logFile, output);
  };
  child.stdout?.on('data', record);
  child.stderr?.on('data', record);
  const killOnExit = (): void => {
    signalGroup(child, 'SIGKILL');
  };
  process.once('exit', killOnExit);

  const stop = async (): Promise<void> => {
    process.removeListener('exit', killOnExit);
    await stopGroup(child);
  };
  try {
    await waitForReady(child, () => output, options.timeoutMs ?? 150_000);
  } catch (error) {
    await stop();
    throw error;
  }

  const basePort = Number(env.PLAYGROUND_PORT ?? DEFAULT_PLAYGROUND_PORT);
  return {
    output: () => output,
    playgroundUrl: (role) => {
      const listed = new RegExp(`(http://\\S+)\\s+as .*\\(${role}\\)`).exec(output);
      return listed?.[1] ?? `http://localhost:${basePort + ROLE_PORT_OFFSET[role]}`;
    },
    stop,
  };
}

function waitForReady(child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const tail = (): string => output().slice(-4000);
    const timer = setTimeout(
      () =>
        reject(new Error(`The product was not ready within ${timeoutMs / 1000} s. Its output:\n${tail()}`)),
      timeoutMs,
    );
    const onData = (): void => {
      // The ready line comes first in a block that lists the playgrounds; wait for its last line too.
      const text = output();
      if (text.includes(READY_LINE) && /Ctrl-C/.test(text.slice(text.indexOf(READY_LINE)))) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(
        new Error(
          `The product exited (${signal ?? `code ${code}`}) before it was ready. Its output:\n${tail()}`,
        ),
      );
    });
  });
}

/** Signals the child's whole process group; signal 0 only asks whether any of it is still alive. */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals | 0): boolean {
  if (child.pid === undefined) return false;
  try {
    process.kill(-child.pid, signal);
    return true;
  } catch {
    return false; // The group is gone.
  }
}

/** SIGTERM to the whole group (start.ts stops its parts), then SIGKILL for whatever is left. */
async function stopGroup(child: ChildProcess): Promise<void> {
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  if (!signalGroup(child, 'SIGTERM')) return;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = await Promise.race([
    exited.then(() => false),
    new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), 15_000))),
  ]);
  clearTimeout(timer);
  // Children of the group may outlive its leader for a moment (or for good, when they hang).
  const deadline = Date.now() + (timedOut ? 0 : 5_000);
  while (Date.now() < deadline && signalGroup(child, 0)) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  signalGroup(child, 'SIGKILL');
}

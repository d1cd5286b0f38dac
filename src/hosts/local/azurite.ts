/**
 * Starts Azurite, the Azure Storage emulator, as a child process for the local host and the tests.
 * Telemetry is always off: this machine must never try to reach the internet.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';

import { assertPortFree, freePort } from './netPorts';
import { stopChild } from './stopChild';

/** Azurite's well-known development account; public by design and only valid against the emulator. */
const ACCOUNT = 'devstoreaccount1';
const ACCOUNT_KEY =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface AzuriteOptions {
  /** Keep data in memory only (tests, throwaway runs); otherwise data lives under `location`. */
  inMemory: boolean;
  location?: string;
  host?: string;
  /** 0 picks a free port. */
  blobPort?: number;
  queuePort?: number;
  tablePort?: number;
  /** Called with each line Azurite prints, for logs. */
  onOutput?: (line: string) => void;
}

export interface RunningAzurite {
  connectionString: string;
  ports: { blob: number; queue: number; table: number };
  stop(): Promise<void>;
}

/** Builds the connection string for an Azurite on explicit ports (UseDevelopmentStorage=true only knows the defaults). */
export function azuriteConnectionString(host: string, ports: RunningAzurite['ports']): string {
  return [
    'DefaultEndpointsProtocol=http',
    `AccountName=${ACCOUNT}`,
    `AccountKey=${ACCOUNT_KEY}`,
    `BlobEndpoint=http://${host}:${ports.blob}/${ACCOUNT}`,
    `QueueEndpoint=http://${host}:${ports.queue}/${ACCOUNT}`,
    `TableEndpoint=http://${host}:${ports.table}/${ACCOUNT}`,
  ].join(';');
}

/**
 * Starts Azurite and resolves once the table and queue services listen.
 * Rejects with a message naming the port when one is taken.
 */
export async function startAzurite(options: AzuriteOptions): Promise<RunningAzurite> {
  const host = options.host ?? '127.0.0.1';
  const ports = {
    blob: options.blobPort || (await freePort(host)),
    queue: options.queuePort || (await freePort(host)),
    table: options.tablePort || (await freePort(host)),
  };
  for (const [service, port] of Object.entries(ports)) await assertPortFree(`Azurite ${service}`, port, host);

  const args = [
    require.resolve('azurite/dist/src/azurite.js'),
    '--disableTelemetry',
    // No access log: a line per request, piped to this process, is CPU for both and says nothing we use.
    '--silent',
    '--skipApiVersionCheck',
    '--loose',
    '--blobHost',
    host,
    '--queueHost',
    host,
    '--tableHost',
    host,
    '--blobPort',
    String(ports.blob),
    '--queuePort',
    String(ports.queue),
    '--tablePort',
    String(ports.table),
  ];
  if (options.inMemory) {
    args.push('--inMemoryPersistence');
  } else {
    const location = options.location ?? '.data/azurite';
    mkdirSync(location, { recursive: true });
    args.push('--location', location);
  }

  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  await waitUntilListening(child, options.onOutput);
  return {
    connectionString: azuriteConnectionString(host, ports),
    ports,
    stop: () => stopChild(child),
  };
}

/** The most of Azurite's output kept for the message when it fails to start. */
const KEPT_OUTPUT_CHARS = 4000;

function waitUntilListening(child: ChildProcess, onOutput?: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const needed = new Set(['Queue', 'Table']);
    let output = '';
    const onData = (chunk: Buffer): void => {
      const text = chunk.toString();
      // Only output from before Azurite was ready is looked at, or kept for the error.
      const ready = needed.size === 0;
      if (!ready) output = (output + text).slice(-KEPT_OUTPUT_CHARS);
      for (const line of text.split('\n')) {
        if (line.trim()) onOutput?.(line);
        const match = ready ? null : /Azurite (\w+) service is successfully listening/.exec(line);
        if (match?.[1]) needed.delete(match[1]);
      }
      if (ready || needed.size > 0) return;
      child.off('exit', onExit);
      if (!onOutput) {
        // Ready: what Azurite prints from now on is read and dropped, so its pipe never fills.
        for (const stream of [child.stdout, child.stderr]) {
          stream?.off('data', onData);
          stream?.resume();
        }
      }
      resolve();
    };
    const onExit = (code: number | null): void =>
      reject(new Error(`Azurite exited with code ${code ?? 'null'} before it was ready:\n${output}`));
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('error', reject);
    child.once('exit', onExit);
  });
}

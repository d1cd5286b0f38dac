/**
 * The child process that runs one Microsoft 365 Agents Playground for `startPlayground` (see playground.ts).
 *
 * Usage: node [--require tsx/cjs] playgroundProcess.ts --port 26150 --app-endpoint http://localhost:3978/api/messages
 *        [--host 127.0.0.1]
 * with M365_AGENTS_PLAYGROUND_CONFIG_PATH and M365_AGENTS_PLAYGROUND_LOGFILE in the environment.
 *
 * Why a launcher of our own rather than the package's `cli.js`:
 * - The playground creates an Application Insights client even with `--disable-telemetry` (only the
 *   events are gated), and it reports start-up errors before that flag is read. Here its
 *   instrumentation key is hidden, so no client exists, and every outbound connection to a host that is
 *   not this machine is refused and reported: the playground must never reach the internet.
 * - Its own output goes only to a log file when stdout is not a terminal; here it is printed, so the
 *   parent sees why it failed.
 * - It listens on every interface; here it listens on this machine only (`--host`, 127.0.0.1 by default),
 *   because its mock connector has no authentication.
 * - When the port is taken it silently picks another one; the parent is told instead (`Listening on N`).
 * - It prints `PLAYGROUND_READY <port>` once its backend (and so its config file) is loaded, and exits
 *   when the parent goes away (its stdin closes), so no playground outlives `npm start`.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';

export const READY_PREFIX = 'PLAYGROUND_READY';

const LOOPBACK_NAMES = new Set(['localhost', 'ip6-localhost', '::1', '0:0:0:0:0:0:0:1']);

/** True for hosts on this machine: the only ones the playground may connect to. */
export function isLoopbackHost(host: string | undefined): boolean {
  if (host === undefined || host === '') return true;
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return LOOPBACK_NAMES.has(bare) || /^(::ffff:)?127\.\d+\.\d+\.\d+$/.test(bare);
}

/** The host a `net.Socket#connect` call targets, whichever of its overloads was used. */
function connectTarget(args: unknown[]): { host?: string; port?: string; path?: string } {
  // net.createConnection passes its already-normalised [options, callback] array as the only argument.
  const first: unknown = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
  if (typeof first === 'object' && first !== null) {
    const options = first as { host?: unknown; port?: unknown; path?: unknown };
    // A non-empty `path` is a Unix socket, which never leaves the machine; https passes `path: null`.
    return {
      host: typeof options.host === 'string' ? options.host : undefined,
      port:
        typeof options.port === 'number' || typeof options.port === 'string'
          ? String(options.port)
          : undefined,
      path: typeof options.path === 'string' && options.path !== '' ? options.path : undefined,
    };
  }
  if (typeof first === 'string' && !/^\d+$/.test(first)) return { path: first };
  return {
    host: typeof args[1] === 'string' ? args[1] : undefined,
    port: typeof first === 'number' || typeof first === 'string' ? String(first) : undefined,
  };
}

/** Refuses TCP connections to any host that is not this machine, and says so on stderr. */
function refuseOutboundConnections(): void {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- kept to be called with the socket as `this`
  const connect = net.Socket.prototype.connect as (this: net.Socket, ...args: unknown[]) => net.Socket;
  const guarded = function (this: net.Socket, ...args: unknown[]): net.Socket {
    const target = connectTarget(args);
    if (target.path === undefined && !isLoopbackHost(target.host)) {
      const where = `${target.host ?? '?'}:${target.port ?? '?'}`;
      process.stderr.write(`playground: refused an outbound connection to ${where} (no internet here)\n`);
      process.nextTick(() =>
        this.destroy(new Error(`Outbound connection to ${where} refused: local use only`)),
      );
      return this;
    }
    return connect.apply(this, args);
  };
  net.Socket.prototype.connect = guarded;
}

/** Makes servers that name no host (the playground's and its port probe) listen on `host` only. */
function listenOn(host: string): void {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- kept to be called with the server as `this`
  const listen = net.Server.prototype.listen as (this: net.Server, ...args: unknown[]) => net.Server;
  const bound = function (this: net.Server, ...args: unknown[]): net.Server {
    if (typeof args[0] === 'number' && typeof args[1] !== 'string')
      return listen.call(this, args[0], host, ...args.slice(1));
    return listen.apply(this, args);
  };
  net.Server.prototype.listen = bound as typeof net.Server.prototype.listen;
}

/**
 * Hides the playground's Application Insights key (dist/server/config.json), so that it never creates
 * a telemetry client at all; `--disable-telemetry` alone only stops the events, not the client.
 */
function hideTelemetryKey(playgroundDist: string): void {
  const keyFile = path.join(playgroundDist, 'server', 'config.json');
  const readFileSync = fs.readFileSync;
  const patched = function (this: unknown, ...args: Parameters<typeof fs.readFileSync>) {
    const file = args[0];
    if (typeof file === 'string' && path.resolve(file) === keyFile) {
      const options = args[1];
      const encoded = typeof options === 'string' || (typeof options === 'object' && options?.encoding);
      return encoded ? '{}' : Buffer.from('{}');
    }
    return readFileSync.apply(this, args);
  };
  fs.readFileSync = patched as typeof fs.readFileSync;
}

function argValue(argv: string[], name: string): string | undefined {
  const index = argv.indexOf(name);
  return index >= 0 ? argv[index + 1] : undefined;
}

async function waitForBackend(host: string, port: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`http://${host.includes(':') ? `[${host}]` : host}:${port}/_debug/ping`);
      if (response.ok) return true;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

async function main(): Promise<void> {
  const port = Number(argValue(process.argv, '--port'));
  const endpoint = argValue(process.argv, '--app-endpoint');
  const host = argValue(process.argv, '--host') ?? '127.0.0.1';
  if (!Number.isInteger(port) || port <= 0 || !endpoint) {
    process.stderr.write(
      'usage: playgroundProcess --port <port> --app-endpoint <bot messaging endpoint> [--host <address>]\n',
    );
    process.exit(2);
  }

  const load = createRequire(__filename);
  const playgroundDist = path.dirname(load.resolve('@microsoft/m365agentsplayground/dist'));
  refuseOutboundConnections();
  hideTelemetryKey(playgroundDist);
  listenOn(host);

  // The parent closes our stdin when it stops or dies: do not outlive it.
  process.stdin.on('end', () => process.exit(0));
  process.stdin.resume();

  // The playground writes its console to the log file only, unless it believes stdout is a terminal.
  process.stdout.isTTY = true;
  process.argv = [
    process.argv[0] ?? process.execPath,
    __filename,
    'start',
    '--port',
    String(port),
    '--app-endpoint',
    endpoint,
    '--channel-id',
    'msteams',
    '--disable-telemetry',
  ];
  const playground = load('@microsoft/m365agentsplayground/dist') as { start(): Promise<void> };
  await playground.start();

  if (await waitForBackend(host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host, port, 30_000)) {
    process.stdout.write(`${READY_PREFIX} ${port}\n`);
  } else {
    process.stderr.write(`playground: nothing answered on port ${port} within 30 s\n`);
    process.exit(1);
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(
      `playground: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  });
}

/**
 * A TCP pass-through in front of a real service (Azurite) that a test can cut and restore, or make
 * misbehave like a bad network (`fault`): cut, the port refuses connections and open ones are reset,
 * exactly as when the service's process is gone; restored, the same port serves again with the service's
 * data intact. A fault injects what a network can do to requests that did reach it: hold everything
 * (accept and never answer), lose the answer of a request the service did get, or deliver a request late,
 * after its sender gave up. The service itself is always the real one.
 */
import type { AddressInfo } from 'node:net';
import net from 'node:net';

/** Picks requests by their first bytes (the request line and headers), e.g. `/\$batch/`. */
export type RequestMatcher = RegExp;

export type ProxyFault =
  /** Passes everything through. */
  | { kind: 'none' }
  /** Accepts connections and bytes, forwards nothing either way: storage that hangs. */
  | { kind: 'hang' }
  /**
   * Forwards a matching request but drops the service's answer to it (on that connection). With
   * `thenHang`, everything after it hangs too, so even the sender's check afterwards gets no answer.
   */
  | { kind: 'loseAnswer'; match: RequestMatcher; thenHang?: boolean }
  /** Holds a matching request for `ms` and then delivers it, even when its sender has hung up meanwhile. */
  | { kind: 'deliverLate'; match: RequestMatcher; ms: number };

export interface TcpProxy {
  port: number;
  /** Stops listening and resets every open connection. */
  cut(): Promise<void>;
  /** Listens again on the same port. */
  restore(): Promise<void>;
  /** Sets how the proxy treats bytes from now on (`{ kind: 'none' }` passes them). */
  fault(fault: ProxyFault): void;
  /** How many requests a fault has matched since the proxy started. */
  readonly matched: number;
  /** Resolves once the service has answered a request delivered late (`deliverLate`). */
  lateAnswer(): Promise<void>;
  stop(): Promise<void>;
}

export async function startTcpProxy(targetPort: number, host = '127.0.0.1'): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let fault: ProxyFault = { kind: 'none' };
  let matched = 0;
  let lateAnswered = 0;
  const lateWaiters: Array<() => void> = [];
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, host);
    let held: Buffer[] | undefined;
    let answersLost = false;
    let deliveredLate = false;
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    client.on('data', (chunk: Buffer) => {
      if (held) {
        held.push(chunk);
        return;
      }
      if (fault.kind === 'hang') return;
      const isMatch = 'match' in fault && fault.match.test(chunk.toString('latin1', 0, 2048));
      if (isMatch) matched++;
      if (isMatch && fault.kind === 'deliverLate') {
        held = [chunk];
        const timer = setTimeout(() => {
          timers.delete(timer);
          const late = Buffer.concat(held ?? []);
          held = undefined;
          deliveredLate = true;
          if (!upstream.destroyed) upstream.write(late);
          // The sender may be gone: the service still gets the request, and its answer goes nowhere.
          if (client.destroyed) setTimeout(() => upstream.destroy(), 2000).unref();
        }, fault.ms);
        timers.add(timer);
        return;
      }
      if (isMatch && fault.kind === 'loseAnswer') {
        answersLost = true;
        if (fault.thenHang) fault = { kind: 'hang' };
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (deliveredLate) {
        deliveredLate = false;
        lateAnswered++;
        for (const resolve of lateWaiters.splice(0)) resolve();
      }
      if (answersLost || fault.kind === 'hang' || client.destroyed) return;
      client.write(chunk);
    });
    client.on('close', () => {
      if (!held) upstream.destroy();
    });
    upstream.on('close', () => client.destroy());
  });
  const listen = (port: number): Promise<void> =>
    new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  await listen(0);
  const port = (server.address() as AddressInfo).port;
  const cut = async (): Promise<void> => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of sockets) socket.resetAndDestroy();
    await closed;
  };
  return {
    port,
    cut,
    restore: () => listen(port),
    fault: (next) => {
      fault = next;
    },
    get matched() {
      return matched;
    },
    lateAnswer: () =>
      lateAnswered > 0
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            lateWaiters.push(resolve);
          }),
    stop: async () => {
      for (const timer of timers) clearTimeout(timer);
      if (server.listening) await cut();
      else for (const socket of sockets) socket.destroy();
    },
  };
}

/** The port of one service in an Azurite connection string (`TableEndpoint=http://host:port/...`). */
export function endpointPort(connectionString: string, service: 'Queue' | 'Table' | 'Blob'): number {
  const match = new RegExp(`${service}Endpoint=http://[^:]+:(\\d+)/`).exec(connectionString);
  if (!match?.[1]) throw new Error(`no ${service}Endpoint in the connection string`);
  return Number(match[1]);
}

/** The connection string with one service's endpoint moved to another port (e.g. a proxy's). */
export function withEndpointPort(
  connectionString: string,
  service: 'Queue' | 'Table' | 'Blob',
  port: number,
): string {
  return connectionString.replace(
    new RegExp(`(${service}Endpoint=http://[^:]+:)\\d+/`),
    (_all, start: string) => `${start}${port}/`,
  );
}

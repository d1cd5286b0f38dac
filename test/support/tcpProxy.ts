/**
 * A TCP pass-through in front of a real service (Azurite) that a test can cut and restore: cut, the port
 * refuses connections and open ones are reset, exactly as when the service's process is gone; restored,
 * the same port serves again with the service's data intact.
 */
import type { AddressInfo } from 'node:net';
import net from 'node:net';

export interface TcpProxy {
  port: number;
  /** Stops listening and resets every open connection. */
  cut(): Promise<void>;
  /** Listens again on the same port. */
  restore(): Promise<void>;
  stop(): Promise<void>;
}

export async function startTcpProxy(targetPort: number, host = '127.0.0.1'): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, host);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
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
    stop: async () => {
      if (server.listening) await cut();
    },
  };
}

/** The port of one service in an Azurite connection string (`TableEndpoint=http://host:port/...`). */
export function endpointPort(connectionString: string, service: 'Queue' | 'Table' | 'Blob'): number {
  const match = new RegExp(`${service}Endpoint=http://[^:]+:(\\d+)/`).exec(connectionString);
  if (!match?.[1]) throw new Error(`no ${service}Endpoint in the connection string`);
  return Number(match[1]);
}

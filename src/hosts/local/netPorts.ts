/** Port checks for the local host: a taken port gets a clear message instead of a silent move or a crash. */
import net from 'node:net';

/** Thrown when a port the product needs is taken; the message says which and what to do. */
export class PortInUseError extends Error {
  constructor(
    readonly service: string,
    readonly port: number,
  ) {
    super(
      `Port ${port} (${service}) is already in use. Stop whatever holds it (\`lsof -i :${port}\`), ` +
        'or choose other ports in .env: PORT, PLAYGROUND_PORT, AZURITE_BLOB_PORT, AZURITE_QUEUE_PORT, ' +
        'AZURITE_TABLE_PORT (see .env.example).',
    );
    this.name = 'PortInUseError';
  }
}

/** Resolves a free TCP port on the host by letting the OS pick one. */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Rejects with PortInUseError when something already listens on the port. */
export async function assertPortFree(service: string, port: number, host = '127.0.0.1'): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const server = net.createServer();
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'EADDRINUSE' ? new PortInUseError(service, port) : err),
    );
    server.listen(port, host, () => server.close(() => resolve()));
  });
}

/**
 * GET /api/health checks storage: the Functions handler (called as the runtime calls it) and the local
 * host (over HTTP) answer 503 while storage is down or hanging, within a bound, and say nothing else; 200
 * again once it answers. Storage is the real Azurite behind a TCP proxy the test cuts or makes hang.
 */
import { HttpRequest, InvocationContext } from '@azure/functions';

import { functionDefinitions, type HttpFunction } from '../../src/hosts/functionDefinitions';
import { startLocalHost } from '../../src/hosts/local/localHost';
import { freePort } from '../../src/hosts/local/netPorts';
import { HEALTH_STORAGE_MS } from '../../src/hosts/services';
import { testServices } from '../support/services';
import { testConnectionString } from '../support/storage';
import { endpointPort, startTcpProxy, type TcpProxy, withEndpointPort } from '../support/tcpProxy';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
/** The check's own bound, with room for a loaded machine. */
const ANSWERED_WITHIN_MS = HEALTH_STORAGE_MS + 2000;

let proxy: TcpProxy;
let health: HttpFunction;
let base: string;
let stopHost: () => Promise<void>;

beforeAll(async () => {
  proxy = await startTcpProxy(endpointPort(testConnectionString(), 'Table'));
  const connection = withEndpointPort(testConnectionString(), 'Table', proxy.port);
  const services = testServices(new Date('2026-11-22T10:00:00Z'), { AzureWebJobsStorage: connection });
  await services.ready();
  const definitions = functionDefinitions(services);
  const found = definitions.find((d) => d.name === 'health');
  if (found?.trigger !== 'http') throw new Error('no health function');
  health = found.handler;
  const port = await freePort();
  const host = await startLocalHost({
    definitions: definitions.filter((d) => d.trigger === 'http'),
    port,
    storageConnectionString: testConnectionString(),
    log: quiet,
  });
  base = `http://localhost:${port}`;
  stopHost = () => host.stop();
});
afterEach(async () => {
  proxy.fault({ kind: 'none' });
  await proxy.restore().catch(() => undefined); // listening already, after a test that did not cut
});
afterAll(async () => {
  await stopHost?.();
  await proxy?.stop();
});

/** Both ways of asking: the Functions handler as the runtime calls it, and the local host over HTTP. */
const ask: Array<[string, () => Promise<{ status: number; body: unknown }>]> = [
  [
    'the Functions handler',
    async () => {
      const response = await health(
        new HttpRequest({ method: 'GET', url: 'http://localhost/api/health' }),
        new InvocationContext({ functionName: 'health' }),
      );
      return { status: response.status ?? 200, body: response.jsonBody };
    },
  ],
  [
    'the local host',
    async () => {
      const response = await fetch(`${base}/api/health`);
      return { status: response.status, body: await response.json() };
    },
  ],
];

async function timed(
  call: () => Promise<{ status: number; body: unknown }>,
): Promise<{ status: number; body: unknown; ms: number }> {
  const started = performance.now();
  const answer = await call();
  return { ...answer, ms: performance.now() - started };
}

describe.each(ask)('GET /api/health through %s', (_way, call) => {
  it('answers ok while storage answers', async () => {
    expect(await call()).toEqual({ status: 200, body: { status: 'ok' } });
  });

  it('answers 503, and nothing else, while storage hangs', async () => {
    proxy.fault({ kind: 'hang' });
    const answer = await timed(call);
    expect({ status: answer.status, body: answer.body }).toEqual({
      status: 503,
      body: { status: 'unavailable' },
    });
    expect(answer.ms).toBeLessThan(ANSWERED_WITHIN_MS);
    proxy.fault({ kind: 'none' });
    expect(await call()).toEqual({ status: 200, body: { status: 'ok' } });
  });

  it('answers 503 while storage is down, and ok once it is back', async () => {
    await proxy.cut();
    expect(await call()).toEqual({ status: 503, body: { status: 'unavailable' } });
    await proxy.restore();
    expect(await call()).toEqual({ status: 200, body: { status: 'ok' } });
  });
});

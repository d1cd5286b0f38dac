/**
 * Queue calls wait a bounded time, as table calls do: an enqueue inside a turn is given up after the call
 * timeout (STORAGE_TIMEOUT_MS) when storage hangs, with an error that says so, instead of holding the
 * turn past Teams' 15 s. Storage is the real Azurite behind a TCP proxy the test makes hang.
 */
import { QueueOutbox } from '../../../src/adapters/storageQueue/QueueOutbox';
import { QueueStorageError } from '../../../src/adapters/storageQueue/QueueStorageError';
import { withStorageDeadline } from '../../../src/adapters/tableStorage/storageDeadline';
import type { OutboxMessage } from '../../../src/app/ports';
import { testConnectionString, uniqueName } from '../../support/storage';
import { endpointPort, startTcpProxy, type TcpProxy, withEndpointPort } from '../../support/tcpProxy';

const CALL_TIMEOUT_MS = 500;
/** The bound, with room for a loaded machine. */
const GIVEN_UP_WITHIN_MS = CALL_TIMEOUT_MS + 2500;

const message: OutboxMessage = {
  id: 'round-2026-autumn:person:head@school.example',
  conversationKey: 'person:head@school.example',
  activity: { type: 'message', text: 'Autumn figures, please' },
};

let proxy: TcpProxy;
beforeAll(async () => {
  proxy = await startTcpProxy(endpointPort(testConnectionString(), 'Queue'));
});
afterAll(async () => {
  await proxy?.stop();
});

describe('a queue that hangs', () => {
  it('gives up an enqueue inside a turn at STORAGE_TIMEOUT_MS, saying so', async () => {
    const connection = withEndpointPort(testConnectionString(), 'Queue', proxy.port);
    const outbox = new QueueOutbox(connection, uniqueName('outbox').toLowerCase(), {
      callTimeoutMs: CALL_TIMEOUT_MS,
    });
    await outbox.createQueue();
    proxy.fault({ kind: 'hang' });
    const started = Date.now();
    const sent = withStorageDeadline(9000, () => outbox.enqueue(message));
    await expect(sent).rejects.toThrow(QueueStorageError);
    await expect(sent).rejects.toThrow(
      'could not send: storage did not answer in the time allowed (STORAGE_TIMEOUT_MS), so the request was given up',
    );
    expect(Date.now() - started).toBeLessThan(GIVEN_UP_WITHIN_MS);
    proxy.fault({ kind: 'none' });
  });

  it("gives up at the turn's deadline when that comes first", async () => {
    const connection = withEndpointPort(testConnectionString(), 'Queue', proxy.port);
    const outbox = new QueueOutbox(connection, uniqueName('outbox').toLowerCase(), { callTimeoutMs: 4000 });
    await outbox.createQueue();
    proxy.fault({ kind: 'hang' });
    const started = Date.now();
    await expect(withStorageDeadline(300, () => outbox.enqueue(message))).rejects.toThrow(
      'STORAGE_TIMEOUT_MS',
    );
    expect(Date.now() - started).toBeLessThan(300 + 2500);
    proxy.fault({ kind: 'none' });
  });
});

/**
 * An owner's record write that gets no answer is settled before the caller is told anything, as a head's
 * figures write is: a write held past its bound and delivered late never lands (the record was fenced on
 * the version it named), and a write whose answer alone was lost is recognised as stored. Real Azurite
 * behind a TCP proxy that delays or loses the write.
 */
import { createTableStores, type TableStores } from '../../../src/adapters/tableStorage/createTableStores';
import { withStorageDeadline } from '../../../src/adapters/tableStorage/storageDeadline';
import { testConnectionString, uniqueName } from '../../support/storage';
import { endpointPort, startTcpProxy, type TcpProxy, withEndpointPort } from '../../support/tcpProxy';

const TERM = '2026-27-autumn';
const OWNER = 'finance@trust.example';
const TIMEOUT_MS = 800;
/** The owner's record is replaced with If-Match: one PUT to the owners table. */
const WRITE = /^PUT [^ ]*owners/i;

let proxy: TcpProxy;
let stores: TableStores;

beforeAll(async () => {
  proxy = await startTcpProxy(endpointPort(testConnectionString(), 'Table'));
  stores = createTableStores(withEndpointPort(testConnectionString(), 'Table', proxy.port), {
    tablePrefix: uniqueName('fence')
      .replace(/[^A-Za-z0-9]/g, '')
      .slice(0, 20),
    callTimeoutMs: TIMEOUT_MS,
  });
  await stores.createTables();
});
afterEach(() => proxy.fault({ kind: 'none' }));
afterAll(() => proxy.stop());

async function started(email: string): Promise<string> {
  const outcome = await stores.owners.write({
    term: TERM,
    email,
    state: 'draft',
    expectedVersion: undefined,
  });
  if (outcome.kind !== 'written') throw new Error('the first write did not store');
  return outcome.version;
}

/** Submits the owner's record on `version`, inside a turn's storage budget. */
function submit(email: string, version: string) {
  return withStorageDeadline(9000, () =>
    stores.owners.write({
      term: TERM,
      email,
      state: 'submitted',
      submittedAt: '2026-11-27T10:00:00.000Z',
      expectedVersion: version,
    }),
  );
}

describe("TableOwnerRoundStore.write when storage doesn't answer", () => {
  it('fences off a write delivered after the caller was told nothing was stored: it never lands', async () => {
    const email = `late-${OWNER}`;
    const version = await started(email);
    const before = proxy.matched;
    proxy.fault({ kind: 'deliverLate', match: WRITE, ms: 3 * TIMEOUT_MS });
    await expect(submit(email, version)).rejects.toThrow(
      "storage gave no answer, so the write was given up; nothing of this change to the owner's record was stored",
    );
    proxy.fault({ kind: 'none' });
    expect(proxy.matched).toBe(before + 1);
    await proxy.lateAnswer();
    const fenced = await stores.owners.read(TERM, email);
    // The fence moved the version on and changed nothing: read as the same content as the version named.
    expect(fenced).toMatchObject({ state: 'draft', sameAs: version });
    expect(fenced.version).not.toBe(version);

    // The next write replaces the record whole: the fence's mark goes with it.
    const next = await submit(email, fenced.version!);
    expect(next.kind).toBe('written');
    expect((await stores.owners.read(TERM, email)).sameAs).toBeUndefined();
  });

  it('answers written when only the answer was lost, with the version stored', async () => {
    const email = `lost-${OWNER}`;
    const version = await started(email);
    proxy.fault({ kind: 'loseAnswer', match: WRITE });
    const outcome = await submit(email, version);
    proxy.fault({ kind: 'none' });
    const stored = await stores.owners.read(TERM, email);
    expect(stored.state).toBe('submitted');
    expect(outcome).toEqual({ kind: 'written', version: stored.version });
  });
});

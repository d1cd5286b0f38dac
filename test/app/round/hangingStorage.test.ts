/**
 * Storage that hangs, for a head's Submit and an owner's: the bot over a real Azurite reached through a TCP proxy that
 * injects network faults (everything held, a write's answer lost, a write delivered late), driven through
 * botbuilder's TestAdapter. Every turn is answered inside its budget, and what the head is told is what
 * storage holds: stored and confirmed, or nothing stored and "press Submit again", never a write landing
 * after the head was told it was not saved. STORAGE_TIMEOUT_MS is short here so the faults cost little time.
 */
import { createTableStores } from '../../../src/adapters/tableStorage/createTableStores';
import { type CardNode, nodesOfType } from '../../cards/cardTree';
import {
  cardOf,
  DEMO,
  invokeAnswer,
  type RoundHarness,
  roundHarness,
  updatedCard,
  validDemoInputs,
  validOwnerInputs,
} from '../../support/roundHarness';
import { testConnectionString } from '../../support/storage';
import { endpointPort, startTcpProxy, type TcpProxy, withEndpointPort } from '../../support/tcpProxy';

const TERM = '2026-27-autumn';
const URN = DEMO.headPms.urn;
const TIMEOUT_MS = 1500;
/** A figures write is the one batch transaction of a Submit. */
const WRITE = /^POST [^ ]*\$batch /;
/** An owner's stored record is replaced with If-Match (PUT); the fence merges (PATCH), so passes. */
const OWNER_WRITE = /^PUT [^ ]*owners/i;

let proxy: TcpProxy;

beforeAll(async () => {
  proxy = await startTcpProxy(endpointPort(testConnectionString(), 'Table'));
});
afterEach(() => proxy.fault({ kind: 'none' }));
afterAll(() => proxy.stop());

async function harness(): Promise<RoundHarness> {
  return roundHarness(
    '2026-12-02T10:00:00Z',
    {
      AzureWebJobsStorage: withEndpointPort(testConnectionString(), 'Table', proxy.port),
      STORAGE_TIMEOUT_MS: String(TIMEOUT_MS),
    },
    { errorRoute: true },
  );
}

/** The Submit button's data with the inputs, as the client sends it. */
function submitData(card: CardNode, h: RoundHarness): Record<string, unknown> {
  const button = nodesOfType(card, 'Action.Submit').find((action) => action.title === 'Submit');
  if (!button) throw new Error('no Submit button');
  return { ...(button.data as Record<string, unknown>), ...validDemoInputs(h) };
}

async function headCard(h: RoundHarness): Promise<CardNode> {
  await h.install(DEMO.headPms.email);
  invokeAnswer(await h.say(h.execute(DEMO.ceo.aad, { verb: 'openRound', term: TERM })));
  return cardOf(await h.say(h.message(DEMO.headPms.aad, 'figures')));
}

/** Presses Submit; answers what the head (or `who`) saw and how long the turn took. */
async function press(
  h: RoundHarness,
  data: Record<string, unknown>,
  who: string = DEMO.headPms.aad,
): Promise<{ seen: string; ms: number }> {
  const started = performance.now();
  const replies = await h.answer(h.submit(who, data));
  return { seen: JSON.stringify(replies), ms: performance.now() - started };
}

/** How many figures storage holds, read past the proxy (straight from Azurite). */
async function storedFigures(h: RoundHarness): Promise<number> {
  const direct = createTableStores(testConnectionString(), { tablePrefix: h.services.config.storagePrefix });
  return (await direct.figures.read(TERM, URN)).figures.size;
}

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Teams gives a turn about 15 s; the bot's own bound is the turn's budget plus the settling of a write. */
const TEAMS_TURN_MS = 15_000;

describe('a Submit while storage hangs', () => {
  it('is answered in time when storage holds every request, stores nothing, and the next press stores', async () => {
    const h = await harness();
    const data = submitData(await headCard(h), h);
    proxy.fault({ kind: 'hang' });
    const hung = await press(h, data);
    expect(hung.seen).toContain('nothing from this card was saved. Please press Submit again');
    expect(hung.ms).toBeLessThan(TEAMS_TURN_MS);
    proxy.fault({ kind: 'none' });
    await wait(TIMEOUT_MS);
    expect(await storedFigures(h)).toBe(0);

    const again = await press(h, data);
    expect(again.seen).toContain('Submitted by Helen Marsh');
    expect(await storedFigures(h)).toBeGreaterThan(0);
  });

  it('confirms a write whose answer was lost once it finds the write stored, and stores it once', async () => {
    const h = await harness();
    const data = submitData(await headCard(h), h);
    proxy.fault({ kind: 'loseAnswer', match: WRITE });
    const lost = await press(h, data);
    expect(proxy.matched).toBeGreaterThan(0);
    expect(lost.seen).toContain('Submitted by Helen Marsh');
    expect(lost.ms).toBeLessThan(TEAMS_TURN_MS);
    const audit = (await h.services.round.figures.audit(TERM, URN)).length;
    expect(audit).toBeGreaterThan(0);

    proxy.fault({ kind: 'none' });
    const again = await press(h, data);
    expect(again.seen).toContain('Submitted by Helen Marsh');
    expect(await h.services.round.figures.audit(TERM, URN)).toHaveLength(audit);
  });

  it('fences off a write delivered after the head was told it was not saved: it never lands', async () => {
    const h = await harness();
    const data = submitData(await headCard(h), h);
    const before = proxy.matched;
    proxy.fault({ kind: 'deliverLate', match: WRITE, ms: 2 * TIMEOUT_MS });
    const late = await press(h, data);
    expect(late.seen).toContain('nothing from this card was saved. Please press Submit again');
    expect(late.ms).toBeLessThan(TEAMS_TURN_MS);
    proxy.fault({ kind: 'none' });
    expect(proxy.matched).toBe(before + 1);
    // The held write reaches Azurite after the answer, and is refused: it names a version the fence moved
    // on from.
    await proxy.lateAnswer();
    expect(await storedFigures(h)).toBe(0);
    expect((await h.services.round.figures.audit(TERM, URN)).length).toBe(0);

    // The same card is still current (the fence changed nothing but the version): the next press stores.
    const again = await press(h, data);
    expect(again.seen).toContain('Submitted by Helen Marsh');
    expect(await storedFigures(h)).toBeGreaterThan(0);
  });

  it('says it cannot confirm when neither the write nor the check after it is answered', async () => {
    const h = await harness();
    const data = submitData(await headCard(h), h);
    proxy.fault({ kind: 'loseAnswer', match: WRITE, thenHang: true });
    const unknown = await press(h, data);
    expect(unknown.seen).toContain("so I can't confirm that this was saved");
    expect(unknown.seen).not.toContain('nothing from this card was saved');
    expect(unknown.ms).toBeLessThan(TEAMS_TURN_MS);
    proxy.fault({ kind: 'none' });

    // Here the write had landed: pressing again shows it, and stores nothing twice.
    const audit = (await h.services.round.figures.audit(TERM, URN)).length;
    expect(audit).toBeGreaterThan(0);
    const again = await press(h, data);
    expect(again.seen).toContain('Submitted by Helen Marsh');
    expect(await h.services.round.figures.audit(TERM, URN)).toHaveLength(audit);
  });
});

describe("an owner's Submit while storage hangs", () => {
  /** The data of a button of the owner's card, with every figure answered. */
  function pressed(h: RoundHarness, card: CardNode, title: string): Record<string, unknown> {
    const button = nodesOfType(card, 'Action.Submit').find((action) => action.title === title);
    if (!button) throw new Error(`no ${title} button on the owner card`);
    return {
      ...(button.data as Record<string, unknown>),
      ...validOwnerInputs(h, DEMO.ceo.email, { startYear: 2026, term: 'autumn' }),
    };
  }

  /**
   * The Submit of the owner's card (the CEO owns the demo trust's figures) with every figure answered,
   * drawn from a stored record: the answer saved for later first.
   */
  async function ownerSubmit(h: RoundHarness): Promise<Record<string, unknown>> {
    await h.install(DEMO.ceo.email);
    invokeAnswer(await h.say(h.execute(DEMO.ceo.aad, { verb: 'openRound', term: TERM })));
    const card = cardOf(await h.say(h.message(DEMO.ceo.aad, 'figures')));
    const saved = updatedCard(await h.say(h.submit(DEMO.ceo.aad, pressed(h, card, 'Save for later'))));
    if (!saved) throw new Error('Save for later sent no card');
    return pressed(h, saved, 'Submit');
  }

  it('fences off a write delivered after the owner was told it was not saved, and the same card then stores', async () => {
    const h = await harness();
    const data = await ownerSubmit(h);
    const before = proxy.matched;
    proxy.fault({ kind: 'deliverLate', match: OWNER_WRITE, ms: 2 * TIMEOUT_MS });
    const late = await press(h, data, DEMO.ceo.aad);
    expect(late.seen).toContain('nothing from this card was saved. Please press Submit again');
    expect(late.ms).toBeLessThan(TEAMS_TURN_MS);
    proxy.fault({ kind: 'none' });
    expect(proxy.matched).toBe(before + 1);
    await proxy.lateAnswer();
    expect((await h.services.round.owners.read(TERM, DEMO.ceo.email)).state).toBe('draft');
    expect(await storedFigures(h)).toBe(0);

    // The fence moved the record's version on and changed nothing else: the same card is still current.
    const again = await press(h, data, DEMO.ceo.aad);
    expect(again.seen).not.toContain('out of date');
    expect(again.seen).toContain('Submitted by Amara Okafor');
    expect((await h.services.round.owners.read(TERM, DEMO.ceo.email)).state).toBe('submitted');
    expect(await storedFigures(h)).toBeGreaterThan(0);
  });
  it('says it cannot confirm when neither the write nor the check after it is answered, and the same card then shows it stored', async () => {
    const h = await harness();
    const data = await ownerSubmit(h);
    proxy.fault({ kind: 'loseAnswer', match: OWNER_WRITE, thenHang: true });
    const unknown = await press(h, data, DEMO.ceo.aad);
    expect(unknown.seen).toContain("so I can't confirm that this was saved");
    expect(unknown.ms).toBeLessThan(TEAMS_TURN_MS);
    proxy.fault({ kind: 'none' });
    // Here the write had landed: the owner's answer is kept whole, not yet applied to the academies.
    expect((await h.services.round.owners.read(TERM, DEMO.ceo.email)).pending).toBeDefined();
    expect(await storedFigures(h)).toBe(0);

    const again = await press(h, data, DEMO.ceo.aad);
    expect(again.seen).not.toContain('out of date');
    expect(again.seen).toContain('Submitted by Amara Okafor');
    expect((await h.services.round.owners.read(TERM, DEMO.ceo.email)).state).toBe('submitted');
    const audit = (await h.services.round.figures.audit(TERM, URN)).length;
    expect(audit).toBeGreaterThan(0);
    // Once more: nothing is stored twice.
    expect((await press(h, data, DEMO.ceo.aad)).seen).toContain('Submitted by Amara Okafor');
    expect(await h.services.round.figures.audit(TERM, URN)).toHaveLength(audit);
  });
});

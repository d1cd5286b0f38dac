/**
 * The round's composer over real Table Storage (Azurite): what a queued prompt becomes when it is sent.
 */
import type { FigureStore, RoundStore } from '../../../src/app/ports';
import { roundComposer } from '../../../src/app/round/composeRoundMessage';
import type { RoundDeps } from '../../../src/app/round/roundDeps';
import { testServices } from '../../support/services';

const TERM = '2026-27-autumn';

/** Wraps the stores' reads, counting how many are waiting on storage at once. */
function countingReads(deps: RoundDeps): { deps: RoundDeps; reads: string[]; mostAtOnce: () => number } {
  let waiting = 0;
  let most = 0;
  const reads: string[] = [];
  const counted =
    <A extends unknown[], R>(name: string, read: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      reads.push(name);
      waiting++;
      most = Math.max(most, waiting);
      try {
        return await read(...args);
      } finally {
        waiting--;
      }
    };
  const rounds: RoundStore = Object.create(deps.rounds, {
    get: { value: counted('round', (term: string) => deps.rounds.get(term)) },
  }) as RoundStore;
  const figures: FigureStore = Object.create(deps.figures, {
    read: { value: counted('record', (term: string, urn: string) => deps.figures.read(term, urn)) },
    history: {
      value: counted('history', (urn: string, terms: readonly string[]) => deps.figures.history(urn, terms)),
    },
  }) as FigureStore;
  return { deps: { ...deps, rounds, figures }, reads, mostAtOnce: () => most };
}

describe('roundComposer', () => {
  const services = testServices();

  beforeAll(async () => {
    await services.ready();
    await services.round.rounds.create({
      term: TERM,
      status: 'open',
      openedOn: '2026-11-20',
      closesOn: '2026-12-04',
      openedAt: '2026-11-20T09:00:00.000Z',
      openedBy: 'exec@example.org',
      academyCount: 6,
    });
  });

  it('builds a figures prompt from the round, the record and its history, read at once and each only once', async () => {
    const roster = await services.roster.current();
    const academy = roster?.academies[0];
    if (!academy) throw new Error('the demo roster has no academy');
    const { deps, reads, mostAtOnce } = countingReads(services.round);

    const composed = await roundComposer(deps)({ kind: 'figuresPrompt', term: TERM, urn: academy.urn });

    expect(composed.kind).toBe('activity');
    const card = JSON.stringify(composed.kind === 'activity' ? composed.activity : {});
    expect(card).toContain(academy.name);
    expect([...reads].sort()).toEqual(['history', 'record', 'round']);
    // All three wait on storage together, rather than one after the other.
    expect(mostAtOnce()).toBe(3);
  });

  it('sends nothing for a round that does not exist, and leaves no read to fail unheard', async () => {
    const roster = await services.roster.current();
    const urn = roster?.academies[0]?.urn ?? '';
    const composed = await roundComposer(services.round)({
      kind: 'figuresPrompt',
      term: '2031-32-spring',
      urn,
    });
    expect(composed).toEqual({ kind: 'obsolete', reason: 'the round or academy is gone' });
  });
});

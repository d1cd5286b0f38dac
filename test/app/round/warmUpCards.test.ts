import { readRosterDir } from '../../../src/adapters/files/readRosterDir';
import type { RoundDeps } from '../../../src/app/round/roundDeps';
import { warmUpCards } from '../../../src/app/round/warmUpCards';
import { functionDefinitions } from '../../../src/hosts/functionDefinitions';
import { testServices } from '../../support/services';

/** Any use of storage, the outbox or the roster store fails the test: the warm-up must touch none. */
function untouchable(name: string): never {
  return new Proxy(
    {},
    {
      get: (_target, property) => {
        throw new Error(`the warm-up used ${name}.${String(property)}`);
      },
    },
  ) as never;
}

async function demoRoster() {
  const read = await readRosterDir('demo/roster');
  if (!read.ok) throw new Error('the demo roster does not load');
  return read.roster;
}

describe('warmUpCards', () => {
  it('builds the figures card, its summary and a reminder for one academy of each phase, storing and sending nothing', async () => {
    const services = testServices();
    const roster = await demoRoster();
    const built: { kind: string; urn: string; fields: number }[] = [];
    const deps: RoundDeps = {
      ...services.round,
      roster: untouchable('roster'),
      rounds: untouchable('rounds'),
      figures: untouchable('figures'),
      prompts: untouchable('prompts'),
      owners: untouchable('owners'),
      chatSessions: untouchable('chatSessions'),
      evaluations: untouchable('evaluations'),
      conversations: untouchable('conversations'),
      outbox: untouchable('outbox'),
      fanOuts: untouchable('fanOuts'),
      cards: {
        ...services.round.cards,
        figures: (view) => {
          built.push({
            kind: 'figures',
            urn: view.urn,
            fields: view.groups.reduce((n, group) => n + group.fields.length, 0),
          });
          return services.round.cards.figures(view);
        },
        summary: (view) => {
          built.push({ kind: 'summary', urn: view.urn, fields: view.rows.length });
          return services.round.cards.summary(view);
        },
        reminder: (view) => {
          built.push({ kind: 'reminder', urn: view.urn, fields: 0 });
          return services.round.cards.reminder(view);
        },
      },
    };
    const phases = new Set(roster.academies.map((academy) => academy.phase));
    expect(phases.size).toBeGreaterThan(1);

    expect(warmUpCards(deps, roster)).toEqual({ cards: 3 * phases.size });

    const figuresCards = built.filter((card) => card.kind === 'figures');
    const phaseOf = new Map(roster.academies.map((academy) => [academy.urn, academy.phase]));
    expect(new Set(figuresCards.map((card) => phaseOf.get(card.urn)))).toEqual(phases);
    // Real cards: each asks for the figures the plan needs of that academy this term.
    for (const card of figuresCards) expect(card.fields).toBeGreaterThan(0);
    expect(built.filter((card) => card.kind === 'summary')).toHaveLength(phases.size);
    expect(built.filter((card) => card.kind === 'reminder')).toHaveLength(phases.size);
  });
});

describe('the warmUp function', () => {
  function logging(services: ReturnType<typeof testServices>) {
    const lines: string[] = [];
    const log = {
      info: (text: string) => lines.push(`info ${text}`),
      warn: (text: string) => lines.push(`warn ${text}`),
      error: (text: string) => lines.push(`error ${text}`),
    };
    const definition = functionDefinitions({ ...services, log }).find((d) => d.name === 'warmUp');
    if (definition?.trigger !== 'warmup') throw new Error('no warmup function warmUp');
    return { lines, run: () => definition.handler({}, undefined as never) };
  }

  it('says how many cards it built', async () => {
    const { lines, run } = logging(testServices());
    await run();
    expect(lines).toEqual([expect.stringMatching(/^info Warmed up: built \d+ cards in \d+ ms\.$/)]);
  });

  it('never fails the instance: storage that cannot be reached is logged and the warm-up skipped', async () => {
    const services = testServices(new Date('2026-11-22T10:00:00Z'), {
      AzureWebJobsStorage:
        'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:9/devstoreaccount1;QueueEndpoint=http://127.0.0.1:9/devstoreaccount1;',
      STORAGE_MAX_RETRIES: '0',
    });
    const { lines, run } = logging(services);
    await expect(run()).resolves.toBeUndefined();
    expect(lines).toEqual([expect.stringMatching(/^warn Warm-up skipped: /)]);
  });
});

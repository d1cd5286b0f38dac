import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { readRosterDir } from '../../src/adapters/files/readRosterDir';
import { createTableClient } from '../../src/adapters/tableStorage/createTableClient';
import { createTableStores } from '../../src/adapters/tableStorage/createTableStores';
import type { RosterDirectory } from '../../src/app/rosterDirectory';
import { openedRound } from '../../src/app/round/openRound';
import { ownersOfRound, submitOwnerFigures } from '../../src/app/round/ownerFigures';
import { runCli } from '../../src/cli/main';
import { ownerFieldId } from '../../src/domain/round/ownerRound';
import { freePort } from '../../src/hosts/local/netPorts';
import { allEntities } from '../adapters/tableStorage/tableTestSupport';
import { TEST_ROSTER } from '../support/rosterFixture';
import { testRoundDeps } from '../support/roundDeps';
import { testConnectionString, uniqueName } from '../support/storage';

const ROOT = join(__dirname, '../..');
const DEMO_DATA = join(ROOT, 'demo/data/observations.csv');

/** A fresh set of the product's tables for one test, as the CLI would find them through its settings. */
function storageEnv(): Record<string, string> {
  return {
    AzureWebJobsStorage: testConnectionString(),
    STORAGE_PREFIX: uniqueName('c').slice(0, 12),
    ROSTER_DIR: join(ROOT, 'demo/roster'),
  };
}

async function run(
  argv: string[],
  env: Record<string, string | undefined>,
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (text) => (out += text), err: (text) => (err += text), env });
  return { code, out, err };
}

function tempPath(name: string, text?: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'figures-cli-')), name);
  if (text !== undefined) writeFileSync(path, text);
  return path;
}

/** The demo file's figures of one term, as `academy,metric,value` lines. */
function demoRows(term: string): string[] {
  return readFileSync(DEMO_DATA, 'utf8')
    .split('\n')
    .map((line) => line.trim().split(','))
    .filter((cells) => cells[1] === term)
    .map(([academy, , metric, value]) => `${academy},${metric},${value}`);
}

describe('import and export', () => {
  it('imports the demo history, and importing it again changes nothing', async () => {
    const env = storageEnv();
    const first = await run(['import', '--data', DEMO_DATA], env);
    expect(first.err).toContain('No roster is stored yet: checking the figures against the roster in');
    expect(first.code).toBe(0);
    expect(first.out).toMatch(
      /^Imported .*observations\.csv: \d{3} figures written with audit records, 0 already stored unchanged/,
    );

    const figures = createTableClient(testConnectionString(), `${env.STORAGE_PREFIX}figures`);
    const before = await allEntities(figures);
    const second = await run(['import', '--data', DEMO_DATA], env);
    expect(second.code).toBe(0);
    expect(second.out).toMatch(/: 0 figures written with audit records, \d{3} already stored unchanged/);
    expect(await allEntities(figures)).toEqual(before);
  });

  it('exports the trust figures an owner sent on their card, one row per academy and figure, by the owner', async () => {
    const env = storageEnv();
    const stores = createTableStores(testConnectionString(), { tablePrefix: env.STORAGE_PREFIX ?? '' });
    await stores.createTables();
    const loaded = await readRosterDir(join(ROOT, 'demo/roster'));
    if (!loaded.ok) throw new Error('the demo roster does not load');
    const roster = loaded.roster;
    const now = new Date('2026-11-25T10:00:00Z');
    const noQueue = { enqueue: () => Promise.resolve() };
    const directory = { current: () => Promise.resolve(roster) } as unknown as RosterDirectory;
    const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
    const deps = testRoundDeps(stores, noQueue, noQueue, directory, () => now, quiet);
    await stores.rounds.create(openedRound(deps, { startYear: 2026, term: 'autumn' }, 'schedule', 6));
    const round = await stores.rounds.get('2026-27-autumn');
    const [request] = round ? ownersOfRound(deps, roster, round) : [];
    if (!request) throw new Error('the demo plan asks no trust figure in autumn 2026');
    const answer: Record<string, string> = {};
    for (const { academy } of request.academies) {
      answer[ownerFieldId('m_', academy.urn, 'governorVacancies')] = '2';
      answer[ownerFieldId('m_', academy.urn, 'climateActionPlan')] = 'yes';
    }
    answer[ownerFieldId('m_', '990004', 'governorVacancies')] = '';
    answer[ownerFieldId('na_', '990004', 'governorVacancies')] = 'Clerk recruiting';
    const stored = await submitOwnerFigures(deps, roster, request.owner, '2026-27-autumn', answer);
    expect(stored.kind).toBe('stored');

    const { code, out, err } = await run(['export', '--term', '2026-27-autumn'], env);
    expect(code).toBe(0);
    expect(err).toContain('Wrote 12 figures of 2026-27-autumn');
    const at = now.toISOString();
    const owner = request.owner.email;
    expect(out.trimEnd().split('\n')).toEqual([
      'academy,term,metric,value,status,by,at,channel',
      ...request.academies.flatMap(({ academy }) => [
        `${academy.urn},2026-27-autumn,climateActionPlan,yes,submitted,${owner},${at},card`,
        academy.urn === '990004'
          ? `990004,2026-27-autumn,governorVacancies,Clerk recruiting,notAvailable,${owner},${at},card`
          : `${academy.urn},2026-27-autumn,governorVacancies,2,submitted,${owner},${at},card`,
      ]),
    ]);
  });

  it('exports a term after an import, with every figure of that term and how it came to be', async () => {
    const env = storageEnv();
    await run(['import', '--data', DEMO_DATA], env);
    const { code, out, err } = await run(['export', '--term', '2025-26-spring'], env);
    expect(code).toBe(0);
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toBe('academy,term,metric,value,status,by,at,channel');
    const exported = lines.slice(1).map((line) => line.split(','));
    expect(
      exported.every(
        (cells) => cells[1] === '2025-26-spring' && cells[4] === 'imported' && cells[5] === 'import',
      ),
    ).toBe(true);
    // Values as the data file wrote them (numbers, option values), up to number formatting.
    const normalise = (row: string): string => row.replace(/(-?\d+\.\d*?)0+$/, '$1').replace(/\.$/, '');
    expect(
      exported.map(([academy, , metric, value]) => normalise(`${academy},${metric},${value}`)).sort(),
    ).toEqual(demoRows('2025-26-spring').map(normalise).sort());
    expect(err).toBe(`Wrote ${exported.length} figures of 2025-26-spring.\n`);
  });

  it('exports submitted figures and reasons, safe to open in a spreadsheet, to a file', async () => {
    const env = storageEnv();
    const stores = createTableStores(env.AzureWebJobsStorage!, { tablePrefix: env.STORAGE_PREFIX });
    await stores.createTables();
    const base = {
      urn: '990001',
      term: '2026-27-autumn',
      channel: 'card' as const,
      by: 'head@a.example',
      at: '2026-11-03T09:00:00.000Z',
    };
    const figures = [
      { ...base, metricId: 'progress8', content: { value: -0.4 } },
      {
        ...base,
        metricId: 'attainment8',
        content: { notAvailable: '=HYPERLINK("http://evil.example","results")' },
      },
    ];
    await stores.figures.write({
      urn: '990001',
      term: '2026-27-autumn',
      expectedVersion: undefined,
      state: 'submitted',
      figures,
      audit: figures.map((figure) => ({ ...figure, new: figure.content })),
    });

    const file = tempPath('autumn.csv');
    const { code, out, err } = await run(['export', '--term', '2026-27-autumn', '--out', file], env);
    expect(code).toBe(0);
    expect(out).toBe('');
    expect(err).toBe(`Wrote 2 figures of 2026-27-autumn to ${file}.\n`);
    expect(readFileSync(file, 'utf8').split('\n')).toEqual([
      'academy,term,metric,value,status,by,at,channel',
      `990001,2026-27-autumn,attainment8,"'=HYPERLINK(""http://evil.example"",""results"")",notAvailable,head@a.example,2026-11-03T09:00:00.000Z,card`,
      '990001,2026-27-autumn,progress8,-0.4,submitted,head@a.example,2026-11-03T09:00:00.000Z,card',
      '',
    ]);
  });

  it('says when a term has no figures', async () => {
    const { code, out, err } = await run(['export', '--term', '2019-20-autumn'], storageEnv());
    expect(code).toBe(0);
    expect(out).toBe('academy,term,metric,value,status,by,at,channel\n');
    expect(err).toContain('No figures are stored for 2019-20-autumn');
  });

  it('reports every bad row by line, exits 1 and imports nothing', async () => {
    const env = storageEnv();
    const data = tempPath(
      'data.csv',
      [
        'academy,term,metric,value',
        '990001,2025-26-summer,attendance,95.1',
        '999999,2025-26-summer,attendance,95',
        '990001,2025-26-summer,attendance,101',
      ].join('\n'),
    );
    const { code, err } = await run(['import', '--data', data], env);
    expect(code).toBe(1);
    expect(err).toContain(`${data} line 3: unknown academy "999999"`);
    expect(err).toContain(`${data} line 4: attendance "101": Enter a number from 0 to 100`);
    expect(err).toContain('2 problems; nothing was imported');
    const figures = createTableClient(testConnectionString(), `${env.STORAGE_PREFIX}figures`);
    expect(await allEntities(figures)).toEqual([]);
  });

  it('refuses figures of a term that has not started, and imports nothing', async () => {
    const env = storageEnv();
    const data = tempPath(
      'data.csv',
      'academy,term,metric,value\n990001,2025-26-summer,attendance,95\n990001,2099-00-autumn,attendance,95\n',
    );
    const { code, err } = await run(['import', '--data', data], env);
    expect({ code, err }).toEqual({
      code: 1,
      err: expect.stringContaining(
        '1 figure is for terms that have not started (autumn 2099): only figures up to the current term',
      ) as string,
    });
    const figures = createTableClient(testConnectionString(), `${env.STORAGE_PREFIX}figures`);
    expect(await allEntities(figures)).toEqual([]);
  });

  it('never writes into the open round unless told to, and then audits a correction naming who ran it', async () => {
    const env = storageEnv();
    const stores = createTableStores(env.AzureWebJobsStorage!, { tablePrefix: env.STORAGE_PREFIX });
    await stores.createTables();
    const term = '2025-26-summer';
    await stores.rounds.create({
      term,
      status: 'open',
      openedOn: '2026-06-22',
      closesOn: '2026-07-10',
      openedAt: '2026-06-22T07:00:00.000Z',
      openedBy: 'ceo@a.example',
      academyCount: 6,
    });
    const submitted = {
      urn: '990001',
      term,
      metricId: 'attendance',
      content: { value: 94.2 },
      channel: 'card' as const,
      by: 'head@a.example',
      at: '2026-06-23T09:00:00.000Z',
    };
    await stores.figures.write({
      urn: '990001',
      term,
      expectedVersion: undefined,
      state: 'submitted',
      figures: [submitted],
      audit: [{ ...submitted, new: submitted.content }],
    });
    const figures = createTableClient(testConnectionString(), `${env.STORAGE_PREFIX}figures`);
    const before = await allEntities(figures);
    const data = tempPath(
      'data.csv',
      `academy,term,metric,value\n990001,2024-25-summer,attendance,93\n990001,${term},attendance,88\n990002,${term},attendance,91\n`,
    );

    const refused = await run(['import', '--data', data], env);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(
      '2 figures are for summer 2026, whose round is open: heads answer it on their cards, and an import ' +
        'does not write into an open round. Nothing was imported.',
    );
    expect(refused.err).toContain(`add --correct-open-round ${term}`);
    const wrongTerm = await run(['import', '--data', data, '--correct-open-round', '2025-26-spring'], env);
    expect(wrongTerm.code).toBe(1);
    expect(wrongTerm.err).toContain('--correct-open-round 2025-26-spring: the open round is summer 2026');
    const byAlone = await run(['import', '--data', data, '--by', 'Dana Reyes'], env);
    expect(byAlone.code).toBe(2);
    expect(await allEntities(figures)).toEqual(before);

    const corrected = await run(
      ['import', '--data', data, '--correct-open-round', term, '--by', 'Dana Reyes'],
      env,
    );
    expect(corrected.err).not.toContain('Nothing was imported');
    expect(corrected.code).toBe(0);
    expect(corrected.out).toContain(
      `Corrected the open round (${term}): 2 figures changed, each audited as a correction by Dana Reyes`,
    );
    const record = await stores.figures.read(term, '990001');
    expect(record.figures.get('attendance')).toMatchObject({
      content: { value: 88 },
      channel: 'correction',
      by: 'Dana Reyes',
    });
    expect(await stores.figures.audit(term, '990001', 'attendance')).toEqual([
      expect.objectContaining({ channel: 'card', by: 'head@a.example', new: { value: 94.2 } }),
      expect.objectContaining({
        channel: 'correction',
        by: 'Dana Reyes',
        old: { value: 94.2 },
        new: { value: 88 },
      }),
    ]);
    // The earlier term's figure is history, imported as before.
    expect((await stores.figures.read('2024-25-summer', '990001')).figures.get('attendance')).toMatchObject({
      channel: 'import',
      by: 'import',
    });
  });

  it('never overwrites a figure a head gave in a closed round unless told to, then audits a correction', async () => {
    const env = storageEnv();
    const stores = createTableStores(env.AzureWebJobsStorage!, { tablePrefix: env.STORAGE_PREFIX });
    await stores.createTables();
    const term = '2025-26-spring';
    const submitted = {
      urn: '990001',
      term,
      metricId: 'attendance',
      content: { value: 94.2 },
      channel: 'card' as const,
      by: 'head@a.example',
      at: '2026-03-23T09:00:00.000Z',
    };
    await stores.figures.write({
      urn: '990001',
      term,
      expectedVersion: undefined,
      state: 'submitted',
      figures: [submitted],
      audit: [{ ...submitted, new: submitted.content }],
    });
    const figures = createTableClient(testConnectionString(), `${env.STORAGE_PREFIX}figures`);
    const before = await allEntities(figures);
    const data = tempPath(
      'data.csv',
      `academy,term,metric,value\n990001,${term},attendance,88\n990001,${term},persistentAbsence,12\n990002,${term},attendance,91\n`,
    );

    const refused = await run(['import', '--data', data], env);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(
      '1 figure a person gave in a closed round would change: 990001 attendance spring 2026: 94.2 ' +
        '(card, head@a.example, 2026-03-23) would become 88. An import does not overwrite what heads submitted. ' +
        'Nothing was imported.',
    );
    expect(refused.err).toContain(`add --correct-submitted ${term}.`);
    expect(await allEntities(figures)).toEqual(before);
    const otherTerm = await run(['import', '--data', data, '--correct-submitted', '2024-25-summer'], env);
    expect(otherTerm.code).toBe(1);
    expect(await allEntities(figures)).toEqual(before);

    const corrected = await run(
      ['import', '--data', data, '--correct-submitted', term, '--by', 'Dana Reyes'],
      env,
    );
    expect(corrected.code).toBe(0);
    expect(corrected.out).toContain(
      'Corrected figures people gave in closed rounds (spring 2026): 1 figure changed, each audited as a correction by Dana Reyes.',
    );
    expect(await stores.figures.audit(term, '990001', 'attendance')).toEqual([
      expect.objectContaining({ channel: 'card', by: 'head@a.example', new: { value: 94.2 } }),
      expect.objectContaining({
        channel: 'correction',
        by: 'Dana Reyes',
        old: { value: 94.2 },
        new: { value: 88 },
      }),
    ]);
    // What no person gave is the import's own, and is replaced freely by a later file.
    const record = await stores.figures.read(term, '990001');
    expect(record.figures.get('persistentAbsence')).toMatchObject({ channel: 'import', by: 'import' });
    const again = tempPath('again.csv', `academy,term,metric,value\n990001,${term},persistentAbsence,11\n`);
    expect((await run(['import', '--data', again], env)).code).toBe(0);
  });

  it('checks the figures against the roster stored in the bot, not the files, once there is one', async () => {
    const env = storageEnv();
    const stores = createTableStores(env.AzureWebJobsStorage!, { tablePrefix: env.STORAGE_PREFIX });
    await stores.createTables();
    await stores.roster.replace(TEST_ROSTER); // one academy, 912345
    const data = tempPath(
      'data.csv',
      'academy,term,metric,value\n912345,2025-26-summer,attendance,95\n990001,2025-26-summer,attendance,95\n',
    );
    const { code, err } = await run(['import', '--data', data], env);
    expect(code).toBe(1);
    expect(err).not.toContain('No roster is stored yet');
    expect(err).toContain(`${data} line 3: unknown academy "990001"; use a URN from the roster (912345)`);
  });

  it('says what to do when storage is unreachable, and exits 69', async () => {
    const port = await freePort('127.0.0.1'); // nothing listens there
    // Without AzureWebJobsStorage, the local Azurite of `npm start` (its port from the settings).
    const { code, err } = await run(['export', '--term', '2025-26-summer'], {
      AZURITE_TABLE_PORT: String(port),
      STORAGE_MAX_RETRIES: '0', // nothing will ever listen there: no backoff to wait out
    });
    expect(code).toBe(69);
    expect(err).toContain(`Storage at http://127.0.0.1:${port}/devstoreaccount1 is unreachable.`);
    expect(err).toContain('Start the product with `npm start`');
    expect(err).toContain('or set AzureWebJobsStorage');
    expect(err).not.toContain('AccountKey');
  });

  it.each([
    [['export'], 'missing --term'],
    [['export', '--term', 'autumn'], '--term: "autumn" is not a term'],
    [['import'], 'missing --data'],
    [['import', '--data', 'x.csv', '--force'], 'unknown option --force'],
    [['board-pack'], 'missing --term'],
    [['board-pack', '--term', '2026-27-autumn', '--format', 'docx'], '--format: "docx" is not pdf or html'],
  ])('exits 2 with the usage for %j', async (argv, message) => {
    const { code, err } = await run(argv, storageEnv());
    expect(code).toBe(2);
    expect(err).toContain(message);
    expect(err).toContain('Usage:');
  });

  it('board-pack says what to do when storage holds no roster, and writes nothing', async () => {
    const out = tempPath('pack.html');
    const { code, err } = await run(
      ['board-pack', '--term', '2026-27-autumn', '--out', out, '--format', 'html'],
      storageEnv(),
    );
    expect(code).toBe(1);
    expect(err).toContain('The storage holds no roster yet: start the bot once (npm start)');
    expect(() => readFileSync(out)).toThrow();
  });

  it('names a bad setting', async () => {
    const { code, err } = await run(['export', '--term', '2025-26-summer'], {
      ...storageEnv(),
      STORAGE_PREFIX: 'has-dash',
    });
    expect(code).toBe(2);
    expect(err).toContain('STORAGE_PREFIX: "has-dash" must be at most 12 letters or digits');
  });
});

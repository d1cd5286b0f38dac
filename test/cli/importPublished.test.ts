import { join } from 'node:path';

import { createTableClient } from '../../src/adapters/tableStorage/createTableClient';
import { createTableStores } from '../../src/adapters/tableStorage/createTableStores';
import { runCli } from '../../src/cli/main';
import type { FigureContent } from '../../src/domain/round/round';
import { allEntities } from '../adapters/tableStorage/tableTestSupport';
import { testConnectionString, uniqueName } from '../support/storage';

const ROOT = join(__dirname, '../..');
const FIXTURES = join(ROOT, 'test/fixtures/published');
const KS4 = ['--year', '2024-25'];

function storageEnv(): Record<string, string> {
  return {
    AzureWebJobsStorage: testConnectionString(),
    STORAGE_PREFIX: uniqueName('p').slice(0, 12),
    ROSTER_DIR: join(ROOT, 'demo/roster'),
  };
}

async function run(argv: string[], env: Record<string, string>) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (text) => (out += text), err: (text) => (err += text), env });
  return { code, out, err };
}

function figuresTable(env: Record<string, string>) {
  return createTableClient(testConnectionString(), `${env.STORAGE_PREFIX}figures`);
}

describe('import --from', () => {
  it('stores a provisional KS4 release, replaces it with the revised one (audited, by the source), and a re-import writes nothing', async () => {
    const env = storageEnv();
    const provisional = join(FIXTURES, 'england_ks4provisional.csv');
    const first = await run(
      [
        'import',
        '--from',
        'dfe-ks4',
        provisional,
        ...KS4,
        '--release',
        'provisional',
        '--published',
        '2025-10-16',
      ],
      env,
    );
    expect(first.err).toContain('No roster is stored yet');
    expect(first.code).toBe(0);
    expect(first.out).toContain(
      "3 of 6 rows are the trust's academies; 21 figures written with audit records",
    );

    const revised = join(FIXTURES, 'england_ks4revised.csv');
    const args = [
      'import',
      '--from',
      'dfe-ks4',
      revised,
      ...KS4,
      '--release',
      'revised',
      '--published',
      '2026-02-05',
    ];
    const second = await run(args, env);
    expect(second.code).toBe(0);
    // Every figure's publication changed; 990001's Attainment 8 and 990005's figures changed value too.
    expect(second.out).toContain('21 figures written with audit records, 0 already stored');

    const stores = createTableStores(testConnectionString(), { tablePrefix: env.STORAGE_PREFIX });
    const record = await stores.figures.read('2024-25-summer', '990001');
    expect(record.figures.get('attainment8')).toMatchObject({
      content: {
        value: 47.3,
        published: { source: 'dfe-ks4', release: 'revised', publishedOn: '2026-02-05' },
      },
      channel: 'import',
      by: 'dfe-ks4',
    });
    const trail = await stores.figures.audit('2024-25-summer', '990001', 'attainment8');
    const described = (content: FigureContent | undefined) =>
      content && 'value' in content ? `${content.value} ${content.published?.release}` : content;
    expect(
      trail.map((entry) => [entry.by, entry.channel, described(entry.old), described(entry.new)]),
    ).toEqual([
      ['dfe-ks4', 'import', undefined, '47.1 provisional'],
      ['dfe-ks4', 'import', '47.1 provisional', '47.3 revised'],
    ]);
    const saltmarsh = await stores.figures.read('2024-25-summer', '990004');
    expect(saltmarsh.figures.get('ks4Grade5EnglishMaths')?.content).toMatchObject({
      notAvailable: 'not published (SUPP: suppressed: too few pupils)',
    });
    // The school's disadvantaged pupils: their own figures, and the gaps worked out from the two
    // published figures (not published when a side is not; negative where disadvantaged pupils did better).
    const content = (record: typeof saltmarsh, metricId: string) => {
      const stored = record.figures.get(metricId)?.content;
      return stored && ('value' in stored ? stored.value : stored.notAvailable);
    };
    const oakhaven = await stores.figures.read('2024-25-summer', '990005');
    expect(
      [record, saltmarsh, oakhaven].map((academy) =>
        [
          'attainment8Disadvantaged',
          'progress8Disadvantaged',
          'attainment8DisadvantagedGap',
          'progress8DisadvantagedGap',
        ].map((metricId) => content(academy, metricId)),
      ),
    ).toEqual([
      [38.4, 'not published (NP: not published)', 12.5, 'not published (NP: not published)'],
      [
        'not published (SUPP: suppressed: too few pupils)',
        'not published (NP: not published)',
        'not published (SUPP: suppressed: too few pupils, for disadvantaged pupils)',
        'not published (NP: not published)',
      ],
      [45.1, 'not published (NP: not published)', -1.5, 'not published (NP: not published)'],
    ]);
    expect(record.figures.get('attainment8DisadvantagedGap')).toMatchObject({
      content: {
        published: { release: 'revised', workedOut: 'other pupils 50.9 minus disadvantaged pupils 38.4' },
      },
      channel: 'import',
      by: 'dfe-ks4',
    });
    const gapTrail = await stores.figures.audit('2024-25-summer', '990001', 'attainment8DisadvantagedGap');
    expect(gapTrail.map((entry) => [described(entry.old), described(entry.new)])).toEqual([
      [undefined, '12.4 provisional'],
      ['12.4 provisional', '12.5 revised'],
    ]);

    const before = await allEntities(figuresTable(env));
    const again = await run(args, env);
    expect(again.out).toContain('0 figures written with audit records, 21 already stored');
    // The provisional file imported after the revised one changes nothing either.
    const older = await run(
      [
        'import',
        '--from',
        'dfe-ks4',
        provisional,
        ...KS4,
        '--release',
        'provisional',
        '--published',
        '2025-10-16',
      ],
      env,
    );
    expect(older.out).toContain('0 figures written with audit records, 21 already stored or superseded');
    expect(await allEntities(figuresTable(env))).toEqual(before);
  });

  it('writes nothing from a file of another trust, nor from a file with a bad header', async () => {
    const env = storageEnv();
    const other = await run(
      [
        'import',
        '--from',
        'dfe-ks4',
        join(FIXTURES, 'england_ks4_other_trust.csv'),
        ...KS4,
        '--release',
        'revised',
        '--published',
        '2026-02-05',
      ],
      env,
    );
    expect(other.code).toBe(0);
    expect(other.out).toContain("0 of 3 rows are the trust's academies; 0 figures written");
    const bad = join(FIXTURES, 'england_ks4_bad_header.csv');
    const refused = await run(
      ['import', '--from', 'dfe-ks4', bad, ...KS4, '--release', 'revised', '--published', '2026-02-05'],
      env,
    );
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(`${bad}: the header has no column "PTL2BASICS_95"`);
    const trimmed = join(FIXTURES, 'england_ks4_trimmed.csv');
    const refusedTrimmed = await run(
      ['import', '--from', 'dfe-ks4', trimmed, ...KS4, '--release', 'revised', '--published', '2026-02-05'],
      env,
    );
    expect(refusedTrimmed.code).toBe(1);
    expect(refusedTrimmed.err).toContain(
      `${trimmed}: the header has no column "ATT8SCR_NFSM6CLA1A", "P8MEA_NFSM6CLA1A"`,
    );
    expect(await allEntities(figuresTable(env))).toEqual([]);
  });

  it('imports Ofsted inspections with their publication dates', async () => {
    const env = storageEnv();
    const result = await run(
      ['import', '--from', 'ofsted', join(FIXTURES, 'ofsted_latest_inspections.csv')],
      env,
    );
    expect(result.code).toBe(0);
    expect(result.out).toContain(
      'Left out: 990004: the inspection of 2017-11-07 was of URN 115555, a predecessor school',
    );
    const stores = createTableStores(testConnectionString(), { tablePrefix: env.STORAGE_PREFIX });
    const record = await stores.figures.read('2025-26-spring', '990001');
    expect(record.figures.get('reportCardSafeguarding')?.content).toEqual({
      value: 'met',
      published: {
        source: 'ofsted',
        publisher: 'Ofsted',
        title: 'Inspection 10400001',
        publishedOn: '2026-03-03',
      },
    });
  });

  it('asks for what a DfE file does not say itself', async () => {
    const result = await run(
      ['import', '--from', 'dfe-ks4', join(FIXTURES, 'england_ks4revised.csv')],
      storageEnv(),
    );
    expect(result.code).toBe(2);
    expect(result.err).toContain(
      'give --year YYYY-YY (the academic year of the results), --release provisional|revised',
    );
  });
});

describe('import --from, a publication date after today', () => {
  it('is refused whole, saying which day and how to fix it, and writes nothing', async () => {
    const env = storageEnv();
    const later = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
    const result = await run(
      [
        'import',
        '--from',
        'dfe-ks4',
        join(FIXTURES, 'england_ks4revised.csv'),
        ...KS4,
        '--release',
        'revised',
        '--published',
        later,
      ],
      env,
    );
    expect(result.code).toBe(1);
    expect(result.err).toMatch(
      /\nRefused: 21 figures say they were published on \d{1,2} \w{3} \d{4}, after today \(\d{1,2} \w{3} \d{4}\)\. Check the publication date \(--published, or the date in the file name\); nothing was imported\./,
    );
    expect(await allEntities(figuresTable(env))).toEqual([]);
  });
});

describe('import --from, guarded as import is', () => {
  const OFSTED = join(FIXTURES, 'ofsted_latest_inspections.csv');
  const TERM = '2025-26-spring';

  /** A head's answer on the card for the Philip Morant School's safeguarding, in TERM. */
  async function headAnswered(env: Record<string, string>) {
    const stores = createTableStores(testConnectionString(), { tablePrefix: env.STORAGE_PREFIX });
    await stores.createTables();
    const submitted = {
      urn: '990001',
      term: TERM,
      metricId: 'reportCardSafeguarding',
      content: { value: 'notMet' } as FigureContent,
      channel: 'card' as const,
      by: 'helen.marsh@thrive-demo.example',
      at: '2026-03-20T09:00:00.000Z',
    };
    await stores.figures.write({
      urn: '990001',
      term: TERM,
      expectedVersion: undefined,
      state: 'submitted',
      figures: [submitted],
      audit: [{ ...submitted, new: submitted.content }],
    });
    return stores;
  }

  it('never writes into the open round, unless told to, and then as a correction naming who ran it', async () => {
    const env = storageEnv();
    const stores = await headAnswered(env);
    await stores.rounds.create({
      term: TERM,
      status: 'open',
      openedOn: '2026-03-16',
      closesOn: '2026-04-02',
      openedAt: '2026-03-16T07:00:00.000Z',
      openedBy: 'ceo@a.example',
      academyCount: 6,
    });
    const before = await allEntities(figuresTable(env));

    const refused = await run(['import', '--from', 'ofsted', OFSTED], env);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('whose round is open: heads answer it on their cards');
    expect(refused.err).toContain(`add --correct-open-round ${TERM}`);
    expect(await allEntities(figuresTable(env))).toEqual(before);

    const corrected = await run(
      ['import', '--from', 'ofsted', OFSTED, '--correct-open-round', TERM, '--by', 'Dana Reyes'],
      env,
    );
    expect(corrected.code).toBe(0);
    expect(corrected.out).toContain(`Corrected the open round (${TERM}):`);
    expect(await stores.figures.audit(TERM, '990001', 'reportCardSafeguarding')).toEqual([
      expect.objectContaining({ channel: 'card', new: { value: 'notMet' } }),
      expect.objectContaining({
        channel: 'correction',
        by: 'Dana Reyes',
        old: { value: 'notMet' },
        new: expect.objectContaining({ value: 'met' }) as unknown,
      }),
    ]);
  });

  it('never overwrites what a head gave in a closed round, unless told to, and then as a correction', async () => {
    const env = storageEnv();
    const stores = await headAnswered(env);
    const before = await allEntities(figuresTable(env));

    const refused = await run(['import', '--from', 'ofsted', OFSTED], env);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(
      '1 figure a person gave in a closed round would change: 990001 reportCardSafeguarding spring 2026: ' +
        '"notMet" (card, helen.marsh@thrive-demo.example, 2026-03-20) would become "met"',
    );
    expect(refused.err).toContain(`Nothing was imported. To overwrite them on purpose`);
    expect(refused.err).toContain(`add --correct-submitted ${TERM}.`);
    expect(await allEntities(figuresTable(env))).toEqual(before);

    const corrected = await run(
      ['import', '--from', 'ofsted', OFSTED, '--correct-submitted', TERM, '--by', 'Dana Reyes'],
      env,
    );
    expect(corrected.code).toBe(0);
    expect(corrected.out).toContain(
      'Corrected figures people gave in closed rounds (spring 2026): 1 figure changed, each audited as a correction by Dana Reyes.',
    );
    const record = await stores.figures.read(TERM, '990001');
    expect(record.figures.get('reportCardSafeguarding')).toMatchObject({
      channel: 'correction',
      by: 'Dana Reyes',
    });
    // The rest of the file was imported as the source's own figures.
    expect(
      [...record.figures.values()].filter((figure) => figure.channel === 'import').length,
    ).toBeGreaterThan(0);
  });
});

describe('import --from, the same cases for each source', () => {
  const TERM = '2024-25-summer';
  /** The KS2 sources: a provisional file, then the revised one replacing it. */
  const RELEASES = [
    {
      from: 'dfe-ks2',
      provisional: [
        'england_ks2provisional.csv',
        '--year',
        '2024-25',
        '--release',
        'provisional',
        '--published',
        '2025-12-11',
      ],
      revised: [
        'england_ks2revised.csv',
        '--year',
        '2024-25',
        '--release',
        'revised',
        '--published',
        '2026-05-14',
      ],
      rows: 5,
      watched: [65, 66],
      suppressed: ['990006', 'not published (SUPP: suppressed: too few pupils)'],
    },
    {
      from: 'ees-ks2',
      // EES's file says its release in its `version` column.
      provisional: ['ks2_school_attainment_data.csv', '--published', '2025-12-11'],
      revised: ['ks2_school_attainment_data_revised.csv', '--published', '2026-05-14'],
      rows: 6,
      watched: [66, 67],
      suppressed: ['990006', 'not published (c: suppressed to protect confidentiality)'],
    },
  ] as const;

  it.each(RELEASES)(
    '$from: suppression codes are "not published", the revised release replaces the provisional one, and a re-import writes nothing',
    async ({ from, provisional, revised, rows, watched, suppressed }) => {
      const env = storageEnv();
      const importFile = ([file, ...args]: readonly string[]) =>
        run(['import', '--from', from, join(FIXTURES, file ?? ''), ...args], env);
      const first = await importFile(provisional);
      expect(first.code).toBe(0);
      expect(first.out).toContain(
        `of ${rows} rows are the trust's academies; 3 figures written with audit records`,
      );
      const second = await importFile(revised);
      expect(second.code).toBe(0);
      expect(second.out).toContain('3 figures written with audit records, 0 already stored');

      const stores = createTableStores(testConnectionString(), { tablePrefix: env.STORAGE_PREFIX });
      const trail = await stores.figures.audit(TERM, '990003', 'ks2ExpectedRwm');
      const described = (content: FigureContent | undefined) =>
        content && 'value' in content ? `${content.value} ${content.published?.release}` : content;
      expect(
        trail.map((entry) => [entry.by, entry.channel, described(entry.old), described(entry.new)]),
      ).toEqual([
        [from, 'import', undefined, `${watched[0]} provisional`],
        [from, 'import', `${watched[0]} provisional`, `${watched[1]} revised`],
      ]);
      const [urn, notAvailable] = suppressed;
      expect((await stores.figures.read(TERM, urn)).figures.get('ks2ExpectedRwm')?.content).toMatchObject({
        notAvailable,
      });

      const before = await allEntities(figuresTable(env));
      expect((await importFile(revised)).out).toContain(
        '0 figures written with audit records, 3 already stored',
      );
      expect((await importFile(provisional)).out).toContain(
        '0 figures written with audit records, 3 already stored or superseded',
      );
      expect(await allEntities(figuresTable(env))).toEqual(before);
    },
  );

  it.each([
    {
      from: 'dfe-ks2',
      other: 'england_ks2_other_trust.csv',
      rows: 3,
      bad: 'england_ks2_bad_header.csv',
      missing: 'PTRWM_EXP',
      args: RELEASES[0].revised.slice(1),
    },
    {
      from: 'ees-ks2',
      other: 'ks2_school_attainment_data_other_trust.csv',
      rows: 2,
      bad: 'ks2_school_attainment_data_bad_header.csv',
      missing: 'expected_standard_pupil_percent',
      args: RELEASES[1].revised.slice(1),
    },
    {
      from: 'ofsted',
      other: 'ofsted_other_trust.csv',
      rows: 1,
      bad: 'ofsted_without_inclusion.csv',
      missing: 'Inclusion',
      args: [],
    },
  ])(
    '$from: a file of another trust writes nothing, and a bad header is refused whole, naming the file and the column',
    async ({ from, other, rows, bad, missing, args }) => {
      const env = storageEnv();
      const otherTrust = await run(['import', '--from', from, join(FIXTURES, other), ...args], env);
      expect(otherTrust.code).toBe(0);
      expect(otherTrust.out).toContain(`0 of ${rows} rows are the trust's academies; 0 figures written`);
      const path = join(FIXTURES, bad);
      const refused = await run(['import', '--from', from, path, ...args], env);
      expect(refused.code).toBe(1);
      expect(refused.err).toContain(`${path}: the header has no column "${missing}"`);
      expect(await allEntities(figuresTable(env))).toEqual([]);
    },
  );

  it('ofsted: NULL is read as empty, never as a grade, and a re-import writes nothing', async () => {
    const env = storageEnv();
    const args = ['import', '--from', 'ofsted', join(FIXTURES, 'ofsted_latest_inspections.csv')];
    const first = await run(args, env);
    expect(first.code).toBe(0);
    expect(first.out).toContain(
      "3 of 4 rows are the trust's academies; 24 figures written with audit records",
    );
    const stores = createTableStores(testConnectionString(), { tablePrefix: env.STORAGE_PREFIX });
    // Willowbrook's latest full inspection is all NULL: it has nothing in the report card's term.
    expect([...(await stores.figures.read('2025-26-spring', '990003')).figures.keys()]).toEqual([]);
    const stored = await allEntities(figuresTable(env));
    expect(JSON.stringify(stored)).not.toContain('NULL');
    const again = await run(args, env);
    expect(again.code).toBe(0);
    expect(again.out).toContain('0 figures written with audit records, 24 already stored');
    expect(await allEntities(figuresTable(env))).toEqual(stored);
  });
});

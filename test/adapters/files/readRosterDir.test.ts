import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { readPlanFile } from '../../../src/adapters/files/readPlanFile';
import { readRosterDir } from '../../../src/adapters/files/readRosterDir';
import { formatRosterError } from '../../../src/domain/roster/parseRoster';
import { ownerRequests } from '../../../src/domain/round/ownerRequests';
import { DEFAULT_TERM_CALENDAR } from '../../../src/domain/terms/termCalendar';

const DEMO_DIR = resolve(__dirname, '../../../demo/roster');

const VALID = {
  'trust.yaml': 'name: Test Trust\nboardChannel: Board\n',
  'academies.csv': 'urn,name,phase,route,town,openedOn\n990001,Alpha,primary,founder,Colchester,2016-09-01\n',
  'people.csv': 'email,name,role,title,academyUrn\nhead@test.example,H,head,Headteacher,990001\n',
};
type FileName = keyof typeof VALID;

describe('readRosterDir', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'roster-'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function write(files: Partial<Record<FileName, string>>): Promise<void> {
    for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text, 'utf8');
  }

  it('reads a complete folder', async () => {
    await write(VALID);
    const result = await readRosterDir(dir);
    expect(result.ok && result.roster.people.map((p) => p.email)).toEqual(['head@test.example']);
  });

  it.each<[FileName, RegExp]>([
    ['trust.yaml', /trust\.yaml was not found; it should hold the trust's name, boardChannel/],
    [
      'academies.csv',
      /academies\.csv was not found; it should hold one academy per line under the header urn,name/,
    ],
    [
      'people.csv',
      /people\.csv was not found; it should hold one person per line under the header email,name/,
    ],
  ])('names the full path of a missing %s and what it should hold', async (missing, message) => {
    const { [missing]: _left, ...others } = VALID;
    await write(others);
    const result = await readRosterDir(dir);
    expect(result).toEqual({
      ok: false,
      errors: [{ file: missing, message: expect.stringMatching(message) as string }],
    });
    expect(!result.ok && result.errors[0]?.message).toContain(join(dir, missing));
  });

  it('still checks the files that are there when one is missing', async () => {
    await write({
      'trust.yaml': VALID['trust.yaml'],
      'people.csv': 'email,name,role,title\nnot-an-email,N,trustee,T\n',
    });
    const result = await readRosterDir(dir);
    expect(!result.ok && result.errors.map(formatRosterError)).toEqual([
      expect.stringMatching(/^academies\.csv: .*was not found/),
      expect.stringMatching(/^people\.csv line 2, email: "not-an-email" is not an email address/),
    ]);
  });

  it('reports all three files for a folder that does not exist', async () => {
    const result = await readRosterDir(join(dir, 'nowhere'));
    expect(!result.ok && result.errors.map((error) => error.file)).toEqual([
      'trust.yaml',
      'academies.csv',
      'people.csv',
    ]);
  });

  it('says a folder in place of a file is a folder, not that the file is missing', async () => {
    await write({ 'trust.yaml': VALID['trust.yaml'], 'people.csv': VALID['people.csv'] });
    await mkdir(join(dir, 'academies.csv'));
    const result = await readRosterDir(dir);
    expect(!result.ok && result.errors).toEqual([
      {
        file: 'academies.csv',
        message: `${join(dir, 'academies.csv')} is a folder; give the roster file itself`,
      },
    ]);
  });

  it('says a file given as the roster folder is a file, in one error', async () => {
    await write({ 'trust.yaml': VALID['trust.yaml'] });
    const file = join(dir, 'trust.yaml');
    const result = await readRosterDir(file);
    expect(!result.ok && result.errors).toEqual([
      {
        message: `${file} is a file; give the roster folder, which holds trust.yaml, academies.csv, people.csv`,
      },
    ]);
  });
});

describe('the shipped demo roster', () => {
  // The demo's owners of trust figures, term by term of 2026-27 under the demo plan: the executive whose
  // playground `npm start` opens owns what the others do not, and so has a card in the autumn round.
  it.each<[string, Record<string, string[]>]>([
    ['autumn', { 'amara.okafor': ['governorVacancies', 'climateActionPlan'] }],
    ['spring', {}],
    [
      'summer',
      {
        'amara.okafor': ['governanceSkillsAudit'],
        'daniel.hughes': ['trustReviewsCompleted'],
        'priya.shah': ['teacherTurnover'],
        'chris.dunn': ['energyUsePerPupil'],
      },
    ],
  ])('names owners: in the %s term of 2026-27 each is asked %j', async (term, expected) => {
    const [roster, plan] = await Promise.all([
      readRosterDir(DEMO_DIR),
      readPlanFile('plans/demo-2025-2028.yaml'),
    ]);
    if (!roster.ok || !plan.ok) throw new Error('the demo roster or plan does not load');
    const requests = ownerRequests(
      plan.plan,
      roster.roster.academies,
      roster.roster.people,
      { startYear: 2026, term: term as 'autumn' | 'spring' | 'summer' },
      DEFAULT_TERM_CALENDAR,
    );
    expect(
      Object.fromEntries(requests.map((request) => [request.owner.email.split('@')[0], request.metricIds])),
    ).toEqual(expected);
  });

  it('parses with no errors', async () => {
    const result = await readRosterDir(DEMO_DIR);
    expect(result.ok ? [] : result.errors.map(formatRosterError)).toEqual([]);
  });

  it('is marked fictional and matches the seed plan', async () => {
    const result = await readRosterDir(DEMO_DIR);
    if (!result.ok) throw new Error('demo roster does not parse');
    const { trust, academies, people } = result.roster;
    expect(trust).toMatchObject({
      name: 'The Thrive Partnership Academy Trust',
      boardChannel: 'Board',
      fictional: true,
    });

    expect(academies.every((a) => a.urn.startsWith('9'))).toBe(true);
    expect(academies.find((a) => a.name === 'The Philip Morant School and College')).toMatchObject({
      phase: 'secondary',
      route: 'founder',
      town: 'Colchester',
    });
    expect(academies.filter((a) => a.route === 'founder')).toHaveLength(2);
    const joinedIn = (from: string, to: string) =>
      academies.filter((a) => a.joinedOn >= from && a.joinedOn <= to);
    expect(joinedIn('2017-09-01', '2018-08-31').length).toBeGreaterThanOrEqual(2);
    expect(joinedIn('2017-09-01', '2018-08-31').some((a) => a.tags.includes('leadPrimary'))).toBe(true);
    expect(joinedIn('2018-09-01', '2019-08-31').length).toBeGreaterThanOrEqual(2);
    expect(
      joinedIn('2018-09-01', '2019-08-31').some((a) => a.route === 'freeSchool' && a.town === 'Colchester'),
    ).toBe(true);
    expect(new Set(academies.map((a) => a.phase))).toEqual(
      new Set(['primary', 'secondary', 'special', 'allThrough']),
    );
    expect(academies.some((a) => !a.openedOn.endsWith('-09-01'))).toBe(true);

    expect(people.every((p) => p.email.endsWith('@thrive-demo.example') && p.aadObjectId !== undefined)).toBe(
      true,
    );
    expect(people.filter((p) => p.role === 'executive').map((p) => p.title)).toEqual([
      'Chief Executive Officer',
      'Executive Principal',
      'Executive Business Director',
    ]);
    expect(people.filter((p) => p.role === 'trustee').map((p) => p.title)).toContain('Chair of the Board');
    expect(people.filter((p) => p.role === 'trustee')).toHaveLength(3);
    expect(people.filter((p) => p.role === 'administrator')).toHaveLength(1);
    expect(
      academies.map((a) => people.filter((p) => p.role === 'head' && p.academyUrn === a.urn).length),
    ).toEqual(academies.map(() => 1));
  });
});

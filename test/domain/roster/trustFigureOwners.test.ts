import type { RosterError } from '../../../src/domain/roster/parseRoster';
import { parseRoster } from '../../../src/domain/roster/parseRoster';
import type { Person } from '../../../src/domain/roster/roster';
import { TRUST_METRIC_IDS, trustFigureOwners } from '../../../src/domain/roster/trustFigureOwners';

const TRUST = 'name: Test Trust\nboardChannel: Board\n';
const ACADEMIES = [
  'urn,name,phase,route,town,openedOn',
  '990001,Alpha Academy,secondary,founder,Colchester,2011-11-01',
].join('\n');
const HEADER = 'email,name,role,title,academyUrn,owns';

function parsePeople(...rows: string[]) {
  return parseRoster({ trustYaml: TRUST, academiesCsv: ACADEMIES, peopleCsv: [HEADER, ...rows].join('\n') });
}

function people(...rows: string[]): Person[] {
  const result = parsePeople(...rows);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.roster.people;
}

function errorsOf(...rows: string[]): RosterError[] {
  const result = parsePeople(...rows);
  if (result.ok) throw new Error('expected errors, got a roster');
  return result.errors;
}

/** metric id → owner's email, for the trust figures named. */
function ownersOf(list: Person[], ids: readonly string[] = TRUST_METRIC_IDS): Record<string, string> {
  const owners = trustFigureOwners(list);
  return Object.fromEntries(ids.map((id) => [id, owners.get(id)?.email ?? '(nobody)']));
}

describe('people.csv owns column', () => {
  it.each<[string, string, string[] | undefined]>([
    ['an area', 'governance', ['governance']],
    ['a metric id', 'teacherTurnover', ['teacherTurnover']],
    ['areas and ids, spaces ignored', ' estates ; teacherTurnover ', ['estates', 'teacherTurnover']],
    ['the same entry twice, kept once', 'hr;hr', ['hr']],
    ['an area with no trust figure yet', 'finance', ['finance']],
    ['empty', '', undefined],
  ])('reads %s', (_label, cell, expected) => {
    const [cfo] = people(`cfo@test.example,C,executive,CFO,,${cell}`);
    expect(cfo?.owns).toEqual(expected);
  });

  it.each<[string, string, string]>([
    [
      'an unknown area, with the closest name',
      'ceo@test.example,C,executive,CEO,,goverance',
      '"goverance" is not a trust figure or area; did you mean governance? the areas are finance, hr, governance, estates',
    ],
    [
      'an unknown metric id, with the closest name',
      'ceo@test.example,C,executive,CEO,,teacherTurnovr',
      '"teacherTurnovr" is not a trust figure or area; did you mean teacherTurnover?',
    ],
    [
      "a head's figure (only trust figures have owners)",
      'ceo@test.example,C,executive,CEO,,attendance',
      '"attendance" is not a trust figure or area;',
    ],
    [
      'a head who owns',
      'jo@test.example,J,head,Head,990001,hr',
      'only an executive or administrator owns trust figures; leave it empty for a head',
    ],
    [
      'a trustee who owns',
      'jo@test.example,J,trustee,Trustee,,governance',
      'only an executive or administrator owns trust figures; leave it empty for a trustee',
    ],
  ])('refuses %s, naming file, line and column', (_label, row, message) => {
    expect(errorsOf(row)).toEqual([
      { file: 'people.csv', line: 2, field: 'owns', message: expect.stringContaining(message) as string },
    ]);
  });

  it.each<[string, string[], string]>([
    [
      'one figure named by two people',
      [
        'a@test.example,A,executive,CEO,,teacherTurnover',
        'b@test.example,B,administrator,HR,,teacherTurnover',
      ],
      'teacherTurnover is already owned by a@test.example on line 2; each trust figure has one owner',
    ],
    [
      'a figure named by id after its area on another line',
      [
        'a@test.example,A,executive,CEO,,estates',
        'b@test.example,B,administrator,Estates,,climateActionPlan',
      ],
      'climateActionPlan is already owned by a@test.example on line 2',
    ],
    [
      'an area overlapping a figure named on another line',
      [
        'a@test.example,A,executive,CEO,,governorVacancies',
        'b@test.example,B,administrator,Clerk,,governance',
      ],
      'governorVacancies (in governance) is already owned by a@test.example on line 2',
    ],
  ])('refuses %s, on the later line', (_label, rows, message) => {
    expect(errorsOf(...rows)).toEqual([
      { file: 'people.csv', line: 3, field: 'owns', message: expect.stringContaining(message) as string },
    ]);
  });

  it('lets one person name a figure both by id and by its area', () => {
    const [owner] = people('a@test.example,A,executive,CEO,,governance;governorVacancies');
    expect(owner?.owns).toEqual(['governance', 'governorVacancies']);
  });

  it('refuses an unknown column spelt like owns', () => {
    const result = parseRoster({
      trustYaml: TRUST,
      academiesCsv: ACADEMIES,
      peopleCsv: 'email,name,role,title,own\nceo@test.example,C,executive,CEO,hr\n',
    });
    expect(result.ok ? [] : result.errors).toEqual([
      expect.objectContaining({
        line: 1,
        field: 'own',
        message: expect.stringContaining('did you mean owns?') as string,
      }),
    ]);
  });
});

describe('trustFigureOwners', () => {
  it.each<[string, string[], Record<string, string>]>([
    [
      'the first executive owns every trust figure when nobody names one',
      ['ceo@test.example,C,executive,CEO,,', 'ep@test.example,E,executive,Executive Principal,,'],
      {
        governorVacancies: 'ceo@test.example',
        teacherTurnover: 'ceo@test.example',
        climateActionPlan: 'ceo@test.example',
      },
    ],
    [
      'owners by area and by id; the executive keeps the rest',
      [
        'ceo@test.example,C,executive,CEO,,',
        'hr@test.example,H,administrator,HR Lead,,hr',
        'clerk@test.example,G,administrator,Governance Professional,,governance',
        'cfo@test.example,F,executive,CFO,,finance;energyUsePerPupil',
      ],
      {
        governorVacancies: 'clerk@test.example',
        governanceAttendance: 'clerk@test.example',
        governanceSkillsAudit: 'clerk@test.example',
        trustReviewsCompleted: 'clerk@test.example',
        teacherTurnover: 'hr@test.example',
        energyUsePerPupil: 'cfo@test.example',
        climateActionPlan: 'ceo@test.example',
      },
    ],
    [
      'an executive who names figures also keeps the unnamed ones when listed first',
      ['ceo@test.example,C,executive,CEO,,estates', 'hr@test.example,H,administrator,HR Lead,,hr'],
      {
        governorVacancies: 'ceo@test.example',
        teacherTurnover: 'hr@test.example',
        energyUsePerPupil: 'ceo@test.example',
      },
    ],
    [
      'nobody, when nobody names a figure and there is no executive',
      ['hr@test.example,H,administrator,HR Lead,,hr'],
      { teacherTurnover: 'hr@test.example', climateActionPlan: '(nobody)' },
    ],
  ])('%s', (_label, rows, expected) => {
    expect(ownersOf(people(...rows), Object.keys(expected))).toEqual(expected);
  });

  it('has an area for every trust figure, so each can be owned by area', () => {
    expect(
      ownersOf(people('x@test.example,X,administrator,Central team,,finance;hr;governance;estates')),
    ).toEqual(Object.fromEntries(TRUST_METRIC_IDS.map((id) => [id, 'x@test.example'])));
  });
});

import type { RosterError, RosterFiles } from '../../../src/domain/roster/parseRoster';
import { formatRosterError, parseRoster } from '../../../src/domain/roster/parseRoster';

const TRUST = ['name: Test Trust', 'boardChannel: Board', ''].join('\n');

const ACADEMY_HEADER = 'urn,name,phase,route,town,openedOn,joinedOn,tags';
const ACADEMIES = [
  ACADEMY_HEADER,
  '990001,Alpha Academy,secondary,founder,Colchester,2011-11-01,2016-09-01,',
  '990002,Beta Primary,primary,converter,Tiptree,2017-09-01,,leadPrimary',
  '',
].join('\n');

const PEOPLE_HEADER = 'email,name,role,title,academyUrn,aadObjectId';
const PEOPLE = [
  PEOPLE_HEADER,
  'ceo@test.example,Cee Eeo,executive,Chief Executive Officer,,7e1d0000-0000-4000-8000-000000000001',
  'head.a@test.example,Head A,head,Headteacher,990001,',
  '',
].join('\n');

function files(overrides: Partial<RosterFiles> = {}): RosterFiles {
  return { trustYaml: TRUST, academiesCsv: ACADEMIES, peopleCsv: PEOPLE, ...overrides };
}

function errorsOf(input: RosterFiles): RosterError[] {
  const result = parseRoster(input);
  if (result.ok) throw new Error('expected errors, got a roster');
  return result.errors;
}

/** Academies with one extra row (line 3, after the header and the Alpha row). */
function academiesWith(row: string, header = ACADEMY_HEADER): string {
  return [header, '990001,Alpha Academy,secondary,founder,Colchester,2011-11-01,2016-09-01,', row].join('\n');
}

/** People with one extra row (line 2). */
function peopleWith(...rows: string[]): string {
  return [PEOPLE_HEADER, ...rows].join('\n');
}

describe('parseRoster', () => {
  it('reads a valid roster, lower-casing emails and defaulting joinedOn and fictional', () => {
    const result = parseRoster(
      files({
        peopleCsv: peopleWith(
          'Head.A@Test.Example,Head A,head,Headteacher,990001,7E1D0000-0000-4000-8000-00000000000A',
        ),
      }),
    );
    expect(result).toEqual({
      ok: true,
      roster: {
        trust: { name: 'Test Trust', boardChannel: 'Board', fictional: false },
        academies: [
          {
            urn: '990001',
            name: 'Alpha Academy',
            phase: 'secondary',
            route: 'founder',
            town: 'Colchester',
            openedOn: '2011-11-01',
            joinedOn: '2016-09-01',
            tags: [],
          },
          {
            urn: '990002',
            name: 'Beta Primary',
            phase: 'primary',
            route: 'converter',
            town: 'Tiptree',
            openedOn: '2017-09-01',
            joinedOn: '2017-09-01',
            tags: ['leadPrimary'],
          },
        ],
        people: [
          {
            email: 'head.a@test.example',
            name: 'Head A',
            role: 'head',
            title: 'Headteacher',
            academyUrn: '990001',
            aadObjectId: '7e1d0000-0000-4000-8000-00000000000a',
          },
        ],
      },
    });
  });

  it.each([
    ['a byte-order mark', '\uFEFF' + ACADEMIES],
    ['Windows line endings', ACADEMIES.replace(/\n/g, '\r\n')],
    ['blank lines and spreadsheet blank rows', ACADEMIES.replace('\n990002', '\n\n,,,,,,,\n   \n990002')],
    ['comment lines', '# made up\n' + ACADEMIES],
    [
      'columns in another order',
      'tags,urn,name,phase,route,town,openedOn,joinedOn\n,990001,Alpha,secondary,founder,Colchester,2011-11-01,\n',
    ],
    [
      'optional columns left out',
      'urn,name,phase,route,town,openedOn\n990001,Alpha,secondary,founder,Colchester,2011-11-01\n',
    ],
    ['a quoted value with a comma', ACADEMIES.replace('Alpha Academy', '"Alpha, the Academy"')],
    ['a # inside a value', ACADEMIES.replace('Alpha Academy', 'Alpha #1 Academy')],
    ['spaces around values and tags', ACADEMIES.replace('leadPrimary', ' leadPrimary ; hub ;')],
  ])('accepts academies.csv with %s', (_label, academiesCsv) => {
    expect(parseRoster(files({ academiesCsv })).ok).toBe(true);
  });

  it.each<[string, boolean | undefined]>([
    ['yes', true],
    ['Yes', true],
    ['no', undefined],
    ['', undefined],
  ])('reads the optional founder column "%s"', (cell, founder) => {
    const header = `${ACADEMY_HEADER},founder`;
    const result = parseRoster(
      files({
        academiesCsv: academiesWith(`990002,B,primary,sponsored,T,2017-09-01,,,${cell}`, header).replace(
          '2016-09-01,',
          '2016-09-01,,',
        ),
      }),
    );
    expect(result.ok && result.roster.academies[1]?.founder).toBe(founder);
  });

  it('reports a founder value that is not yes or no', () => {
    const header = `${ACADEMY_HEADER},founder`;
    const errors = errorsOf(
      files({
        academiesCsv: academiesWith('990002,B,primary,sponsored,T,2017-09-01,,,maybe', header).replace(
          '2016-09-01,',
          '2016-09-01,,',
        ),
      }),
    );
    expect(errors).toEqual([
      expect.objectContaining({
        field: 'founder',
        message: expect.stringContaining('must be yes, no or empty') as string,
      }),
    ]);
  });

  it('splits tags on ; and drops repeats', () => {
    const result = parseRoster(
      files({ academiesCsv: academiesWith('990002,B,primary,founder,T,2017-09-01,,a;b;a;') }),
    );
    expect(result.ok && result.roster.academies[1]?.tags).toEqual(['a', 'b']);
  });

  it('keeps a quoted companyNumber and reads fictional', () => {
    const result = parseRoster(files({ trustYaml: `${TRUST}companyNumber: "07803969"\nfictional: true\n` }));
    expect(result.ok && result.roster.trust).toEqual({
      name: 'Test Trust',
      boardChannel: 'Board',
      companyNumber: '07803969',
      fictional: true,
    });
  });

  it('keeps the leading zero of an unquoted companyNumber', () => {
    const result = parseRoster(files({ trustYaml: `${TRUST}companyNumber: 07803969\n` }));
    expect(result.ok && result.roster.trust.companyNumber).toBe('07803969');
  });

  describe('trust.yaml errors', () => {
    it.each<[string, string, Partial<RosterError>]>([
      [
        'missing name',
        'boardChannel: Board\n',
        { field: 'name', message: expect.stringContaining('is missing') as string },
      ],
      [
        'empty name',
        'name:\nboardChannel: Board\n',
        { line: 1, field: 'name', message: expect.stringMatching(/^is empty/) as string },
      ],
      [
        'name that is a list',
        'name: [a, b]\nboardChannel: Board\n',
        { line: 1, field: 'name', message: expect.stringMatching(/^must be text/) as string },
      ],
      [
        'missing boardChannel',
        'name: T\n',
        { field: 'boardChannel', message: expect.stringContaining('is missing') as string },
      ],
      [
        'unknown key with a suggestion',
        'name: T\nboardChanel: Board\nboardChannel: B\n',
        {
          line: 2,
          field: 'boardChanel',
          message: expect.stringContaining('did you mean boardChannel?') as string,
        },
      ],
      [
        'unknown key',
        'name: T\nboardChannel: B\nmotto: Thrive\n',
        { line: 3, field: 'motto', message: expect.stringContaining('is not a trust.yaml key') as string },
      ],
      [
        'bad companyNumber',
        'name: T\nboardChannel: B\ncompanyNumber: 123\n',
        {
          line: 3,
          field: 'companyNumber',
          message: expect.stringContaining('"123" is not a Companies House number') as string,
        },
      ],
      [
        'fictional not a boolean',
        'name: T\nboardChannel: B\nfictional: maybe\n',
        {
          line: 3,
          field: 'fictional',
          message: expect.stringContaining('"maybe" is not true or false') as string,
        },
      ],
      [
        'fictional in quotes',
        'name: T\nboardChannel: B\nfictional: "true"\n',
        {
          line: 3,
          field: 'fictional',
          message: expect.stringContaining('write it without the quotes') as string,
        },
      ],
      [
        'invalid YAML',
        'name: T\nboardChannel: [B\n',
        { line: 3, message: expect.stringContaining('is not valid YAML') as string },
      ],
      [
        'duplicate keys',
        'name: T\nname: U\nboardChannel: B\n',
        { line: 2, message: expect.stringContaining('is not valid YAML') as string },
      ],
      ['an empty file', '', { message: expect.stringContaining('the file is empty') as string }],
      [
        'a file that is not a map',
        '- name: T\n',
        { line: 1, message: expect.stringContaining('"key: value"') as string },
      ],
    ])('%s', (_label, trustYaml, expected) => {
      expect(errorsOf(files({ trustYaml }))).toEqual([
        expect.objectContaining({ file: 'trust.yaml', ...expected }),
      ]);
    });
  });

  describe('academies.csv errors', () => {
    it.each<[string, string, Partial<RosterError>]>([
      [
        'empty URN',
        ',B,primary,founder,T,2017-09-01,,',
        { field: 'urn', message: expect.stringMatching(/^is empty/) as string },
      ],
      [
        'short URN',
        '12345,B,primary,founder,T,2017-09-01,,',
        { field: 'urn', message: '"12345" is not a URN; a URN is 6 or 7 digits' },
      ],
      [
        'URN with letters',
        '99000A,B,primary,founder,T,2017-09-01,,',
        { field: 'urn', message: expect.stringContaining('is not a URN') as string },
      ],
      [
        '8-digit URN',
        '99000001,B,primary,founder,T,2017-09-01,,',
        { field: 'urn', message: expect.stringContaining('is not a URN') as string },
      ],
      [
        'duplicate URN',
        '990001,B,primary,founder,T,2017-09-01,,',
        { field: 'urn', message: 'URN 990001 is already used on line 2; each academy has its own URN' },
      ],
      [
        'empty name',
        '990002,,primary,founder,T,2017-09-01,,',
        { field: 'name', message: expect.stringMatching(/^is empty/) as string },
      ],
      [
        'duplicate name (any case)',
        '990002,ALPHA ACADEMY,primary,founder,T,2017-09-01,,',
        { field: 'name', message: expect.stringContaining('is already used on line 2') as string },
      ],
      [
        'misspelt phase',
        '990002,B,secondry,founder,T,2017-09-01,,',
        {
          field: 'phase',
          message: '"secondry" is not a phase; use one of primary, secondary, special, allThrough',
        },
      ],
      [
        'phase in the wrong case',
        '990002,B,Primary,founder,T,2017-09-01,,',
        { field: 'phase', message: expect.stringContaining('"Primary" is not a phase') as string },
      ],
      [
        'empty phase',
        '990002,B,,founder,T,2017-09-01,,',
        { field: 'phase', message: expect.stringMatching(/^is empty; use one of/) as string },
      ],
      [
        'unknown route',
        '990002,B,primary,academy,T,2017-09-01,,',
        {
          field: 'route',
          message: '"academy" is not a route; use one of founder, sponsored, converter, freeSchool',
        },
      ],
      [
        'empty town',
        '990002,B,primary,founder,,2017-09-01,,',
        { field: 'town', message: expect.stringMatching(/^is empty/) as string },
      ],
      [
        'empty openedOn',
        '990002,B,primary,founder,T,,,',
        { field: 'openedOn', message: expect.stringMatching(/^is empty/) as string },
      ],
      [
        'UK-style openedOn',
        '990002,B,primary,founder,T,01/09/2017,,',
        { field: 'openedOn', message: expect.stringContaining('write dates as YYYY-MM-DD') as string },
      ],
      [
        '30 February',
        '990002,B,primary,founder,T,2017-02-30,,',
        { field: 'openedOn', message: '"2017-02-30" is not a real date; check the month and the day' },
      ],
      [
        '29 February in a common year',
        '990002,B,primary,founder,T,2019-02-29,,',
        { field: 'openedOn', message: expect.stringContaining('not a real date') as string },
      ],
      [
        'month 13',
        '990002,B,primary,founder,T,2017-13-01,,',
        { field: 'openedOn', message: expect.stringContaining('not a real date') as string },
      ],
      [
        'bad joinedOn',
        '990002,B,primary,founder,T,2017-09-01,2017-9-1,',
        { field: 'joinedOn', message: expect.stringContaining('is not a date') as string },
      ],
      [
        'joinedOn before openedOn',
        '990002,B,primary,founder,T,2017-09-01,2017-08-31,',
        {
          field: 'joinedOn',
          message:
            '2017-08-31 is before openedOn 2017-09-01; an academy cannot join the trust before it opens',
        },
      ],
      [
        'tag with a space',
        '990002,B,primary,founder,T,2017-09-01,,lead primary',
        { field: 'tags', message: expect.stringContaining('"lead primary" is not a tag') as string },
      ],
      [
        'tag separated by a comma',
        '990002,B,primary,founder,T,2017-09-01,,"a,b"',
        { field: 'tags', message: expect.stringContaining('"a,b" is not a tag') as string },
      ],
      [
        'tag starting with a digit',
        '990002,B,primary,founder,T,2017-09-01,,1st',
        { field: 'tags', message: expect.stringContaining('"1st" is not a tag') as string },
      ],
      [
        'too few values',
        '990002,B,primary,founder,T,2017-09-01',
        {
          message:
            'has 6 values but the header has 8 columns; put any value that contains a comma in double quotes',
        },
      ],
      [
        'too many values',
        '990002,B, the Academy,primary,founder,T,2017-09-01,,',
        { message: expect.stringContaining('has 9 values') as string },
      ],
      [
        'unclosed quote',
        '990002,"B,primary,founder,T,2017-09-01,,',
        { message: expect.stringContaining('never closed') as string },
      ],
      [
        'stray quote',
        '990002,B "the" A,primary,founder,T,2017-09-01,,',
        { line: 3, message: expect.stringContaining('is not valid CSV') as string },
      ],
    ])('%s', (_label, row, expected) => {
      expect(errorsOf(files({ academiesCsv: academiesWith(row) }))).toEqual([
        expect.objectContaining({ file: 'academies.csv', line: 3, ...expected }),
      ]);
    });

    it.each<[string, string, Partial<RosterError>[]]>([
      [
        'a misspelt column',
        'urn,name,phase,route,town,opendOn',
        [
          {
            field: 'opendOn',
            message: expect.stringContaining(
              '"opendOn" is not a column of academies.csv; did you mean openedOn?',
            ) as string,
          },
          {
            field: 'openedOn',
            message: expect.stringContaining('the required column "openedOn" is missing') as string,
          },
        ],
      ],
      [
        'a column in the wrong case',
        'URN,name,phase,route,town,openedOn',
        [
          { field: 'URN', message: expect.stringContaining('did you mean urn?') as string },
          { field: 'urn', message: expect.stringContaining('is missing') as string },
        ],
      ],
      [
        'an unknown column',
        'urn,name,phase,route,town,openedOn,headteacher',
        [
          {
            field: 'headteacher',
            message: expect.stringMatching(
              /is not a column of academies.csv; the columns are urn, name/,
            ) as string,
          },
        ],
      ],
      [
        'a repeated column',
        'urn,name,phase,route,town,openedOn,name',
        [{ field: 'name', message: 'the column "name" appears twice; each column may appear once' }],
      ],
    ])('header with %s', (_label, header, expected) => {
      const columns = header.split(',').length;
      const row = ['990001', 'A', 'primary', 'founder', 'T', '2017-09-01', 'x', 'y']
        .slice(0, columns)
        .join(',');
      expect(errorsOf(files({ academiesCsv: `${header}\n${row}\n`, peopleCsv: PEOPLE_HEADER }))).toEqual(
        expected.map((error): unknown =>
          expect.objectContaining({ file: 'academies.csv', line: 1, ...error }),
        ),
      );
    });

    it.each([
      ['empty', ''],
      ['only comments and blank lines', '# nothing yet\n\n,,,\n'],
    ])('a file that is %s has no header', (_label, academiesCsv) => {
      expect(errorsOf(files({ academiesCsv, peopleCsv: PEOPLE_HEADER }))).toEqual([
        expect.objectContaining({
          file: 'academies.csv',
          message: expect.stringContaining('no header line') as string,
        }),
      ]);
    });

    it('numbers lines from the top of the file, counting comments, blanks and line breaks inside quotes', () => {
      const academiesCsv = [
        '# comment',
        ACADEMY_HEADER,
        '',
        '990001,"Alpha',
        'Academy",secondary,founder,Colchester,2011-11-01,,',
        '990002,Beta,primry,founder,T,2017-09-01,,',
      ].join('\n');
      expect(errorsOf(files({ academiesCsv }))).toEqual([
        expect.objectContaining({ file: 'academies.csv', line: 6, field: 'phase' }),
      ]);
    });

    it('reports every problem on a row, not just the first', () => {
      const errors = errorsOf(files({ academiesCsv: academiesWith('1,,middle,x,,2017-02-30,bad,a b') }));
      expect(errors.map((error) => error.field)).toEqual([
        'urn',
        'name',
        'phase',
        'route',
        'town',
        'openedOn',
        'joinedOn',
        'tags',
      ]);
      expect(new Set(errors.map((error) => error.line))).toEqual(new Set([3]));
    });
  });

  describe('people.csv errors', () => {
    it.each<[string, string, Partial<RosterError>]>([
      [
        'empty email',
        ',N,trustee,Trustee,,',
        { field: 'email', message: expect.stringMatching(/^is empty/) as string },
      ],
      [
        'email without @',
        'jo.test.example,N,trustee,Trustee,,',
        {
          field: 'email',
          message: expect.stringContaining('"jo.test.example" is not an email address') as string,
        },
      ],
      [
        'email without a domain dot',
        'jo@localhost,N,trustee,Trustee,,',
        { field: 'email', message: expect.stringContaining('is not an email address') as string },
      ],
      [
        'email with a space',
        'jo bloggs@test.example,N,trustee,Trustee,,',
        { field: 'email', message: expect.stringContaining('is not an email address') as string },
      ],
      [
        'empty name',
        'jo@test.example,,trustee,Trustee,,',
        { field: 'name', message: expect.stringMatching(/^is empty/) as string },
      ],
      [
        'unknown role',
        'jo@test.example,N,governor,Trustee,,',
        {
          field: 'role',
          message: '"governor" is not a role; use one of head, trustee, executive, administrator',
        },
      ],
      [
        'empty role',
        'jo@test.example,N,,Trustee,,',
        { field: 'role', message: expect.stringMatching(/^is empty; use one of/) as string },
      ],
      [
        'empty title',
        'jo@test.example,N,trustee,,,',
        { field: 'title', message: expect.stringMatching(/^is empty/) as string },
      ],
      [
        'head without academyUrn',
        'jo@test.example,N,head,Head,,',
        { field: 'academyUrn', message: 'is empty; a head needs the URN of their academy' },
      ],
      [
        'head with a malformed URN',
        'jo@test.example,N,head,Head,9900,',
        {
          field: 'academyUrn',
          message: '"9900" is not a URN; a URN is 6 or 7 digits (separate several with ;)',
        },
      ],
      [
        'head of an unknown academy',
        'jo@test.example,N,head,Head,990099,',
        { field: 'academyUrn', message: 'no academy in academies.csv has URN 990099' },
      ],
      [
        'trustee with an academyUrn',
        'jo@test.example,N,trustee,Trustee,990001,',
        { field: 'academyUrn', message: 'only heads have an academyUrn; leave it empty for a trustee' },
      ],
      [
        'executive with an academyUrn',
        'jo@test.example,N,executive,CEO,990001,',
        { field: 'academyUrn', message: expect.stringContaining('for a executive') as string },
      ],
      [
        'aadObjectId that is not a GUID',
        'jo@test.example,N,trustee,Trustee,,not-a-guid',
        {
          field: 'aadObjectId',
          message: expect.stringContaining('"not-a-guid" is not a Microsoft Entra object id') as string,
        },
      ],
      [
        'aadObjectId in braces',
        'jo@test.example,N,trustee,Trustee,,{7e1d0000-0000-4000-8000-000000000009}',
        {
          field: 'aadObjectId',
          message: expect.stringContaining('is not a Microsoft Entra object id') as string,
        },
      ],
    ])('%s', (_label, row, expected) => {
      expect(errorsOf(files({ peopleCsv: peopleWith(row) }))).toEqual([
        expect.objectContaining({ file: 'people.csv', line: 2, ...expected }),
      ]);
    });

    it.each<[string, string[], Partial<RosterError>]>([
      [
        'duplicate email, ignoring case',
        ['jo@test.example,N,trustee,Trustee,,', 'JO@Test.Example,M,trustee,Trustee,,'],
        {
          field: 'email',
          message: 'jo@test.example is already on line 2 (case does not matter); list each person once',
        },
      ],
      [
        'duplicate aadObjectId, ignoring case',
        [
          'jo@test.example,N,trustee,Trustee,,7e1d0000-0000-4000-8000-00000000000a',
          'mo@test.example,M,trustee,Trustee,,7E1D0000-0000-4000-8000-00000000000A',
        ],
        { field: 'aadObjectId', message: 'is already used on line 2; each person has their own object id' },
      ],
      [
        'a second head for one academy',
        ['jo@test.example,N,head,Head,990001,', 'mo@test.example,M,head,Co-head,990001,'],
        {
          field: 'academyUrn',
          message: 'academy 990001 already has a head on line 2 (jo@test.example); an academy has one head',
        },
      ],
    ])('%s is reported on the later line', (_label, rows, expected) => {
      expect(errorsOf(files({ peopleCsv: peopleWith(...rows) }))).toEqual([
        expect.objectContaining({ file: 'people.csv', line: 3, ...expected }),
      ]);
    });

    it.each([
      ['990001;990002', { academyUrn: '990001', academyUrns: ['990001', '990002'] }],
      [' 990002 ; 990001 ', { academyUrn: '990002', academyUrns: ['990002', '990001'] }],
      ['990001;990001', { academyUrn: '990001' }],
      ['990002', { academyUrn: '990002' }],
    ])('reads a head of several academies from %j', (cell, expected) => {
      const result = parseRoster(
        files({ peopleCsv: peopleWith(`jo@test.example,Jo,head,Executive Head,${cell},`) }),
      );
      if (!result.ok) throw new Error(JSON.stringify(result.errors));
      const head = result.roster.people[0];
      expect({ academyUrn: head?.academyUrn, academyUrns: head?.academyUrns }).toEqual({
        academyUrns: undefined,
        ...expected,
      });
    });

    it('checks every URN a head of several academies lists', () => {
      expect(
        errorsOf(files({ peopleCsv: peopleWith('jo@test.example,Jo,head,Head,990001;990009,') })),
      ).toEqual([
        expect.objectContaining({
          line: 2,
          field: 'academyUrn',
          message: 'no academy in academies.csv has URN 990009',
        }),
      ]);
    });

    it('asks for an academyUrn column when a head is listed without one', () => {
      const peopleCsv = 'email,name,role,title\njo@test.example,N,head,Head\n';
      expect(errorsOf(files({ peopleCsv }))).toEqual([
        expect.objectContaining({
          line: 2,
          field: 'academyUrn',
          message: expect.stringContaining('add an academyUrn column') as string,
        }),
      ]);
    });

    it('reports a missing required column once, not on every row', () => {
      const peopleCsv = 'email,name,role\njo@test.example,N,trustee\nmo@test.example,M,trustee\n';
      expect(errorsOf(files({ peopleCsv }))).toEqual([
        expect.objectContaining({
          file: 'people.csv',
          line: 1,
          field: 'title',
          message: expect.stringContaining('the required column "title" is missing') as string,
        }),
      ]);
    });

    it('does not blame a head for an academy whose row has another error', () => {
      const academiesCsv = academiesWith('990002,B,primry,founder,T,2017-09-01,,');
      const errors = errorsOf(
        files({ academiesCsv, peopleCsv: peopleWith('jo@test.example,N,head,Head,990002,') }),
      );
      expect(errors).toEqual([expect.objectContaining({ file: 'academies.csv', field: 'phase' })]);
    });

    it('skips the academy check when academies.csv has no urn column', () => {
      const academiesCsv = 'name,phase,route,town,openedOn\nA,primary,founder,T,2017-09-01\n';
      const errors = errorsOf(files({ academiesCsv }));
      expect(errors).toEqual([expect.objectContaining({ file: 'academies.csv', field: 'urn' })]);
    });
  });

  it('reports the problems of all three files together, in file order', () => {
    const errors = errorsOf({
      trustYaml: 'name: T\n',
      academiesCsv: academiesWith('990002,B,secondry,founder,T,2017-09-01,,'),
      peopleCsv: peopleWith('jo@test.example,N,boss,Head,,'),
    });
    expect(errors.map((error) => error.file)).toEqual(['trust.yaml', 'academies.csv', 'people.csv']);
  });
});

describe('formatRosterError', () => {
  it.each<[RosterError, string]>([
    [
      {
        file: 'academies.csv',
        line: 4,
        field: 'phase',
        message: '"secondry" is not a phase; use one of primary',
      },
      'academies.csv line 4, phase: "secondry" is not a phase; use one of primary',
    ],
    [{ file: 'trust.yaml', field: 'name', message: 'is missing' }, 'trust.yaml, name: is missing'],
    [{ file: 'people.csv', line: 2, message: 'has 3 values' }, 'people.csv line 2: has 3 values'],
    [
      { file: 'people.csv', message: 'the file has no header line' },
      'people.csv: the file has no header line',
    ],
  ])('%j', (error, expected) => {
    expect(formatRosterError(error)).toBe(expected);
  });
});

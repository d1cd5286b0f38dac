import {
  compareWithRegister,
  registerDate,
  type RegisterEstablishment,
  registerPhase,
  registerTrustCode,
} from '../../../src/domain/roster/registerComparison';
import type { Academy } from '../../../src/domain/roster/roster';

const academy = (fields: Partial<Academy> = {}): Academy => ({
  urn: '990001',
  name: 'St Anne’s & St Joseph’s Academy',
  phase: 'primary',
  route: 'converter',
  town: 'Colchester',
  openedOn: '2017-09-01',
  joinedOn: '2020-09-01',
  tags: [],
  ...fields,
});

const row = (fields: Partial<RegisterEstablishment> = {}): RegisterEstablishment => ({
  urn: '990001',
  name: "St Anne's and St Joseph's Academy",
  openDateText: '01-09-2017',
  openedOn: '2017-09-01',
  phaseName: 'Primary',
  typeName: 'Academy converter',
  trustCode: '5999',
  trustName: 'THE TRUST',
  ...fields,
});

describe('registerDate', () => {
  it.each<[string, string | undefined]>([
    ['01-09-2017', '2017-09-01'],
    ['01/09/2017', '2017-09-01'],
    ['31-02-2017', undefined],
    ['2017-09-01', undefined],
    ['', undefined],
  ])('%s → %s', (text, date) => expect(registerDate(text)).toBe(date));
});

describe('registerPhase', () => {
  it.each<[string, string, string | undefined]>([
    ['Primary', 'Academy converter', 'primary'],
    ['Middle deemed primary', 'Academy converter', 'primary'],
    ['Secondary', 'Academy sponsor led', 'secondary'],
    ['Middle deemed secondary', 'Academy converter', 'secondary'],
    ['16 plus', 'Academy 16-19 converter', 'secondary'],
    ['All-through', 'Free schools', 'allThrough'],
    ['Not applicable', 'Academy special converter', 'special'],
    ['Not applicable', 'Free schools special', 'special'],
    ['Nursery', 'Community school', undefined],
    ['Not applicable', 'Academy alternative provision converter', undefined],
  ])('%s (%s) → %s', (phase, type, expected) => expect(registerPhase(phase, type)).toBe(expected));
});

describe('compareWithRegister', () => {
  it.each<[string, Partial<Academy>, Partial<RegisterEstablishment> | undefined, string[]]>([
    ['agrees, whatever the apostrophes and "&"', {}, {}, []],
    ['another name', {}, { name: 'St Anne’s Academy' }, ['name']],
    ['another phase', {}, { phaseName: 'Secondary' }, ['phase']],
    ['another opening date', {}, { openDateText: '01-04-2018', openedOn: '2018-04-01' }, ['opened']],
    ['no opening date in GIAS', {}, { openDateText: '', openedOn: undefined }, ['opened']],
    ['another trust', {}, { trustCode: '4242', trustName: 'OTHER TRUST' }, ['otherTrust']],
    ['not in the register', {}, undefined, ['notInRegister']],
  ])('%s', (_case, academyFields, rowFields, kinds) => {
    const rosterRows = rowFields ? [row(rowFields)] : [];
    const differences = compareWithRegister([academy(academyFields)], rosterRows, [], '5999');
    expect(differences.map((difference) => difference.kind)).toEqual(kinds);
  });

  it.each<[string, string | undefined, boolean]>([
    ['an open academy of the trust', 'Open', true],
    ['one whose status is not given', undefined, true],
    ['a closed one', 'Closed', false],
  ])('lists %s missing from the roster: %s', (_case, status, listed) => {
    const other = row({ urn: '990002', name: 'New Academy', ...(status ? { status } : {}) });
    const differences = compareWithRegister([academy()], [row()], [row(), other], '5999');
    expect(differences.map((difference) => `${difference.kind} ${difference.urn}`)).toEqual(
      listed ? ['missingFromRoster 990002'] : [],
    );
  });

  it('takes the trust’s code from most of the roster’s academies', () => {
    expect(
      registerTrustCode([
        row({ trustCode: '5999' }),
        row({ trustCode: '4242' }),
        row({ trustCode: '5999' }),
        row({ trustCode: '' }),
      ]),
    ).toBe('5999');
    expect(registerTrustCode([row({ trustCode: '' })])).toBeUndefined();
  });
});

import { identifyPerson } from '../../src/app/identifyPerson';
import type { Roster } from '../../src/domain/roster/roster';

const roster: Roster = {
  trust: { name: 'Test Trust', boardChannel: 'Board', fictional: true },
  academies: [
    {
      urn: '912345',
      name: 'Hill Primary',
      phase: 'primary',
      route: 'converter',
      town: 'Colchester',
      openedOn: '2017-09-01',
      joinedOn: '2017-09-01',
      tags: [],
    },
  ],
  people: [
    {
      email: 'head@hill.example',
      name: 'Ann Head',
      role: 'head',
      title: 'Headteacher',
      academyUrn: '912345',
      aadObjectId: '00000000-0000-0000-0000-0000000000a1',
    },
    { email: 'ceo@trust.example', name: 'Cal Exec', role: 'executive', title: 'CEO' },
  ],
};

describe('identifyPerson', () => {
  it.each([
    ['object id', { aadObjectId: '00000000-0000-0000-0000-0000000000A1' }, 'head@hill.example'],
    ['email, any case', { email: 'CEO@Trust.Example' }, 'ceo@trust.example'],
    [
      'object id unknown but email known',
      { aadObjectId: 'ffffffff-0000-0000-0000-000000000000', email: 'ceo@trust.example' },
      'ceo@trust.example',
    ],
  ])('finds a roster person by %s', (_how, sender, email) => {
    expect(identifyPerson(roster, sender)?.person.email).toBe(email);
  });

  it('gives a head their academy', () => {
    expect(identifyPerson(roster, { email: 'head@hill.example' })?.academy?.name).toBe('Hill Primary');
  });

  it.each([
    ['nothing', {}],
    ['a stranger', { aadObjectId: 'ffffffff-0000-0000-0000-000000000000', email: 'someone@else.example' }],
  ])('knows nobody from %s', (_how, sender) => {
    expect(identifyPerson(roster, sender)).toBeUndefined();
  });
});

import { identifyPerson } from '../../src/app/identifyPerson';
import { TEST_ROSTER } from '../support/rosterFixture';

const roster = TEST_ROSTER;

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

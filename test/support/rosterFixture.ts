import type { Roster } from '../../src/domain/roster/roster';

/** A small roster for bot and storage tests: one academy with its head, an executive and a trustee. */
export const TEST_ROSTER: Roster = {
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
    {
      email: 'ceo@trust.example',
      name: 'Cal Exec',
      role: 'executive',
      title: 'Chief Executive Officer',
      aadObjectId: '00000000-0000-0000-0000-0000000000e1',
    },
    {
      email: 'chair@trust.example',
      name: 'Tess Trustee',
      role: 'trustee',
      title: 'Chair of the Board',
      aadObjectId: '00000000-0000-0000-0000-0000000000c1',
    },
  ],
};

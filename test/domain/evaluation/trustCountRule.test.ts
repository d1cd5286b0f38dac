import type { Academy } from '../../../src/domain/roster/roster';
import { academy, evaluateTarget } from './evaluationFixtures';

const TRUST = { metric: 'academiesJoined', appliesTo: 'trust' };

/** The demo trust's growth as the seed plan describes it. */
const ACADEMIES: Academy[] = [
  academy({
    urn: '1',
    name: 'Founder One',
    route: 'founder',
    openedOn: '2011-11-01',
    joinedOn: '2016-09-01',
  }),
  academy({
    urn: '2',
    name: 'Founder Two',
    route: 'founder',
    phase: 'special',
    openedOn: '2014-04-01',
    joinedOn: '2016-09-01',
  }),
  academy({
    urn: '3',
    name: 'Lead Primary',
    route: 'converter',
    phase: 'primary',
    town: 'Tiptree',
    openedOn: '2017-09-01',
    tags: ['leadPrimary'],
  }),
  academy({
    urn: '4',
    name: 'Sponsored Secondary',
    route: 'sponsored',
    town: 'Clacton-on-Sea',
    openedOn: '2018-01-01',
  }),
  academy({
    urn: '5',
    name: 'Colchester Free School',
    route: 'freeSchool',
    phase: 'allThrough',
    town: 'colchester',
    openedOn: '2018-09-01',
  }),
  academy({
    urn: '6',
    name: 'Harwich Primary',
    route: 'sponsored',
    phase: 'primary',
    town: 'Harwich',
    openedOn: '2019-01-01',
  }),
];

describe('trust count rule', () => {
  it.each([
    [
      'two founders by the end of 2016-17',
      { joinedBy: '2016-17', where: { routes: 'founder' }, atLeast: 2 },
      '2017-08-31',
      'met',
    ],
    ['two in 2017-18, one joined and one due', { joinedIn: '2017-18', atLeast: 2 }, '2017-10-01', 'onTrack'],
    ['two in 2017-18, judged on its last day', { joinedIn: '2017-18', atLeast: 2 }, '2018-08-31', 'met'],
    ['three in 2017-18, deadline today', { joinedIn: '2017-18', atLeast: 3 }, '2018-08-31', 'missed'],
    ['three in 2017-18, part way through', { joinedIn: '2017-18', atLeast: 3 }, '2017-10-01', 'atRisk'],
    [
      'a lead primary in 2017-18',
      { joinedIn: '2017-18', where: { phases: 'primary', tags: 'leadPrimary' }, atLeast: 1 },
      '2018-09-01',
      'met',
    ],
    [
      'a free school in Colchester in 2018-19 (town in any case)',
      { joinedIn: '2018-19', where: { routes: 'freeSchool', towns: 'Colchester' }, atLeast: 1 },
      '2019-09-01',
      'met',
    ],
    [
      'a free school in Harwich in 2018-19',
      { joinedIn: '2018-19', where: { routes: 'freeSchool', towns: 'Harwich' }, atLeast: 1 },
      '2019-09-01',
      'missed',
    ],
    ['a count for a year not yet started', { joinedIn: '2018-19', atLeast: 2 }, '2018-05-01', 'notDue'],
  ])('%s', (_case, rule, asOf, status) => {
    const result = evaluateTarget(
      { ...TRUST, rule: { kind: 'trustCount', ...rule } },
      { asOf, academies: ACADEMIES },
    );
    expect(result.subject).toEqual({ kind: 'trust', name: 'Test Trust' });
    expect(result.status).toBe(status);
  });

  it('names the academies counted and those due to join', () => {
    const result = evaluateTarget(
      { ...TRUST, rule: { kind: 'trustCount', joinedIn: '2017-18', atLeast: 2 } },
      { asOf: '2017-10-01', academies: ACADEMIES },
    );
    expect(result.reason).toBe(
      '1 joined in 2017-18 (Lead Primary), 1 more due to join (Sponsored Secondary); target: at least 2 academies joining in 2017-18 (by 31 Aug 2018)',
    );
    expect(result.evidence.count).toEqual({
      joined: ['3'],
      pipeline: ['4'],
      required: 2,
      window: { from: '2017-09-01', to: '2018-08-31' },
    });
  });

  it('describes the academies the plan asks for', () => {
    const result = evaluateTarget(
      {
        ...TRUST,
        rule: {
          kind: 'trustCount',
          joinedIn: '2018-19',
          where: { routes: 'freeSchool', towns: 'Colchester' },
          atLeast: 1,
        },
      },
      { asOf: '2019-09-01', academies: ACADEMIES },
    );
    expect(result.reason).toBe(
      '1 joined in 2018-19 (Colchester Free School); target: at least 1 free school academy in Colchester joining in 2018-19 (by 31 Aug 2019)',
    );
  });
});

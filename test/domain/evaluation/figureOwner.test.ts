import { evaluateTarget } from './evaluationFixtures';

describe('whose figure a result is', () => {
  it.each([
    [
      'a head answers attendance on the card',
      { metric: 'attendance', rule: { kind: 'threshold', atLeast: 95 } },
      'head',
    ],
    [
      'the trust supplies governing body vacancies, though they are about one academy',
      { metric: 'governorVacancies', rule: { kind: 'threshold', atMost: 1 } },
      'trust',
    ],
    [
      'the trust supplies its own figures about itself',
      { metric: 'climateActionPlan', appliesTo: 'trust', rule: { kind: 'threshold', equals: true } },
      'trust',
    ],
    [
      'academies joined is worked out from the roster',
      {
        metric: 'academiesJoined',
        appliesTo: 'trust',
        rule: { kind: 'trustCount', joinedBy: '2017-18', atLeast: 2 },
      },
      'derived',
    ],
  ])('%s: %s', (_case, target, owner) => {
    expect(evaluateTarget(target, { asOf: '2017-12-01' }).owner).toBe(owner);
  });
});

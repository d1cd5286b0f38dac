/**
 * Principles are data: a plan declares its own or gets the six of a thriving trust; objectives and
 * targets name the principles they serve; an unknown one is a located error with a "did you mean".
 */
import { parsePlan } from '../../../src/domain/plan/parsePlan';

const TARGET = `        - id: t1
          title: T1
          metric: teacherTurnover
          appliesTo: all
          rule: { kind: threshold, atMost: 12 }`;

function plan(principles: string, objectivePrinciples = '', targetPrinciples = ''): string {
  return [
    'id: p',
    'title: P',
    'period: { from: 2025-26, to: 2027-28 }',
    principles,
    'objectives:',
    '  - id: people',
    '    title: People',
    objectivePrinciples === '' ? '' : `    principles: ${objectivePrinciples}`,
    '    targets:',
    TARGET,
    targetPrinciples === '' ? '' : `          principles: ${targetPrinciples}`,
    '',
  ]
    .filter((line, index, lines) => line !== '' || index === lines.length - 1)
    .join('\n');
}

describe('plan principles', () => {
  it('gives a plan that declares none the six principles of a thriving trust', () => {
    const result = parsePlan(plan(''));
    expect(result.ok && result.plan.principles?.map((principle) => principle.id)).toEqual([
      'collectiveVision',
      'sharedGovernance',
      'schoolImprovement',
      'employerOfChoice',
      'fundsAndSustainability',
      'localIdentity',
    ]);
  });

  it('keeps the principles a plan declares, renamed or replaced', () => {
    const declared = [
      'principles:',
      '  - { id: people, title: A great place to work, description: We keep and grow our staff. }',
      '  - { id: place, title: Rooted in our towns }',
    ].join('\n');
    const result = parsePlan(plan(declared, '[people]'));
    expect(result.ok && result.plan.principles).toEqual([
      { id: 'people', title: 'A great place to work', description: 'We keep and grow our staff.' },
      { id: 'place', title: 'Rooted in our towns' },
    ]);
    expect(result.ok && result.plan.objectives[0]?.principles).toEqual(['people']);
  });

  it.each<[string, string, string, string, number, string]>([
    [
      'an unknown principle on an objective, with the one it most likely meant',
      '',
      '[employerOfChoise]',
      '',
      7,
      'objectives[0].principles[0]: unknown principle "employerOfChoise"; did you mean employerOfChoice?',
    ],
    [
      'an unknown principle on a target',
      '',
      '',
      '[schoolImprovment]',
      13,
      'objectives[0].targets[0].principles[0]: unknown principle "schoolImprovment"; did you mean schoolImprovement?',
    ],
    [
      'a principle nothing like any of the plan’s',
      '',
      '[finance]',
      '',
      7,
      'unknown principle "finance"; the plan\'s principles are collectiveVision, sharedGovernance',
    ],
    [
      'a default principle after the plan renamed them',
      'principles:\n  - { id: people, title: People }',
      '[employerOfChoice]',
      '',
      9,
      'unknown principle "employerOfChoice"; the plan\'s principles are people',
    ],
    ['a principle without a title', 'principles:\n  - { id: people }', '', '', 5, 'missing field "title"'],
    [
      'a repeated principle id',
      'principles:\n  - { id: people, title: A }\n  - { id: people, title: B }',
      '',
      '',
      6,
      'principle id "people" is already used',
    ],
    ['an empty list of principles', 'principles: []', '', '', 4, 'expected a list of principles'],
  ])('reports %s at its line', (_case, principles, objective, target, line, message) => {
    const result = parsePlan(plan(principles, objective, target));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const error = result.errors[0];
    expect(`${error?.path}: ${error?.message}`).toContain(message);
    expect(error?.line).toBe(line);
  });

  it('lets a target name two principles, besides its objective’s', () => {
    const result = parsePlan(plan('', '[employerOfChoice]', '[employerOfChoice, fundsAndSustainability]'));
    expect(result.ok && result.plan.objectives[0]?.targets[0]?.principles).toEqual([
      'employerOfChoice',
      'fundsAndSustainability',
    ]);
  });
});

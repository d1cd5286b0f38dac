import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { parsePlan } from '../../../src/domain/plan/parsePlan';

function shipped(file: string): string {
  return readFileSync(join(__dirname, '../../..', file), 'utf8');
}

/** A plan whose single target is `targetYaml` (indented under `targets:`), starting on line 8. */
function withTarget(targetYaml: string): string {
  const indented = targetYaml
    .trim()
    .split('\n')
    .map((line, index) => (index === 0 ? `      - ${line}` : `        ${line}`))
    .join('\n');
  return [
    'id: test-plan',
    'title: Test plan',
    'period: { from: 2016-17, to: 2018-19 }',
    'objectives:',
    '  - id: objective',
    '    title: Objective',
    '    targets:',
    indented,
    '',
  ].join('\n');
}

const VALID_TARGET = `id: t
title: T
metric: teachingOutstanding
appliesTo: all
rule: { kind: threshold, atLeast: 40, by: { yearsAfterOpening: 3 } }`;

describe('parsePlan', () => {
  it.each(['plans/thrive-2016-2019.yaml', 'plans/demo-2025-2028.yaml'])(
    'loads the shipped plan %s',
    (file) => {
      const result = parsePlan(shipped(file));
      if (!result.ok)
        throw new Error(
          result.errors.map((error) => `${error.line} ${error.path}: ${error.message}`).join('\n'),
        );
      expect(result.plan.objectives.length).toBeGreaterThan(0);
    },
  );

  it('encodes every measurable target of the seed plan', () => {
    const result = parsePlan(shipped('plans/thrive-2016-2019.yaml'));
    if (!result.ok) throw new Error('seed plan does not load');
    const targets = result.plan.objectives.flatMap((objective) => objective.targets);
    const byId = new Map(targets.map((target) => [target.id, target]));
    expect([...byId.keys()]).toEqual(
      expect.arrayContaining([
        'founders-2016-17',
        'growth-2017-18',
        'lead-primary-2017-18',
        'growth-2018-19',
        'colchester-free-school-2018-19',
        'progress8-above-national',
        'attainment8-above-national',
        'disadvantaged-gap-narrowing',
        'good-by-sixth-term',
        'outstanding-after-second-inspection',
        'teaching-all-good',
        'teaching-40-outstanding',
        'senior-leadership-outstanding',
        'middle-leadership-outstanding',
        'single-central-record',
        'reserves-not-in-deficit',
      ]),
    );
    expect(byId.get('lead-primary-2017-18')?.rule).toEqual({
      kind: 'trustCount',
      joined: { kind: 'in', startYear: 2017 },
      where: { phases: ['primary'], tags: ['leadPrimary'] },
      atLeast: 1,
    });
    expect(byId.get('good-by-sixth-term')?.rule).toMatchObject({
      kind: 'inspection',
      standard: 'good',
      due: { kind: 'byTermOfOpening', term: 6 },
    });
    expect(byId.get('teaching-40-outstanding')?.rule).toEqual({
      kind: 'threshold',
      operator: 'atLeast',
      value: 40,
      by: { kind: 'yearsAfterOpening', years: 3 },
    });
    expect(byId.get('progress8-above-national')).toMatchObject({
      appliesTo: { kind: 'academies', filter: { phases: ['secondary', 'allThrough'] } },
      from: { kind: 'academicYear', startYear: 2016 },
      rule: { kind: 'benchmark', comparison: 'above', benchmarkId: 'progress8', year: 'same' },
    });
  });

  it('reads the valid example target', () => {
    expect(parsePlan(withTarget(VALID_TARGET)).ok).toBe(true);
  });

  it.each([
    [
      'an unknown metric',
      VALID_TARGET.replace('teachingOutstanding', 'teachingOutstandin'),
      10,
      'objectives[0].targets[0].metric',
      'unknown metric "teachingOutstandin"',
    ],
    [
      'a percent out of range',
      VALID_TARGET.replace('atLeast: 40', 'atLeast: 140'),
      12,
      'objectives[0].targets[0].rule.atLeast',
      'target "t" aims at 140, outside what Teaching outstanding can be: a number from 0 to 100 %; check the target',
    ],
    [
      'two operators',
      VALID_TARGET.replace('atLeast: 40', 'atLeast: 40, atMost: 50'),
      12,
      'objectives[0].targets[0].rule',
      'exactly one of atLeast, atMost or equals',
    ],
    [
      'a misspelt field',
      VALID_TARGET.replace('appliesTo', 'appliesto'),
      11,
      'objectives[0].targets[0].appliesto',
      'unknown field "appliesto"; did you mean appliesTo?',
    ],
    [
      'a missing rule',
      VALID_TARGET.split('\n').slice(0, 4).join('\n'),
      8,
      'objectives[0].targets[0]',
      'missing field "rule"',
    ],
    [
      'an unknown rule kind',
      VALID_TARGET.replace('kind: threshold', 'kind: treshold'),
      12,
      'objectives[0].targets[0].rule.kind',
      'expected one of threshold, benchmark, inspection, trend, trustCount',
    ],
    [
      'a grade that is not on the scale',
      VALID_TARGET.replace('teachingOutstanding', 'seniorLeadership').replace(
        'atLeast: 40',
        'atLeast: excellent',
      ),
      12,
      'objectives[0].targets[0].rule.atLeast',
      'expected one of outstanding, good, requiresImprovement, inadequate',
    ],
    [
      'a phase that does not exist',
      VALID_TARGET.replace('appliesTo: all', 'appliesTo: { phases: [primry] }'),
      11,
      'objectives[0].targets[0].appliesTo.phases[0]',
      'expected one of primary, secondary, special, allThrough',
    ],
    [
      'a metric the phase does not report',
      VALID_TARGET.replace('teachingOutstanding', 'progress8')
        .replace('appliesTo: all', 'appliesTo: { phases: primary }')
        .replace('atLeast: 40', 'atLeast: 0'),
      11,
      'objectives[0].targets[0].appliesTo',
      'Progress 8 is reported only by',
    ],
    [
      'a from that is not a moment',
      `${VALID_TARGET}\nfrom: 2017`,
      13,
      'objectives[0].targets[0].from',
      'expected an academic year like 2017-18',
    ],
    [
      'an opening deadline for the trust',
      VALID_TARGET.replace('appliesTo: all', 'appliesTo: trust'),
      12,
      'objectives[0].targets[0].rule.by',
      'the trust as a whole has no opening date',
    ],
    [
      'a benchmark nobody publishes',
      VALID_TARGET.replace(
        'kind: threshold, atLeast: 40, by: { yearsAfterOpening: 3 }',
        'kind: benchmark, compare: above',
      ),
      12,
      'objectives[0].targets[0].rule',
      'no national benchmark is held for "teachingOutstanding"',
    ],
    [
      'a trend on a grade',
      VALID_TARGET.replace('teachingOutstanding', 'seniorLeadership').replace(
        'kind: threshold, atLeast: 40, by: { yearsAfterOpening: 3 }',
        'kind: trend, direction: falling',
      ),
      12,
      'objectives[0].targets[0].rule',
      'is not a number, so it has no trend',
    ],
    [
      'an inspection rule on another metric',
      VALID_TARGET.replace(
        'kind: threshold, atLeast: 40, by: { yearsAfterOpening: 3 }',
        'kind: inspection, standard: good',
      ),
      12,
      'objectives[0].targets[0].rule',
      'an inspection rule judges the metric ofstedOutcome',
    ],
    [
      'a threshold on a derived metric',
      VALID_TARGET.replace('teachingOutstanding', 'ofstedOutcome').replace('atLeast: 40', 'atLeast: good'),
      12,
      'objectives[0].targets[0].rule.kind',
      'judge it with kind: inspection',
    ],
    [
      'a trust count for academies',
      VALID_TARGET.replace('teachingOutstanding', 'academiesJoined').replace(
        'kind: threshold, atLeast: 40, by: { yearsAfterOpening: 3 }',
        'kind: trustCount, joinedIn: 2017-18, atLeast: 2',
      ),
      12,
      'objectives[0].targets[0].rule',
      'write appliesTo: trust',
    ],
    [
      'a trust count with a date instead of a year',
      VALID_TARGET.replace('teachingOutstanding', 'academiesJoined')
        .replace('appliesTo: all', 'appliesTo: trust')
        .replace(
          'kind: threshold, atLeast: 40, by: { yearsAfterOpening: 3 }',
          'kind: trustCount, joinedIn: 2017-09-01, atLeast: 2',
        ),
      12,
      'objectives[0].targets[0].rule.joinedIn',
      'expected an academic year like 2017-18',
    ],
    [
      'a term that does not exist',
      VALID_TARGET.replace('by: { yearsAfterOpening: 3 }', 'by: 2018-19-winter'),
      12,
      'objectives[0].targets[0].rule.by',
      'a term like 2017-18-autumn',
    ],
  ])('reports %s with its line and path', (_case, target, line, path, message) => {
    const result = parsePlan(withTarget(target));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ line, path, message: expect.stringContaining(message) as unknown }),
      ]),
    );
  });

  it('reports every problem at once, in file order, and loads nothing', () => {
    const text = withTarget(
      VALID_TARGET.replace('teachingOutstanding', 'nope').replace(
        'appliesTo: all',
        'appliesTo: { phases: [primry] }',
      ),
    ).replace('id: test-plan', 'id: test plan');
    const result = parsePlan(text);
    expect(result).toEqual({
      ok: false,
      errors: [
        expect.objectContaining({ line: 1, path: 'id' }),
        expect.objectContaining({ line: 10, path: 'objectives[0].targets[0].metric' }),
        expect.objectContaining({ line: 11, path: 'objectives[0].targets[0].appliesTo.phases[0]' }),
      ],
    });
  });

  it('rejects duplicate target ids, naming the first', () => {
    const text = withTarget(VALID_TARGET).replace(
      '    targets:\n',
      `    targets:\n      - id: t\n        title: Twin\n        metric: attendance\n        appliesTo: all\n        rule: { kind: threshold, atLeast: 95 }\n`,
    );
    const result = parsePlan(text);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors).toEqual([
        expect.objectContaining({
          line: 13,
          message: 'target id "t" is already used at objectives[0].targets[0]; ids must be unique',
        }),
      ]);
    }
  });

  it.each([
    ['bad YAML', 'id: x\n  bad: [\n', 1, 'not valid YAML'],
    ['a list at the top', '- a\n- b\n', 1, 'expected a plan with id, title, period and objectives'],
    ['an empty file', '', 1, 'expected a plan'],
    [
      'no objectives',
      'id: x\ntitle: X\nperiod: { from: 2016-17, to: 2018-19 }\nobjectives: []\n',
      4,
      'expected a list with at least one entry',
    ],
    [
      'a period running backwards',
      'id: x\ntitle: X\nperiod: { from: 2018-19, to: 2016-17 }\n',
      3,
      'must end in or after',
    ],
  ])('reports %s', (_case, text, line, message) => {
    const result = parsePlan(text);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ line, message: expect.stringContaining(message) as unknown }),
        ]),
      );
    }
  });
});

describe('founder academies in a plan', () => {
  it.each<[string, string, Record<string, unknown> | string]>([
    ['founder and a route', '{ routes: sponsored, founder: true }', { routes: ['sponsored'], founder: true }],
    ['only non-founders', '{ founder: false }', { founder: false }],
    ['founder written as text', '{ founder: yes }', 'expected true or false, found "yes"'],
  ])('%s', (_case, appliesTo, expected) => {
    const result = parsePlan(withTarget(VALID_TARGET.replace('appliesTo: all', `appliesTo: ${appliesTo}`)));
    if (typeof expected === 'string') {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.errors[0]?.message).toContain(expected);
    } else {
      expect(result.ok && result.plan.objectives[0]?.targets[0]?.appliesTo).toEqual({
        kind: 'academies',
        filter: expected,
      });
    }
  });
});

import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { runCli } from '../../src/cli/main';
import { TARGET_STATUSES } from '../../src/domain/evaluation/evaluation';

const ROOT = join(__dirname, '../..');
const DEMO = [
  'evaluate',
  '--plan',
  join(ROOT, 'plans/demo-2025-2028.yaml'),
  '--roster',
  join(ROOT, 'demo/roster'),
  '--data',
  join(ROOT, 'demo/data/observations.csv'),
  '--as-of',
  '2026-11-22',
];

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (text) => (out += text), err: (text) => (err += text) });
  return { code, out, err };
}

function tempFile(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'cli-test-')), name);
  writeFileSync(path, text);
  return path;
}

describe('plan check', () => {
  it.each(['plans/thrive-2016-2019.yaml', 'plans/demo-2025-2028.yaml'])(
    'passes the shipped plan %s',
    async (file) => {
      const { code, out, err } = await run(['plan', 'check', join(ROOT, file)]);
      expect(err).toBe('');
      expect(code).toBe(0);
      expect(out).toContain('is valid');
    },
  );

  it('lists every problem with file, line, column and field, and exits 1', async () => {
    const file = tempFile(
      'plan.yaml',
      'id: p\ntitle: P\nperiod: { from: 2016-17, to: 2018-19 }\nobjectives:\n  - id: o\n    title: O\n    targets:\n' +
        '      - id: t\n        title: T\n        metric: atendance\n        appliesTo: all\n        rule: { kind: threshold, atleast: 95 }\n',
    );
    const { code, err } = await run(['plan', 'check', file]);
    expect(code).toBe(1);
    expect(err).toContain(`${file}:10:17 objectives[0].targets[0].metric: unknown metric "atendance"`);
    expect(err).toContain(
      `${file}:12:34 objectives[0].targets[0].rule.atleast: unknown field "atleast"; did you mean atLeast?`,
    );
    expect(err).toContain('3 problems; the plan was not loaded');
  });

  it('says when the file is not there', async () => {
    const { code, err } = await run(['plan', 'check', join(ROOT, 'plans/nope.yaml')]);
    expect(code).toBe(1);
    expect(err).toContain('was not found');
  });
});

describe('evaluate', () => {
  it('prints a table of roll-ups and reasons for the demo trust', async () => {
    const { code, out, err } = await run(DEMO);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toContain('Thriving Academies 2025–2028');
    expect(out).toContain('As of 22 Nov 2026 (autumn 2026); termly figures expected through summer 2026');
    expect(out).toMatch(/RED\s+990004\s+Saltmarsh Academy/);
    expect(out).toContain(
      'Disadvantaged gap (internal) 14.21 pts (summer 2026) is up 0.01 pts from 14.2 pts in spring 2026',
    );
  });

  it('prints the documented JSON, with a realistic mix of statuses for the demo', async () => {
    const { code, out } = await run([...DEMO, '--format', 'json']);
    expect(code).toBe(0);
    const json = JSON.parse(out) as {
      schemaVersion: number;
      planId: string;
      results: { status: string; reason: string; subject: { kind: string } }[];
      academies: unknown[];
      objectives: unknown[];
      trust: unknown;
    };
    expect(json).toMatchObject({
      schemaVersion: 1,
      planId: 'demo-2025-2028',
      asOf: '2026-11-22',
      term: '2026-27-autumn',
    });
    expect(new Set(json.results.map((result) => result.status))).toEqual(new Set(TARGET_STATUSES));
    expect(json.academies).toHaveLength(6);
  });

  it('takes term dates and the closed round from options', async () => {
    const terms = tempFile(
      'terms.yaml',
      '2026-27:\n  autumn: { end: 2026-12-19 }\n  spring: { start: 2026-12-20 }\n',
    );
    const { code, out } = await run([
      ...DEMO,
      '--terms',
      terms,
      '--closed-through',
      '2026-27-autumn',
      '--format',
      'json',
    ]);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ closedThrough: '2026-27-autumn' });
  });

  it('reports every bad data row by line, and exits 1', async () => {
    const data = tempFile(
      'data.csv',
      [
        'academy,term,metric,value',
        '990001,2025-26-summer,attendance,95.1',
        '999999,2025-26-summer,attendance,95',
        '990001,2025-26-winter,attendance,95',
        '990001,2025-26-summer,atendance,95',
        '990001,2025-26-spring,attendance,101',
        '990003,2025-26-summer,progress8,0.1',
        '990001,2025-26-summer,attendance,95.2',
        '990001,2025-26-autumn,attainment8,50',
        '990001,2025-26-summer,attainment8,51',
        '990006,2017-18-summer,attendance,95',
        '990001,2025-26-summer,ofstedOverall,good',
        '990001,2025-26-summer,academiesJoined,6',
        '990001,2025-26-summer',
      ].join('\n'),
    );
    const args = [...DEMO.slice(0, 5), '--data', data, '--as-of', '2026-11-22'];
    const { code, err } = await run(args);
    expect(code).toBe(1);
    for (const expected of [
      `${data} line 3: unknown academy "999999"`,
      `${data} line 4: "2025-26-winter" is not a term`,
      `${data} line 5: unknown metric "atendance"`,
      `${data} line 6: attendance "101": Enter a number from 0 to 100`,
      `${data} line 7: Progress 8 is not reported by primary academies`,
      `${data} line 8: repeats line 2`,
      `${data} line 10: repeats line 9: the same academy, metric and academic year 2025-26`,
      `${data} line 11: Harbourside Primary Academy opened on 1 Jan 2019; summer 2018 is before its first term`,
      `${data} line 12: ofstedOverall exists up to 31 Aug 2024; summer 2026 is after that`,
      `${data} line 13: academiesJoined is worked out by the evaluator`,
      `${data} line 14: expected 4 values`,
    ]) {
      expect(err).toContain(expected);
    }
  });

  it('shows how the demo trust stands against each principle, in the table and the JSON', async () => {
    const json = await run([...DEMO, '--format', 'json']);
    expect(json.code).toBe(0);
    const evaluation = JSON.parse(json.out) as {
      principles: {
        principleId: string;
        rag: string;
        worst?: string;
        measured: boolean;
        targetIds: string[];
      }[];
    };
    // Pinned: the demo data gives every principle figures, with one missing. Teacher turnover is
    // missed since the national figure held is 2023-24's 9.0% (it was 2021-22's 9.7%).
    expect(evaluation.principles.map((p) => [p.principleId, p.measured, p.rag, p.worst])).toEqual([
      ['collectiveVision', true, 'green', 'met'],
      ['sharedGovernance', true, 'red', 'missed'],
      ['schoolImprovement', true, 'red', 'missed'],
      ['employerOfChoice', true, 'red', 'missed'],
      ['fundsAndSustainability', true, 'red', 'missed'],
      ['localIdentity', true, 'amber', 'noData'],
    ]);
    expect(evaluation.principles[3]?.targetIds).toEqual([
      'teacher-turnover-below-national',
      'staff-recommend-75-by-2028',
    ]);
    const table = await run(DEMO);
    expect(table.out).toContain('\nPrinciples\n');
    expect(table.out).toMatch(/RED\s+employerOfChoice\s+An employer of choice\s+9\s+0\s+1\s+2/);
  });

  it('says which principles the seed plan does not measure', async () => {
    const seed = [
      'evaluate',
      '--plan',
      join(ROOT, 'plans/thrive-2016-2019.yaml'),
      '--roster',
      join(ROOT, 'demo/roster'),
      '--data',
      tempFile('none.csv', 'academy,term,metric,value\n'),
      '--as-of',
      '2018-11-20',
    ];
    const table = await run(seed);
    expect(table.code).toBe(0);
    for (const id of ['collectiveVision', 'employerOfChoice', 'localIdentity']) {
      expect(table.out).toMatch(new RegExp(`—\\s+${id}\\s+.*not measured by this plan`));
    }
    expect(table.out).not.toMatch(/—\s+schoolImprovement/);
  });

  it('reads a trust’s benchmark file over the shipped one, and reports its bad rows by line', async () => {
    const header = 'metric,year,value,status,phase,publisher,release,published,note';
    const good = tempFile(
      'ours.csv',
      `${header}\nks2ExpectedRwm,2025-26,99,revised,primary,Trust,Ours,2026-07-08,\n`,
    );
    const json = await run([...DEMO, '--benchmarks', good, '--format', 'json']);
    expect(json.code).toBe(0);
    expect(json.out).toContain('"source": "Trust, Ours"');
    const bad = tempFile('bad.csv', `${header}\nks2ExpectedRwm,2025-26,x,revised,primary,Trust,Ours,,\n`);
    const failed = await run([...DEMO, '--benchmarks', bad]);
    expect(failed.code).toBe(1);
    expect(failed.err).toContain(`${bad} line 2: value "x" is not a number`);
  });

  it('reports problems in every input in one run', async () => {
    const plan = tempFile('plan.yaml', 'id: p\n');
    const { code, err } = await run([
      'evaluate',
      '--plan',
      plan,
      '--roster',
      join(ROOT, 'nowhere'),
      '--data',
      'x.csv',
      '--as-of',
      '2026-11-22',
    ]);
    expect(code).toBe(1);
    expect(err).toContain(`${plan}:1:1 missing field "title"`);
    expect(err).toContain('trust.yaml was not found');
  });

  it.each([
    [[], 'Usage:'],
    [['evaluate'], 'missing --plan, --roster, --data, --as-of'],
    [[...DEMO.slice(0, 7), '--as-of', '22/11/2026'], '--as-of: "22/11/2026" is not a date'],
    [[...DEMO, '--format', 'xml'], '--format must be table or json'],
    [[...DEMO, '--colour'], 'unknown option --colour'],
    [[...DEMO, '--as-of', '2026-11-23'], '--as-of is given twice'],
    [[...DEMO, '--closed-through', 'summer'], '"summer" is not a term'],
    [['plan'], 'unknown command "plan"'],
    [['plan', 'check'], 'plan check needs the plan file'],
    [['frobnicate'], 'unknown command "frobnicate"'],
  ])('exits 2 with the usage for %j', async (argv, message) => {
    const { code, err, out } = await run(argv);
    expect(code).toBe(2);
    expect(err + out).toContain(message);
    expect(err + out).toContain('Usage:');
  });
});

describe('the cli as a process', () => {
  it('exits with the code runCli gives', async () => {
    const exec = promisify(execFile);
    const tsx = join(ROOT, 'node_modules/.bin/tsx');
    const ok = await exec(tsx, ['src/cli/main.ts', 'plan', 'check', 'plans/demo-2025-2028.yaml'], {
      cwd: ROOT,
    });
    expect(ok.stdout).toContain('is valid');
    await expect(exec(tsx, ['src/cli/main.ts', 'evaluate'], { cwd: ROOT })).rejects.toMatchObject({
      code: 2,
    });
  });
});

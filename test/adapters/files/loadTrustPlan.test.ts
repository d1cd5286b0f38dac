import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { loadTrustPlan, TrustPlanError } from '../../../src/adapters/files/loadTrustPlan';

const ROOT = join(__dirname, '../../..');
const PLAN = join(ROOT, 'plans/demo-2025-2028.yaml');

describe('loadTrustPlan, given files that are not usable', () => {
  const dir = mkdtempSync(join(tmpdir(), 'trust-plan-'));
  mkdirSync(join(dir, 'folder.yaml'));
  writeFileSync(join(dir, 'utf16.yaml'), Buffer.from('\ufeffid: p\n', 'utf16le'));
  writeFileSync(join(dir, 'escape.yaml'), 'id: p\ntitle: "\u001b[31m"\n');
  writeFileSync(join(dir, 'terms.yaml'), '2025-26: { autumn: { start: 9025-09-03 } }\n');
  writeFileSync(
    join(dir, 'range.yaml'),
    readFileSync(PLAN, 'utf8').replace('atLeast: 95, by: 2027-28-summer', 'atLeast: 140, by: 2027-28-summer'),
  );

  it('loads the shipped plan', () => {
    expect(loadTrustPlan(PLAN).plan.id).toBe('demo-2025-2028');
  });

  it.each([
    [
      'a missing plan',
      join(dir, 'none.yaml'),
      undefined,
      `PLAN_FILE: ${join(dir, 'none.yaml')} was not found.`,
    ],
    [
      'a folder',
      join(dir, 'folder.yaml'),
      undefined,
      `PLAN_FILE: ${join(dir, 'folder.yaml')} is a folder, not a file.`,
    ],
    [
      'a path through a file',
      join(PLAN, 'x.yaml'),
      undefined,
      `PLAN_FILE: ${join(PLAN, 'x.yaml')} is not there: a part of the path before the name is a file, not a folder.`,
    ],
    ['a UTF-16 plan', join(dir, 'utf16.yaml'), undefined, `PLAN_FILE: ${join(dir, 'utf16.yaml')} is UTF-16`],
    [
      'a terminal escape code',
      join(dir, 'escape.yaml'),
      undefined,
      'line 2 holds a terminal escape code (U+001B)',
    ],
    [
      'an attendance target of 140 %',
      join(dir, 'range.yaml'),
      undefined,
      'aims at 140, outside what Attendance can be: a number from 0 to 100 %; check the target',
    ],
    [
      'term dates in 9025',
      PLAN,
      join(dir, 'terms.yaml'),
      '"9025-09-03" is a date in 9025, outside the years 1990–2100',
    ],
  ])('stops start-up for %s, naming the setting and the file', (_case, plan, terms, message) => {
    expect(() => loadTrustPlan(plan, terms)).toThrow(TrustPlanError);
    expect(() => loadTrustPlan(plan, terms)).toThrow(message);
  });
});

/**
 * A data file with thousands of bad rows gets a screenful, not thousands of lines: the first 50 problems,
 * then how many more there are.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { MAX_PROBLEMS_SHOWN } from '../../src/cli/cliIo';
import { runCli } from '../../src/cli/main';

const ROOT = join(__dirname, '../..');

it('reports the first 50 problems of a data file with 3 000 bad rows, and a count of the rest', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'many-problems-')), 'd.csv');
  const rows = Array.from({ length: 3000 }, () => '990001,2025-26-autumn,attendance,abc');
  writeFileSync(path, ['academy,term,metric,value', ...rows].join('\n') + '\n');
  let err = '';
  const code = await runCli(
    [
      'evaluate',
      ...['--plan', join(ROOT, 'plans/demo-2025-2028.yaml'), '--roster', join(ROOT, 'demo/roster')],
      ...['--data', path, '--as-of', '2026-11-22'],
    ],
    { out: () => undefined, err: (text) => (err += text) },
  );
  const lines = err.trimEnd().split('\n');
  expect(code).toBe(1);
  expect(MAX_PROBLEMS_SHOWN).toBe(50);
  expect(lines).toHaveLength(51);
  expect(lines[0]).toBe(`${path} line 2: attendance "abc": Enter a number from 0 to 100`);
  expect(lines[49]).toBe(`${path} line 51: attendance "abc": Enter a number from 0 to 100`);
  expect(lines[50]).toBe(
    '… and 2950 more problems (the first 50 of 3000 are shown; fix these and run again)',
  );
});

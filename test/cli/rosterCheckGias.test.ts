/**
 * `roster check --gias FILE --roster DIR`: the demo roster against a small GIAS establishment extract in
 * the register's own layout (Windows-1252, CRLF, the columns in GIAS's order, dd-mm-yyyy dates).
 */
import { join } from 'node:path';

import { runCli } from '../../src/cli/main';

const FIXTURES = join(__dirname, '..', 'fixtures', 'gias');
const ROSTER = join(__dirname, '..', '..', 'demo', 'roster');

async function run(argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (text) => (out += text), err: (text) => (err += text), env: {} });
  return { code, out, err };
}

describe('roster check --gias', () => {
  it('lists where the roster disagrees with the register, and the trust’s academies it lacks', async () => {
    const result = await run([
      'roster',
      'check',
      '--gias',
      join(FIXTURES, 'edubasealldata20261201.csv'),
      '--roster',
      ROSTER,
    ]);
    expect(result.code).toBe(1);
    expect(result.out).toContain('(the trust in GIAS: THE THRIVE PARTNERSHIP ACADEMY TRUST 5999)');
    const lines = result.out.split('\n').filter((line) => line.startsWith('  '));
    expect(lines).toEqual([
      '  990003: the roster names it "Willowbrook Primary Academy", GIAS "Willowbrook Church of England Primary Academy"',
      "  990004: the roster's openedOn is 2018-01-01, GIAS's OpenDate 01-09-2018",
      '  990006: the roster\'s phase is primary, GIAS says "Secondary"',
      // Decoded from Windows-1252 (’ is byte 0x92); the closed establishment of the trust is not listed.
      '  990007 St Mary’s & St John’s Primary Academy (Primary, opened 01-04-2024): in the trust in GIAS, not in the roster',
    ]);
  });

  it('refuses a file whose header lacks a column, naming the file and the column', async () => {
    const path = join(FIXTURES, 'edubasealldata_bad_header.csv');
    const result = await run(['roster', 'check', '--gias', path, '--roster', ROSTER]);
    expect(result.code).toBe(1);
    expect(result.err).toContain(`${path}: the header has no column "PhaseOfEducation (name)"`);
    expect(result.err).toContain('Nothing was compared.');
    expect(result.out).toBe('');
  });

  it('says a missing file is missing', async () => {
    const path = join(FIXTURES, 'none.csv');
    const result = await run(['roster', 'check', '--gias', path, '--roster', ROSTER]);
    expect(result.err).toContain(`${path}: no such file`);
  });
});

/**
 * A copy of the demo roster with some of its texts replaced by hostile ones (markdown links, emphasis,
 * code, underscores, invisible characters), for tests that check names reach people as written.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Each file of demo/roster to change, with [what the demo says, what the copy says instead]. */
export type RosterEdits = Partial<Record<'academies.csv' | 'people.csv' | 'trust.yaml', [string, string][]>>;

/** Writes the copy to a new temporary folder; its path goes in ROSTER_DIR, remove() deletes it. */
export function hostileRoster(edits: RosterEdits): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'hostile-roster-'));
  cpSync('demo/roster', dir, { recursive: true });
  for (const [name, pairs] of Object.entries(edits)) {
    const file = path.join(dir, name);
    let text = readFileSync(file, 'utf8');
    for (const [from, to] of pairs) {
      if (!text.includes(from)) throw new Error(`demo/roster/${name} has no "${from}"`);
      text = text.replaceAll(from, to);
    }
    writeFileSync(file, text);
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

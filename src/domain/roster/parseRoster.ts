/**
 * Reads the roster an administrator keeps as three files (trust.yaml, academies.csv, people.csv; see
 * docs/roster-format.md) and checks it. Every problem is reported at once, each naming the file, line
 * and field and saying what is expected, because the administrator fixes them in a text editor and a
 * one-error-at-a-time loop wastes their afternoon.
 */
import { parseAcademies } from './parseAcademies';
import { parsePeople } from './parsePeople';
import { parseTrust } from './parseTrust';
import type { Roster } from './roster';
import type { RosterError } from './rosterError';

export { ACADEMY_COLUMNS, REQUIRED_ACADEMY_COLUMNS } from './parseAcademies';
export { PEOPLE_COLUMNS, REQUIRED_PEOPLE_COLUMNS } from './parsePeople';
export { TRUST_KEYS } from './parseTrust';
export { formatRosterError, type RosterError, type RosterFile } from './rosterError';

export type RosterResult = { ok: true; roster: Roster } | { ok: false; errors: RosterError[] };

export interface RosterFiles {
  trustYaml: string;
  academiesCsv: string;
  peopleCsv: string;
}

/**
 * Parses and validates the three roster files. Returns the roster only when there is no error at all;
 * otherwise every error found, in file and line order.
 */
export function parseRoster(files: RosterFiles): RosterResult {
  const errors: RosterError[] = [];
  const trust = parseTrust(files.trustYaml, errors);
  const { academies, urns } = parseAcademies(files.academiesCsv, errors);
  const people = parsePeople(files.peopleCsv, urns, errors);
  if (errors.length > 0 || trust === undefined) return { ok: false, errors };
  return { ok: true, roster: { trust, academies, people } };
}

/**
 * Reads the administrator's roster folder (trust.yaml, academies.csv, people.csv) and validates it
 * with the pure parseRoster. The only file I/O the roster needs lives here.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

import type { RosterError, RosterFile, RosterResult } from '../../domain/roster/parseRoster';
import { parseRoster } from '../../domain/roster/parseRoster';

const ROSTER_FILES: readonly RosterFile[] = ['trust.yaml', 'academies.csv', 'people.csv'];

const WHAT_EACH_FILE_HOLDS: Record<RosterFile, string> = {
  'trust.yaml':
    "the trust's name, boardChannel (the board's Teams channel), and optionally companyNumber and fictional",
  'academies.csv': 'one academy per line under the header urn,name,phase,route,town,openedOn,joinedOn,tags',
  'people.csv': 'one person per line under the header email,name,role,title,academyUrn,aadObjectId',
};

/** Reads a file; undefined when it is not there, so the caller can say which file is missing and why. */
async function readIfPresent(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ENOENT' || code === 'EISDIR') return undefined;
    throw new Error(
      `Could not read the roster file ${path}: ${error instanceof Error ? error.message : String(error)}`,
      {
        cause: error,
      },
    );
  }
}

/**
 * Reads and validates the roster in `dir`. A missing file is reported as a RosterError naming its full
 * path and what it should hold; the files that are there are still checked, so one run shows every
 * problem.
 * @throws Error when a file exists but cannot be read (permissions, I/O): that is not a roster problem.
 */
export async function readRosterDir(dir: string): Promise<RosterResult> {
  const pathOf = (file: RosterFile) => resolve(join(dir, file));
  const [trustYaml, academiesCsv, peopleCsv] = await Promise.all(
    ROSTER_FILES.map((file) => readIfPresent(pathOf(file))),
  );
  if (trustYaml !== undefined && academiesCsv !== undefined && peopleCsv !== undefined) {
    return parseRoster({ trustYaml, academiesCsv, peopleCsv });
  }

  // Check the files that are there; a missing file's own "empty file" errors would only repeat "not found".
  const parsed = parseRoster({
    trustYaml: trustYaml ?? '',
    academiesCsv: academiesCsv ?? '',
    peopleCsv: peopleCsv ?? '',
  });
  const found: Record<RosterFile, boolean> = {
    'trust.yaml': trustYaml !== undefined,
    'academies.csv': academiesCsv !== undefined,
    'people.csv': peopleCsv !== undefined,
  };
  const errors = ROSTER_FILES.flatMap((file): RosterError[] => {
    if (!found[file]) {
      const message = `${pathOf(file)} was not found; it should hold ${WHAT_EACH_FILE_HOLDS[file]} (see docs/roster-format.md)`;
      return [{ file, message }];
    }
    return parsed.ok ? [] : parsed.errors.filter((error) => error.file === file);
  });
  return { ok: false, errors };
}

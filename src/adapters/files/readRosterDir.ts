/**
 * Reads the administrator's roster folder (trust.yaml, academies.csv, people.csv) and validates it
 * with the pure parseRoster. The only file I/O the roster needs lives here.
 */
import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';

import type { RosterError, RosterFile, RosterResult } from '../../domain/roster/parseRoster';
import { parseRoster } from '../../domain/roster/parseRoster';
import { describeFsError, readTextFile, type TextFileResult } from './readTextFile';

const ROSTER_FILES: readonly RosterFile[] = ['trust.yaml', 'academies.csv', 'people.csv'];

const WHAT_EACH_FILE_HOLDS: Record<RosterFile, string> = {
  'trust.yaml':
    "the trust's name, boardChannel (the board's Teams channel), and optionally companyNumber and fictional",
  'academies.csv': 'one academy per line under the header urn,name,phase,route,town,openedOn,joinedOn,tags',
  'people.csv': 'one person per line under the header email,name,role,title,academyUrn,aadObjectId,owns',
};

/** A file's text, or why it could not be used: missing files are reported with what they should hold. */
async function readRosterFile(path: string): Promise<TextFileResult> {
  return readTextFile(path, 'the roster file');
}

/**
 * Reads and validates the roster in `dir`. A missing file is reported as a RosterError naming its full
 * path and what it should hold; the files that are there are still checked, so one run shows every
 * problem.
 * @throws Error when a file exists but cannot be read (permissions, I/O): that is not a roster problem.
 */
export async function readRosterDir(dir: string): Promise<RosterResult> {
  const folder = await folderProblem(dir);
  if (folder) return { ok: false, errors: [{ message: folder }] };
  const pathOf = (file: RosterFile) => resolve(join(dir, file));
  const [trust, academies, people] = await Promise.all(
    ROSTER_FILES.map((file) => readRosterFile(pathOf(file))),
  );
  const text = (read: TextFileResult | undefined) => (read?.ok ? read.text : undefined);
  const [trustYaml, academiesCsv, peopleCsv] = [text(trust), text(academies), text(people)];
  if (trustYaml !== undefined && academiesCsv !== undefined && peopleCsv !== undefined) {
    return parseRoster({ trustYaml, academiesCsv, peopleCsv });
  }

  // Check the files that are there; a missing file's own "empty file" errors would only repeat "not found".
  const parsed = parseRoster({
    trustYaml: trustYaml ?? '',
    academiesCsv: academiesCsv ?? '',
    peopleCsv: peopleCsv ?? '',
  });
  const reads: Record<RosterFile, TextFileResult | undefined> = {
    'trust.yaml': trust,
    'academies.csv': academies,
    'people.csv': people,
  };
  const errors = ROSTER_FILES.flatMap((file): RosterError[] => {
    const read = reads[file];
    if (read && !read.ok) {
      const message =
        read.kind === 'notFound'
          ? `${pathOf(file)} was not found; it should hold ${WHAT_EACH_FILE_HOLDS[file]} (see docs/roster-format.md)`
          : read.message;
      return [{ file, ...(read.line !== undefined && { line: read.line }), message }];
    }
    return parsed.ok ? [] : parsed.errors.filter((error) => error.file === file);
  });
  return { ok: false, errors };
}

/**
 * Why `dir` cannot be the roster folder, or undefined when it is a folder (or is missing: then each
 * file is reported as not found, with what it should hold, which says more than "no folder").
 */
async function folderProblem(dir: string): Promise<string | undefined> {
  try {
    if ((await stat(dir)).isDirectory()) return undefined;
    return `${dir} is a file; give the roster folder, which holds ${ROSTER_FILES.join(', ')}`;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ENOENT') return undefined;
    const known = describeFsError(code);
    if (known) return `the roster folder ${dir} ${known.says}`;
    throw new Error(
      `Could not read the roster folder ${dir}: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
}

/**
 * Reads the roster an administrator keeps as three files (trust.yaml, academies.csv, people.csv; see
 * docs/roster-format.md) and checks it. Every problem is reported at once, each naming the file, line
 * and field and saying what is expected, because the administrator fixes them in a text editor and a
 * one-error-at-a-time loop wastes their afternoon.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { isMap, isScalar, LineCounter, parseDocument, Scalar } from 'yaml';

import { isIsoDate } from '../terms/termCalendar';
import type { Academy, AcademyRoute, Person, Phase, Role, Roster, Trust } from './roster';
import { ACADEMY_ROUTES, PHASES, ROLES } from './roster';

export type RosterFile = 'trust.yaml' | 'academies.csv' | 'people.csv';

export interface RosterError {
  file: RosterFile;
  /** 1-based line in the file, when the problem is on one line. */
  line?: number;
  /** The column or key, when the problem is with one field. */
  field?: string;
  /** What is wrong and what is expected, written to follow "file line N, field: ". */
  message: string;
}

export type RosterResult = { ok: true; roster: Roster } | { ok: false; errors: RosterError[] };

export interface RosterFiles {
  trustYaml: string;
  academiesCsv: string;
  peopleCsv: string;
}

/** The keys trust.yaml may hold. */
export const TRUST_KEYS = ['name', 'companyNumber', 'boardChannel', 'fictional'] as const;

/** The columns of academies.csv, in the suggested order. Names are exact (case matters). */
export const ACADEMY_COLUMNS = [
  'urn',
  'name',
  'phase',
  'route',
  'town',
  'openedOn',
  'joinedOn',
  'tags',
] as const;
export const REQUIRED_ACADEMY_COLUMNS: readonly string[] = [
  'urn',
  'name',
  'phase',
  'route',
  'town',
  'openedOn',
];

/** The columns of people.csv, in the suggested order. Names are exact (case matters). */
export const PEOPLE_COLUMNS = ['email', 'name', 'role', 'title', 'academyUrn', 'aadObjectId'] as const;
export const REQUIRED_PEOPLE_COLUMNS: readonly string[] = ['email', 'name', 'role', 'title'];

const URN = /^\d{6,7}$/;
const TAG = /^[A-Za-z][A-Za-z0-9_-]*$/;
const EMAIL = /^[^\s@,;<>"]+@[^\s@,;<>"]+\.[^\s@,;<>".]+$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const COMPANY_NUMBER = /^(\d{8}|[A-Z]{2}\d{6})$/;
const DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;

/** One line of text per error: `academies.csv line 4, phase: "secondry" is not a phase; ...`. */
export function formatRosterError(error: RosterError): string {
  const where = `${error.file}${error.line === undefined ? '' : ` line ${error.line}`}`;
  return `${where}${error.field === undefined ? '' : `, ${error.field}`}: ${error.message}`;
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

// ---------------------------------------------------------------------------------------------------
// trust.yaml

type YamlText = { kind: 'empty' } | { kind: 'text'; value: string } | { kind: 'notText' };

function yamlText(node: unknown, source: string): YamlText {
  if (node === null || node === undefined) return { kind: 'empty' };
  if (!isScalar(node)) return { kind: 'notText' };
  if (node.value === null) return { kind: 'empty' };
  let text: string;
  if (typeof node.value === 'string') {
    text = node.value;
  } else if (node.type === Scalar.PLAIN && node.range) {
    // Plain `07803969` is read as the number 7803969; the text as written keeps the leading zero.
    text = source.slice(node.range[0], node.range[1]);
  } else if (typeof node.value === 'number' || typeof node.value === 'boolean') {
    text = String(node.value);
  } else {
    return { kind: 'notText' };
  }
  text = text.trim();
  return text === '' ? { kind: 'empty' } : { kind: 'text', value: text };
}

function parseTrust(source: string, errors: RosterError[]): Trust | undefined {
  const file = 'trust.yaml';
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false });
  const lineOf = (offset: number) => lineCounter.linePos(offset).line;

  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      errors.push({ file, line: lineOf(error.pos[0]), message: `is not valid YAML: ${error.message}` });
    }
    return undefined;
  }
  const contents = doc.contents;
  if (contents === null || (isScalar(contents) && contents.value === null)) {
    errors.push({
      file,
      message:
        'the file is empty; it needs at least "name:" (the trust\'s name) and "boardChannel:" (the Teams channel)',
    });
    return undefined;
  }
  if (!isMap(contents)) {
    errors.push({
      file,
      line: contents.range ? lineOf(contents.range[0]) : undefined,
      message: `must be a list of "key: value" lines with the keys ${TRUST_KEYS.join(', ')}`,
    });
    return undefined;
  }

  const values = new Map<string, { node: unknown; line: number | undefined }>();
  for (const pair of contents.items) {
    const keyNode = pair.key;
    const keyLine = isScalar(keyNode) && keyNode.range ? lineOf(keyNode.range[0]) : undefined;
    const key = isScalar(keyNode) ? String(keyNode.value) : undefined;
    if (key === undefined || !(TRUST_KEYS as readonly string[]).includes(key)) {
      const suggestion = key === undefined ? undefined : closest(key, TRUST_KEYS);
      errors.push({
        file,
        line: keyLine,
        field: key,
        message:
          `${key === undefined ? 'this' : `"${key}"`} is not a trust.yaml key;` +
          `${suggestion ? ` did you mean ${suggestion}?` : ''} the keys are ${TRUST_KEYS.join(', ')}`,
      });
      continue;
    }
    const valueNode: unknown = pair.value;
    const valueLine = isScalar(valueNode) && valueNode.range ? lineOf(valueNode.range[0]) : keyLine;
    values.set(key, { node: valueNode, line: valueLine });
  }

  const requiredText = (key: 'name' | 'boardChannel', what: string, example: string): string | undefined => {
    const entry = values.get(key);
    if (!entry) {
      errors.push({ file, field: key, message: `is missing; add ${what}, e.g. "${key}: ${example}"` });
      return undefined;
    }
    const text = yamlText(entry.node, source);
    if (text.kind === 'text') return text.value;
    errors.push({
      file,
      line: entry.line,
      field: key,
      message: `${text.kind === 'empty' ? 'is empty' : 'must be text'}; give ${what}, e.g. "${key}: ${example}"`,
    });
    return undefined;
  };

  const name = requiredText('name', "the trust's name", 'The Thrive Partnership Academy Trust');
  const boardChannel = requiredText('boardChannel', "the name of the board's Teams channel", 'Board');

  let companyNumber: string | undefined;
  const companyEntry = values.get('companyNumber');
  if (companyEntry) {
    const text = yamlText(companyEntry.node, source);
    if (text.kind === 'text' && COMPANY_NUMBER.test(text.value)) {
      companyNumber = text.value;
    } else if (text.kind !== 'empty') {
      errors.push({
        file,
        line: companyEntry.line,
        field: 'companyNumber',
        message:
          `${text.kind === 'text' ? `"${text.value}"` : 'this'} is not a Companies House number; ` +
          'it is 8 characters, e.g. 07803969 or SC123456 (or leave the key out)',
      });
    }
  }

  let fictional = false;
  const fictionalEntry = values.get('fictional');
  if (fictionalEntry) {
    const node = fictionalEntry.node;
    if (isScalar(node) && typeof node.value === 'boolean') {
      fictional = node.value;
    } else {
      const text = yamlText(node, source);
      const quoted = text.kind === 'text' && (text.value === 'true' || text.value === 'false');
      errors.push({
        file,
        line: fictionalEntry.line,
        field: 'fictional',
        message: quoted
          ? `"${text.value}" in quotes is text, not true or false; write it without the quotes`
          : `${text.kind === 'text' ? `"${text.value}"` : 'this'} is not true or false; ` +
            'write "fictional: true" for made-up demo data, or leave the key out',
      });
    }
  }

  if (name === undefined || boardChannel === undefined) return undefined;
  return { name, boardChannel, fictional, ...(companyNumber === undefined ? {} : { companyNumber }) };
}

// ---------------------------------------------------------------------------------------------------
// CSV tables

interface CsvRow {
  line: number;
  /** Cell values by column, trimmed. A required column missing from the header has no entry. */
  cells: Map<string, string>;
}

interface CsvTable {
  rows: CsvRow[];
  /** Required columns missing from the header: their checks are skipped, the header error covers them. */
  missing: Set<string>;
  /** The names in the header, as written. */
  present: Set<string>;
}

interface CsvRecord {
  record: string[];
  info: { lines: number };
}

function csvReason(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (code === 'CSV_QUOTE_NOT_CLOSED') {
    return 'a value opens a double quote that is never closed; close it, or remove the stray "';
  }
  if (code === 'INVALID_OPENING_QUOTE' || code === 'CSV_INVALID_CLOSING_QUOTE') {
    return 'a double quote is in the middle of a value; put the whole value in double quotes and write the inner quote twice ("")';
  }
  return error instanceof Error ? error.message : String(error);
}

function readCsvTable(
  text: string,
  file: RosterFile,
  columns: readonly string[],
  required: readonly string[],
  errors: RosterError[],
): CsvTable | undefined {
  let records: CsvRecord[];
  try {
    // info gives each record's line; comment_no_infix keeps a "#" inside a value as text.
    records = parseCsv(text, {
      bom: true,
      comment: '#',
      comment_no_infix: true,
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
    }) as unknown as CsvRecord[];
  } catch (error) {
    const line = (error as { lines?: unknown }).lines;
    errors.push({
      file,
      ...(typeof line === 'number' ? { line } : {}),
      message: `is not valid CSV: ${csvReason(error)}`,
    });
    return undefined;
  }

  // A spreadsheet saves blank rows as ",,,,": those are empty lines too.
  const nonEmpty = records
    .map(({ record, info }) => ({ values: record, line: startLine(record, info.lines) }))
    .filter(({ values }) => values.some((value) => value.trim() !== ''));

  const header = nonEmpty[0];
  if (!header) {
    errors.push({
      file,
      message: `the file has no header line; its first line must name the columns: ${columns.join(',')}`,
    });
    return undefined;
  }

  const headerNames = header.values.map((value) => value.trim());
  const seen = new Set<string>();
  for (const name of headerNames) {
    if (!columns.includes(name)) {
      const suggestion = closest(name, columns);
      errors.push({
        file,
        line: header.line,
        field: name,
        message:
          `"${name}" is not a column of ${file};${suggestion ? ` did you mean ${suggestion}?` : ''} ` +
          `the columns are ${columns.join(', ')}`,
      });
    } else if (seen.has(name)) {
      errors.push({
        file,
        line: header.line,
        field: name,
        message: `the column "${name}" appears twice; each column may appear once`,
      });
    }
    seen.add(name);
  }
  const missing = new Set(required.filter((name) => !seen.has(name)));
  for (const name of missing) {
    errors.push({
      file,
      line: header.line,
      field: name,
      message: `the required column "${name}" is missing from the header; the required columns are ${required.join(', ')}`,
    });
  }

  const rows: CsvRow[] = [];
  for (const { values, line } of nonEmpty.slice(1)) {
    if (values.length !== headerNames.length) {
      errors.push({
        file,
        line,
        message:
          `has ${values.length} values but the header has ${headerNames.length} columns; ` +
          'put any value that contains a comma in double quotes',
      });
      continue;
    }
    // Optional columns left out of the header read as empty; a repeated column keeps its first value.
    const cells = new Map<string, string>();
    headerNames.forEach((name, index) => {
      if (columns.includes(name) && !cells.has(name)) cells.set(name, (values[index] ?? '').trim());
    });
    for (const column of columns) {
      if (!missing.has(column) && !cells.has(column)) cells.set(column, '');
    }
    rows.push({ line, cells });
  }
  return { rows, missing, present: seen };
}

/** csv-parse reports the line a record ends on; a quoted value with line breaks starts it earlier. */
function startLine(values: string[], endLine: number): number {
  const breaks = values.reduce((count, value) => count + (value.match(/\r\n|\r|\n/g)?.length ?? 0), 0);
  return endLine - breaks;
}

/** The known name that a typo most likely meant: same letters ignoring case, or at most two edits away. */
function closest(value: string, options: readonly string[]): string | undefined {
  let best: { option: string; distance: number } | undefined;
  for (const option of options) {
    const distance = value.toLowerCase() === option.toLowerCase() ? 0 : editDistance(value, option);
    if (distance <= 2 && (!best || distance < best.distance)) best = { option, distance };
  }
  return best?.option;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

function oneOf<T extends string>(options: readonly T[], value: string): T | undefined {
  return options.find((option) => option === value);
}

// ---------------------------------------------------------------------------------------------------
// academies.csv

function parseAcademies(
  text: string,
  errors: RosterError[],
): { academies: Academy[]; urns: ReadonlySet<string> | undefined } {
  const file = 'academies.csv';
  const table = readCsvTable(text, file, ACADEMY_COLUMNS, REQUIRED_ACADEMY_COLUMNS, errors);
  if (!table) return { academies: [], urns: undefined };

  const academies: Academy[] = [];
  const urnLines = new Map<string, number>();
  const nameLines = new Map<string, number>();

  for (const { line, cells } of table.rows) {
    const fail = (field: string, message: string) => errors.push({ file, line, field, message });
    let valid = true;
    const check = (ok: boolean, field: string, message: string) => {
      if (!ok) {
        fail(field, message);
        valid = false;
      }
    };

    const urn = cells.get('urn');
    if (urn !== undefined) {
      const firstLine = urnLines.get(urn);
      if (urn === '') {
        check(false, 'urn', "is empty; give the academy's URN (6 or 7 digits)");
      } else if (!URN.test(urn)) {
        check(false, 'urn', `"${urn}" is not a URN; a URN is 6 or 7 digits`);
      } else if (firstLine !== undefined) {
        check(false, 'urn', `URN ${urn} is already used on line ${firstLine}; each academy has its own URN`);
      } else {
        urnLines.set(urn, line);
      }
    }

    const name = cells.get('name');
    if (name !== undefined) {
      const firstLine = nameLines.get(name.toLowerCase());
      check(name !== '', 'name', "is empty; give the academy's name");
      check(
        name === '' || firstLine === undefined,
        'name',
        `"${name}" is already used on line ${firstLine}; names must differ so that people can ask for an academy by name`,
      );
      if (name !== '' && firstLine === undefined) nameLines.set(name.toLowerCase(), line);
    }

    const phaseText = cells.get('phase');
    const phase = phaseText === undefined ? undefined : oneOf<Phase>(PHASES, phaseText);
    if (phaseText !== undefined) {
      check(
        phase !== undefined,
        'phase',
        `${phaseText === '' ? 'is empty' : `"${phaseText}" is not a phase`}; use one of ${PHASES.join(', ')}`,
      );
    }

    const routeText = cells.get('route');
    const route = routeText === undefined ? undefined : oneOf<AcademyRoute>(ACADEMY_ROUTES, routeText);
    if (routeText !== undefined) {
      check(
        route !== undefined,
        'route',
        `${routeText === '' ? 'is empty' : `"${routeText}" is not a route`}; use one of ${ACADEMY_ROUTES.join(', ')}`,
      );
    }

    const town = cells.get('town');
    if (town !== undefined) check(town !== '', 'town', 'is empty; give the town the academy is in');

    const openedOn = cells.get('openedOn');
    if (openedOn !== undefined) {
      const problem = dateProblem(openedOn, 'the date the academy opened');
      if (problem) check(false, 'openedOn', problem);
    }

    // joinedOn is optional: most academies join the trust the day they open.
    const joinedText = cells.get('joinedOn') ?? '';
    let joinedOn = openedOn;
    if (joinedText !== '') {
      const problem = dateProblem(joinedText, 'the date the academy joined the trust');
      if (problem) {
        check(false, 'joinedOn', problem);
      } else {
        joinedOn = joinedText;
        if (openedOn !== undefined && isIsoDate(openedOn)) {
          check(
            joinedText >= openedOn,
            'joinedOn',
            `${joinedText} is before openedOn ${openedOn}; an academy cannot join the trust before it opens`,
          );
        }
      }
    }

    const tags: string[] = [];
    for (const tag of (cells.get('tags') ?? '').split(';').map((part) => part.trim())) {
      if (tag === '' || tags.includes(tag)) continue;
      check(
        TAG.test(tag),
        'tags',
        `"${tag}" is not a tag; a tag is one word of letters, digits, - or _ starting with a letter ` +
          '(e.g. leadPrimary), and tags are separated by ;',
      );
      tags.push(tag);
    }

    if (valid && urn && name && phase && route && town && openedOn && joinedOn) {
      academies.push({ urn, name, phase, route, town, openedOn, joinedOn, tags });
    }
  }

  // People are checked against every well-formed URN, even on rows with other errors, so one typo in
  // academies.csv does not also show up as "no such academy" for its head.
  return { academies, urns: table.missing.has('urn') ? undefined : new Set(urnLines.keys()) };
}

function dateProblem(value: string, what: string): string | undefined {
  if (value === '') return `is empty; give ${what} as YYYY-MM-DD`;
  if (!DATE_SHAPE.test(value)) return `"${value}" is not a date; write dates as YYYY-MM-DD, e.g. 2016-09-01`;
  if (!isIsoDate(value)) return `"${value}" is not a real date; check the month and the day`;
  return undefined;
}

// ---------------------------------------------------------------------------------------------------
// people.csv

function parsePeople(text: string, urns: ReadonlySet<string> | undefined, errors: RosterError[]): Person[] {
  const file = 'people.csv';
  const table = readCsvTable(text, file, PEOPLE_COLUMNS, REQUIRED_PEOPLE_COLUMNS, errors);
  if (!table) return [];

  const people: Person[] = [];
  const emailLines = new Map<string, number>();
  const objectIdLines = new Map<string, number>();
  const headOf = new Map<string, { line: number; email: string }>();

  for (const { line, cells } of table.rows) {
    let valid = true;
    const check = (ok: boolean, field: string, message: string) => {
      if (!ok) {
        errors.push({ file, line, field, message });
        valid = false;
      }
    };

    const emailText = cells.get('email');
    const email = emailText?.toLowerCase();
    if (email !== undefined) {
      const firstLine = emailLines.get(email);
      if (email === '') {
        check(false, 'email', "is empty; give the person's work email");
      } else if (!EMAIL.test(email)) {
        check(
          false,
          'email',
          `"${emailText}" is not an email address; write it like jo.bloggs@school.org.uk`,
        );
      } else if (firstLine !== undefined) {
        check(
          false,
          'email',
          `${email} is already on line ${firstLine} (case does not matter); list each person once`,
        );
      } else {
        emailLines.set(email, line);
      }
    }

    const name = cells.get('name');
    if (name !== undefined) check(name !== '', 'name', "is empty; give the person's name");

    const roleText = cells.get('role');
    const role = roleText === undefined ? undefined : oneOf<Role>(ROLES, roleText);
    if (roleText !== undefined) {
      check(
        role !== undefined,
        'role',
        `${roleText === '' ? 'is empty' : `"${roleText}" is not a role`}; use one of ${ROLES.join(', ')}`,
      );
    }

    const title = cells.get('title');
    if (title !== undefined) {
      check(
        title !== '',
        'title',
        'is empty; give what the trust calls the post, e.g. Headteacher or Trustee',
      );
    }

    const academyUrn = cells.get('academyUrn') ?? '';
    if (role === 'head') {
      if (academyUrn === '') {
        check(
          false,
          'academyUrn',
          `is empty; a head needs the URN of their academy${table.present.has('academyUrn') ? '' : ' (add an academyUrn column)'}`,
        );
      } else if (!URN.test(academyUrn)) {
        check(false, 'academyUrn', `"${academyUrn}" is not a URN; a URN is 6 or 7 digits`);
      } else if (urns && !urns.has(academyUrn)) {
        check(false, 'academyUrn', `no academy in academies.csv has URN ${academyUrn}`);
      } else {
        const firstHead = headOf.get(academyUrn);
        check(
          firstHead === undefined,
          'academyUrn',
          `academy ${academyUrn} already has a head on line ${firstHead?.line} (${firstHead?.email}); ` +
            'an academy has one head',
        );
        if (!firstHead) headOf.set(academyUrn, { line, email: email ?? '' });
      }
    } else if (role !== undefined) {
      check(academyUrn === '', 'academyUrn', `only heads have an academyUrn; leave it empty for a ${role}`);
    }

    const objectIdText = cells.get('aadObjectId') ?? '';
    const aadObjectId = objectIdText.toLowerCase();
    if (aadObjectId !== '') {
      const firstLine = objectIdLines.get(aadObjectId);
      if (!GUID.test(aadObjectId)) {
        check(
          false,
          'aadObjectId',
          `"${objectIdText}" is not a Microsoft Entra object id; it is a GUID like ` +
            '7e1d0000-0000-4000-8000-000000000001 (or leave it empty)',
        );
      } else if (firstLine !== undefined) {
        check(
          false,
          'aadObjectId',
          `is already used on line ${firstLine}; each person has their own object id`,
        );
      } else {
        objectIdLines.set(aadObjectId, line);
      }
    }

    if (valid && email && name && role && title) {
      people.push({
        email,
        name,
        role,
        title,
        ...(aadObjectId === '' ? {} : { aadObjectId }),
        ...(role === 'head' ? { academyUrn } : {}),
      });
    }
  }
  return people;
}

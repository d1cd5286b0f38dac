/** Reads academies.csv: one academy per row (docs/roster-format.md). */
import { isIsoDate, readIsoDate } from '../terms/termCalendar';
import { nameKey } from '../text/invisibleText';
import { isUrn, readRosterCsv, RowChecks } from './readRosterCsv';
import type { Academy, AcademyRoute, Phase } from './roster';
import { ACADEMY_ROUTES, PHASES } from './roster';
import type { RosterError } from './rosterError';

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
  'founder',
] as const;
/** The columns the header must name: all but joinedOn (it defaults to openedOn), tags and founder. */
export const REQUIRED_ACADEMY_COLUMNS: readonly string[] = ACADEMY_COLUMNS.filter(
  (column) => column !== 'joinedOn' && column !== 'tags' && column !== 'founder',
);

const TAG = /^[A-Za-z][A-Za-z0-9_-]*$/;
const DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The academies without errors, and every well-formed URN in the file (undefined when the urn column is
 * missing), for people.csv to be checked against.
 */
export function parseAcademies(
  text: string,
  errors: RosterError[],
): { academies: Academy[]; urns: ReadonlySet<string> | undefined } {
  const file = 'academies.csv';
  const table = readRosterCsv(text, file, ACADEMY_COLUMNS, REQUIRED_ACADEMY_COLUMNS, errors);
  if (!table) return { academies: [], urns: undefined };

  const academies: Academy[] = [];
  const urnLines = new Map<string, number>();
  const nameLines = new Map<string, number>();

  for (const row of table.rows) {
    const { line, cells } = row;
    const checks = new RowChecks(file, row, errors);

    const urn = cells.get('urn');
    if (urn !== undefined) {
      const firstLine = urnLines.get(urn);
      if (urn === '') {
        checks.fail('urn', "is empty; give the academy's URN (6 or 7 digits)");
      } else if (!isUrn(urn)) {
        checks.fail('urn', `"${urn}" is not a URN; a URN is 6 or 7 digits`);
      } else if (firstLine !== undefined) {
        checks.fail('urn', `URN ${urn} is already used on line ${firstLine}; each academy has its own URN`);
      } else {
        urnLines.set(urn, line);
      }
    }

    const name = cells.get('name');
    if (name !== undefined) {
      const firstLine = nameLines.get(nameKey(name));
      checks.check(name !== '', 'name', "is empty; give the academy's name");
      checks.check(
        name === '' || firstLine === undefined,
        'name',
        `"${name}" is already used on line ${firstLine}; names must differ so that people can ask for an academy by name`,
      );
      if (name !== '' && firstLine === undefined) nameLines.set(nameKey(name), line);
    }

    const phase = checks.choice<Phase>('phase', PHASES, 'phase');
    const route = checks.choice<AcademyRoute>('route', ACADEMY_ROUTES, 'route');

    const town = cells.get('town');
    if (town !== undefined) checks.check(town !== '', 'town', 'is empty; give the town the academy is in');

    const openedOn = cells.get('openedOn');
    if (openedOn !== undefined) {
      const problem = dateProblem(openedOn, 'the date the academy opened');
      if (problem) checks.fail('openedOn', problem);
    }

    // joinedOn is optional: most academies join the trust the day they open.
    const joinedText = cells.get('joinedOn') ?? '';
    let joinedOn = openedOn;
    if (joinedText !== '') {
      const problem = dateProblem(joinedText, 'the date the academy joined the trust');
      if (problem) {
        checks.fail('joinedOn', problem);
      } else {
        joinedOn = joinedText;
        if (openedOn !== undefined && isIsoDate(openedOn)) {
          checks.check(
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
      checks.check(
        TAG.test(tag),
        'tags',
        `"${tag}" is not a tag; a tag is one word of letters, digits, - or _ starting with a letter ` +
          '(e.g. leadPrimary), and tags are separated by ;',
      );
      tags.push(tag);
    }

    // founder is optional: yes marks a founder academy beside its route ("sponsored founder").
    const founderText = (cells.get('founder') ?? '').toLowerCase();
    const founder =
      founderText === 'yes' ? true : founderText === 'no' || founderText === '' ? false : undefined;
    checks.check(founder !== undefined, 'founder', `"${founderText}" must be yes, no or empty`);

    if (checks.valid && urn && name && phase && route && town && openedOn && joinedOn) {
      academies.push({
        urn,
        name,
        phase,
        route,
        town,
        openedOn,
        joinedOn,
        tags,
        ...(founder ? { founder } : {}),
      });
    }
  }

  // People are checked against every well-formed URN, even on rows with other errors, so one typo in
  // academies.csv does not also show up as "no such academy" for its head.
  return { academies, urns: table.missing.has('urn') ? undefined : new Set(urnLines.keys()) };
}

function dateProblem(value: string, what: string): string | undefined {
  if (value === '') return `is empty; give ${what} as YYYY-MM-DD`;
  if (!DATE_SHAPE.test(value)) return `"${value}" is not a date; write dates as YYYY-MM-DD, e.g. 2016-09-01`;
  const date = readIsoDate(value);
  return date.ok ? undefined : date.message;
}

/**
 * Reads people.csv: one person per row, heads tied to their academy, owners of trust figures naming the
 * figures or areas they own (docs/roster-format.md).
 */
import { METRIC_AREAS } from '../metrics/metric';
import { closestName } from './closestName';
import { isUrn, readRosterCsv, RowChecks } from './readRosterCsv';
import type { Person, Role } from './roster';
import { ROLES } from './roster';
import type { RosterError } from './rosterError';
import { TRUST_METRIC_IDS, trustMetricsNamed } from './trustFigureOwners';

/** The columns of people.csv, in the suggested order. Names are exact (case matters). */
export const PEOPLE_COLUMNS = [
  'email',
  'name',
  'role',
  'title',
  'academyUrn',
  'aadObjectId',
  'owns',
] as const;
export const REQUIRED_PEOPLE_COLUMNS: readonly string[] = ['email', 'name', 'role', 'title'];

const EMAIL = /^[^\s@,;<>"]+@[^\s@,;<>"]+\.[^\s@,;<>".]+$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The people without errors. A head's academyUrn is checked against `urns`, the URNs in academies.csv
 * (not checked when that file has no urn column).
 */
export function parsePeople(
  text: string,
  urns: ReadonlySet<string> | undefined,
  errors: RosterError[],
): Person[] {
  const file = 'people.csv';
  const table = readRosterCsv(text, file, PEOPLE_COLUMNS, REQUIRED_PEOPLE_COLUMNS, errors);
  if (!table) return [];

  const people: Person[] = [];
  const emailLines = new Map<string, number>();
  const objectIdLines = new Map<string, number>();
  const headOf = new Map<string, { line: number; email: string }>();
  const ownerOf = new Map<string, { line: number; email: string }>();

  for (const row of table.rows) {
    const { line, cells } = row;
    const checks = new RowChecks(file, row, errors);

    const emailText = cells.get('email');
    const email = emailText?.toLowerCase();
    if (email !== undefined) {
      const firstLine = emailLines.get(email);
      if (email === '') {
        checks.fail('email', "is empty; give the person's work email");
      } else if (!EMAIL.test(email)) {
        checks.fail('email', `"${emailText}" is not an email address; write it like jo.bloggs@school.org.uk`);
      } else if (firstLine !== undefined) {
        checks.fail(
          'email',
          `${email} is already on line ${firstLine} (case does not matter); list each person once`,
        );
      } else {
        emailLines.set(email, line);
      }
    }

    const name = cells.get('name');
    if (name !== undefined) checks.check(name !== '', 'name', "is empty; give the person's name");

    const role = checks.choice<Role>('role', ROLES, 'role');

    const title = cells.get('title');
    if (title !== undefined) {
      checks.check(
        title !== '',
        'title',
        'is empty; give what the trust calls the post, e.g. Headteacher or Trustee',
      );
    }

    const academyUrn = cells.get('academyUrn') ?? '';
    // A head of several academies lists each URN, separated by semicolons: "990005;990006".
    const academyUrns = academyUrn
      .split(';')
      .map((urn) => urn.trim())
      .filter(Boolean);
    if (role === 'head') {
      if (academyUrns.length === 0) {
        checks.fail(
          'academyUrn',
          `is empty; a head needs the URN of their academy${table.present.has('academyUrn') ? '' : ' (add an academyUrn column)'}`,
        );
      }
      for (const urn of new Set(academyUrns)) {
        if (!isUrn(urn)) {
          checks.fail(
            'academyUrn',
            `"${urn}" is not a URN; a URN is 6 or 7 digits (separate several with ;)`,
          );
        } else if (urns && !urns.has(urn)) {
          checks.fail('academyUrn', `no academy in academies.csv has URN ${urn}`);
        } else {
          const firstHead = headOf.get(urn);
          checks.check(
            firstHead === undefined,
            'academyUrn',
            `academy ${urn} already has a head on line ${firstHead?.line} (${firstHead?.email}); ` +
              'an academy has one head',
          );
          if (!firstHead) headOf.set(urn, { line, email: email ?? '' });
        }
      }
    } else if (role !== undefined) {
      checks.check(
        academyUrn === '',
        'academyUrn',
        `only heads have an academyUrn; leave it empty for a ${role}`,
      );
    }

    const objectIdText = cells.get('aadObjectId') ?? '';
    const aadObjectId = objectIdText.toLowerCase();
    if (aadObjectId !== '') {
      const firstLine = objectIdLines.get(aadObjectId);
      if (!GUID.test(aadObjectId)) {
        checks.fail(
          'aadObjectId',
          `"${objectIdText}" is not a Microsoft Entra object id; it is a GUID like ` +
            '7e1d0000-0000-4000-8000-000000000001 (or leave it empty)',
        );
      } else if (firstLine !== undefined) {
        checks.fail(
          'aadObjectId',
          `is already used on line ${firstLine}; each person has their own object id`,
        );
      } else {
        objectIdLines.set(aadObjectId, line);
      }
    }

    const owns = readOwns(cells.get('owns') ?? '', role, checks);
    for (const entry of owns) {
      for (const metricId of trustMetricsNamed(entry) ?? []) {
        const first = ownerOf.get(metricId);
        if (first === undefined) {
          ownerOf.set(metricId, { line, email: email ?? '' });
        } else if (first.line !== line) {
          checks.fail(
            'owns',
            `${metricId}${entry === metricId ? '' : ` (in ${entry})`} is already owned by ${first.email} on line ` +
              `${first.line}; each trust figure has one owner, so name it on one line only`,
          );
        }
      }
    }

    if (checks.valid && email && name && role && title) {
      people.push({
        email,
        name,
        role,
        title,
        ...(aadObjectId === '' ? {} : { aadObjectId }),
        ...(role === 'head' ? headAcademies([...new Set(academyUrns)]) : {}),
        ...(owns.length > 0 ? { owns } : {}),
      });
    }
  }
  return people;
}

/** A head's academy fields: the first URN, and every URN when they lead several. */
function headAcademies(urns: string[]): Pick<Person, 'academyUrn' | 'academyUrns'> {
  const [first] = urns;
  if (first === undefined) return {};
  return urns.length > 1 ? { academyUrn: first, academyUrns: urns } : { academyUrn: first };
}

/** Roles whose people may own trust figures: the central team, not heads or the board. */
const OWNER_ROLES: readonly Role[] = ['executive', 'administrator'];

/**
 * The `owns` entries of a row (metric ids and areas, separated by `;`), each once; every entry that names
 * no trust figure or area, and an owner whose role may not own, is reported.
 */
function readOwns(text: string, role: Role | undefined, checks: RowChecks): string[] {
  const entries = [
    ...new Set(
      text
        .split(';')
        .map((entry) => entry.trim())
        .filter(Boolean),
    ),
  ];
  if (entries.length === 0) return [];
  if (role !== undefined && !OWNER_ROLES.includes(role)) {
    checks.fail(
      'owns',
      `only an executive or administrator owns trust figures; leave it empty for a ${role}`,
    );
    return [];
  }
  const known = [...METRIC_AREAS, ...TRUST_METRIC_IDS];
  for (const entry of entries) {
    if (trustMetricsNamed(entry) !== undefined) continue;
    const suggestion = closestName(entry, known);
    checks.fail(
      'owns',
      `"${entry}" is not a trust figure or area;${suggestion ? ` did you mean ${suggestion}?` : ''} ` +
        `the areas are ${METRIC_AREAS.join(', ')} and the trust figures ${TRUST_METRIC_IDS.join(', ')} ` +
        '(separate several with ;)',
    );
  }
  return entries;
}

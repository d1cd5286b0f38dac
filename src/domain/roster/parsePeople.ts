/** Reads people.csv: one person per row, heads tied to their academy (docs/roster-format.md). */
import { isUrn, readRosterCsv, RowChecks } from './readRosterCsv';
import type { Person, Role } from './roster';
import { ROLES } from './roster';
import type { RosterError } from './rosterError';

/** The columns of people.csv, in the suggested order. Names are exact (case matters). */
export const PEOPLE_COLUMNS = ['email', 'name', 'role', 'title', 'academyUrn', 'aadObjectId'] as const;
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

    if (checks.valid && email && name && role && title) {
      people.push({
        email,
        name,
        role,
        title,
        ...(aadObjectId === '' ? {} : { aadObjectId }),
        ...(role === 'head' ? headAcademies([...new Set(academyUrns)]) : {}),
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

/**
 * The rows of one roster version (see the layout in TableRosterStore.ts): the roster to table entities
 * and back. Rows are keyed by position, so the administrator's order survives.
 */
import type { TableEntity } from '@azure/data-tables';

import {
  type Academy,
  ACADEMY_ROUTES,
  type AcademyRoute,
  type Person,
  type Phase,
  PHASES,
  type Role,
  ROLES,
  type Roster,
  type Trust,
} from '../../domain/roster/roster';
import { EntityFieldReader } from './EntityFieldReader';

export const TRUST_ROW = 'trust';
export const ACADEMY_ROW_PREFIX = 'academy-';
export const PERSON_ROW_PREFIX = 'person-';

/** The trust row also counts the version's academies and people, so a reader can tell it is complete. */
type TrustEntity = {
  name: string;
  companyNumber?: string;
  boardChannel: string;
  fictional: boolean;
  academyCount: number;
  personCount: number;
  createdAt: string;
};

type AcademyEntity = {
  urn: string;
  name: string;
  phase: string;
  route: string;
  town: string;
  openedOn: string;
  joinedOn: string;
  /** JSON array: tables have no list type. */
  tags: string;
  founder?: boolean;
};

type PersonEntity = {
  email: string;
  name: string;
  role: string;
  title: string;
  aadObjectId?: string;
  /** The head's URN, or several separated by `;` for a head of more than one academy. */
  academyUrn?: string;
  /** The trust figures and areas the person owns, separated by `;` (people.csv `owns`). */
  owns?: string;
};

function position(prefix: string, index: number): string {
  return `${prefix}${String(index).padStart(6, '0')}`;
}

/** The rows of a roster version: the trust row, then one row per academy and per person, in order. */
export function toRosterEntities(partitionKey: string, roster: Roster, createdAt: Date): TableEntity[] {
  const trust: TableEntity<TrustEntity> = {
    partitionKey,
    rowKey: TRUST_ROW,
    name: roster.trust.name,
    boardChannel: roster.trust.boardChannel,
    fictional: roster.trust.fictional,
    academyCount: roster.academies.length,
    personCount: roster.people.length,
    createdAt: createdAt.toISOString(),
    ...(roster.trust.companyNumber !== undefined && { companyNumber: roster.trust.companyNumber }),
  };
  const academies = roster.academies.map((academy, index): TableEntity<AcademyEntity> => ({
    partitionKey,
    rowKey: position(ACADEMY_ROW_PREFIX, index),
    urn: academy.urn,
    name: academy.name,
    phase: academy.phase,
    route: academy.route,
    town: academy.town,
    openedOn: academy.openedOn,
    joinedOn: academy.joinedOn,
    tags: JSON.stringify(academy.tags),
    ...(academy.founder === true && { founder: true }),
  }));
  const people = roster.people.map((person, index): TableEntity<PersonEntity> => ({
    partitionKey,
    rowKey: position(PERSON_ROW_PREFIX, index),
    email: person.email,
    name: person.name,
    role: person.role,
    title: person.title,
    ...(person.aadObjectId !== undefined && { aadObjectId: person.aadObjectId }),
    ...(person.academyUrn !== undefined && {
      academyUrn: (person.academyUrns ?? [person.academyUrn]).join(';'),
    }),
    ...(person.owns !== undefined && person.owns.length > 0 && { owns: person.owns.join(';') }),
  }));
  return [trust, ...academies, ...people];
}

/** Names the academy, person or trust a row holds, for an error message. */
export function describeRosterEntity(entity: TableEntity): string {
  const row = entity as TableEntity<Partial<AcademyEntity & PersonEntity>>;
  if (row.rowKey.startsWith(ACADEMY_ROW_PREFIX)) return `academy ${row.urn ?? '?'} (${row.name ?? '?'})`;
  if (row.rowKey.startsWith(PERSON_ROW_PREFIX)) return `person ${row.email ?? '?'}`;
  return 'the trust row';
}

/** Reads typed fields from a stored row, failing with the row and field named. */
export class RosterRowReader extends EntityFieldReader {
  constructor(table: string, partitionKey: string, row: Record<string, unknown> & { rowKey?: string }) {
    super(row, {
      table,
      operation: 'load roster',
      partitionKey,
      advice:
        'The row was not written by this adapter or the roster format changed; import the roster again.',
    });
  }

  trust(): Trust {
    const trust: Trust = {
      name: this.text('name'),
      boardChannel: this.text('boardChannel'),
      fictional: this.flag('fictional'),
    };
    const companyNumber = this.optionalText('companyNumber');
    if (companyNumber !== undefined) trust.companyNumber = companyNumber;
    return trust;
  }

  academy(): Academy {
    let tags: unknown;
    try {
      tags = JSON.parse(this.text('tags'));
    } catch {
      tags = undefined;
    }
    if (!Array.isArray(tags) || !tags.every((tag) => typeof tag === 'string')) throw this.bad('tags');
    return {
      urn: this.text('urn'),
      name: this.text('name'),
      phase: this.oneOf<Phase>('phase', PHASES),
      route: this.oneOf<AcademyRoute>('route', ACADEMY_ROUTES),
      town: this.text('town'),
      openedOn: this.text('openedOn'),
      joinedOn: this.text('joinedOn'),
      tags,
      ...(this.row.founder === true ? { founder: true } : {}),
    };
  }

  person(): Person {
    const person: Person = {
      email: this.text('email'),
      name: this.text('name'),
      role: this.oneOf<Role>('role', ROLES),
      title: this.text('title'),
    };
    const aadObjectId = this.optionalText('aadObjectId');
    if (aadObjectId !== undefined) person.aadObjectId = aadObjectId;
    const academyUrn = this.optionalText('academyUrn');
    if (academyUrn !== undefined) {
      const urns = academyUrn.split(';').filter(Boolean);
      person.academyUrn = urns[0] ?? academyUrn;
      if (urns.length > 1) person.academyUrns = urns;
    }
    const owns = this.optionalText('owns')?.split(';').filter(Boolean);
    if (owns !== undefined && owns.length > 0) person.owns = owns;
    return person;
  }
}

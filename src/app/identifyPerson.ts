import type { Academy, Person, Roster } from '../domain/roster/roster';

/** What Teams tells us about who sent an activity. */
export interface SenderIdentity {
  aadObjectId?: string;
  /** Email or user principal name, when Teams gave us one. */
  email?: string;
}

export interface KnownPerson {
  person: Person;
  academy?: Academy;
}

/**
 * Finds the roster person behind a Teams sender: by Entra object id first (stable even when an email
 * changes), then by email, case-insensitively. Undefined means "not on the roster".
 */
export function identifyPerson(roster: Roster, sender: SenderIdentity): KnownPerson | undefined {
  const aad = sender.aadObjectId?.toLowerCase();
  const email = sender.email?.toLowerCase();
  const person =
    (aad ? roster.people.find((p) => p.aadObjectId?.toLowerCase() === aad) : undefined) ??
    (email ? roster.people.find((p) => p.email.toLowerCase() === email) : undefined);
  if (!person) return undefined;
  const academy = person.academyUrn ? roster.academies.find((a) => a.urn === person.academyUrn) : undefined;
  return { person, academy };
}

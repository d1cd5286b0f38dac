/**
 * Who is who in a round: the academies a head leads, the head of an academy, the executives to tell.
 */
import type { Academy, Person, Roster } from '../../domain/roster/roster';

/** The URNs a person leads: none unless they are a head. */
export function academyUrnsOf(person: Person): string[] {
  if (person.role !== 'head') return [];
  if (person.academyUrns && person.academyUrns.length > 0) return [...person.academyUrns];
  return person.academyUrn ? [person.academyUrn] : [];
}

/** The academies a head leads, in roster order. */
export function academiesLedBy(person: Person, roster: Roster): Academy[] {
  const urns = new Set(academyUrnsOf(person));
  return roster.academies.filter((academy) => urns.has(academy.urn));
}

/** The head of the academy, when the roster names one. */
export function headOf(urn: string, roster: Roster): Person | undefined {
  return roster.people.find((person) => academyUrnsOf(person).includes(urn));
}

/** Whether the person may open, remind, excuse and close rounds. */
export function managesRounds(person: Person): boolean {
  return person.role === 'executive';
}

/** The executives, who are told about the round and whom heads are pointed to. */
export function executivesOf(roster: Roster): Person[] {
  return roster.people.filter(managesRounds);
}

/**
 * "Amara Okafor (amara.okafor@…)" — who a head or an owner should contact about a round: the first
 * executive on the roster who is not the person asking (`except`), or the trust office.
 */
export function roundContact(roster: Roster, except?: string): string {
  const contact = executivesOf(roster).find((person) => person.email !== except);
  return contact ? `${contact.name} (${contact.email})` : 'your trust office';
}

/** The academies that are in the trust on the day. */
export function academiesInTrust(roster: Roster, day: string): Academy[] {
  return roster.academies.filter((academy) => academy.joinedOn <= day);
}

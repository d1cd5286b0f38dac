/**
 * Which trust figures each owner is asked in a term: the figures the catalogue marks `source: trust`
 * that the plan's targets need from each academy that term (trustRequestedMetrics: annual figures only in
 * the term they belong to, only academies in the trust by the term's end), grouped under the person who
 * owns them (trustFigureOwners: named in people.csv's `owns`, else the first executive).
 */
import { METRIC_CATALOGUE } from '../metrics/metricCatalogue';
import type { Plan } from '../plan/plan';
import type { Academy, Person } from '../roster/roster';
import { trustFigureOwners } from '../roster/trustFigureOwners';
import type { TermRef } from '../terms/term';
import type { TermCalendar } from '../terms/termCalendar';
import { type RequestedMetric, trustRequestedMetrics } from './requestedMetrics';

const CATALOGUE_ORDER = new Map(METRIC_CATALOGUE.map((metric, index) => [metric.id, index]));

/** One academy's figures on an owner's card. */
export interface OwnerAcademyRequest {
  academy: Academy;
  metrics: RequestedMetric[];
}

/** What one owner is asked in a term: their figures, academy by academy (roster order). */
export interface OwnerRequest {
  owner: Person;
  academies: OwnerAcademyRequest[];
  /** The metric ids asked of them across the academies, in catalogue order. */
  metricIds: string[];
}

/**
 * Every owner with figures due in the term, in roster order, each with the academies (in `academies`'
 * order) that need any of their figures. Owners with nothing due are left out; a figure nobody owns
 * (no owner named and no executive on the roster) is asked of nobody and stays missing.
 */
export function ownerRequests(
  plan: Plan,
  academies: readonly Academy[],
  people: readonly Person[],
  term: TermRef,
  calendar: TermCalendar,
): OwnerRequest[] {
  const owners = trustFigureOwners(people);
  const byOwner = new Map<string, OwnerRequest>();
  for (const academy of academies) {
    const requested = trustRequestedMetrics(plan, academy, term, calendar);
    for (const entry of requested) {
      const owner = owners.get(entry.metric.id);
      if (!owner) continue;
      let request = byOwner.get(owner.email);
      if (!request) byOwner.set(owner.email, (request = { owner, academies: [], metricIds: [] }));
      let forAcademy = request.academies.at(-1);
      if (forAcademy?.academy.urn !== academy.urn) {
        forAcademy = { academy, metrics: [] };
        request.academies.push(forAcademy);
      }
      forAcademy.metrics.push(entry);
      if (!request.metricIds.includes(entry.metric.id)) request.metricIds.push(entry.metric.id);
    }
  }
  const rosterOrder = new Map(people.map((person, index) => [person.email, index]));
  const requests = [...byOwner.values()].sort(
    (a, b) => (rosterOrder.get(a.owner.email) ?? 0) - (rosterOrder.get(b.owner.email) ?? 0),
  );
  for (const request of requests) {
    request.metricIds.sort((a, b) => (CATALOGUE_ORDER.get(a) ?? 0) - (CATALOGUE_ORDER.get(b) ?? 0));
  }
  return requests;
}

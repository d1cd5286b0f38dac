/**
 * Stored figures as the evaluator's observations, in one place: the bot's evaluation (closing a round,
 * a provisional summary) and the data file an export writes for `evaluate` read a figure the same way,
 * so both judge the same figures the same way.
 */
import { firstFigureTerm } from '../../domain/evaluation/firstFigureTerm';
import type { NotAvailableAnswer, Observation } from '../../domain/evaluation/observation';
import type { IsoDate, Roster } from '../../domain/roster/roster';
import type { AcademyTermRecord, StoredFigure } from '../../domain/round/round';
import { localTime } from '../../domain/terms/localTime';
import { formatTermKey, parseTermKey, termRange } from '../../domain/terms/termCalendar';
import type { RoundDeps } from './roundDeps';

/**
 * The day a stored figure became known, when the evaluator should not work it out: a head's answer (or
 * a correction of the open round's) is known from the day (in the trust's time zone) it was stored; a
 * published figure from its publication (a school's KS2 results from the DfE's December release, not the
 * day the school had them); any other
 * imported figure from when the metric's results are published (the evaluator's availability rule), so
 * undefined.
 */
export function storedKnownOn(figure: StoredFigure, timeZone: string): IsoDate | undefined {
  if (figure.content.published) return figure.content.published.publishedOn;
  return figure.channel === 'import' ? undefined : localTime(new Date(figure.at), timeZone).date;
}

/** The figure as an observation, or undefined for a "not available" answer (missing with a reason, never a value). */
export function observationOfFigure(figure: StoredFigure, timeZone: string): Observation | undefined {
  if (!('value' in figure.content)) return undefined;
  const term = parseTermKey(figure.term);
  if (!term) return undefined;
  const observation: Observation = {
    subject: figure.urn,
    term,
    metricId: figure.metricId,
    value: figure.content.value,
  };
  const knownOn = storedKnownOn(figure, timeZone);
  if (knownOn !== undefined) observation.knownOn = knownOn;
  return observation;
}

/** Who answered, as a trustee knows them: the roster's name for an email (undefined when not on the roster). */
export function rosterNames(roster: Roster): (email: string) => string | undefined {
  const names = new Map(roster.people.map((person) => [person.email.toLowerCase(), person.name]));
  return (email) => names.get(email.toLowerCase());
}

/** A "not available" answer as the evaluator's evidence (why, who, the day), or undefined for a value. */
export function answerOfFigure(
  figure: StoredFigure,
  timeZone: string,
  nameOf: (email: string) => string | undefined,
): NotAvailableAnswer | undefined {
  if (!('notAvailable' in figure.content)) return undefined;
  const term = parseTermKey(figure.term);
  if (!term) return undefined;
  const by = nameOf(figure.by);
  return {
    subject: figure.urn,
    term,
    metricId: figure.metricId,
    reason: figure.content.notAvailable,
    ...(by === undefined ? {} : { by }),
    on: localTime(new Date(figure.at), timeZone).date,
  };
}

/**
 * The term keys whose figures an evaluation through `through` reads: from the earliest term any rule may
 * look at (firstFigureTerm: the roster's first opening) to `through`; none when `through` is not a term key.
 */
export function figureTerms(deps: RoundDeps, roster: Roster, through: string): string[] {
  const last = parseTermKey(through);
  if (!last) return [];
  const first = firstFigureTerm(deps.plan, roster, deps.calendar);
  return termRange(first, last).map(formatTermKey);
}

/** Every academy's stored record of every term an evaluation through `through` reads. */
export async function storedRecords(
  deps: RoundDeps,
  roster: Roster,
  through: string,
): Promise<AcademyTermRecord[]> {
  const terms = figureTerms(deps, roster, through);
  return (await Promise.all(terms.map((term) => deps.figures.term(term)))).flat();
}

/**
 * Every stored figure an evaluation through `through` reads, as the evaluator's observations, and every
 * "not available" answer with its reason, who gave it and when.
 */
export async function storedObservations(
  deps: RoundDeps,
  roster: Roster,
  through: string,
): Promise<{ observations: Observation[]; notAvailable: NotAvailableAnswer[] }> {
  const observations: Observation[] = [];
  const notAvailable: NotAvailableAnswer[] = [];
  const nameOf = rosterNames(roster);
  const { timeZone } = deps.settings;
  for (const record of await storedRecords(deps, roster, through)) {
    for (const figure of record.figures.values()) {
      const observation = observationOfFigure(figure, timeZone);
      if (observation) observations.push(observation);
      const answer = observation ? undefined : answerOfFigure(figure, timeZone, nameOf);
      if (answer) notAvailable.push(answer);
    }
  }
  return { observations, notAvailable };
}

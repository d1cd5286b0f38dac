/**
 * An owner's side of the round: the owner of trust figures (trustFigureOwners) answers for every academy
 * on one card. Every decision is here, as for the head (headFigures.ts); the Teams adapter only carries
 * the card's data in and the answer out.
 *
 * Storage. Figures are stored per academy and term, each academy's record written in one conditional
 * transaction; an owner's answer spans academies, and no transaction spans partitions. So a submission
 * is validated whole, then kept whole as the `pending` submission of the owner's own record (one
 * conditional write), then applied academy by academy (each with updateFigureRecord: the figures the
 * owner changed and one audit record each, `by` the owner, channel `card`, at the submission's time), and
 * only then is the owner's record marked submitted, the pending submission dropped. A failure part way
 * leaves every academy's record whole (its transaction stored all or nothing) and the pending submission
 * in place: pressing Submit again, the owner's next card or the round's close finishes it
 * (`finishPendingOwnerSubmissions`). Applying a submission again stores nothing twice, because a figure
 * already stored as submitted is not written and gets no second audit record.
 */
import type { Person, Roster } from '../../domain/roster/roster';
import { figureChanges } from '../../domain/round/figureChanges';
import { type OwnerRequest, ownerRequests } from '../../domain/round/ownerRequests';
import {
  academyInputs,
  ownerFieldIds,
  type OwnerFigure,
  type OwnerSubmission,
  type OwnerTermRecord,
} from '../../domain/round/ownerRound';
import type { FigureContent, Round } from '../../domain/round/round';
import {
  MAX_REASON_LENGTH,
  MAX_VALUE_LENGTH,
  readFigureInputs,
  REASON_PREFIX,
  validateFigures,
} from '../../domain/round/validateFigures';
import type { OwnerRecordWrite } from '../ports';
import { MAX_RECORD_ATTEMPTS, updateFigureRecord } from '../updateFigureRecord';
import type { RoundDeps } from './roundDeps';
import { academiesInTrust } from './roundPeople';
import { datesOf, termLabel, termOf } from './roundTerm';

/** What an owner is asked in the round (ownerRequests), with the round. */
export interface OwnerContext {
  round: Round;
  request: OwnerRequest;
}

export type OwnerOutcome =
  /** Errors by URN, then metric id, in the words to show beside each field; nothing was stored. */
  | { kind: 'invalid'; errors: Map<string, Map<string, string>>; typed: Map<string, string> }
  /** Stored: `changed` figures written (0 when the same answer came again). */
  | { kind: 'stored'; record: OwnerTermRecord; changed: number }
  | { kind: 'draftSaved'; record: OwnerTermRecord }
  | { kind: 'refused' | 'closed' | 'busy'; text: string };

/** Every owner with figures due in the round, each with their academies (in the trust by the close day). */
export function ownersOfRound(deps: RoundDeps, roster: Roster, round: Round): OwnerRequest[] {
  const term = termOf(round);
  const academies = academiesInTrust(roster, datesOf(deps, term).closesOn);
  return ownerRequests(deps.plan, academies, roster.people, term, deps.calendar);
}

/** What the owner is asked in the open round of `term`, or why they cannot answer it. */
export async function ownerContext(
  deps: RoundDeps,
  roster: Roster,
  person: Person,
  term: string,
): Promise<{ ok: true; context: OwnerContext } | { ok: false; outcome: OwnerOutcome }> {
  const round = await deps.rounds.get(term);
  if (!round) {
    return { ok: false, outcome: { kind: 'refused', text: `There is no ${termLabel(term)} round.` } };
  }
  if (round.status === 'closed') {
    return {
      ok: false,
      outcome: {
        kind: 'closed',
        text: `The ${termLabel(round.term)} round has closed, so these figures can no longer be changed.`,
      },
    };
  }
  const request = ownersOfRound(deps, roster, round).find((entry) => entry.owner.email === person.email);
  if (!request) {
    return {
      ok: false,
      outcome: {
        kind: 'refused',
        text: `The ${termLabel(round.term)} round asks you for no trust figures, so I can't take figures from this card.`,
      },
    };
  }
  return { ok: true, context: { round, request } };
}

/** The card's inputs the owner's figures ask for, or the fields that name none (a forged or stale card). */
function readOwnerInputs(
  request: OwnerRequest,
  data: Readonly<Record<string, unknown>>,
): { inputs: Map<string, string>; unknown: string[] } {
  const inputs = readFigureInputs(data);
  const known = ownerFieldIds(
    request.academies.map((entry) => ({ urn: entry.academy.urn, metrics: entry.metrics })),
  );
  return { inputs, unknown: [...inputs.keys()].filter((key) => !known.has(key)) };
}

/** Validates and stores the owner's figures for every academy on their card. */
export async function submitOwnerFigures(
  deps: RoundDeps,
  roster: Roster,
  person: Person,
  term: string,
  data: Readonly<Record<string, unknown>>,
): Promise<OwnerOutcome> {
  const found = await ownerContext(deps, roster, person, term);
  if (!found.ok) return found.outcome;
  const { request } = found.context;
  const { inputs, unknown } = readOwnerInputs(request, data);
  if (unknown.length > 0) {
    deps.log.warn(`Refused ${person.email}: owner card for ${term} has unknown fields ${unknown.join(', ')}`);
    return {
      kind: 'refused',
      text: "This card asks for figures the plan doesn't need from you this term, so I haven't stored anything. Type **figures** for a fresh card.",
    };
  }
  // The head card's validation, academy by academy, on the same field ids without the URN.
  const errors = new Map<string, Map<string, string>>();
  const figures: OwnerFigure[] = [];
  for (const { academy, metrics } of request.academies) {
    const checked = validateFigures(metrics, academyInputs(inputs, academy.urn));
    if (!checked.ok) errors.set(academy.urn, checked.errors);
    else {
      for (const [metricId, content] of checked.figures)
        figures.push({ urn: academy.urn, metricId, content });
    }
  }
  if (errors.size > 0) return { kind: 'invalid', errors, typed: inputs };

  const pending: OwnerSubmission = { at: deps.clock().toISOString(), figures };
  const kept = await updateOwnerRecord(deps, term, person.email, (record) => ({ ...record, pending }));
  if (!kept) return busy();
  return finishSubmission(deps, found.context, kept);
}

/** Keeps what the owner typed as a draft; their submitted figures, if any, stay as they were. */
export async function saveOwnerDraft(
  deps: RoundDeps,
  roster: Roster,
  person: Person,
  term: string,
  data: Readonly<Record<string, unknown>>,
): Promise<OwnerOutcome> {
  const found = await ownerContext(deps, roster, person, term);
  if (!found.ok) return found.outcome;
  const { inputs } = readOwnerInputs(found.context.request, data);
  const known = ownerFieldIds(
    found.context.request.academies.map((entry) => ({ urn: entry.academy.urn, metrics: entry.metrics })),
  );
  const kept: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [key, value] of inputs) {
    const limit = key.startsWith(REASON_PREFIX) ? MAX_REASON_LENGTH : MAX_VALUE_LENGTH;
    if (known.has(key)) kept[key] = value.trim().slice(0, limit);
  }
  const draft = { inputs: kept, savedBy: person.email, savedAt: deps.clock().toISOString() };
  const record = await updateOwnerRecord(deps, term, person.email, (current) => ({
    ...current,
    state: current.state === 'submitted' ? 'submitted' : 'draft',
    draft,
  }));
  return record ? { kind: 'draftSaved', record } : busy();
}

/**
 * Finishes every owner submission of the round left pending by a failure part way (the round's close
 * calls it before evaluating, so no owner's answer is judged half stored). Returns how many it finished.
 */
export async function finishPendingOwnerSubmissions(
  deps: RoundDeps,
  roster: Roster,
  round: Round,
): Promise<number> {
  const records = await deps.owners.term(round.term);
  const requests = new Map(ownersOfRound(deps, roster, round).map((entry) => [entry.owner.email, entry]));
  let finished = 0;
  for (const record of records) {
    const request = requests.get(record.email);
    if (!record.pending || !request) continue;
    const outcome = await finishSubmission(deps, { round, request }, record);
    if (outcome.kind === 'stored') finished++;
  }
  return finished;
}

/** Applies the record's pending submission to every academy, then marks the owner submitted. */
async function finishSubmission(
  deps: RoundDeps,
  context: OwnerContext,
  record: OwnerTermRecord,
): Promise<OwnerOutcome> {
  const pending = record.pending;
  if (!pending) return { kind: 'stored', record, changed: 0 };
  const email = record.email;
  const byAcademy = new Map<string, Map<string, FigureContent>>();
  for (const figure of pending.figures) {
    let contents = byAcademy.get(figure.urn);
    if (!contents) byAcademy.set(figure.urn, (contents = new Map<string, FigureContent>()));
    contents.set(figure.metricId, figure.content);
  }
  let changed = 0;
  for (const { academy, metrics } of context.request.academies) {
    const submitted = byAcademy.get(academy.urn);
    if (!submitted) continue;
    // Only the figures the owner answered: a metric asked of the academy by someone else is left alone.
    const answered = metrics.filter(({ metric }) => submitted.has(metric.id));
    const update = await updateFigureRecord(
      deps.figures,
      { term: record.term, urn: academy.urn },
      (current) => {
        const changes = figureChanges(current, answered, submitted, {
          by: email,
          at: pending.at,
          channel: 'card',
        });
        if (changes.figures.length === 0 && changes.cleared.length === 0) {
          return { kind: 'stop', result: 0 };
        }
        return { kind: 'write', change: changes, result: changes.figures.length + changes.cleared.length };
      },
    );
    if (update.kind === 'gaveUp') {
      deps.log.warn(
        `Owner ${email}: ${academy.urn} ${record.term} kept changing; the submission stays pending.`,
      );
      return busy();
    }
    changed += update.result;
  }
  const done = await updateOwnerRecord(deps, record.term, email, (current) => {
    // A newer submission replaced this one meanwhile: it is that one's to finish.
    if (current.pending && current.pending.at !== pending.at) return undefined;
    const next: Omit<OwnerTermRecord, 'version'> = {
      ...current,
      state: 'submitted',
      submittedAt: pending.at,
    };
    delete next.pending;
    delete next.draft;
    return next;
  });
  if (!done) return busy();
  deps.log.info(`Stored ${changed} trust figures for ${record.term} from ${email}.`);
  return { kind: 'stored', record: done, changed };
}

/**
 * Reads the owner's record, asks `decide` for the record to write (undefined: write nothing) and writes
 * it on the version read, reading again after a conflict; the record as stored, or undefined when every
 * attempt conflicted (or `decide` wrote nothing).
 */
async function updateOwnerRecord(
  deps: RoundDeps,
  term: string,
  email: string,
  decide: (current: OwnerTermRecord) => Omit<OwnerTermRecord, 'version'> | undefined,
): Promise<OwnerTermRecord | undefined> {
  for (let attempt = 1; attempt <= MAX_RECORD_ATTEMPTS; attempt++) {
    const current = await deps.owners.read(term, email);
    const next = decide(current);
    if (!next) return current;
    const write: OwnerRecordWrite = { ...withoutVersion(next), expectedVersion: current.version };
    const outcome = await deps.owners.write(write);
    if (outcome.kind === 'written') return { ...withoutVersion(next), version: outcome.version };
  }
  return undefined;
}

function withoutVersion(
  record: Omit<OwnerTermRecord, 'version'> & { version?: string },
): Omit<OwnerTermRecord, 'version'> {
  const copy = { ...record };
  delete copy.version;
  return copy;
}

function busy(): OwnerOutcome {
  return {
    kind: 'busy',
    text: 'Your figures were being saved elsewhere at the same moment; please press Submit again. Nothing is stored twice.',
  };
}

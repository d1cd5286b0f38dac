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
import { formatDateLabel } from '../../domain/evaluation/formatForTrustees';
import type { Person, Roster } from '../../domain/roster/roster';
import { figureChanges } from '../../domain/round/figureChanges';
import { type OwnerRequest, ownerRequests } from '../../domain/round/ownerRequests';
import {
  academyInputs,
  type OwnerExcusal,
  ownerFieldIds,
  type OwnerFigure,
  type OwnerSubmission,
  type OwnerTermRecord,
} from '../../domain/round/ownerRound';
import type { AcademyTermRecord, FigureContent, Round, StoredFigure } from '../../domain/round/round';
import {
  MAX_REASON_LENGTH,
  MAX_VALUE_LENGTH,
  readFigureInputs,
  REASON_PREFIX,
  validateFigures,
} from '../../domain/round/validateFigures';
import { md } from '../escapeMarkdown';
import type { OwnerRecordWrite } from '../ports';
import { MAX_RECORD_ATTEMPTS, updateFigureRecord } from '../updateFigureRecord';
import { type HeadOutcome, previousTermsOf, STALE_CARD_TEXT } from './headFigures';
import {
  academiesWords,
  ownerFiguresCardView,
  type OwnerPage,
  ownerPage,
  ownerPages,
  ownerSummaryView,
  type OwnerViewInput,
} from './ownerViews';
import type { CardAttachment, RoundDeps } from './roundDeps';
import { academiesInTrust, roundContact } from './roundPeople';
import { closedOn, datesOf, termLabel, termOf } from './roundTerm';

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
  /** The owner's record moved on since the card was drawn (another card or device): nothing stored. */
  | { kind: 'stale'; record: OwnerTermRecord }
  | { kind: 'refused' | 'closed' | 'busy'; text: string };

/** Every owner with figures due in the round, each with their academies (in the trust by the close day). */
export function ownersOfRound(
  deps: Pick<RoundDeps, 'plan' | 'calendar' | 'settings'>,
  roster: Roster,
  round: Round,
): OwnerRequest[] {
  const term = termOf(round);
  const academies = academiesInTrust(roster, datesOf(deps, term).closesOn);
  return ownerRequests(deps.plan, academies, roster.people, term, deps.calendar);
}

/** The request as one page of the owner's card asks it: that page's academies only (all without a page). */
function onPage(request: OwnerRequest, page: number | undefined): OwnerRequest {
  return page === undefined ? request : { ...request, academies: ownerPage(request, page).academies };
}

/** Whether every figure the owner is asked, on every page, is stored for the term (by anyone). */
function everyFigureStored(request: OwnerRequest, records: ReadonlyMap<string, AcademyTermRecord>): boolean {
  return request.academies.every(({ academy, metrics }) =>
    metrics.every(({ metric }) => records.get(academy.urn)?.figures.has(metric.id) ?? false),
  );
}

/** The first page after `after` (wrapping round) with a figure not yet stored; undefined when none. */
function nextUnsentPage(
  request: OwnerRequest,
  records: ReadonlyMap<string, AcademyTermRecord>,
  after = -1,
): OwnerPage | undefined {
  const pages = ownerPages(request);
  for (let step = 1; step <= pages.length; step++) {
    const page = pages[(after + step) % pages.length];
    if (page && !everyFigureStored({ ...request, academies: page.academies }, records)) return page;
  }
  return undefined;
}

async function termRecords(deps: RoundDeps, term: string): Promise<Map<string, AcademyTermRecord>> {
  return new Map((await deps.figures.term(term)).map((record) => [record.urn, record]));
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
        text:
          `The ${termLabel(round.term)} round closed on ${formatDateLabel(closedOn(deps, round))}, so these figures ` +
          md`can no longer be changed. If something is wrong, please contact ${roundContact(roster, person.email)}.`,
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

type OwnerAnswer =
  | { kind: 'unknownFields'; fields: string[] }
  | { kind: 'invalid'; errors: Map<string, Map<string, string>>; typed: Map<string, string> }
  | { kind: 'valid'; figures: OwnerFigure[] };

/** The head card's validation, academy by academy, on the owner card's field ids (with the URN). */
function validateOwnerAnswer(request: OwnerRequest, data: Readonly<Record<string, unknown>>): OwnerAnswer {
  const { inputs, unknown } = readOwnerInputs(request, data);
  if (unknown.length > 0) return { kind: 'unknownFields', fields: unknown };
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
  return errors.size > 0 ? { kind: 'invalid', errors, typed: inputs } : { kind: 'valid', figures };
}

/** A write refused because the owner's record is no longer at the version the card was drawn from. */
class StaleOwnerRecord {
  constructor(readonly record: OwnerTermRecord) {}
}

/**
 * Validates and stores the owner's figures for every academy on their card (on a card split into pages,
 * the academies of `page` only). With `expectedVersion`, the answer is kept only while the owner's
 * record is still at that version (else `stale`).
 */
export async function submitOwnerFigures(
  deps: RoundDeps,
  roster: Roster,
  person: Person,
  term: string,
  data: Readonly<Record<string, unknown>>,
  expectedVersion?: string,
  page?: number,
  channel: 'card' | 'chat' = 'card',
): Promise<OwnerOutcome> {
  const found = await ownerContext(deps, roster, person, term);
  if (!found.ok) return found.outcome;
  const answer = validateOwnerAnswer(onPage(found.context.request, page), data);
  if (answer.kind === 'unknownFields') {
    deps.log.warn(
      `Refused ${person.email}: owner card for ${term} has unknown fields ${answer.fields.join(', ')}`,
    );
    return {
      kind: 'refused',
      text: "This card asks for figures the plan doesn't need from you this term, so I haven't stored anything. Type **figures** for a fresh card.",
    };
  }
  if (answer.kind === 'invalid') return answer;

  const pending: OwnerSubmission = {
    at: deps.clock().toISOString(),
    figures: answer.figures,
    ...(channel === 'chat' ? { channel } : {}),
  };
  const kept = await updateOwnerRecord(deps, term, person.email, (record) =>
    onVersion(record, expectedVersion, { ...record, pending }),
  );
  if (kept instanceof StaleOwnerRecord) return { kind: 'stale', record: kept.record };
  if (!kept) return busy();
  return finishSubmission(deps, found.context, kept);
}

function onVersion(
  current: OwnerTermRecord,
  expectedVersion: string | undefined,
  next: Omit<OwnerTermRecord, 'version'>,
): Omit<OwnerTermRecord, 'version'> | StaleOwnerRecord {
  return expectedVersion !== undefined && !isAtVersion(current, expectedVersion)
    ? new StaleOwnerRecord(current)
    : next;
}

/**
 * Whether the owner's record holds what it held at `version` ('' for nothing stored): it is at that
 * version, or storage only moved the version on since, fencing off a write whose answer was lost (`sameAs`).
 */
function isAtVersion(owner: OwnerTermRecord, version: string): boolean {
  return (owner.version ?? '') === version || owner.sameAs === version;
}

/**
 * Keeps what the owner typed as a draft (on a card split into pages, `page`'s fields, beside what the
 * draft holds of the other pages); their submitted figures, if any, stay as they were.
 */
export async function saveOwnerDraft(
  deps: RoundDeps,
  roster: Roster,
  person: Person,
  term: string,
  data: Readonly<Record<string, unknown>>,
  expectedVersion?: string,
  page?: number,
): Promise<OwnerOutcome> {
  const found = await ownerContext(deps, roster, person, term);
  if (!found.ok) return found.outcome;
  const shown = onPage(found.context.request, page);
  const { inputs } = readOwnerInputs(shown, data);
  const known = ownerFieldIds(
    shown.academies.map((entry) => ({ urn: entry.academy.urn, metrics: entry.metrics })),
  );
  const typed: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [key, value] of inputs) {
    const limit = key.startsWith(REASON_PREFIX) ? MAX_REASON_LENGTH : MAX_VALUE_LENGTH;
    if (known.has(key)) typed[key] = value.trim().slice(0, limit);
  }
  const record = await updateOwnerRecord(deps, term, person.email, (current) => {
    // The other pages' fields stay as drafted; this page's are as typed now.
    const kept: Record<string, string> = Object.create(null) as Record<string, string>;
    for (const [key, value] of Object.entries(current.draft?.inputs ?? {}))
      if (!known.has(key)) kept[key] = value;
    Object.assign(kept, typed);
    const draft = { inputs: kept, savedBy: person.email, savedAt: deps.clock().toISOString() };
    return onVersion(current, expectedVersion, {
      ...current,
      state: current.state === 'submitted' ? 'submitted' : 'draft',
      draft,
    });
  });
  if (record instanceof StaleOwnerRecord) return { kind: 'stale', record: record.record };
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
          channel: pending.channel ?? 'card',
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
  // Submitted once every page's figures are stored; until then the owner has a page or more to send.
  const complete = everyFigureStored(context.request, await termRecords(deps, record.term));
  const sentIds = ownerFieldIds(
    context.request.academies
      .filter(({ academy }) => byAcademy.has(academy.urn))
      .map(({ academy, metrics }) => ({ urn: academy.urn, metrics })),
  );
  const done = await updateOwnerRecord(deps, record.term, email, (current) => {
    // A newer submission replaced this one meanwhile: it is that one's to finish.
    if (current.pending && current.pending.at !== pending.at) return undefined;
    const next: Omit<OwnerTermRecord, 'version'> = {
      ...current,
      state: complete || current.state === 'submitted' ? 'submitted' : 'draft',
      ...(complete ? { submittedAt: pending.at } : {}),
    };
    delete next.pending;
    // The draft of the academies sent goes; the other pages' stays.
    const left = Object.entries(current.draft?.inputs ?? {}).filter(([key]) => !sentIds.has(key));
    if (current.draft && left.length > 0) next.draft = { ...current.draft, inputs: Object.fromEntries(left) };
    else delete next.draft;
    return next;
  });
  if (!done || done instanceof StaleOwnerRecord) return busy();
  deps.log.info(`Stored ${changed} trust figures for ${record.term} from ${email}.`);
  return { kind: 'stored', record: done, changed };
}

/**
 * Reads the owner's record, asks `decide` for the record to write (undefined: write nothing; a
 * StaleOwnerRecord: refuse) and writes it on the version read, reading again after a conflict; the record
 * as stored (or as read when `decide` wrote nothing), the refusal, or undefined when every attempt
 * conflicted.
 */
async function updateOwnerRecord(
  deps: RoundDeps,
  term: string,
  email: string,
  decide: (current: OwnerTermRecord) => Omit<OwnerTermRecord, 'version'> | StaleOwnerRecord | undefined,
): Promise<OwnerTermRecord | StaleOwnerRecord | undefined> {
  for (let attempt = 1; attempt <= MAX_RECORD_ATTEMPTS; attempt++) {
    const current = await deps.owners.read(term, email);
    const next = decide(current);
    if (!next) return current;
    if (next instanceof StaleOwnerRecord) return next;
    const write: OwnerRecordWrite = { ...withoutVersion(next), expectedVersion: current.version };
    const outcome = await deps.owners.write(write);
    if (outcome.kind === 'written') return { ...withoutVersion(next), version: outcome.version };
  }
  return undefined;
}

/** The record's content: without the version it was read at, nor the version it has the content of. */
function withoutVersion(
  record: Omit<OwnerTermRecord, 'version'> & { version?: string },
): Omit<OwnerTermRecord, 'version' | 'sameAs'> {
  const copy = { ...record };
  delete copy.version;
  delete copy.sameAs;
  return copy;
}

function busy(): OwnerOutcome {
  return {
    kind: 'busy',
    text: 'Your figures were being saved elsewhere at the same moment; please press Submit again. Nothing is stored twice.',
  };
}

/** The records and history an owner's card shows: each academy's record, and its latest earlier figures. */
async function cardData(
  deps: RoundDeps,
  context: OwnerContext,
): Promise<Pick<OwnerViewInput, 'records' | 'previous'>> {
  const term = context.round.term;
  const [records, histories] = await Promise.all([
    deps.figures.term(term),
    Promise.all(
      context.request.academies.map(({ academy }) =>
        deps.figures.history(academy.urn, previousTermsOf(term)),
      ),
    ),
  ]);
  const previous = new Map<string, Map<string, StoredFigure>>();
  context.request.academies.forEach(({ academy }, index) => {
    const latest = new Map<string, StoredFigure>();
    for (const figure of histories[index] ?? []) {
      const known = latest.get(figure.metricId);
      if (!known || known.term < figure.term) latest.set(figure.metricId, figure);
    }
    previous.set(academy.urn, latest);
  });
  return { records: new Map(records.map((record) => [record.urn, record])), previous };
}

async function formCard(
  deps: RoundDeps,
  context: OwnerContext,
  owner: OwnerTermRecord,
  extra: Pick<OwnerViewInput, 'typed' | 'errors' | 'banner' | 'page'> = {},
): Promise<CardAttachment> {
  const data = await cardData(deps, context);
  return deps.cards.figures(ownerFiguresCardView({ ...context, owner, ...data, ...extra }));
}

async function summaryCard(
  deps: RoundDeps,
  context: OwnerContext,
  owner: OwnerTermRecord,
  person: Person,
  notice?: string,
): Promise<CardAttachment> {
  const { records } = await cardData(deps, context);
  return deps.cards.summary(
    ownerSummaryView({ ...context, owner, records, ownerName: person.name, ...(notice ? { notice } : {}) }),
  );
}

/**
 * The owner's card for the round of `term`: the form, or the summary once submitted (the form again to
 * edit). A submission a failure left pending is finished first.
 */
export async function showOwnerFigures(
  deps: RoundDeps,
  roster: Roster,
  person: Person,
  term: string,
  options: { edit?: boolean; page?: number } = {},
): Promise<HeadOutcome> {
  const found = await ownerContext(deps, roster, person, term);
  if (!found.ok) return asHeadOutcome(found.outcome);
  let owner = await deps.owners.read(term, person.email);
  if (owner.pending) {
    const finished = await finishSubmission(deps, found.context, owner);
    if (finished.kind === 'stored') owner = finished.record;
  }
  if (owner.state === 'submitted' && !options.edit) {
    return { kind: 'card', result: 'form', card: await summaryCard(deps, found.context, owner, person) };
  }
  const banner =
    owner.state === 'submitted'
      ? {
          tone: 'default' as const,
          text: 'Editing: change what you need and press Submit. Every change is kept.',
        }
      : undefined;
  // Not yet submitted: the first page with figures still to send.
  const page =
    options.page ??
    (owner.state === 'submitted'
      ? 0
      : (nextUnsentPage(found.context.request, await termRecords(deps, term))?.index ?? 0));
  return {
    kind: 'card',
    result: 'form',
    card: await formCard(deps, found.context, owner, { page, ...(banner ? { banner } : {}) }),
  };
}

/** What an owner's card button names: the term, and the owner's record version the card was drawn from. */
export interface OwnerCardTarget {
  term: string;
  /** The page the button is on; the first when absent. */
  page?: number;
  /** showPage: the page to show. */
  to?: number;
  /** The owner record's version ('' for none stored); undefined on cards that did not carry it. */
  version?: string;
}

/** Whether the card was drawn from another version of the owner's record than the one now stored. */
function isStale(target: OwnerCardTarget, owner: OwnerTermRecord): boolean {
  return target.version !== undefined && !isAtVersion(owner, target.version);
}

/**
 * Whether the page's inputs say exactly what the page shows now (the owner's draft, else what is stored):
 * turning the page then needs no draft written.
 */
async function pageUnchanged(
  deps: RoundDeps,
  context: OwnerContext,
  owner: OwnerTermRecord,
  page: number | undefined,
  data: Readonly<Record<string, unknown>>,
): Promise<boolean> {
  const view = ownerFiguresCardView({
    ...context,
    owner,
    ...(await cardData(deps, { ...context, request: onPage(context.request, page) })),
  });
  const inputs = readFigureInputs(data);
  return view.groups
    .flatMap((group) => group.fields)
    .every(
      (field) =>
        (inputs.get(field.inputId) ?? '').trim() === field.value.trim() &&
        (inputs.get(field.notAvailableInputId) ?? '').trim() === field.notAvailableReason.trim(),
    );
}

/** How many figures the owner's validated answer would change across the academies. */
async function changeCount(deps: RoundDeps, context: OwnerContext, figures: OwnerFigure[]): Promise<number> {
  const records = new Map((await deps.figures.term(context.round.term)).map((r) => [r.urn, r]));
  let count = 0;
  for (const { academy, metrics } of context.request.academies) {
    const submitted = new Map(
      figures.filter((figure) => figure.urn === academy.urn).map((f) => [f.metricId, f.content]),
    );
    const record = records.get(academy.urn) ?? {
      urn: academy.urn,
      term: context.round.term,
      state: 'notStarted' as const,
      figures: new Map(),
    };
    const changes = figureChanges(
      record,
      metrics.filter(({ metric }) => submitted.has(metric.id)),
      submitted,
      { by: '', at: '', channel: 'card' },
    );
    count += changes.figures.length + changes.cleared.length;
  }
  return count;
}

/** The current card in place of a stale one: the stored summary, or the form with the current draft. */
async function currentInsteadOfStale(
  deps: RoundDeps,
  context: OwnerContext,
  owner: OwnerTermRecord,
  person: Person,
  page?: number,
): Promise<HeadOutcome> {
  deps.log.info(
    `Refused a stale owner card from ${person.email} for ${context.round.term}; sent the current one.`,
  );
  const card =
    owner.state === 'submitted'
      ? await summaryCard(deps, context, owner, person, STALE_CARD_TEXT)
      : await formCard(deps, context, owner, {
          banner: { tone: 'attention', text: STALE_CARD_TEXT },
          ...(page !== undefined ? { page } : {}),
        });
  return { kind: 'card', result: 'stale', card };
}

/**
 * Answers a button on an owner's card (its data names the term and no academy). A Submit or Save for
 * later from a card drawn from an older version of the owner's record is refused with the current card,
 * as on the head's (headFigures.ts), unless it says exactly what is stored. On a card split into pages,
 * Submit and Save for later take the page's figures only, and Previous / Next (showPage) keep what was
 * typed on the page as a draft before showing the other page.
 */
export async function ownerCardAction(
  deps: RoundDeps,
  roster: Roster,
  person: Person,
  verb: 'submitFigures' | 'saveDraft' | 'editFigures' | 'showPage',
  target: OwnerCardTarget,
  data: Readonly<Record<string, unknown>>,
): Promise<HeadOutcome> {
  const { term, page } = target;
  if (verb === 'editFigures') return showOwnerFigures(deps, roster, person, term, { edit: true });
  const found = await ownerContext(deps, roster, person, term);
  if (!found.ok) return asHeadOutcome(found.outcome);
  const context = found.context;
  let current = await deps.owners.read(term, person.email);
  if (verb === 'showPage') {
    const from = page;
    const to = target.to ?? 0;
    const editing =
      current.state === 'submitted'
        ? {
            tone: 'default' as const,
            text: 'Editing: change what you need and press Submit. Every change is kept.',
          }
        : undefined;
    if (await pageUnchanged(deps, context, current, from, data)) {
      return {
        kind: 'card',
        result: 'form',
        card: await formCard(deps, context, current, { page: to, ...(editing ? { banner: editing } : {}) }),
      };
    }
    if (isStale(target, current)) return currentInsteadOfStale(deps, context, current, person, from);
    const saved = await saveOwnerDraft(deps, roster, person, term, data, target.version, from);
    if (saved.kind === 'stale') return currentInsteadOfStale(deps, context, saved.record, person, from);
    if (saved.kind !== 'draftSaved') return asHeadOutcome(saved);
    return {
      kind: 'card',
      result: 'draftSaved',
      card: await formCard(deps, context, saved.record, {
        page: to,
        ...(editing ? { banner: editing } : {}),
      }),
    };
  }
  if (isStale(target, current) && current.pending) {
    // A submission kept whole but not yet applied (its write stored, its answer lost) is finished first, as
    // when the card is shown: the card pressed again may be saying exactly that submission.
    const finished = await finishSubmission(deps, context, current);
    if (finished.kind === 'stored') current = finished.record;
  }
  if (isStale(target, current)) {
    const checked =
      verb === 'submitFigures' ? validateOwnerAnswer(onPage(context.request, page), data) : undefined;
    const same =
      checked?.kind === 'valid' &&
      current.state === 'submitted' &&
      !current.pending &&
      (await changeCount(deps, context, checked.figures)) === 0;
    return same
      ? { kind: 'card', result: 'unchanged', card: await summaryCard(deps, context, current, person) }
      : currentInsteadOfStale(deps, context, current, person, page);
  }
  const outcome =
    verb === 'submitFigures'
      ? await submitOwnerFigures(deps, roster, person, term, data, target.version, page)
      : await saveOwnerDraft(deps, roster, person, term, data, target.version, page);
  if (outcome.kind === 'stale') return currentInsteadOfStale(deps, context, outcome.record, person, page);
  if ('text' in outcome) return outcome;
  if (outcome.kind === 'invalid') {
    const count = [...outcome.errors.values()].reduce((sum, errors) => sum + errors.size, 0);
    const card = await formCard(deps, context, current, {
      typed: outcome.typed,
      errors: outcome.errors,
      ...(page !== undefined ? { page } : {}),
      banner: {
        tone: 'attention',
        text: `${count} ${count === 1 ? 'figure needs' : 'figures need'} attention; nothing has been saved yet.`,
      },
    });
    return { kind: 'card', result: 'invalid', card };
  }
  if (outcome.kind === 'draftSaved') {
    const card = await formCard(deps, context, outcome.record, {
      typed: readFigureInputs(data),
      ...(page !== undefined ? { page } : {}),
      banner: {
        tone: 'good',
        text:
          outcome.record.state === 'submitted'
            ? 'Changes saved for later; your submitted figures stay as they were until you press Submit.'
            : `Saved for later: not submitted yet. Come back before the end of ${formatDateLabel(context.round.closesOn)}.`,
      },
    });
    return { kind: 'card', result: 'draftSaved', card };
  }
  const result = outcome.changed === 0 ? 'unchanged' : 'stored';
  if (outcome.record.state !== 'submitted') {
    // Pages still to send: the next of them, saying what was stored.
    const sent = ownerPage(context.request, page);
    const next = nextUnsentPage(context.request, await termRecords(deps, term), sent.index);
    if (next) {
      const card = await formCard(deps, context, outcome.record, {
        page: next.index,
        banner: {
          tone: 'good',
          text: `Stored the figures of ${academiesWords(sent)}. Now ${academiesWords(next)} of ${context.request.academies.length}.`,
        },
      });
      return { kind: 'card', result, card };
    }
  }
  return { kind: 'card', result, card: await summaryCard(deps, context, outcome.record, person) };
}

function asHeadOutcome(outcome: OwnerOutcome): HeadOutcome {
  return outcome.kind === 'refused' || outcome.kind === 'closed' || outcome.kind === 'busy'
    ? outcome
    : { kind: 'refused', text: 'This card is out of date; type **figures** for a fresh one.' };
}

/**
 * Excuses an owner from the round's trust figures (an executive's `excuse <name> <reason>`), or with
 * `null` withdraws the excusal: an owner who has submitted is not excused; answers what was done.
 */
export async function setOwnerExcusal(
  deps: RoundDeps,
  term: string,
  email: string,
  excused: OwnerExcusal | null,
): Promise<'excused' | 'withdrawn' | 'submitted' | 'notExcused' | 'busy'> {
  let answer: 'excused' | 'withdrawn' | 'submitted' | 'notExcused' = 'excused';
  const written = await updateOwnerRecord(deps, term, email, (current) => {
    if (excused && current.state === 'submitted') {
      answer = 'submitted';
      return undefined;
    }
    if (!excused) {
      if (!current.excused) {
        answer = 'notExcused';
        return undefined;
      }
      answer = 'withdrawn';
      const next: Omit<OwnerTermRecord, 'version'> = { ...current };
      delete next.excused;
      return next;
    }
    answer = 'excused';
    return { ...current, excused };
  });
  return written ? answer : 'busy';
}

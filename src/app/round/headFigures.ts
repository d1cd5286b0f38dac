/**
 * A head's side of the round: see the figures card, submit it, save it for later, edit it. Every
 * decision is here; the Teams adapter only carries the card's data in and the answer out.
 *
 * A submission is stored atomically with its audit records, conditional on the version it was computed
 * from: a concurrent edit makes the write conflict, and the submission is recomputed on fresh data (at most
 * a few times, updateFigureRecord) rather than overwriting. Submitting the same figures again stores
 * nothing; an optional figure left blank that was stored before is cleared, with its audit record.
 */
import { formatDateLabel } from '../../domain/evaluation/formatForTrustees';
import type { Academy, Person, Roster } from '../../domain/roster/roster';
import { figureChanges } from '../../domain/round/figureChanges';
import { headCardVersion } from '../../domain/round/headCardVersion';
import {
  flattenRequested,
  publishedMetricsShown,
  type RequestedGroup,
  requestedMetrics,
} from '../../domain/round/requestedMetrics';
import type { AcademyTermRecord, FigureChannel, Round, StoredFigure } from '../../domain/round/round';
import {
  cardFieldIds,
  dateBoundsFor,
  MAX_REASON_LENGTH,
  MAX_VALUE_LENGTH,
  readFigureInputs,
  REASON_PREFIX,
  unknownFields,
  validateFigures,
} from '../../domain/round/validateFigures';
import { addTerms, formatTermKey, parseTermKey } from '../../domain/terms/termCalendar';
import { md } from '../escapeMarkdown';
import { updateFigureRecord } from '../updateFigureRecord';
import { figuresCardView, figuresSummaryView } from './figuresViews';
import type { CardAttachment, RoundDeps } from './roundDeps';
import { academyUrnsOf, roundContact } from './roundPeople';
import { closedOn, termLabel, termOf } from './roundTerm';
import type { FiguresCardView } from './roundViews';

export type HeadOutcome =
  | {
      kind: 'card';
      result: 'form' | 'invalid' | 'stored' | 'unchanged' | 'draftSaved' | 'stale';
      card: CardAttachment;
    }
  | { kind: 'refused' | 'closed' | 'busy'; text: string };

/** What a card's data names, as read from it (already checked to be strings). */
export interface CardTarget {
  term: string;
  urn: string;
  /**
   * The record's version the card was drawn from ('' for none stored); undefined when the card does not
   * say (cards sent before cards carried it), which skips the check.
   */
  version?: string;
}

/** What a head is told when a card older than the stored record is pressed. */
export const STALE_CARD_TEXT = 'This card is out of date — here is the current one.';

/**
 * Whether the card was drawn from another version of the head's part of the record than the one now
 * stored (headCardVersion: an owner's trust figures written since do not count). A card that names the
 * record's storage version (sent before cards carried the head's part) is current at that version.
 */
function isStale(target: CardTarget, record: AcademyTermRecord): boolean {
  return (
    target.version !== undefined &&
    headCardVersion(record) !== target.version &&
    (record.version ?? '') !== target.version &&
    record.sameAs !== target.version
  );
}

interface Context {
  round: Round;
  academy: Academy;
  groups: RequestedGroup[];
}

async function contextFor(
  deps: RoundDeps,
  roster: Roster,
  person: Person,
  target: CardTarget,
): Promise<{ ok: true; context: Context } | { ok: false; outcome: HeadOutcome }> {
  const refuse = (text: string): { ok: false; outcome: HeadOutcome } => {
    deps.log.warn(`Refused ${person.email} on card for ${target.urn} ${target.term}: ${text}`);
    return { ok: false, outcome: { kind: 'refused', text } };
  };
  const academy = roster.academies.find((candidate) => candidate.urn === target.urn);
  if (!academy || !academyUrnsOf(person).includes(target.urn)) {
    return refuse(
      "This card is not for an academy you lead, so I can't take figures from it. Type **figures** for your own card.",
    );
  }
  const round = await deps.rounds.get(target.term);
  if (!round)
    return refuse(`There is no ${termLabel(target.term)} round. Type **figures** for the open round's card.`);
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
  const groups = requestedMetrics(deps.plan, academy, termOf(round), deps.calendar);
  return { ok: true, context: { round, academy, groups } };
}

/** The terms whose figures pre-fill a term's card: the three before it (a bounded read). */
export function previousTermsOf(term: string): string[] {
  const ref = parseTermKey(term);
  return ref ? [1, 2, 3].map((n) => formatTermKey(addTerms(ref, -n))) : [];
}

/** The latest figure per metric from the terms before this one (a bounded read of three terms). */
export async function previousFigures(
  deps: RoundDeps,
  urn: string,
  term: string,
): Promise<Map<string, StoredFigure>> {
  const terms = previousTermsOf(term);
  if (terms.length === 0) return new Map();
  const figures = await deps.figures.history(urn, terms);
  const latest = new Map<string, StoredFigure>();
  for (const figure of figures) {
    const known = latest.get(figure.metricId);
    if (!known || known.term < figure.term) latest.set(figure.metricId, figure);
  }
  return latest;
}

async function formCard(
  deps: RoundDeps,
  context: Context,
  record: AcademyTermRecord,
  options: Pick<Parameters<typeof figuresCardView>[0], 'typed' | 'errors' | 'banner'>,
): Promise<CardAttachment> {
  const previous = await previousFigures(deps, context.academy.urn, context.round.term);
  const published = publishedMetricsShown(deps.plan, context.academy, termOf(context.round), deps.calendar);
  return deps.cards.figures(figuresCardView({ ...context, record, previous, published, ...options }));
}

function summaryCard(
  deps: RoundDeps,
  roster: Roster,
  context: Context,
  record: AcademyTermRecord,
  notice?: string,
): CardAttachment {
  const submitter = roster.people.find((p) => p.email === record.submittedBy);
  return deps.cards.summary(
    figuresSummaryView({
      ...context,
      record,
      submitterName: submitter?.name ?? record.submittedBy ?? 'someone',
      timeZone: deps.settings.timeZone,
      ...(notice ? { notice } : {}),
    }),
  );
}

/** The current card in place of a stale one: the stored summary, or the form with the current draft. */
async function currentInsteadOfStale(
  deps: RoundDeps,
  roster: Roster,
  person: Person,
  context: Context,
  record: AcademyTermRecord,
): Promise<HeadOutcome> {
  deps.log.info(
    `Refused a stale card from ${person.email} for ${context.academy.urn} ${context.round.term}; sent the current one.`,
  );
  const card =
    record.state === 'submitted'
      ? summaryCard(deps, roster, context, record, STALE_CARD_TEXT)
      : await formCard(deps, context, record, { banner: { tone: 'attention', text: STALE_CARD_TEXT } });
  return { kind: 'card', result: 'stale', card };
}

/** The figures card for an academy the person leads: the form, or the summary once submitted. */
export async function showFigures(
  deps: RoundDeps,
  roster: Roster,
  person: Person,
  target: CardTarget,
  options: { edit?: boolean; banner?: FiguresCardView['banner'] } = {},
): Promise<HeadOutcome> {
  const found = await contextFor(deps, roster, person, target);
  if (!found.ok) return found.outcome;
  const record = await deps.figures.read(target.term, target.urn);
  if (record.state === 'submitted' && !options.edit) {
    return { kind: 'card', result: 'form', card: summaryCard(deps, roster, found.context, record) };
  }
  const banner =
    options.banner ??
    (record.state === 'submitted'
      ? {
          tone: 'default' as const,
          text: 'Editing: change what you need and press Submit. Every change is kept.',
        }
      : undefined);
  return { kind: 'card', result: 'form', card: await formCard(deps, found.context, record, { banner }) };
}

function nothingChanged(changes: ReturnType<typeof figureChanges>): boolean {
  return changes.figures.length === 0 && changes.cleared.length === 0;
}

function forgedFields(context: Context, inputs: ReadonlyMap<string, string>): string[] {
  return unknownFields(flattenRequested(context.groups), inputs);
}

/** Validates and stores the head's figures; the card comes back with errors, or as the stored summary. */
export async function submitFigures(
  deps: RoundDeps,
  roster: Roster,
  person: Person,
  target: CardTarget,
  data: Readonly<Record<string, unknown>>,
  channel: FigureChannel = 'card',
): Promise<HeadOutcome> {
  const found = await contextFor(deps, roster, person, target);
  if (!found.ok) return found.outcome;
  const { context } = found;
  const inputs = readFigureInputs(data);
  const forged = forgedFields(context, inputs);
  if (forged.length > 0) {
    deps.log.warn(
      `Refused ${person.email}: card for ${target.urn} ${target.term} has unknown fields ${forged.join(', ')}`,
    );
    return {
      kind: 'refused',
      text: "This card asks for figures the plan doesn't need this term, so I haven't stored anything. Type **figures** for a fresh card.",
    };
  }
  const checked = validateFigures(
    flattenRequested(context.groups),
    inputs,
    dateBoundsFor(context.academy, termOf(context.round), deps.calendar),
  );
  const requested = flattenRequested(context.groups);
  const current = await deps.figures.read(target.term, target.urn);
  if (isStale(target, current)) {
    // Pressed twice, or an old card saying what is stored already: nothing to refuse, nothing to store.
    const same =
      checked.ok &&
      current.state === 'submitted' &&
      nothingChanged(
        figureChanges(current, requested, checked.figures, {
          by: person.email,
          at: deps.clock().toISOString(),
          channel,
        }),
      );
    return same
      ? { kind: 'card', result: 'unchanged', card: summaryCard(deps, roster, context, current) }
      : currentInsteadOfStale(deps, roster, person, context, current);
  }
  if (!checked.ok) {
    const record = current;
    const count = checked.errors.size;
    const card = await formCard(deps, context, record, {
      typed: inputs,
      errors: checked.errors,
      banner: {
        tone: 'attention',
        text: `${count} ${count === 1 ? 'figure needs' : 'figures need'} attention; nothing has been saved yet.`,
      },
    });
    return { kind: 'card', result: 'invalid', card };
  }

  const update = await updateFigureRecord(deps.figures, target, (record) => {
    const at = deps.clock().toISOString();
    const changes = figureChanges(record, requested, checked.figures, { by: person.email, at, channel });
    if (nothingChanged(changes) && record.state === 'submitted') {
      return { kind: 'stop', result: { record, changes, stale: false } };
    }
    // Another card or the chat stored something after this card was read: refuse rather than undo it.
    if (isStale(target, record)) return { kind: 'stop', result: { record, changes, stale: true } };
    const figures = new Map(record.figures);
    for (const metricId of changes.cleared) figures.delete(metricId);
    for (const figure of changes.figures) figures.set(figure.metricId, figure);
    const stored: AcademyTermRecord = {
      ...record,
      state: 'submitted',
      submittedBy: person.email,
      submittedAt: at,
      figures,
    };
    delete stored.draft;
    return {
      kind: 'write',
      change: {
        state: 'submitted',
        submittedBy: person.email,
        submittedAt: at,
        ...changes,
        draft: null,
      },
      result: { record: stored, changes, stale: false },
    };
  });
  if (update.kind === 'stopped') {
    if (update.result.stale) {
      return currentInsteadOfStale(deps, roster, person, context, update.result.record);
    }
    return {
      kind: 'card',
      result: 'unchanged',
      card: summaryCard(deps, roster, context, update.result.record),
    };
  }
  if (update.kind === 'written') {
    const { record, changes } = update.result;
    deps.log.info(
      `Stored ${changes.figures.length} figures (${changes.cleared.length} cleared) for ${target.urn} ${target.term} from ${person.email}.`,
    );
    return { kind: 'card', result: 'stored', card: summaryCard(deps, roster, context, record) };
  }
  deps.log.warn(
    `Gave up storing ${target.urn} ${target.term} for ${person.email}: the record changed ${update.attempts} times.`,
  );
  return {
    kind: 'busy',
    text: 'Someone else was saving these figures at the same moment, so I stored nothing of yours. Please press Submit again.',
  };
}

/** Keeps what was typed as a draft (not submitted); the card comes back saying so. */
export async function saveDraft(
  deps: RoundDeps,
  roster: Roster,
  person: Person,
  target: CardTarget,
  data: Readonly<Record<string, unknown>>,
): Promise<HeadOutcome> {
  const found = await contextFor(deps, roster, person, target);
  if (!found.ok) return found.outcome;
  const { context } = found;
  const inputs = readFigureInputs(data);
  const known = cardFieldIds(flattenRequested(context.groups));
  // Every field the card asks for is kept as typed, blanks too: a blank is what the head wants to see
  // next time, even where a figure is stored (it is cleared only when they press Submit).
  const kept: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [key, value] of inputs) {
    const limit = key.startsWith(REASON_PREFIX) ? MAX_REASON_LENGTH : MAX_VALUE_LENGTH;
    if (known.has(key)) kept[key] = value.trim().slice(0, limit);
  }
  const update = await updateFigureRecord<
    { stale: false; record: AcademyTermRecord } | { stale: true; record: AcademyTermRecord }
  >(deps.figures, target, (record) => {
    if (isStale(target, record)) return { kind: 'stop', result: { stale: true, record } };
    const draft = { inputs: kept, savedBy: person.email, savedAt: deps.clock().toISOString() };
    return {
      kind: 'write',
      change: {
        ...(record.state === 'submitted' ? {} : { state: 'draft' as const }),
        figures: [],
        audit: [],
        draft,
      },
      // As stored, so the card drawn from it names the head's part as it now is (headCardVersion).
      result: {
        stale: false,
        record: { ...record, ...(record.state === 'submitted' ? {} : { state: 'draft' as const }), draft },
      },
    };
  });
  if (update.kind === 'stopped') {
    return currentInsteadOfStale(deps, roster, person, context, update.result.record);
  }
  if (update.kind !== 'written') {
    return {
      kind: 'busy',
      text: 'Your figures were being saved elsewhere at the same moment; please press Save again.',
    };
  }
  // The card that comes back is drawn from the record as now stored, so its next Submit is not stale.
  const record = { ...update.result.record, version: update.version };
  const card = await formCard(deps, context, record, {
    typed: inputs,
    banner: {
      tone: 'good',
      text:
        record.state === 'submitted'
          ? 'Changes saved for later; your submitted figures stay as they were until you press Submit.'
          : `Saved for later: not submitted yet. Come back before the end of ${formatDateLabel(context.round.closesOn)}.`,
    },
  });
  return { kind: 'card', result: 'draftSaved', card };
}

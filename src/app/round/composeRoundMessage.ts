/**
 * Builds the round's queued messages when they are sent: the head's figures card (with whatever draft
 * was saved since the round opened) and reminders. A message that is no longer needed — the round
 * closed, the head submitted, the academy was excused — is not sent.
 */
import { formatDateLabel } from '../../domain/evaluation/formatForTrustees';
import type { Academy, IsoDate } from '../../domain/roster/roster';
import type { Round } from '../../domain/round/round';
import { daysBetween } from '../../domain/terms/termCalendar';
import type { FigureStore, OutboxComposer, RoundStore } from '../ports';
import { previousTermsOf, showFigures } from './headFigures';
import { showOwnerFigures } from './ownerFigures';
import { roundClosedActivity } from './roundClosedCards';
import type { RoundDeps } from './roundDeps';
import { headOf } from './roundPeople';
import { termLabel, trustNow } from './roundTerm';

/**
 * The deps with the round, the academy's record and its history read at most once: the composer checks
 * them, and the card it builds (showFigures) reads them again. Each composition gets its own, so nothing
 * stale outlives one send. The stores are extended, not copied, so their methods keep their own `this`.
 */
function readingOnce(deps: RoundDeps): RoundDeps {
  const once = <A extends unknown[], R>(read: (...args: A) => Promise<R>): ((...args: A) => Promise<R>) => {
    const reads = new Map<string, Promise<R>>();
    return (...args: A) => {
      const key = JSON.stringify(args);
      const known = reads.get(key) ?? read(...args);
      reads.set(key, known);
      return known;
    };
  };
  const roundStore: RoundStore = Object.create(deps.rounds, {
    get: { value: once((term: string) => deps.rounds.get(term)) },
  }) as RoundStore;
  const figureStore: FigureStore = Object.create(deps.figures, {
    read: { value: once((term: string, urn: string) => deps.figures.read(term, urn)) },
    history: {
      value: once((urn: string, terms: readonly string[]) => deps.figures.history(urn, terms)),
    },
  }) as FigureStore;
  return { ...deps, rounds: roundStore, figures: figureStore };
}

/**
 * Starts every read a figures prompt needs at once (the round, the record, its history), instead of one
 * after the other as the checks and the card ask for them. A read nobody ends up needing (the round has
 * closed) is dropped; its failure is then not worth reporting, so it is caught here. Awaited reads
 * still fail as they would.
 */
function prefetch(deps: RoundDeps, term: string, urn: string): void {
  for (const read of [
    deps.rounds.get(term),
    deps.figures.read(term, urn),
    deps.figures.history(urn, previousTermsOf(term)),
  ]) {
    read.catch(() => undefined);
  }
}

/** A head's reminder for an academy in an open round: a line saying when the figures are due, and a card. */
export function reminderActivity(
  deps: RoundDeps,
  round: Round,
  academy: Pick<Academy, 'name' | 'urn'>,
): Record<string, unknown> {
  const left = daysBetween(trustNow(deps).date, round.closesOn);
  const when = left <= 0 ? 'today' : left === 1 ? 'tomorrow' : `in ${left} days`;
  const text = `A reminder: the ${termLabel(round.term)} figures for ${academy.name} are due by the end of ${formatDateLabel(round.closesOn)} (${when}).`;
  return {
    type: 'message',
    summary: text,
    attachments: [
      deps.cards.reminder({
        academyName: academy.name,
        urn: academy.urn,
        term: round.term,
        termLabel: termLabel(round.term),
        text,
      }),
    ],
  };
}

/**
 * An owner's card of their trust figures (or, on a `day`, their reminder), unless the round closed or they
 * have answered or been excused.
 */
async function ownerPrompt(
  deps: RoundDeps,
  term: string,
  email: string,
  day?: IsoDate,
): Promise<Awaited<ReturnType<OutboxComposer>>> {
  const [roster, round, owner] = await Promise.all([
    deps.roster.current(),
    deps.rounds.get(term),
    deps.owners.read(term, email),
  ]);
  const person = roster?.people.find((candidate) => candidate.email === email);
  if (!roster || !round || !person) return { kind: 'obsolete', reason: 'the round or owner is gone' };
  if (round.status !== 'open') return { kind: 'obsolete', reason: `the ${round.term} round has closed` };
  if (owner.state === 'submitted') return { kind: 'obsolete', reason: `${email} has submitted` };
  if (owner.excused) return { kind: 'obsolete', reason: `${email} is excused` };
  if (day !== undefined) {
    const left = daysBetween(trustNow(deps).date, round.closesOn);
    const when = left <= 0 ? 'today' : left === 1 ? 'tomorrow' : `in ${left} days`;
    const text = `A reminder: your ${termLabel(round.term)} trust figures are due by the end of ${formatDateLabel(round.closesOn)} (${when}).`;
    return {
      kind: 'activity',
      activity: {
        type: 'message',
        summary: text,
        attachments: [
          deps.cards.reminder({
            academyName: 'the trust',
            urn: '',
            term: round.term,
            termLabel: termLabel(round.term),
            text,
          }),
        ],
      },
    };
  }
  const outcome = await showOwnerFigures(deps, roster, person, term);
  if (outcome.kind !== 'card') return { kind: 'obsolete', reason: outcome.text };
  return {
    kind: 'activity',
    activity: {
      type: 'message',
      summary: `Your ${termLabel(round.term)} trust figures, due by ${formatDateLabel(round.closesOn)}`,
      attachments: [outcome.card],
    },
  };
}

export function roundComposer(shared: RoundDeps): OutboxComposer {
  return async (composition) => {
    const deps = readingOnce(shared);
    if (composition.kind === 'ownerPrompt') return ownerPrompt(deps, composition.term, composition.email);
    if (composition.kind === 'ownerReminder')
      return ownerPrompt(deps, composition.term, composition.email, composition.day);
    if (composition.kind === 'roundClosed')
      return roundClosedActivity(deps, composition.term, composition.key, composition.activityId);
    if (composition.kind === 'figuresPrompt') prefetch(deps, composition.term, composition.urn);
    const roster = await deps.roster.current();
    const round = await deps.rounds.get(composition.term);
    const academy = roster?.academies.find((candidate) => candidate.urn === composition.urn);
    const head = roster && headOf(composition.urn, roster);
    if (!roster || !round || !academy || !head)
      return { kind: 'obsolete', reason: 'the round or academy is gone' };
    if (round.status !== 'open') return { kind: 'obsolete', reason: `the ${round.term} round has closed` };
    const record = await deps.figures.read(round.term, academy.urn);
    if (record.state === 'submitted') return { kind: 'obsolete', reason: `${academy.urn} has submitted` };
    if (record.excused) return { kind: 'obsolete', reason: `${academy.urn} is excused` };
    if (composition.kind === 'reminder')
      return { kind: 'activity', activity: reminderActivity(deps, round, academy) };
    const due = formatDateLabel(round.closesOn);
    const outcome = await showFigures(deps, roster, head, { term: round.term, urn: academy.urn });
    if (outcome.kind !== 'card') return { kind: 'obsolete', reason: outcome.text };
    return {
      kind: 'activity',
      activity: {
        type: 'message',
        summary: `Your ${termLabel(round.term)} figures for ${academy.name}, due by ${due}`,
        attachments: [outcome.card],
      },
    };
  };
}

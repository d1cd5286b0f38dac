/**
 * Closing a round: the executive's confirmation, then no more edits and the evaluation of the plan over
 * every stored figure with the closed term as the latest closed round. The evaluation is stored for the
 * board summary and status to read.
 */
import { evaluatePlan } from '../../domain/evaluation/evaluatePlan';
import type { Evaluation } from '../../domain/evaluation/evaluation';
import { formatDateLabel } from '../../domain/evaluation/formatForTrustees';
import type { Roster } from '../../domain/roster/roster';
import type { Round } from '../../domain/round/round';
import { finishPendingOwnerSubmissions } from './ownerFigures';
import { ownerLine, ownerProgress, ownersCount, ownersMissing } from './ownerProgress';
import { queueRoundClosedCards } from './roundClosedCards';
import type { CardAttachment, RoundDeps } from './roundDeps';
import { academyProgress, stillMissing } from './roundProgress';
import { termLabel, termOf, trustNow } from './roundTerm';
import { storedObservations } from './storedObservations';

/** Academies named in the close confirmation before "and N more academies" (`missing` lists them all). */
export const CLOSE_NAMES_SHOWN = 5;

export type ClosePreview = { kind: 'confirm'; card: CardAttachment } | { kind: 'message'; text: string };

/** What an executive sees before closing: who has and has not submitted. */
export async function previewClose(
  deps: RoundDeps,
  roster: Roster,
  round: Round | undefined,
): Promise<ClosePreview> {
  if (!round)
    return { kind: 'message', text: 'No round has been opened yet. Type **open round** to open one.' };
  if (round.status === 'closed') {
    return { kind: 'message', text: `The ${termLabel(round.term)} round is already closed.` };
  }
  const [progress, owners] = await Promise.all([
    academyProgress(deps, roster, round),
    ownerProgress(deps, roster, round),
  ]);
  const academies = stillMissing(progress).map((entry) => entry.academy.name);
  const more = academies.length - CLOSE_NAMES_SHOWN;
  const missing = [
    ...(academies.length > 0
      ? [
          academies.slice(0, CLOSE_NAMES_SHOWN).join(', ') +
            (more > 0 ? ` and ${more} more ${more === 1 ? 'academy' : 'academies'}` : ''),
        ]
      : []),
    // The owners of trust figures as `missing` names them, after the academies: a few people, all named.
    ...ownersMissing(owners).map(ownerLine),
  ];
  const submitted = progress.filter((entry) => entry.standing === 'submitted').length;
  const ownersLine = ownersCount(owners);
  return {
    kind: 'confirm',
    card: deps.cards.confirm({
      verb: 'closeRound',
      term: round.term,
      termLabel: termLabel(round.term),
      facts: [
        { title: 'Term', value: termLabel(round.term) },
        { title: 'Due', value: `end of ${formatDateLabel(round.closesOn)}` },
        { title: 'Submitted', value: `${submitted} of ${progress.length}` },
        ...(ownersLine ? [{ title: 'Trust figures', value: ownersLine }] : []),
      ],
      ...(missing.length > 0
        ? {
            // "; " between them: an owner's line has commas of its own.
            note: `Still missing: ${missing.join('; ')}. Closing now records them as missing, a risk for the board.`,
          }
        : {}),
      buttonTitle: 'Close round',
    }),
  };
}

/** Evaluates the plan as of the trust's today with the round's term as the latest closed term. */
export async function evaluateRound(deps: RoundDeps, roster: Roster, round: Round): Promise<Evaluation> {
  const today = trustNow(deps).date;
  const term = termOf(round);
  const termEnd = deps.calendar.termDates(term).end;
  const { observations, notAvailable } = await storedObservations(deps, roster, round.term);
  return evaluatePlan({
    plan: deps.plan,
    roster,
    observations,
    notAvailable,
    calendar: deps.calendar,
    benchmarks: deps.benchmarks,
    // Closing early (before the term's end) judges as of today; a late close judges the term as it ended.
    asOf: today < termEnd ? today : termEnd,
    closedThrough: term,
    // A provisional summary of an open round: what is not in yet is "not sent yet", not missing.
    ...(round.status === 'open' && { openUntil: round.closesOn }),
  });
}

export type CloseOutcome =
  | { kind: 'closed'; round: Round; evaluation: Evaluation; missing: string[]; afterClose?: string }
  | { kind: 'alreadyClosed' | 'notFound'; text: string };

/** Closes the round (once, whoever asks first), evaluates and stores the evaluation. */
export async function closeRound(
  deps: RoundDeps,
  roster: Roster,
  term: string,
  by: string,
): Promise<CloseOutcome> {
  const closedAt = deps.clock().toISOString();
  const outcome = await deps.rounds.close(term, closedAt, by);
  if (outcome === 'notFound')
    return { kind: 'notFound', text: `There is no ${termLabel(term)} round to close.` };
  const round = await deps.rounds.get(term);
  if (!round) return { kind: 'notFound', text: `There is no ${termLabel(term)} round to close.` };
  if (outcome === 'alreadyClosed' && (await deps.evaluations.get(term))) {
    return { kind: 'alreadyClosed', text: `The ${termLabel(term)} round is already closed.` };
  }
  // An owner's submission a failure left part-applied is finished first, so it is judged whole.
  const finished = await finishPendingOwnerSubmissions(deps, roster, round);
  if (finished > 0) deps.log.info(`Round ${term}: finished ${finished} owners' pending submissions.`);
  // Also reached when a closer stopped between closing and storing: the evaluation is (re)done.
  const evaluation = await evaluateRound(deps, roster, round);
  await deps.evaluations.save(term, evaluation);
  const missing = stillMissing(await academyProgress(deps, roster, round)).map((entry) => entry.academy.name);
  deps.log.info(`Round ${term} closed by ${by}; ${missing.length} academies missing; evaluation stored.`);
  try {
    const cards = await queueRoundClosedCards(deps, round);
    if (cards > 0) deps.log.info(`Round ${term}: ${cards} figures cards queued to say the round closed.`);
  } catch (error) {
    // The round is closed and judged whatever happens here; a press on an open card still says so.
    deps.log.error(`Round ${term}: the figures cards were not told the round closed`, error);
  }
  let afterClose: string | undefined;
  if (deps.afterClose) {
    try {
      afterClose = await deps.afterClose(roster, round);
    } catch (error) {
      deps.log.error(`Round ${term}: the board summary was not posted`, error);
      afterClose = 'The board summary could not be posted just now; type **post summary** to try again.';
    }
  }
  return { kind: 'closed', round, evaluation, missing, ...(afterClose && { afterClose }) };
}

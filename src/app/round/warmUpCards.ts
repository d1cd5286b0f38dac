/**
 * Builds the round's cards once, from the plan and the roster in memory, so that the first card an
 * instance sends does not also pay for compiling the templates' expressions (a few hundred milliseconds
 * on a cold process: the first head's card, and the start of every fan-out). Nothing is stored or sent;
 * the hosts run it when an instance starts (the Functions warmup trigger, the local host's start-up).
 */
import type { Roster } from '../../domain/roster/roster';
import { requestedMetrics } from '../../domain/round/requestedMetrics';
import type { AcademyTermRecord } from '../../domain/round/round';
import { reminderActivity } from './composeRoundMessage';
import { figuresCardView, figuresSummaryView } from './figuresViews';
import { openedRound } from './openRound';
import type { RoundDeps } from './roundDeps';
import { currentTerm } from './roundTerm';

export interface WarmUpResult {
  /** How many cards were built. */
  cards: number;
}

/**
 * Builds a figures card, its summary and a reminder (the composer's own) for one academy of each phase:
 * the phases ask for different metrics, so their cards exercise different parts of the templates. Pure
 * apart from the clock.
 */
export function warmUpCards(deps: RoundDeps, roster: Roster): WarmUpResult {
  const term = currentTerm(deps);
  const round = openedRound(deps, term, 'warm-up', roster.academies.length);
  const onePerPhase = new Map(roster.academies.map((academy) => [academy.phase, academy]));
  let cards = 0;
  for (const academy of onePerPhase.values()) {
    const groups = requestedMetrics(deps.plan, academy, term, deps.calendar);
    const record: AcademyTermRecord = {
      urn: academy.urn,
      term: round.term,
      state: 'notStarted',
      figures: new Map(),
    };
    deps.cards.figures(figuresCardView({ round, academy, groups, record, previous: new Map() }));
    deps.cards.summary(
      figuresSummaryView({
        round,
        academy,
        groups,
        record,
        submitterName: 'warm-up',
        timeZone: deps.settings.timeZone,
      }),
    );
    reminderActivity(deps, round, academy);
    cards += 3;
  }
  return { cards };
}

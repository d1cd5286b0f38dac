/**
 * Builds the round's cards once, from the plan and the roster in memory, so that the first card an
 * instance sends does not also pay for compiling the templates' expressions (a few hundred milliseconds
 * on a cold process: the first head's card, and the start of every fan-out). Nothing is stored or sent;
 * the hosts run it when an instance starts (the Functions warmup trigger, the local host's start-up).
 */
import { formatDateLabel } from '../../domain/evaluation/formatForTrustees';
import type { Roster } from '../../domain/roster/roster';
import { requestedMetrics } from '../../domain/round/requestedMetrics';
import type { AcademyTermRecord, Round } from '../../domain/round/round';
import { formatTermKey } from '../../domain/terms/termCalendar';
import { figuresCardView, figuresSummaryView } from './figuresViews';
import type { RoundDeps } from './roundDeps';
import { currentTerm, datesOf, termLabel, trustNow } from './roundTerm';

export interface WarmUpResult {
  /** How many cards were built. */
  cards: number;
}

/**
 * Builds a figures card, its summary and a reminder for one academy of each phase (the phases ask for
 * different metrics, so their cards exercise different parts of the templates). Pure apart from the clock.
 */
export function warmUpCards(deps: RoundDeps, roster: Roster): WarmUpResult {
  const term = currentTerm(deps);
  const key = formatTermKey(term);
  const today = trustNow(deps).date;
  const round: Round = {
    term: key,
    status: 'open',
    openedOn: today,
    closesOn: datesOf(deps, term).closesOn,
    openedAt: deps.clock().toISOString(),
    openedBy: 'warm-up',
    academyCount: roster.academies.length,
  };
  const onePerPhase = new Map(roster.academies.map((academy) => [academy.phase, academy]));
  let cards = 0;
  for (const academy of onePerPhase.values()) {
    const groups = requestedMetrics(deps.plan, academy, term, deps.calendar);
    const record: AcademyTermRecord = {
      urn: academy.urn,
      term: key,
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
    deps.cards.reminder({
      academyName: academy.name,
      urn: academy.urn,
      term: key,
      termLabel: termLabel(term),
      text: `A reminder: the ${termLabel(term)} figures for ${academy.name} are due by the end of ${formatDateLabel(round.closesOn)}.`,
    });
    cards += 3;
  }
  return { cards };
}

/**
 * Whether a target applies to an academy on the as-of date: by the plan's conditions (phase, route,
 * tag, town), by the metric's phases, by the academy having joined, and by the target's start.
 */
import type { Metric } from '../metrics/metric';
import { metricAppliesToPhase } from '../metrics/metricCatalogue';
import { momentStart } from '../plan/parsePlanMoment';
import type { AcademyFilter, Target } from '../plan/plan';
import type { Academy, IsoDate } from '../roster/roster';
import type { TermCalendar } from '../terms/termCalendar';
import { describeAcademies, describeStart } from './describeTarget';
import type { TargetStatus } from './evaluation';
import { formatDateLabel } from './formatForTrustees';

/** A founder academy: route `founder`, or a founder flag beside another route ("sponsored founder"). */
export function isFounder(academy: Academy): boolean {
  return academy.route === 'founder' || academy.founder === true;
}

/** Whether the academy passes every condition of the filter (an empty filter passes every academy). */
export function matchesFilter(academy: Academy, filter: AcademyFilter): boolean {
  const towns = filter.towns?.map((town) => town.toLowerCase());
  const founder = isFounder(academy);
  return (
    (filter.phases === undefined || filter.phases.includes(academy.phase)) &&
    (filter.routes === undefined ||
      filter.routes.includes(academy.route) ||
      (founder && filter.routes.includes('founder'))) &&
    (filter.founder === undefined || filter.founder === founder) &&
    (filter.tags === undefined || filter.tags.some((tag) => academy.tags.includes(tag))) &&
    (filter.notTags === undefined || !filter.notTags.some((tag) => academy.tags.includes(tag))) &&
    (filter.joinedBefore === undefined || academy.joinedOn < filter.joinedBefore) &&
    (filter.joinedFrom === undefined || academy.joinedOn >= filter.joinedFrom) &&
    (towns === undefined || towns.includes(academy.town.toLowerCase()))
  );
}

/**
 * Why a target does not apply to an academy, before it is put into words: an evaluation checks every
 * (academy, target) pair, and each cause reads the same for many academies.
 */
export type NotApplicableCause = 'joinsLater' | 'outsideFilter' | 'phase' | 'notStarted';

/**
 * Why the target does not apply to this academy yet or at all, or undefined when it applies.
 * `startsOn` is the first day of the target's `from:` (undefined when it has none).
 */
export function notApplicableCause(
  target: Target,
  metric: Metric,
  academy: Academy,
  asOf: IsoDate,
  startsOn: IsoDate | undefined,
): NotApplicableCause | undefined {
  if (academy.joinedOn > asOf) return 'joinsLater';
  if (target.appliesTo.kind === 'academies' && !matchesFilter(academy, target.appliesTo.filter)) {
    return 'outsideFilter';
  }
  if (!metricAppliesToPhase(metric, academy.phase)) return 'phase';
  if (startsOn !== undefined && asOf < startsOn) return 'notStarted';
  return undefined;
}

/**
 * The cause in words. Not applicable is for a target that is not about this academy; not due for one
 * that will be, later.
 */
export function describeNotApplicable(
  cause: NotApplicableCause,
  target: Target,
  metric: Metric,
  academy: Academy,
): { status: TargetStatus; reason: string } {
  switch (cause) {
    case 'joinsLater':
      return { status: 'notApplicable', reason: `Joins the trust on ${formatDateLabel(academy.joinedOn)}` };
    case 'outsideFilter': {
      // Only an academies target has a filter to fall outside; a trust target's filter is empty.
      const filter = target.appliesTo.kind === 'academies' ? target.appliesTo.filter : {};
      return { status: 'notApplicable', reason: `Applies to ${describeAcademies(filter)} only` };
    }
    case 'phase':
      return {
        status: 'notApplicable',
        reason: `${metric.label} is not reported by ${describeAcademies({ phases: [academy.phase] })}`,
      };
    case 'notStarted':
      // Only a target with a start can start later.
      return { status: 'notDue', reason: target.from ? `Applies from ${describeStart(target.from)}` : '' };
  }
}

/** Why the target is not due yet because it starts later (`from:`), or undefined when it has started. */
export function notStartedReason(
  target: Target,
  asOf: IsoDate,
  calendar: TermCalendar,
): { status: TargetStatus; reason: string } | undefined {
  if (target.from && asOf < momentStart(target.from, calendar)) {
    return { status: 'notDue', reason: `Applies from ${describeStart(target.from)}` };
  }
  return undefined;
}

/**
 * Outcomes one target has already given in one evaluation, for subjects whose figures give the same
 * outcome to share it. A trust of 10,000 academies reports a percentage to one decimal, so most of its
 * academies' figures repeat another's: sharing the outcome (its reason and evidence) rather than making
 * each afresh is most of what keeps a large evaluation's memory, and its garbage collection, small.
 *
 * Only what is decided by the figure alone is shared: a rule reading the figure's history (a
 * trajectory, a trend) or the academy's inspections makes its own. Shared outcomes must not be changed.
 */
import type { MetricValue } from '../metrics/parseMetricValue';
import type { IsoDate } from '../roster/roster';
import type { DeadlineEvidence } from './evaluation';
import type { Observation } from './observation';
import type { RuleOutcome } from './ruleContext';
import { termNumber } from './termNumber';

type ByValue = Map<MetricValue, RuleOutcome>;

type ByFigure = Map<DeadlineEvidence | undefined, Map<number, Map<IsoDate | undefined, ByValue>>>;

function slot(root: ByFigure, observation: Observation, deadline: DeadlineEvidence | undefined): ByValue {
  let byTerm = root.get(deadline);
  if (!byTerm) {
    byTerm = new Map();
    root.set(deadline, byTerm);
  }
  const term = termNumber(observation.term);
  let byKnownOn = byTerm.get(term);
  if (!byKnownOn) {
    byKnownOn = new Map();
    byTerm.set(term, byKnownOn);
  }
  let byValue = byKnownOn.get(observation.knownOn);
  if (!byValue) {
    byValue = new Map();
    byKnownOn.set(observation.knownOn, byValue);
  }
  return byValue;
}

export class SharedOutcomes {
  /** Judged on the figure: by deadline (resolveDeadline shares one object per day), term, given known-on day, value. */
  private readonly judged: ByFigure = new Map();
  /** The figure is the last one held but a later one was expected: keyed as `judged`. */
  private readonly behind: ByFigure = new Map();
  /** When no figure is held: by what was expected and the deadline. */
  private readonly withoutFigure = new Map<string, RuleOutcome>();

  /**
   * The outcomes of judging figures like this one (same term, same given known-on day, same deadline),
   * by value: everything an outcome decided by the figure alone depends on besides the target itself.
   */
  forFigure(observation: Observation, deadline: DeadlineEvidence | undefined): ByValue {
    return slot(this.judged, observation, deadline);
  }

  /**
   * The outcomes for a figure that is the last held when a later one was due, by value. What was due is
   * the same for every subject of a target (the last closed round, or the last year with results).
   */
  forLastFigure(observation: Observation, deadline: DeadlineEvidence | undefined): ByValue {
    return slot(this.behind, observation, deadline);
  }

  /** The outcome when no figure is held, by a key naming what was expected and the deadline. */
  withoutFigureFor(key: string): RuleOutcome | undefined {
    return this.withoutFigure.get(key);
  }

  rememberWithoutFigure(key: string, outcome: RuleOutcome): RuleOutcome {
    this.withoutFigure.set(key, outcome);
    return outcome;
  }
}

/**
 * Which figures a round asks one academy's head for: exactly the head-supplied metrics that the plan's
 * targets need from that academy in that term, grouped under the objective that first needs them.
 *
 * - A target counts when it applies to the academy (its filter, the metric's phases, the academy has
 *   joined by the end of the term) and has started by the end of the term (`from:`).
 * - Termly metrics are asked every term; annual results only in the term they belong to (summer).
 * - A metric exists only inside its validity window (an Ofsted framework): asked only in a term that
 *   overlaps it.
 * - An inspection target names a derived outcome; the head gives the inspection's own grades, and only
 *   in a term with an inspection, so those fields are optional.
 * - Trust-level targets and derived metrics are not asked of heads, nor a metric the plan imports from
 *   a publisher's file (`imported:`, docs/published-figures.md).
 *
 * The same rules say which trust figures (`source: trust`) the trust's owners are asked for each academy
 * (`trustRequestedMetrics`; ownerRequests.ts groups them by owner).
 */
import { matchesFilter } from '../evaluation/applicability';
import { collectedBy } from '../metrics/collection';
import type { Metric, MetricSource } from '../metrics/metric';
import {
  getMetric,
  INSPECTION_METRIC_IDS,
  METRIC_CATALOGUE,
  metricAppliesToPhase,
} from '../metrics/metricCatalogue';
import { momentStart } from '../plan/parsePlanMoment';
import type { Plan, Target } from '../plan/plan';
import type { Academy } from '../roster/roster';
import type { TermRef } from '../terms/term';
import { formatTermKey, type TermCalendar } from '../terms/termCalendar';

/** The term annual results belong to. */
export const ANNUAL_RESULTS_TERM = 'summer';

export interface RequestedMetric {
  metric: Metric;
  /** Required figures need a value or a "not available" reason; optional ones may be left blank. */
  required: boolean;
}

export interface RequestedGroup {
  objectiveId: string;
  title: string;
  metrics: RequestedMetric[];
}

function inWindow(metric: Metric, start: string, end: string): boolean {
  return (
    (metric.validFrom === undefined || metric.validFrom <= end) &&
    (metric.validTo === undefined || metric.validTo >= start)
  );
}

/** Whether the trust imports the metric from a publisher's file (the plan's `imported:`), so nobody is asked. */
function isImported(metric: Metric, plan: Plan): boolean {
  return collectedBy(metric, plan.imported) === 'published';
}

function askedThisTerm(metric: Metric, term: TermRef): boolean {
  // An annual measure with its own term (a governor count in autumn) is asked in that term.
  return metric.frequency === 'termly' || term.term === (metric.term ?? ANNUAL_RESULTS_TERM);
}

/** The metrics `source` supplies behind one target, with whether each is required. */
function metricsFor(target: Target, source: AskedSource): RequestedMetric[] {
  if (target.rule.kind === 'inspection') return source === 'head' ? INSPECTION_FIELDS : [];
  const metric = getMetric(target.metricId);
  if (!metric || metric.source !== source) return [];
  return [{ metric, required: !INSPECTION_METRIC_IDS.has(metric.id) }];
}

const INSPECTION_FIELDS: RequestedMetric[] = METRIC_CATALOGUE.filter((metric) =>
  INSPECTION_METRIC_IDS.has(metric.id),
).map((metric) => ({ metric, required: false }));

/** The catalogue's order, in which a group lists its metrics. */
const CATALOGUE_ORDER = new Map(METRIC_CATALOGUE.map((metric, index) => [metric.id, index]));

/** A target a term asks for, with the metrics it asks in that term, before any academy is looked at. */
interface TermTarget {
  target: Target & { appliesTo: { kind: 'academies' } };
  metrics: RequestedMetric[];
}

interface TermObjective {
  objectiveId: string;
  title: string;
  targets: TermTarget[];
}

/** Who a round asks: each academy's head, or the trust's owners of its trust figures. */
type AskedSource = Exclude<MetricSource, 'derived'>;

/**
 * What a term asks of the academies, worked out once per plan, calendar, term and source: a round asks
 * hundreds of academies the same question, and only the filter, join date and phase differ between them.
 */
const termQuestions = new WeakMap<Plan, WeakMap<TermCalendar, Map<string, TermObjective[]>>>();

function questionsOf(
  plan: Plan,
  term: TermRef,
  calendar: TermCalendar,
  source: AskedSource,
): TermObjective[] {
  let byCalendar = termQuestions.get(plan);
  if (!byCalendar) termQuestions.set(plan, (byCalendar = new WeakMap()));
  let byTerm = byCalendar.get(calendar);
  if (!byTerm) byCalendar.set(calendar, (byTerm = new Map<string, TermObjective[]>()));
  const key = `${formatTermKey(term)}:${source}`;
  const known = byTerm.get(key);
  if (known) return known;
  const { start, end } = calendar.termDates(term);
  const objectives = plan.objectives.map((objective): TermObjective => {
    const targets: TermTarget[] = [];
    for (const target of objective.targets) {
      if (target.appliesTo.kind !== 'academies') continue;
      if (target.from && momentStart(target.from, calendar) > end) continue;
      const metrics = metricsFor(target, source).filter(
        ({ metric }) =>
          inWindow(metric, start, end) && askedThisTerm(metric, term) && !isImported(metric, plan),
      );
      if (metrics.length > 0) targets.push({ target: target as TermTarget['target'], metrics });
    }
    return { objectiveId: objective.id, title: objective.title, targets };
  });
  byTerm.set(key, objectives);
  return objectives;
}

/**
 * The figures to ask the academy's head for in the term, grouped by objective in plan order, each metric
 * once (under the first objective that needs it; required if any target needs it as required). Empty
 * when the plan needs nothing from this academy this term.
 */
export function requestedMetrics(
  plan: Plan,
  academy: Academy,
  term: TermRef,
  calendar: TermCalendar,
): RequestedGroup[] {
  return requestedOf(plan, academy, term, calendar, 'head');
}

/**
 * The trust figures (`source: trust`) the term needs for the academy, in catalogue order: what the
 * figures' owners are asked for it. Every one is required (a value or a "not available" reason).
 */
export function trustRequestedMetrics(
  plan: Plan,
  academy: Academy,
  term: TermRef,
  calendar: TermCalendar,
): RequestedMetric[] {
  return flattenRequested(requestedOf(plan, academy, term, calendar, 'trust')).sort(
    (a, b) => (CATALOGUE_ORDER.get(a.metric.id) ?? 0) - (CATALOGUE_ORDER.get(b.metric.id) ?? 0),
  );
}

function requestedOf(
  plan: Plan,
  academy: Academy,
  term: TermRef,
  calendar: TermCalendar,
  source: AskedSource,
): RequestedGroup[] {
  if (academy.joinedOn > calendar.termDates(term).end) return [];
  const placed = new Map<string, RequestedMetric>();
  const groups: RequestedGroup[] = [];
  for (const objective of questionsOf(plan, term, calendar, source)) {
    const group: RequestedGroup = { objectiveId: objective.objectiveId, title: objective.title, metrics: [] };
    for (const { target, metrics } of objective.targets) {
      if (!matchesFilter(academy, target.appliesTo.filter)) continue;
      for (const requested of metrics) {
        const { metric } = requested;
        if (!metricAppliesToPhase(metric, academy.phase)) continue;
        const already = placed.get(metric.id);
        if (already) {
          already.required ||= requested.required;
          continue;
        }
        const entry = { ...requested };
        placed.set(metric.id, entry);
        group.metrics.push(entry);
      }
    }
    if (group.metrics.length > 0) groups.push(group);
  }
  // The catalogue's order within a group reads better than the order targets happen to be written in.
  for (const group of groups)
    group.metrics.sort(
      (a, b) => (CATALOGUE_ORDER.get(a.metric.id) ?? 0) - (CATALOGUE_ORDER.get(b.metric.id) ?? 0),
    );
  return groups;
}

/** Every requested metric, flattened in card order. */
export function flattenRequested(groups: readonly RequestedGroup[]): RequestedMetric[] {
  return groups.flatMap((group) => group.metrics);
}

/**
 * The imported figures worth showing, read only, on the academy's card in the term: the published
 * metrics its targets judge it on (a results target's metric; an inspection target's inspection date),
 * in catalogue order. Nobody is asked for them: they say where the academy stands on what the DfE and
 * Ofsted publish, beside what the head is asked.
 */
export function publishedMetricsShown(
  plan: Plan,
  academy: Academy,
  term: TermRef,
  calendar: TermCalendar,
): Metric[] {
  if (!plan.imported || academy.joinedOn > calendar.termDates(term).end) return [];
  const { start, end } = calendar.termDates(term);
  const shown = new Map<string, Metric>();
  for (const objective of plan.objectives) {
    for (const target of objective.targets) {
      if (target.appliesTo.kind !== 'academies') continue;
      if (target.from && momentStart(target.from, calendar) > end) continue;
      if (!matchesFilter(academy, target.appliesTo.filter)) continue;
      const metric = getMetric(target.rule.kind === 'inspection' ? INSPECTION_DATE : target.metricId);
      if (!metric || !isImported(metric, plan) || !inWindow(metric, start, end)) continue;
      if (metricAppliesToPhase(metric, academy.phase)) shown.set(metric.id, metric);
    }
  }
  return [...shown.values()].sort(
    (a, b) => (CATALOGUE_ORDER.get(a.id) ?? 0) - (CATALOGUE_ORDER.get(b.id) ?? 0),
  );
}

/** The inspection figure an inspection target's line on the card shows. */
const INSPECTION_DATE = 'ofstedInspectionDate';

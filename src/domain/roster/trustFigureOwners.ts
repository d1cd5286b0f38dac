/**
 * Who owns each trust figure: the metrics the catalogue marks `source: trust` are given by people in the
 * central team, named in people.csv's `owns` column by metric id or by area (docs/roster-format.md).
 * The first executive on the roster owns every trust figure nobody else names, so no figure the plan
 * needs is left without someone to ask.
 */
import { METRIC_AREAS, type MetricArea } from '../metrics/metric';
import { METRIC_CATALOGUE } from '../metrics/metricCatalogue';
import type { Person } from './roster';

/** The trust figures' metric ids, in catalogue order. */
export const TRUST_METRIC_IDS: readonly string[] = METRIC_CATALOGUE.filter(
  (metric) => metric.source === 'trust',
).map((metric) => metric.id);

/** Whether the text names an area of the central team. */
export function isMetricArea(text: string): text is MetricArea {
  return (METRIC_AREAS as readonly string[]).includes(text);
}

/**
 * The trust figures one `owns` entry names: the figure itself, or every trust figure of an area
 * (possibly none: a trust whose catalogue has no finance figure yet). Undefined when it names neither.
 */
export function trustMetricsNamed(entry: string): string[] | undefined {
  if (isMetricArea(entry)) {
    return METRIC_CATALOGUE.filter((metric) => metric.source === 'trust' && metric.area === entry).map(
      (metric) => metric.id,
    );
  }
  return TRUST_METRIC_IDS.includes(entry) ? [entry] : undefined;
}

/**
 * The owner of every trust figure, by metric id: whoever names it (by id or area), else the first
 * executive on the roster. A figure is missing from the map only when nobody names it and the roster has
 * no executive. The roster reader has already refused two owners of one figure; were there two here,
 * the first listed would win.
 */
export function trustFigureOwners(people: readonly Person[]): Map<string, Person> {
  const owners = new Map<string, Person>();
  for (const person of people) {
    for (const entry of person.owns ?? []) {
      for (const metricId of trustMetricsNamed(entry) ?? []) {
        if (!owners.has(metricId)) owners.set(metricId, person);
      }
    }
  }
  const executive = people.find((person) => person.role === 'executive');
  if (executive) {
    for (const metricId of TRUST_METRIC_IDS) if (!owners.has(metricId)) owners.set(metricId, executive);
  }
  return owners;
}

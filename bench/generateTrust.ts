/**
 * A generated trust for the evaluation benchmark and its results-pinning test: `size` academies of every
 * phase, every head-supplied metric in the catalogue with nine terms of termly history, three years of
 * annual results, and inspections. Deterministic, so every run measures (and pins) the same trust.
 */
import type { Observation } from '../src/domain/evaluation/observation';
import type { Metric } from '../src/domain/metrics/metric';
import {
  INSPECTION_METRIC_IDS,
  METRIC_CATALOGUE,
  metricAppliesToPhase,
} from '../src/domain/metrics/metricCatalogue';
import type { MetricValue } from '../src/domain/metrics/parseMetricValue';
import type { Academy, Phase, Roster } from '../src/domain/roster/roster';
import type { TermRef } from '../src/domain/terms/term';
import { addTerms } from '../src/domain/terms/termCalendar';

const FIRST_TERM: TermRef = { startYear: 2023, term: 'autumn' };
/** Terms of termly history per academy. */
export const TERMS = 9;
const PHASES: Phase[] = [
  'primary',
  'primary',
  'primary',
  'primary',
  'primary',
  'secondary',
  'secondary',
  'secondary',
  'special',
  'allThrough',
];

/** A small deterministic generator, so every run measures the same trust. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

function valueFor(metric: Metric, next: () => number): MetricValue {
  if (metric.options) return metric.options[Math.floor(next() * metric.options.length)]?.value ?? '';
  if (metric.type === 'yesNo') return next() > 0.1;
  const min = metric.min ?? 0;
  const max = metric.max ?? 100;
  // Keep to the upper middle of the range, where real figures sit, so statuses vary.
  const value = min + (max - min) * (0.5 + next() * 0.5);
  return metric.type === 'count' ? Math.round(value) : Math.round(value * 10) / 10;
}

/** The trust of `size` academies and all their figures. */
export function generateTrust(size: number): { roster: Roster; observations: Observation[] } {
  const next = random(size);
  const academies: Academy[] = [];
  const observations: Observation[] = [];
  const termly = METRIC_CATALOGUE.filter(
    (metric) =>
      metric.source === 'head' && metric.frequency === 'termly' && !INSPECTION_METRIC_IDS.has(metric.id),
  );
  const annual = METRIC_CATALOGUE.filter(
    (metric) => metric.source === 'head' && metric.frequency === 'annual',
  );
  for (let index = 0; index < size; index++) {
    const urn = String(800000 + index);
    const phase = PHASES[index % PHASES.length] ?? 'primary';
    const openedOn = `${2012 + (index % 8)}-09-01`;
    academies.push({
      urn,
      name: `Academy ${index}`,
      phase,
      route: 'converter',
      town: 'Town',
      openedOn,
      joinedOn: openedOn,
      tags: [],
    });
    for (let offset = 0; offset < TERMS; offset++) {
      const term = addTerms(FIRST_TERM, offset);
      for (const metric of termly)
        observations.push({ subject: urn, term, metricId: metric.id, value: valueFor(metric, next) });
    }
    for (let year = 2022; year <= 2024; year++) {
      for (const metric of annual) {
        if (metricAppliesToPhase(metric, phase)) {
          observations.push({
            subject: urn,
            term: { startYear: year, term: 'summer' },
            metricId: metric.id,
            value: valueFor(metric, next),
          });
        }
      }
    }
    observations.push({
      subject: urn,
      term: { startYear: 2022, term: 'spring' },
      metricId: 'ofstedOverall',
      value: 'good',
    });
    for (const area of [
      'reportCardInclusion',
      'reportCardAchievement',
      'reportCardLeadershipAndGovernance',
      'reportCardSafeguarding',
    ]) {
      const value =
        area === 'reportCardSafeguarding' ? 'met' : next() > 0.3 ? 'expectedStandard' : 'needsAttention';
      observations.push({ subject: urn, term: { startYear: 2025, term: 'spring' }, metricId: area, value });
    }
  }
  return {
    roster: {
      trust: { name: 'Generated Trust', boardChannel: 'Board', fictional: true },
      academies,
      people: [],
    },
    observations,
  };
}

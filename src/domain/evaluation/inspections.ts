/**
 * Ofsted inspections read from the termly figures, and whether each reached a standard, under whichever
 * framework it was held:
 * - overall grade (to 31 Aug 2024): the overall effectiveness grade itself;
 * - key judgements without an overall grade (Sept 2024 – 9 Nov 2025): every key judgement must reach
 *   the standard, and safeguarding must be effective;
 * - report cards (from 10 Nov 2025): every area must reach the rule's report-card floor (by default
 *   expected standard for "good", strong standard for "outstanding") and safeguarding must be met.
 */
import type { Metric } from '../metrics/metric';
import {
  getMetric,
  INSPECTION_METRIC_IDS,
  KEY_JUDGEMENT_METRICS,
  REPORT_CARD_AREA_METRICS,
  REPORT_CARD_OPTIONS,
} from '../metrics/metricCatalogue';
import type { MetricValue } from '../metrics/parseMetricValue';
import type { InspectionStandard } from '../plan/plan';
import type { IsoDate } from '../roster/roster';
import type { TermRef } from '../terms/term';
import { compareTerms, formatTermKey, type TermCalendar } from '../terms/termCalendar';
import type { InspectionEvidence } from './evaluation';
import { formatMetricValue } from './formatForTrustees';
import type { Observation } from './observation';
import { termNumber } from './termNumber';

export type InspectionFramework = InspectionEvidence['framework'];

export interface Inspection {
  term: TermRef;
  /**
   * 1 for the first inspection since opening as an academy: as recorded (`ofstedInspectionNumber`),
   * else counted on from the latest recorded number before it, else counted by date among the
   * academy's own inspections (never a predecessor school's, never by where a row is in a file).
   */
  number: number;
  /** 1 for the first inspection since the academy joined the trust; undefined for one before joining. */
  sinceJoining?: number;
  /** Undefined when the term records an inspection number but no grades. */
  framework: InspectionFramework | undefined;
  /** Every inspection figure recorded in the term, by metric id. */
  grades: ReadonlyMap<string, MetricValue>;
  /** The day it began, when recorded (`ofstedInspectionDate`); it does not count before that day. */
  date?: IsoDate;
}

const OVERALL = 'ofstedOverall';
const NUMBER = 'ofstedInspectionNumber';
const DATE = 'ofstedInspectionDate';
const SAFEGUARDING_EFFECTIVE = 'ofstedSafeguardingEffective';
const REPORT_CARD_SAFEGUARDING = 'reportCardSafeguarding';
const OFSTED_RANK: Record<InspectionStandard, number> = { good: 3, outstanding: 4 };

function frameworkOf(grades: ReadonlyMap<string, MetricValue>): InspectionFramework | undefined {
  if (grades.has(OVERALL)) return 'overallGrade';
  if (
    REPORT_CARD_AREA_METRICS.some((metric) => grades.has(metric.id)) ||
    grades.has(REPORT_CARD_SAFEGUARDING)
  ) {
    return 'reportCard';
  }
  if (KEY_JUDGEMENT_METRICS.some((metric) => grades.has(metric.id)) || grades.has(SAFEGUARDING_EFFECTIVE)) {
    return 'keyJudgements';
  }
  return undefined;
}

/** When the academy opened and joined the trust, for counting its inspections. */
export interface InspectionHistoryDates {
  openedOn: IsoDate;
  joinedOn: IsoDate;
  calendar: TermCalendar;
}

/**
 * The inspections in one academy's figures, oldest first: every term with at least one inspection
 * figure is one inspection (two inspections in one term would be recorded as the later one). With the
 * academy's dates, an inspection before it opened (its predecessor school's, under another URN) is left
 * out, and each is numbered since opening and since joining the trust from the dates.
 */
export function listInspections(
  seriesByMetric: ReadonlyMap<string, readonly Observation[]>,
  academy?: InspectionHistoryDates,
): Inspection[] {
  const byTerm = new Map<number, { term: TermRef; grades: Map<string, MetricValue> }>();
  for (const metricId of INSPECTION_METRIC_IDS) {
    const series = seriesByMetric.get(metricId);
    if (!series) continue;
    for (const observation of series) {
      const key = termNumber(observation.term);
      let entry = byTerm.get(key);
      if (!entry) {
        entry = { term: observation.term, grades: new Map() };
        byTerm.set(key, entry);
      }
      entry.grades.set(metricId, observation.value);
    }
  }
  const ordered = [...byTerm.values()];
  // Usually one or two inspections, met in term order: sort only when they are not.
  if (!isInTermOrder(ordered)) ordered.sort((a, b) => compareTerms(a.term, b.term));
  let previous = 0;
  let sinceJoining = 0;
  const inspections: Inspection[] = [];
  for (const { term, grades } of ordered) {
    const recordedDate = grades.get(DATE);
    const date = typeof recordedDate === 'string' ? recordedDate : undefined;
    if (academy && happenedBefore(academy.openedOn, term, date, academy.calendar)) continue;
    const recorded = grades.get(NUMBER);
    const number = typeof recorded === 'number' ? recorded : previous + 1;
    previous = number;
    const joined = academy === undefined || !happenedBefore(academy.joinedOn, term, date, academy.calendar);
    if (joined) sinceJoining++;
    const framework = frameworkOf(grades);
    inspections.push({
      term,
      number,
      ...(academy && joined ? { sinceJoining } : {}),
      framework,
      grades,
      ...(date === undefined ? {} : { date }),
    });
  }
  return inspections;
}

/** Whether an inspection (on its day, or in its term when no day is recorded) was before the day. */
function happenedBefore(
  day: IsoDate,
  term: TermRef,
  date: IsoDate | undefined,
  calendar: TermCalendar,
): boolean {
  if (date !== undefined) return date < day;
  return compareTerms(term, calendar.termContaining(day)) < 0;
}

function isInTermOrder(entries: readonly { term: TermRef }[]): boolean {
  for (let index = 1; index < entries.length; index++) {
    const before = entries[index - 1] as { term: TermRef };
    if (termNumber(before.term) > termNumber((entries[index] as { term: TermRef }).term)) return false;
  }
  return true;
}

/** The lowest-ranked of the given grade metrics recorded for the inspection. */
function lowest(
  inspection: Inspection,
  metrics: readonly Metric[],
): { metric: Metric; rank: number; value: MetricValue } | undefined {
  let worst: { metric: Metric; rank: number; value: MetricValue } | undefined;
  for (const metric of metrics) {
    const value = inspection.grades.get(metric.id);
    const rank = metric.options?.find((option) => option.value === value)?.rank;
    if (value === undefined || rank === undefined) continue;
    if (!worst || rank < worst.rank) worst = { metric, rank, value };
  }
  return worst;
}

/** Whether every one of the metrics recorded for the inspection has the same grade (and one is recorded). */
function allSame(inspection: Inspection, metrics: readonly Metric[]): boolean {
  let first: MetricValue | undefined;
  for (const metric of metrics) {
    const value = inspection.grades.get(metric.id);
    if (value === undefined) continue;
    if (first === undefined) first = value;
    else if (value !== first) return false;
  }
  return first !== undefined;
}

// "Quality of education" from "Ofsted: Quality of education": made once per metric, not per inspection.
const AREA_NAMES = new Map<string, string>();

function areaName(metric: Metric, prefix: RegExp): string {
  let name = AREA_NAMES.get(metric.id);
  if (name === undefined) {
    name = metric.label.replace(prefix, '');
    AREA_NAMES.set(metric.id, name);
  }
  return name;
}

export interface InspectionJudgement {
  framework: InspectionFramework;
  meetsStandard: boolean;
  /** "Judged Good", "Key judgements at worst Requires improvement (Quality of education)". */
  summary: string;
}

/**
 * Whether an inspection reached the standard. Undefined when it has no grades to judge (only an
 * inspection number), which the rule reports as missing data.
 */
export function judgeInspection(
  inspection: Inspection,
  standard: InspectionStandard,
  reportCardFloor: string,
): InspectionJudgement | undefined {
  switch (inspection.framework) {
    case undefined:
      return undefined;
    case 'overallGrade': {
      const metric = getMetric(OVERALL);
      const value = inspection.grades.get(OVERALL);
      const rank = metric?.options?.find((option) => option.value === value)?.rank ?? 0;
      const label = metric && value !== undefined ? formatMetricValue(metric, value) : String(value);
      return {
        framework: 'overallGrade',
        meetsStandard: rank >= OFSTED_RANK[standard],
        summary: `Judged ${label}`,
      };
    }
    case 'keyJudgements': {
      const worst = lowest(inspection, KEY_JUDGEMENT_METRICS);
      const unsafe = inspection.grades.get(SAFEGUARDING_EFFECTIVE) === false;
      const parts: string[] = [];
      if (worst) {
        const label = formatMetricValue(worst.metric, worst.value);
        parts.push(
          allSame(inspection, KEY_JUDGEMENT_METRICS)
            ? `All key judgements ${label}`
            : `Key judgements at worst ${label} (${areaName(worst.metric, /^Ofsted: /)})`,
        );
      }
      if (unsafe) parts.push('safeguarding not effective');
      const meetsStandard = !unsafe && worst !== undefined && worst.rank >= OFSTED_RANK[standard];
      return {
        framework: 'keyJudgements',
        meetsStandard,
        summary: parts.join('; ') || 'Key judgements not recorded',
      };
    }
    case 'reportCard': {
      const worst = lowest(inspection, REPORT_CARD_AREA_METRICS);
      const floorRank =
        REPORT_CARD_OPTIONS.find((option) => option.value === reportCardFloor)?.rank ?? Infinity;
      const notMet = inspection.grades.get(REPORT_CARD_SAFEGUARDING) === 'notMet';
      const parts: string[] = [];
      if (worst) {
        const label = formatMetricValue(worst.metric, worst.value);
        parts.push(
          allSame(inspection, REPORT_CARD_AREA_METRICS)
            ? `Report card ${label} in every area`
            : `Report card at worst ${label} (${areaName(worst.metric, /^Report card: /)})`,
        );
      }
      if (notMet) parts.push('safeguarding not met');
      const meetsStandard = !notMet && worst !== undefined && worst.rank >= floorRank;
      return {
        framework: 'reportCard',
        meetsStandard,
        summary: parts.join('; ') || 'Report card areas not recorded',
      };
    }
  }
}

/** The inspection as evidence for the JSON output. */
export function inspectionEvidence(
  inspection: Inspection,
  judgement: InspectionJudgement,
): InspectionEvidence {
  const grades: Record<string, string | boolean> = {};
  for (const [metricId, value] of inspection.grades) {
    if (typeof value !== 'number' && metricId !== DATE) grades[metricId] = value;
  }
  return {
    term: formatTermKey(inspection.term),
    ...(inspection.date === undefined ? {} : { date: inspection.date }),
    number: inspection.number,
    framework: judgement.framework,
    grades,
    meetsStandard: judgement.meetsStandard,
    summary: judgement.summary,
  };
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import {
  getMetric,
  INSPECTION_METRIC_IDS,
  KEY_JUDGEMENT_METRICS,
  METRIC_CATALOGUE,
  OVERALL_GRADE_LAST_DAY,
  REPORT_CARD_AREA_METRICS,
  REPORT_CARD_FIRST_DAY,
} from '../../../src/domain/metrics/metricCatalogue';
import { parsePlan } from '../../../src/domain/plan/parsePlan';

const SHIPPED_PLANS = ['plans/thrive-2016-2019.yaml', 'plans/demo-2025-2028.yaml'];

describe('metric catalogue', () => {
  it('has unique ids and a label, help text and source for every metric', () => {
    const ids = METRIC_CATALOGUE.map((metric) => metric.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const metric of METRIC_CATALOGUE) {
      expect(metric.label).not.toBe('');
      expect(metric.help).not.toBe('');
    }
  });

  it.each(METRIC_CATALOGUE.filter((metric) => ['number', 'percent', 'count'].includes(metric.type)))(
    '$id has a valid range',
    (metric) => {
      expect(metric.min).toBeDefined();
      expect(metric.max).toBeDefined();
      expect(metric.min ?? 0).toBeLessThan(metric.max ?? 0);
    },
  );

  it.each(METRIC_CATALOGUE.filter((metric) => metric.type === 'grade' || metric.type === 'enum'))(
    '$id has options with distinct ranks',
    (metric) => {
      const ranks = (metric.options ?? []).map((option) => option.rank);
      expect(ranks.length).toBeGreaterThan(1);
      expect(new Set(ranks).size).toBe(ranks.length);
    },
  );

  it.each(SHIPPED_PLANS)('holds every metric %s uses', (file) => {
    const result = parsePlan(readFileSync(join(__dirname, '../../..', file), 'utf8'));
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    for (const objective of result.plan.objectives) {
      for (const target of objective.targets) expect(getMetric(target.metricId)).toBeDefined();
    }
  });

  it('holds the head-supplied termly figures and the annual results', () => {
    for (const id of [
      'teachingGoodOrBetter',
      'teachingOutstanding',
      'seniorLeadership',
      'middleLeadership',
      'singleCentralRecord',
      'safeguardingConcerns',
      'attendance',
      'persistentAbsence',
      'disadvantagedGap',
      'reservesPercentOfIncome',
      'inYearBalance',
    ]) {
      expect(getMetric(id)).toMatchObject({ source: 'head', frequency: 'termly' });
    }
    for (const id of [
      'attainment8',
      'progress8',
      'ks4Grade5EnglishMaths',
      'attainment8Disadvantaged',
      'progress8Disadvantaged',
      'attainment8DisadvantagedGap',
      'progress8DisadvantagedGap',
      'ks2ExpectedRwm',
      'ks2DisadvantageGapIndex',
      'ks4DisadvantageGapIndex',
    ]) {
      expect(getMetric(id)).toMatchObject({ frequency: 'annual' });
    }
  });

  it.each([
    ['attainment8Disadvantaged', true, 0, 90],
    ['progress8Disadvantaged', true, -5, 5],
    ['attainment8DisadvantagedGap', false, -90, 90],
    ['progress8DisadvantagedGap', false, -10, 10],
  ])(
    'holds %s, a KS4 figure of the school’s disadvantaged pupils published in the DfE’s tables',
    (id, higherIsBetter, min, max) => {
      expect(getMetric(id)).toMatchObject({
        type: 'number',
        min,
        max,
        higherIsBetter,
        phases: ['secondary', 'allThrough'],
        source: 'head',
        publishedBy: ['dfe-ks4'],
        frequency: 'annual',
        availability: getMetric('attainment8')?.availability,
      });
      // No national figure is held for them, so no benchmark target can name them.
      expect(getMetric(id)?.national).toBeUndefined();
    },
  );

  it('keeps the internal termly disadvantaged gap apart from the published ones', () => {
    expect(getMetric('disadvantagedGap')).toMatchObject({
      label: 'Disadvantaged gap (internal)',
      frequency: 'termly',
    });
    expect(getMetric('disadvantagedGap')?.publishedBy).toBeUndefined();
  });

  it('holds Ofsted outcomes in all three forms, each dated to its framework', () => {
    expect(getMetric('ofstedOverall')).toMatchObject({ type: 'grade', validTo: OVERALL_GRADE_LAST_DAY });
    expect(KEY_JUDGEMENT_METRICS.length).toBeGreaterThanOrEqual(4);
    for (const metric of KEY_JUDGEMENT_METRICS) expect(metric.validTo).toBe('2025-11-09');
    expect(REPORT_CARD_AREA_METRICS.length).toBeGreaterThanOrEqual(6);
    for (const metric of REPORT_CARD_AREA_METRICS) {
      expect(metric.validFrom).toBe(REPORT_CARD_FIRST_DAY);
      expect(metric.options?.map((option) => option.label)).toEqual([
        'Exceptional',
        'Strong standard',
        'Expected standard',
        'Needs attention',
        'Urgent improvement',
      ]);
    }
    expect(getMetric('reportCardSafeguarding')?.options?.map((option) => option.value)).toEqual([
      'met',
      'notMet',
    ]);
    expect(getMetric('ofstedInspectionNumber')).toMatchObject({ type: 'count', min: 1 });
    expect(INSPECTION_METRIC_IDS.has('ofstedInspectionNumber')).toBe(true);
  });

  it('returns undefined for an unknown id', () => {
    expect(getMetric('progres8')).toBeUndefined();
  });
});

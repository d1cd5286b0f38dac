import type { Metric } from '../../../src/domain/metrics/metric';
import { getMetric } from '../../../src/domain/metrics/metricCatalogue';
import { parseMetricValue } from '../../../src/domain/metrics/parseMetricValue';

function metric(id: string): Metric {
  const found = getMetric(id);
  if (!found) throw new Error(`no metric ${id}`);
  return found;
}

describe('parseMetricValue', () => {
  it.each([
    ['attendance', '42', 42],
    ['attendance', '42.5', 42.5],
    ['attendance', ' 42 ', 42],
    ['attendance', '42%', 42],
    ['attendance', '42 %', 42],
    ['attendance', '0', 0],
    ['attendance', '100', 100],
    ['attendance', '.5', 0.5],
    ['progress8', '-0.12', -0.12],
    ['progress8', '\u22120.12', -0.12],
    ['progress8', '+0.21', 0.21],
    ['progress8', '-0', 0],
    ['inYearBalance', '-1,200', -1200],
    ['inYearBalance', '1,200.5', 1200.5],
    ['safeguardingConcerns', '3', 3],
    ['ofstedInspectionNumber', '2', 2],
    ['seniorLeadership', 'outstanding', 'outstanding'],
    ['seniorLeadership', 'Requires improvement', 'requiresImprovement'],
    ['seniorLeadership', ' GOOD ', 'good'],
    ['reportCardAchievement', 'Strong standard', 'strongStandard'],
    ['reportCardSafeguarding', 'not met', 'notMet'],
    ['ofstedSafeguardingEffective', 'Yes', true],
    ['ofstedSafeguardingEffective', 'n', false],
    // Numbers as people write them.
    ['attendance', '95.2%', 95.2],
    ['attendance', '95.2\u00a0%', 95.2],
    ['progress8', '\u2212 0.3', -0.3],
    ['progress8', '\u20130.3', -0.3],
    ['inYearBalance', '\u22123', -3],
    ['inYearBalance', '1,234', 1234],
    ['inYearBalance', '1 234', 1234],
    ['inYearBalance', '1\u202f234', 1234],
    ['inYearBalance', '£120k', 120],
    ['inYearBalance', '£120K', 120],
    ['inYearBalance', '£ 120 k', 120],
    ['inYearBalance', '120k', 120],
    ['inYearBalance', '-£120k', -120],
    ['inYearBalance', '£-120k', -120],
    ['inYearBalance', '\u2212£1.2m', -1200],
    ['inYearBalance', '£0', 0],
    ['disadvantagedGap', '8.5 pts', 8.5],
  ])('%s accepts %j as %j', (id, raw, expected) => {
    expect(parseMetricValue(metric(id), raw)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['attendance', '', 'Enter a number from 0 to 100'],
    ['attendance', 'abc', 'Enter a number from 0 to 100'],
    ['attendance', '100.01', 'Enter a number from 0 to 100'],
    ['attendance', '-1', 'Enter a number from 0 to 100'],
    ['attendance', '1e2', 'Enter a number from 0 to 100'],
    ['attendance', '42%%', 'Enter a number from 0 to 100'],
    ['attainment8', '42%', 'Enter a number from 0 to 90'],
    ['attainment8', '90.5', 'Enter a number from 0 to 90'],
    ['safeguardingConcerns', '1.5', 'Enter a whole number from 0 to 500'],
    ['ofstedInspectionNumber', '0', 'Enter a whole number from 1 to 20'],
    ['progress8', '5.01', 'Enter a number from -5 to 5'],
    ['seniorLeadership', 'excellent', 'Choose one of: Outstanding, Good, Requires improvement, Inadequate'],
    [
      'reportCardAchievement',
      'good',
      'Choose one of: Exceptional, Strong standard, Expected standard, Needs attention, Urgent improvement',
    ],
    ['ofstedSafeguardingEffective', 'maybe', 'Answer yes or no'],
    // A comma that could be a decimal mark is never guessed.
    [
      'attendance',
      '12,5',
      'Is that 12.5 or 125? Write decimals with a point (12.5) and commas only between thousands (1,234)',
    ],
    [
      'attendance',
      '12,5%',
      'Is that 12.5 or 125? Write decimals with a point (12.5) and commas only between thousands (1,234)',
    ],
    [
      'inYearBalance',
      '1.234,5',
      'Write decimals with a point (12.5) and commas only between thousands (1,234)',
    ],
    ['inYearBalance', '£120', 'This figure is in £ thousands: write 120 or £120k for £120,000'],
    ['attendance', '£95', 'Enter a number from 0 to 100'],
    ['attendance', '95k', 'Enter a number from 0 to 100'],
    ['attainment8', '42 pts', 'Enter a number from 0 to 90'],
    ['inYearBalance', '12 34', 'Enter a number from -100000 to 100000'],
  ])('%s rejects %j with "%s"', (id, raw, message) => {
    expect(parseMetricValue(metric(id), raw)).toEqual({ ok: false, message });
  });
});

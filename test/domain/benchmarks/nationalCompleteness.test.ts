/**
 * The shipped national figures are complete: every metric with a national figure has, for every year
 * from 2016-17 to the latest DfE had published by December 2026, a figure, a "not published" row with
 * its reason, or a place in docs/published-figures.md's list of years not confirmed from a public
 * source. Every figure names the public page it was confirmed from; none is held unconfirmed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { readCsvRecords } from '../../../src/domain/csv/readCsvRecords';
import { METRIC_CATALOGUE } from '../../../src/domain/metrics/metricCatalogue';
import { formatAcademicYear } from '../../../src/domain/terms/termCalendar';

const ROOT = join(__dirname, '..', '..', '..');
const CSV = readFileSync(join(ROOT, 'benchmarks', 'national.csv'), 'utf8');
const DOC = readFileSync(join(ROOT, 'docs', 'published-figures.md'), 'utf8');

interface Row {
  metric: string;
  year: string;
  status: string;
  published: string;
  note: string;
}

function rows(): Row[] {
  const text = CSV.split('\n')
    .filter((line) => !line.startsWith('#'))
    .join('\n');
  const parsed = readCsvRecords(text);
  if (!parsed.ok) throw new Error('national.csv is not CSV');
  const [, ...records] = parsed.records;
  return records.map(({ values }) => {
    const [metric = '', year = '', , status = '', , , , published = '', note = ''] = values;
    return { metric, year, status, published, note };
  });
}

/** The latest academic year with a national figure out by December 2026, per metric (by its publisher). */
const LATEST_OUT: Record<string, string> = {
  attainment8: '2025-26', // KS4 provisional, October 2026
  progress8: '2025-26',
  ks4Grade5EnglishMaths: '2025-26',
  ks4DisadvantageGapIndex: '2025-26',
  ks2ExpectedRwm: '2025-26', // KS2 national headlines, July 2026
  ks2DisadvantageGapIndex: '2025-26',
  persistentAbsence: '2024-25', // full-year absence, March 2026
  overallAbsence: '2024-25',
  teacherTurnover: '2024-25', // School workforce in England, June 2026
};

const NATIONAL_METRICS = METRIC_CATALOGUE.filter((metric) => metric.national).map((metric) => metric.id);

/** The years docs/published-figures.md lists as not held for a metric (its row in the table). */
function documentedGaps(metricId: string): string[] {
  const line = DOC.split('\n').find((text) => text.startsWith(`| \`${metricId}\``));
  return line ? (line.match(/\d{4}-\d{2}/g) ?? []) : [];
}

describe('benchmarks/national.csv', () => {
  const all = rows();

  it('has a latest year for every metric with a national figure', () => {
    expect(Object.keys(LATEST_OUT).sort()).toEqual([...NATIONAL_METRICS].sort());
  });

  it.each(NATIONAL_METRICS)(
    '%s: every year from 2016-17 is held, not published with a reason, or listed as not confirmed',
    (metricId) => {
      const latest = LATEST_OUT[metricId] ?? '';
      const held = new Set(all.filter((row) => row.metric === metricId).map((row) => row.year));
      const gaps = documentedGaps(metricId);
      const unaccounted: string[] = [];
      for (let start = 2016; formatAcademicYear(start) <= latest; start++) {
        const year = formatAcademicYear(start);
        if (!held.has(year) && !gaps.includes(year)) unaccounted.push(year);
        // A year both held and listed as a gap would make the doc wrong.
        if (held.has(year)) expect(gaps).not.toContain(year);
      }
      expect(unaccounted).toEqual([]);
    },
  );

  it('names the public source of every figure, and holds none not confirmed', () => {
    const unsourced = all
      .filter((row) => row.status !== 'notPublished')
      .filter((row) => !row.note.includes('source: ') || row.note.includes('NOT CONFIRMED'))
      .map((row) => `${row.metric} ${row.year} ${row.status}`);
    expect(unsourced).toEqual([]);
  });

  it('gives every figure its publication day or month, or says the day is not confirmed', () => {
    const undated = all
      .filter((row) => row.status !== 'notPublished' && row.published === '')
      .filter((row) => !/day not confirmed/.test(row.note))
      .map((row) => `${row.metric} ${row.year} ${row.status}`);
    expect(undated).toEqual([]);
  });
});

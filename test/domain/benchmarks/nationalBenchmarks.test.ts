/**
 * National benchmarks as data: the shipped file, its figures as known on a date (a provisional figure
 * until its revision is out), the checks on every row, and a trust's override file.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
  BenchmarkFileError,
  loadNationalBenchmarks,
  loadNationalBenchmarksOrThrow,
  loadNationalBenchmarksSync,
} from '../../../src/adapters/files/loadNationalBenchmarks';
import type { BenchmarkLookup, BenchmarkSource } from '../../../src/domain/benchmarks/nationalBenchmarks';
import { BENCHMARK_COLUMNS, parseBenchmarkTable } from '../../../src/domain/benchmarks/parseBenchmarkTable';

const HEADER = BENCHMARK_COLUMNS.join(',');

function shipped(): BenchmarkSource {
  const loaded = loadNationalBenchmarksSync();
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
  return loaded.benchmarks;
}

function found(lookup: BenchmarkLookup) {
  if (lookup.kind !== 'found') throw new Error(`expected a figure, got ${lookup.kind}`);
  return lookup.benchmark;
}

describe('the shipped national benchmarks', () => {
  const benchmarks = shipped();

  it.each<[string, string, number, string, string]>([
    // The seed plan's years, from DfE's releases (all state-funded schools).
    [
      'attainment8',
      '2016-17',
      46.3,
      'revised',
      'Revised GCSE and equivalent results in England, 2016 to 2017 (SFR01/2018)',
    ],
    [
      'attainment8',
      '2017-18',
      46.5,
      'revised',
      'Key stage 4 including multi-academy trust performance, 2018 (revised)',
    ],
    ['attainment8', '2018-19', 46.7, 'revised', 'Key stage 4 performance 2019 (revised)'],
    ['attainment8', '2022-23', 46.3, 'revised', 'Key stage 4 performance 2023 (revised)'],
    ['attainment8', '2024-25', 45.9, 'provisional', 'Key stage 4 performance 2025 (provisional)'],
    [
      'progress8',
      '2016-17',
      -0.03,
      'revised',
      'Revised GCSE and equivalent results in England, 2016 to 2017 (SFR01/2018)',
    ],
    [
      'progress8',
      '2017-18',
      -0.02,
      'revised',
      'Key stage 4 including multi-academy trust performance, 2018 (revised)',
    ],
    ['progress8', '2018-19', -0.03, 'revised', 'Key stage 4 performance 2019 (revised)'],
    ['progress8', '2022-23', -0.03, 'revised', 'Key stage 4 performance 2023 (revised)'],
    ['ks4Grade5EnglishMaths', '2024-25', 45.2, 'provisional', 'Key stage 4 performance 2025 (provisional)'],
    [
      'ks2ExpectedRwm',
      '2024-25',
      62,
      'provisional',
      'Key stage 2 attainment: national headlines, academic year 2024/25',
    ],
    [
      'ks2DisadvantageGapIndex',
      '2023-24',
      3.12,
      'provisional',
      'Key stage 2 attainment, academic year 2023/24 (provisional)',
    ],
    // KS4 2023-24, so a 2024–2027 plan's first year is judged.
    ['ks4Grade5EnglishMaths', '2023-24', 45.9, 'revised', 'Key stage 4 performance 2024 (revised)'],
    ['ks4DisadvantageGapIndex', '2023-24', 3.92, 'revised', 'Key stage 4 performance 2024 (revised)'],
    ['attainment8', '2019-20', 50.2, 'revised', 'Key stage 4 performance 2020 (revised)'],
    ['attainment8', '2021-22', 48.8, 'revised', 'Key stage 4 performance 2022 (revised)'],
    ['progress8', '2021-22', -0.03, 'revised', 'Key stage 4 performance 2022 (revised)'],
    ['ks4DisadvantageGapIndex', '2016-17', 3.66, 'revised', 'Key stage 4 performance 2017 (revised)'],
    [
      'ks2ExpectedRwm',
      '2021-22',
      59,
      'provisional',
      'Key stage 2 attainment: national headlines, academic year 2021/22',
    ],
    ['teacherTurnover', '2023-24', 9, 'final', 'School workforce in England, reporting year 2024'],
    ['ks4DisadvantageGapIndex', '2018-19', 3.7, 'revised', 'Key stage 4 performance 2019 (revised)'],
    ['persistentAbsence', '2016-17', 10.8, 'final', 'Pupil absence in schools in England, 2016 to 2017'],
    ['teacherTurnover', '2024-25', 8.5, 'final', 'School workforce in England, reporting year 2025'],
    // Census persistent absence 2023-24: 20.0 %, not the daily attendance data's 20.7 %.
    [
      'persistentAbsence',
      '2023-24',
      20,
      'final',
      'Pupil absence in schools in England, academic year 2023/24',
    ],
    ['attainment8', '2023-24', 45.9, 'revised', 'Key stage 4 performance 2024 (revised)'],
    ['overallAbsence', '2023-24', 7.1, 'final', 'Pupil absence in schools in England, academic year 2023/24'],
  ])('holds %s %s: %d (%s, %s)', (metricId, year, value, revision, release) => {
    expect(found(benchmarks(metricId, year, '2026-11-30'))).toMatchObject({
      value,
      revision,
      release,
      publisher: 'DfE',
      source: `DfE, ${release}`,
    });
  });

  it.each<[string, string, BenchmarkLookup['kind'], number | undefined, string | undefined]>([
    // Attainment 8 for 2016-17: 46.0 provisional (October 2017), 46.3 revised (SFR01/2018, 25 Jan 2018).
    ['before the provisional figure', '2017-09-30', 'notYetPublished', undefined, undefined],
    ['on the provisional figure’s month', '2017-10-01', 'found', 46.0, 'provisional'],
    ['the day before the revision', '2018-01-24', 'found', 46.0, 'provisional'],
    ['on the revision day', '2018-01-25', 'found', 46.3, 'revised'],
    ['long after', '2019-06-01', 'found', 46.3, 'revised'],
  ])('Attainment 8 2016-17 %s (%s)', (_case, asOf, kind, value, revision) => {
    const lookup = benchmarks('attainment8', '2016-17', asOf);
    expect(lookup.kind).toBe(kind);
    if (lookup.kind === 'found') expect(lookup.benchmark).toMatchObject({ value, revision });
    if (lookup.kind === 'notYetPublished') expect(lookup.publishedOn).toBe('2017-10-01');
  });

  it.each<[string, string, string, BenchmarkLookup['kind'], number | undefined, string | undefined]>([
    // Progress 8 has only a revised figure for these years (no provisional one is held): before its
    // day the year is "not published yet" — never the other year's figure, never 0.
    [
      '2016-17',
      'before the revision, when no provisional figure is held',
      '2018-01-24',
      'notYetPublished',
      undefined,
      '2018-01-25',
    ],
    [
      '2016-17',
      'on the revision day',
      '2018-01-25',
      'found',
      -0.03,
      'Revised GCSE and equivalent results in England, 2016 to 2017 (SFR01/2018)',
    ],
    [
      '2017-18',
      'after the results, before the revision',
      '2018-11-20',
      'notYetPublished',
      undefined,
      '2019-01-24',
    ],
    [
      '2017-18',
      'on the revision day',
      '2019-01-24',
      'found',
      -0.02,
      'Key stage 4 including multi-academy trust performance, 2018 (revised)',
    ],
  ])('Progress 8 %s %s (%s)', (year, _case, asOf, kind, value, releaseOrDay) => {
    const lookup = benchmarks('progress8', year, asOf);
    expect(lookup.kind).toBe(kind);
    if (lookup.kind === 'found')
      expect(lookup.benchmark).toMatchObject({ value, revision: 'revised', release: releaseOrDay });
    if (lookup.kind === 'notYetPublished') expect(lookup.publishedOn).toBe(releaseOrDay);
  });

  it.each<[string, number, string]>([
    ['2018-10-15', 46.3, '2016-17 revised is the latest; 2017-18 not out'],
    ['2018-10-16', 46.4, '2017-18 provisional, 16 Oct 2018'],
    ['2019-01-24', 46.5, '2017-18 revised, 24 Jan 2019'],
  ])('Attainment 8 as of %s is %d (%s)', (asOf, value) => {
    const year = asOf < '2018-10-16' ? '2016-17' : '2017-18';
    expect(found(benchmarks('attainment8', year, asOf)).value).toBe(value);
  });

  it.each<[string, string, string, number, string]>([
    // KS2 2024-25: DfE's provisional 62 % of 8 July 2025; not known the day before.
    ['ks2ExpectedRwm', '2024-25', '2025-07-07', Number.NaN, 'notYetPublished'],
    ['ks2ExpectedRwm', '2024-25', '2025-07-08', 62, 'provisional'],
    // KS2 2022-23: 59 % provisional on 11 Jul 2023, 60 % revised on 14 Dec 2023.
    ['ks2ExpectedRwm', '2022-23', '2023-12-13', 59, 'provisional'],
    ['ks2ExpectedRwm', '2022-23', '2023-12-14', 60, 'revised'],
    // KS4 grade 5+ 2017-18: 43.0 % provisional on 16 Oct 2018, 43.3 % revised on 24 Jan 2019.
    ['ks4Grade5EnglishMaths', '2017-18', '2019-01-23', 43.0, 'provisional'],
    ['ks4Grade5EnglishMaths', '2017-18', '2019-01-24', 43.3, 'revised'],
    // KS4 gap index 2022-23: 3.95 provisional, 3.94 revised in February 2024.
    ['ks4DisadvantageGapIndex', '2022-23', '2024-01-31', 3.95, 'provisional'],
    ['ks4DisadvantageGapIndex', '2022-23', '2024-02-01', 3.94, 'revised'],
  ])('reads %s %s as of %s: %d (%s)', (metricId, year, asOf, value, revision) => {
    const lookup = benchmarks(metricId, year, asOf);
    if (revision === 'notYetPublished') {
      expect(lookup).toEqual({ kind: 'notYetPublished', publishedOn: '2025-07-08' });
      return;
    }
    expect(found(lookup)).toMatchObject({ value, revision });
  });

  it.each<[string, string, RegExp]>([
    ['progress8', '2024-25', /no key stage 2 results.*2020/],
    ['progress8', '2025-26', /no key stage 2 results.*2021/],
    ['progress8', '2019-20', /exams were cancelled/],
    ['ks2ExpectedRwm', '2019-20', /tests were cancelled/],
    ['ks2DisadvantageGapIndex', '2020-21', /tests were cancelled/],
  ])('says %s for %s is not published, with the reason', (metricId, year, reason) => {
    expect(benchmarks(metricId, year, '2026-11-30')).toEqual({
      kind: 'notPublished',
      reason: expect.stringMatching(reason) as string,
    });
  });

  it.each<[string, string]>([
    // Not confirmed against a release, so not held: reported as missing, never 0.
    ['attainment8', '2025-26'],
    ['ks4DisadvantageGapIndex', '2024-25'],
    ['overallAbsence', '2024-25'],
    ['teacherTurnover', '2017-18'],
    ['noSuchMetric', '2018-19'],
    ['attainment8', '2018/19'],
  ])('says %s for %s is missing rather than 0', (metricId, year) => {
    expect(benchmarks(metricId, year, '2026-11-30')).toEqual<BenchmarkLookup>({ kind: 'missing' });
  });
});

describe('parseBenchmarkTable', () => {
  const row = (cells: string) => `${HEADER}\n${cells}\n`;

  it.each<[string, string, string]>([
    [
      'an unknown metric',
      row('attainment9,2016-17,46,revised,secondary,DfE,R,,'),
      'unknown metric "attainment9"',
    ],
    [
      'a metric with no national figure',
      row('teachingOutstanding,2016-17,46,revised,all,DfE,R,,'),
      'teachingOutstanding has no national figure in the catalogue',
    ],
    [
      'a wrong year',
      row('attainment8,2016-18,46,revised,secondary,DfE,R,,'),
      '"2016-18" is not an academic year',
    ],
    [
      'a value out of range',
      row('attainment8,2016-17,96,revised,secondary,DfE,R,,'),
      "outside Attainment 8's range 0 to 90",
    ],
    [
      'a value that is not a number',
      row('attainment8,2016-17,4x,revised,secondary,DfE,R,,'),
      'value "4x" is not a number',
    ],
    [
      'a wrong status',
      row('attainment8,2016-17,46,final-ish,secondary,DfE,R,,'),
      'status "final-ish" must be one of',
    ],
    ['a wrong phase', row('attainment8,2016-17,46,revised,senior,DfE,R,,'), 'phase "senior" must be one of'],
    [
      'a bad date',
      row('attainment8,2016-17,46,revised,secondary,DfE,R,25/01/2018,'),
      'published "25/01/2018" is not a date',
    ],
    ['no release', row('attainment8,2016-17,46,revised,secondary,DfE,,,'), 'release is empty'],
    [
      'a not-published row with a value',
      row('progress8,2019-20,0,notPublished,secondary,DfE,,,why'),
      'has no value',
    ],
    [
      'a not-published row without a reason',
      row('progress8,2019-20,,notPublished,secondary,DfE,,,'),
      'needs a note',
    ],
    ['a short row', row('attainment8,2016-17,46'), 'expected 9 values'],
    ['a wrong header', 'metric,year,value\n', 'the first line must be the header'],
    [
      'a repeated row',
      `${HEADER}\nattainment8,2016-17,46,revised,secondary,DfE,R,,\nattainment8,2016-17,46.1,revised,secondary,DfE,R,,\n`,
      'repeats line 2',
    ],
  ])('reports %s with its line', (_case, text, message) => {
    const result = parseBenchmarkTable(text);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ message: expect.stringContaining(message) as string }),
        ]),
      );
      expect(result.errors[0]?.line).toBeGreaterThanOrEqual(1);
    }
  });

  it.each<[string, string, string, boolean]>([
    ['a day', '2025-12-11', '2025-12-11', true],
    ['a month alone, read as its first day', '2025-12', '2025-12-01', false],
    ['nothing: the metric’s month', '', '2025-10-01', false],
  ])('reads a publication date given as %s', (_case, published, publishedOn, publishedOnGiven) => {
    const result = parseBenchmarkTable(
      `${HEADER}\nattainment8,2024-25,46,revised,secondary,DfE,R,${published},\n`,
    );
    expect(result.ok && result.table.benchmarks[0]).toMatchObject({ publishedOn, publishedOnGiven });
  });

  it.each(['2025-13', '2025-1', '12/2025'])('refuses the publication date %s', (published) => {
    const result = parseBenchmarkTable(
      `${HEADER}\nattainment8,2024-25,46,revised,secondary,DfE,R,${published},\n`,
    );
    expect(!result.ok && result.errors[0]?.message).toContain(`published "${published}" is not a date`);
  });

  it('gives a figure without a date the metric’s publication month', () => {
    const result = parseBenchmarkTable(`${HEADER}\nattainment8,2016-17,46,provisional,secondary,DfE,R,,\n`);
    expect(result.ok && result.table.benchmarks[0]).toMatchObject({
      publishedOn: '2017-10-01',
      publishedOnGiven: false,
    });
  });
});

describe('a trust’s override file', () => {
  const folder = mkdtempSync(join(tmpdir(), 'benchmarks-'));
  const write = (name: string, text: string) => {
    const path = join(folder, name);
    writeFileSync(path, text);
    return path;
  };

  it('adds a figure and corrects one, leaving the rest', async () => {
    // Teacher turnover for 2017-18 is not shipped; the value here is the test's own.
    const path = write(
      'ours.csv',
      `${HEADER}\n` +
        'teacherTurnover,2017-18,9.4,final,all,Trust,Our own check,2019-06-27,checked by the trust\n' +
        'attainment8,2022-23,46.4,revised,secondary,DfE,Our correction,2024-02-01,\n',
    );
    const loaded = await loadNationalBenchmarks(path);
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    expect(found(loaded.benchmarks('teacherTurnover', '2017-18', '2019-07-01')).value).toBe(9.4);
    expect(found(loaded.benchmarks('attainment8', '2022-23', '2026-01-01'))).toMatchObject({
      value: 46.4,
      release: 'Our correction',
    });
    expect(found(loaded.benchmarks('attainment8', '2016-17', '2019-01-01')).value).toBe(46.3);
  });

  it('replaces a not-published year with a figure the trust has', async () => {
    const path = write(
      'gap.csv',
      `${HEADER}\nprogress8,2019-20,0.1,final,secondary,Trust,Own estimate,2020-11-01,\n`,
    );
    const loaded = await loadNationalBenchmarks(path);
    expect(loaded.ok && loaded.benchmarks('progress8', '2019-20', '2021-01-01').kind).toBe('found');
  });

  it('reports a bad row with its file and line, and uses nothing', async () => {
    const path = write('bad.csv', `${HEADER}\nattainment8,2022-23,460,revised,secondary,DfE,R,,\n`);
    expect(await loadNationalBenchmarks(path)).toEqual({
      ok: false,
      errors: [{ file: path, line: 2, message: expect.stringContaining('outside') as string }],
    });
  });

  it('stops a starting host with every located problem, or gives the source', () => {
    const bad = write('start.csv', `${HEADER}\nattainment8,2022-23,x,revised,secondary,DfE,R,,\n`);
    expect(() => loadNationalBenchmarksOrThrow(bad)).toThrow(BenchmarkFileError);
    expect(() => loadNationalBenchmarksOrThrow(bad)).toThrow(`${bad} line 2: value "x" is not a number`);
    expect(loadNationalBenchmarksOrThrow()('attainment8', '2018-19', '2020-01-01').kind).toBe('found');
  });

  it('reports a missing override file by its setting', async () => {
    const loaded = await loadNationalBenchmarks(join(folder, 'none.csv'));
    expect(loaded).toEqual({
      ok: false,
      errors: [
        expect.objectContaining({ message: expect.stringContaining('NATIONAL_BENCHMARKS_FILE') as string }),
      ],
    });
  });
});

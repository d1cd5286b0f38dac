/**
 * What each published file holds and how one of its rows becomes figures: the columns it must have,
 * the column that names the school, and the figures of a row. Pure: the adapter
 * (src/adapters/files/readPublishedFile.ts) streams the file and hands over only the rows of the trust's
 * academies. The editions these columns were confirmed against are in docs/published-figures.md.
 */
import { formatNumber } from '../evaluation/formatForTrustees';
import type { Metric } from '../metrics/metric';
import { getMetric, metricAppliesToPhase } from '../metrics/metricCatalogue';
import { parseMetricValue } from '../metrics/parseMetricValue';
import type { Academy, IsoDate } from '../roster/roster';
import type { FigureContent } from '../round/round';
import type { TermRef } from '../terms/term';
import { formatAcademicYear, type TermCalendar } from '../terms/termCalendar';
import type { Publication, PublishedSourceId, Release } from './publication';
import {
  EES_CODES,
  PERFORMANCE_TABLE_CODES,
  type PublishedCell,
  readDayMonthYear,
  readPublishedCell,
} from './publishedValue';

/** One figure read from a published file, for one of the trust's academies. */
export interface PublishedFigure {
  urn: string;
  term: TermRef;
  metricId: string;
  /** A value, or "not published" with the publisher's code as the reason (never 0). */
  content: FigureContent & { published: Publication };
}

/** What the administrator says about a file that the file does not say itself. */
export interface PublicationFacts {
  /** The academic year's first calendar year (2024 for 2024-25). */
  year?: number;
  release?: Release;
  publishedOn?: IsoDate;
}

export interface RowContext {
  academy: Academy;
  calendar: TermCalendar;
  facts: PublicationFacts;
}

export interface RowOutcome {
  figures: PublishedFigure[];
  /** Mistakes in the row that stop the import (a value out of range). */
  problems: string[];
  /** Rows or figures left out on purpose, with why (a predecessor school's inspection). */
  skipped: string[];
}

/** What reading a published file gives: the trust's figures, or every problem (each naming the file). */
export type PublishedFileResult =
  | {
      ok: true;
      figures: PublishedFigure[];
      /** Records read (header excluded), and those of the trust's academies. */
      records: number;
      trustRecords: number;
      /** What was left out on purpose, with why (a predecessor school's inspection). */
      skipped: string[];
    }
  | { ok: false; errors: string[] };

/** A cell by column name ('' when the column is absent). */
export type RowCells = (column: string) => string;

export interface PublishedSource {
  id: PublishedSourceId;
  /** For messages: "the DfE key stage 4 performance tables". */
  label: string;
  encoding: 'utf-8' | 'windows-1252';
  /** The column holding the school's URN. */
  urnColumn: string;
  /** Columns the header must have; a file without one of them is refused whole. */
  columns: readonly string[];
  /** Facts the administrator must give (`--year`, `--release`, `--published`) because the file lacks them. */
  needs: readonly (keyof PublicationFacts)[];
  readRow(cells: RowCells, context: RowContext): RowOutcome;
}

function metric(id: string): Metric {
  const found = getMetric(id);
  if (!found) throw new Error(`publishedSources: the catalogue has no metric ${id}`);
  return found;
}

/** A results cell as a figure's content, or a problem; undefined for an empty cell (no figure). */
function resultContent(
  target: Metric,
  column: string,
  cell: PublishedCell,
  publication: Publication,
): { content: PublishedFigure['content'] } | { problem: string } | undefined {
  if (cell.kind === 'empty') return undefined;
  if (cell.kind === 'notPublished') {
    return {
      content: { notAvailable: `not published (${cell.code}: ${cell.meaning})`, published: publication },
    };
  }
  const parsed = parseMetricValue(target, cell.text);
  if (!parsed.ok) return { problem: `${column} "${cell.text}": ${parsed.message}` };
  return { content: { value: parsed.value, published: publication } };
}

function summerOf(year: number): TermRef {
  return { startYear: year, term: 'summer' };
}

/** Reads the results columns of one row into figures of the academic year's summer term. */
function readResults(
  cells: RowCells,
  context: RowContext,
  year: number,
  publication: Publication,
  columns: ReadonlyArray<readonly [column: string, metricId: string]>,
  codes: ReadonlyMap<string, string>,
): RowOutcome {
  const outcome: RowOutcome = { figures: [], problems: [], skipped: [] };
  const { academy } = context;
  if (context.calendar.termDates(summerOf(year)).end < academy.openedOn) {
    outcome.skipped.push(`${academy.urn} opened on ${academy.openedOn}, after ${formatAcademicYear(year)}`);
    return outcome;
  }
  for (const [column, metricId] of columns) {
    const target = metric(metricId);
    if (!metricAppliesToPhase(target, academy.phase)) continue;
    const read = resultContent(target, column, readPublishedCell(cells(column), codes), publication);
    if (read === undefined) continue;
    if ('problem' in read) outcome.problems.push(`URN ${academy.urn}, ${read.problem}`);
    else outcome.figures.push({ urn: academy.urn, term: summerOf(year), metricId, content: read.content });
  }
  return outcome;
}

function requireFacts(facts: PublicationFacts): { year: number; release: Release; publishedOn: IsoDate } {
  const { year, release, publishedOn } = facts;
  // The command line checks `needs` before any row is read; reaching here without them is a bug.
  if (year === undefined || release === undefined || publishedOn === undefined) {
    throw new Error('publishedSources: the year, release and publication date must be given');
  }
  return { year, release, publishedOn };
}

const KS4_COLUMNS = [
  ['ATT8SCR', 'attainment8'],
  ['P8MEA', 'progress8'],
  ['PTL2BASICS_95', 'ks4Grade5EnglishMaths'],
  ['ATT8SCR_FSM6CLA1A', 'attainment8Disadvantaged'],
  ['P8MEA_FSM6CLA1A', 'progress8Disadvantaged'],
] as const;

/** A gap the tables do not print: other pupils' figure minus disadvantaged pupils', worked out at import. */
interface PublishedGap {
  metricId: string;
  /** The columns of other pupils' and of disadvantaged pupils' figure. */
  others: string;
  disadvantaged: string;
  /** The metric each side is read as (its range), and the decimals the tables print it to. */
  sideMetricId: string;
  decimals: number;
}

const KS4_GAPS: readonly PublishedGap[] = [
  {
    metricId: 'attainment8DisadvantagedGap',
    others: 'ATT8SCR_NFSM6CLA1A',
    disadvantaged: 'ATT8SCR_FSM6CLA1A',
    sideMetricId: 'attainment8Disadvantaged',
    decimals: 1,
  },
  {
    metricId: 'progress8DisadvantagedGap',
    others: 'P8MEA_NFSM6CLA1A',
    disadvantaged: 'P8MEA_FSM6CLA1A',
    sideMetricId: 'progress8Disadvantaged',
    decimals: 2,
  },
];

/**
 * Works out one gap of a row: a value when both sides are published; "not published" with the code of
 * each side that is not (never 0); nothing when a side is empty. A side that is not a number is a
 * problem, said once (the disadvantaged side is also read as a figure of its own).
 */
function readGap(
  cells: RowCells,
  academy: Academy,
  term: TermRef,
  publication: Publication,
  gap: PublishedGap,
  outcome: RowOutcome,
): void {
  const target = metric(gap.metricId);
  if (!metricAppliesToPhase(target, academy.phase)) return;
  const side = metric(gap.sideMetricId);
  const sides = [
    { group: 'other pupils', column: gap.others },
    { group: 'disadvantaged pupils', column: gap.disadvantaged },
  ].map(({ group, column }) => ({
    group,
    column,
    cell: readPublishedCell(cells(column), PERFORMANCE_TABLE_CODES),
  }));
  const [others, disadvantaged] = sides;
  if (!others || !disadvantaged || sides.some(({ cell }) => cell.kind === 'empty')) return;
  const shown: string[] = [];
  const values: number[] = [];
  const notPublished: Array<{ group: string; code: string; meaning: string }> = [];
  for (const { group, column, cell } of sides) {
    if (cell.kind === 'notPublished') {
      notPublished.push({ group, code: cell.code, meaning: cell.meaning });
      shown.push(`${group} ${cell.code}`);
      continue;
    }
    if (cell.kind !== 'text') return;
    const parsed = parseMetricValue(side, cell.text);
    if (!parsed.ok || typeof parsed.value !== 'number') {
      const problem = `URN ${academy.urn}, ${column} "${cell.text}": ${parsed.ok ? 'not a number' : parsed.message}`;
      if (!outcome.problems.includes(problem)) outcome.problems.push(problem);
      return;
    }
    values.push(parsed.value);
    shown.push(`${group} ${formatNumber(parsed.value)}`);
  }
  const published: Publication = { ...publication, workedOut: shown.join(' minus ') };
  const figure = (content: PublishedFigure['content']): PublishedFigure => ({
    urn: academy.urn,
    term,
    metricId: gap.metricId,
    content,
  });
  if (notPublished.length > 0) {
    const [first] = notPublished;
    const reason =
      first && notPublished.length === sides.length && notPublished.every(({ code }) => code === first.code)
        ? `${first.code}: ${first.meaning}`
        : notPublished.map(({ group, code, meaning }) => `${code}: ${meaning}, for ${group}`).join('; ');
    // Nothing was worked out: the reason names each side's code, and the figure keeps the plain publication.
    outcome.figures.push(figure({ notAvailable: `not published (${reason})`, published: publication }));
    return;
  }
  const [other = 0, disadvantagedValue = 0] = values;
  // Rounded to the tables' own decimals, so 50.9 − 38.4 is 12.5, not 12.499999999999996; + 0 makes −0 0.
  const value = Number((other - disadvantagedValue).toFixed(gap.decimals)) + 0;
  outcome.figures.push(figure({ value, published }));
}

const DFE_KS4: PublishedSource = {
  id: 'dfe-ks4',
  label: 'the DfE key stage 4 performance tables (england_ks4*.csv)',
  encoding: 'utf-8',
  urnColumn: 'URN',
  columns: ['RECTYPE', 'URN', ...KS4_COLUMNS.map(([column]) => column), ...KS4_GAPS.map((gap) => gap.others)],
  needs: ['year', 'release', 'publishedOn'],
  readRow(cells, context) {
    const { year, release, publishedOn } = requireFacts(context.facts);
    const publication: Publication = {
      source: 'dfe-ks4',
      publisher: 'DfE',
      title: `Key stage 4 performance tables ${formatAcademicYear(year)}`,
      release,
      publishedOn,
    };
    const outcome = readResults(cells, context, year, publication, KS4_COLUMNS, PERFORMANCE_TABLE_CODES);
    if (outcome.skipped.length > 0) return outcome;
    for (const gap of KS4_GAPS) readGap(cells, context.academy, summerOf(year), publication, gap, outcome);
    return outcome;
  },
};

const KS2_COLUMNS = [['PTRWM_EXP', 'ks2ExpectedRwm']] as const;

const DFE_KS2: PublishedSource = {
  id: 'dfe-ks2',
  label: 'the DfE key stage 2 performance tables (england_ks2*.csv)',
  encoding: 'utf-8',
  urnColumn: 'URN',
  columns: ['RECTYPE', 'URN', ...KS2_COLUMNS.map(([column]) => column)],
  needs: ['year', 'release', 'publishedOn'],
  readRow(cells, context) {
    const { year, release, publishedOn } = requireFacts(context.facts);
    const publication: Publication = {
      source: 'dfe-ks2',
      publisher: 'DfE',
      title: `Key stage 2 performance tables ${formatAcademicYear(year)}`,
      release,
      publishedOn,
    };
    return readResults(cells, context, year, publication, KS2_COLUMNS, PERFORMANCE_TABLE_CODES);
  },
};

/** EES's `time_period` for an academic year: `202425` for 2024-25. */
function readTimePeriod(text: string): number | undefined {
  const match = /^(\d{4})(\d{2})$/.exec(text.trim());
  if (!match) return undefined;
  const start = Number(match[1]);
  return (start + 1) % 100 === Number(match[2]) ? start : undefined;
}

const EES_RELEASES: ReadonlyMap<string, Release> = new Map([
  ['provisional', 'provisional'],
  ['revised', 'revised'],
  ['final', 'revised'],
]);

const EES_KS2: PublishedSource = {
  id: 'ees-ks2',
  label: "Explore Education Statistics' key stage 2 institution-level file (ks2_school_attainment_data.csv)",
  encoding: 'utf-8',
  urnColumn: 'school_urn',
  columns: ['time_period', 'school_urn', 'breakdown', 'subject', 'expected_standard_pupil_percent'],
  needs: ['publishedOn'],
  readRow(cells, context) {
    const none: RowOutcome = { figures: [], problems: [], skipped: [] };
    // One row per school, subject and pupil group: the trust's figure is all pupils, all three subjects.
    if (cells('subject').trim() !== 'Reading, writing and maths' || cells('breakdown').trim() !== 'Total')
      return none;
    const topic = cells('breakdown_topic').trim();
    if (topic !== '' && topic !== 'All pupils') return none;
    const year = readTimePeriod(cells('time_period'));
    if (year === undefined) {
      return {
        ...none,
        problems: [
          `URN ${context.academy.urn}, time_period "${cells('time_period')}": expected an academic year such as 202425`,
        ],
      };
    }
    const release = EES_RELEASES.get(cells('version').trim().toLowerCase()) ?? context.facts.release;
    if (release === undefined) {
      return {
        ...none,
        problems: [
          'the file has no version column: say which release it is with --release provisional|revised',
        ],
      };
    }
    const publishedOn = context.facts.publishedOn ?? '';
    const publication: Publication = {
      source: 'ees-ks2',
      publisher: 'DfE',
      title: `Key stage 2 attainment ${formatAcademicYear(year)}`,
      release,
      publishedOn,
    };
    return readResults(
      cells,
      context,
      year,
      publication,
      [['expected_standard_pupil_percent', 'ks2ExpectedRwm']],
      EES_CODES,
    );
  },
};

/** The report-card areas (from 10 November 2025) by their column in Ofsted's management information. */
const REPORT_CARD_COLUMNS = [
  ['Inclusion', 'reportCardInclusion'],
  ['Curriculum and teaching', 'reportCardCurriculumAndTeaching'],
  ['Achievement', 'reportCardAchievement'],
  ['Attendance and behaviour', 'reportCardAttendanceAndBehaviour'],
  ['Personal development and wellbeing', 'reportCardPersonalDevelopment'],
  ['Early years (where applicable)', 'reportCardEarlyYears'],
  ['Post-16 provision (where applicable)', 'reportCardPost16'],
  ['Leadership and governance', 'reportCardLeadershipAndGovernance'],
  ['Safeguarding standards', 'reportCardSafeguarding'],
] as const;

/** The latest graded inspection under the previous framework (OEIF), with its grades as 1–4 or words. */
const OEIF_COLUMNS = [
  ['Latest OEIF overall effectiveness', 'ofstedOverall'],
  ['Latest OEIF quality of education', 'ofstedQualityOfEducation'],
  ['Latest OEIF behaviour and attitudes', 'ofstedBehaviourAndAttitudes'],
  ['Latest OEIF personal development', 'ofstedPersonalDevelopment'],
  ['Latest OEIF effectiveness of leadership and management', 'ofstedLeadershipAndManagement'],
  ['Latest OEIF  safeguarding is effective?', 'ofstedSafeguardingEffective'],
  ['Latest OEIF early years provision (where applicable)', 'ofstedEarlyYears'],
  ['Latest OEIF sixth form provision (where applicable)', 'ofstedSixthForm'],
] as const;

const FULL_INSPECTION = {
  number: 'Inspection number of latest full inspection',
  start: 'Inspection start date',
  published: 'Publication date',
  urnAtTime: 'URN at time of latest full inspection',
} as const;

const OEIF_INSPECTION = {
  number: 'Inspection number of latest OEIF graded inspection',
  start: 'Inspection start date of latest OEIF graded inspection',
  published: 'Publication date of latest OEIF graded inspection',
  urnAtTime: 'URN at time of latest OEIF graded inspection',
} as const;

/** Ofsted's grade codes in the OEIF columns; 9 (and 0) are "no judgement". */
const OEIF_GRADE_CODES: ReadonlyMap<string, string> = new Map([
  ['1', 'Outstanding'],
  ['2', 'Good'],
  ['3', 'Requires improvement'],
  ['4', 'Inadequate'],
]);

const NO_JUDGEMENT = /^(?:not judged|not applicable|n\/a|9|0)$/i;

function readInspection(
  cells: RowCells,
  context: RowContext,
  inspection: typeof FULL_INSPECTION | typeof OEIF_INSPECTION,
  columns: ReadonlyArray<readonly [column: string, metricId: string]>,
  outcome: RowOutcome,
): void {
  const { academy, calendar } = context;
  const empty = (column: string): boolean => readPublishedCell(cells(column), new Map()).kind === 'empty';
  if (empty(inspection.number) && empty(inspection.start)) return;
  const startText = cells(inspection.start).trim();
  const start = readDayMonthYear(startText);
  const publishedOn = readDayMonthYear(cells(inspection.published));
  if (start === undefined || publishedOn === undefined) {
    const [column, text] =
      start === undefined
        ? [inspection.start, startText]
        : [inspection.published, cells(inspection.published).trim()];
    outcome.problems.push(`URN ${academy.urn}, ${column} "${text}": expected a date as dd/mm/yyyy`);
    return;
  }
  const urnAtTime = cells(inspection.urnAtTime).trim();
  if (urnAtTime !== '' && urnAtTime !== 'NULL' && urnAtTime !== academy.urn) {
    // A predecessor school's inspection (before conversion) is not the academy's.
    outcome.skipped.push(
      `${academy.urn}: the inspection of ${start} was of URN ${urnAtTime}, a predecessor school`,
    );
    return;
  }
  if (start < academy.openedOn) {
    outcome.skipped.push(
      `${academy.urn}: the inspection of ${start} is before it opened on ${academy.openedOn}`,
    );
    return;
  }
  const publication: Publication = {
    source: 'ofsted',
    publisher: 'Ofsted',
    title: `Inspection ${cells(inspection.number).trim()}`,
    publishedOn,
  };
  const term = calendar.termContaining(start);
  const figure = (metricId: string, content: PublishedFigure['content']): PublishedFigure => ({
    urn: academy.urn,
    term,
    metricId,
    content,
  });
  outcome.figures.push(figure('ofstedInspectionDate', { value: start, published: publication }));
  for (const [column, metricId] of columns) {
    const target = metric(metricId);
    if (!metricAppliesToPhase(target, academy.phase)) continue;
    if (
      (target.validFrom !== undefined && start < target.validFrom) ||
      (target.validTo !== undefined && start > target.validTo)
    )
      continue;
    const cell = readPublishedCell(cells(column), new Map());
    if (cell.kind !== 'text' || NO_JUDGEMENT.test(cell.text)) continue;
    const parsed = parseMetricValue(target, OEIF_GRADE_CODES.get(cell.text) ?? cell.text);
    if (!parsed.ok) outcome.problems.push(`URN ${academy.urn}, ${column} "${cell.text}": ${parsed.message}`);
    else outcome.figures.push(figure(metricId, { value: parsed.value, published: publication }));
  }
}

const OFSTED: PublishedSource = {
  id: 'ofsted',
  label: "Ofsted's management information of state-funded schools' latest inspections",
  encoding: 'windows-1252',
  urnColumn: 'URN',
  columns: [
    'URN',
    ...Object.values(FULL_INSPECTION),
    ...REPORT_CARD_COLUMNS.map(([column]) => column),
    ...Object.values(OEIF_INSPECTION),
    ...OEIF_COLUMNS.map(([column]) => column),
  ],
  needs: [],
  readRow(cells, context) {
    const outcome: RowOutcome = { figures: [], problems: [], skipped: [] };
    readInspection(cells, context, FULL_INSPECTION, REPORT_CARD_COLUMNS, outcome);
    readInspection(cells, context, OEIF_INSPECTION, OEIF_COLUMNS, outcome);
    return outcome;
  },
};

const SOURCES: ReadonlyMap<string, PublishedSource> = new Map(
  [DFE_KS4, DFE_KS2, EES_KS2, OFSTED].map((source) => [source.id, source]),
);

/** The source with this id (`--from`), or undefined. */
export function getPublishedSource(id: string): PublishedSource | undefined {
  return SOURCES.get(id);
}

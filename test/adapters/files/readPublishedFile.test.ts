import { join } from 'node:path';

import { readPublishedFile } from '../../../src/adapters/files/readPublishedFile';
import { readRosterDir } from '../../../src/adapters/files/readRosterDir';
import { getPublishedSource, type PublishedSource } from '../../../src/domain/published/publishedSources';
import type { Roster } from '../../../src/domain/roster/roster';
import { DEFAULT_TERM_CALENDAR, formatTermKey } from '../../../src/domain/terms/termCalendar';

const FIXTURES = join(__dirname, '../../fixtures/published');
const calendar = DEFAULT_TERM_CALENDAR;
let roster: Roster;

beforeAll(async () => {
  const read = await readRosterDir(join(__dirname, '../../../demo/roster'));
  if (!read.ok) throw new Error('the demo roster does not load');
  roster = read.roster;
});

function source(id: string): PublishedSource {
  const found = getPublishedSource(id);
  if (!found) throw new Error(`no source ${id}`);
  return found;
}

async function figuresOf(id: string, file: string, facts = {}) {
  const read = await readPublishedFile(join(FIXTURES, file), source(id), { roster, calendar, facts });
  if (!read.ok) throw new Error(read.errors.join('\n'));
  return {
    ...read,
    rows: read.figures.map((figure) => [
      figure.urn,
      formatTermKey(figure.term),
      figure.metricId,
      'value' in figure.content ? figure.content.value : figure.content.notAvailable,
    ]),
  };
}

const KS4_FACTS = { year: 2024, release: 'provisional', publishedOn: '2025-10-16' } as const;

describe('readPublishedFile', () => {
  it('keeps only the trust academies of a DfE KS4 file, with suppression codes as "not published", never 0', async () => {
    const read = await figuresOf('dfe-ks4', 'england_ks4provisional.csv', KS4_FACTS);
    expect(read.records).toBe(6);
    expect(read.trustRecords).toBe(3);
    const np = 'not published (NP: not published)';
    const supp = 'not published (SUPP: suppressed: too few pupils)';
    expect(read.rows).toEqual([
      ['990001', '2024-25-summer', 'attainment8', 47.1],
      ['990001', '2024-25-summer', 'progress8', np],
      ['990001', '2024-25-summer', 'ks4Grade5EnglishMaths', 46],
      ['990001', '2024-25-summer', 'attainment8Disadvantaged', 38.2],
      ['990001', '2024-25-summer', 'progress8Disadvantaged', np],
      // 50.6 − 38.2, worked out at import (the tables print both sides, not the gap).
      ['990001', '2024-25-summer', 'attainment8DisadvantagedGap', 12.4],
      ['990001', '2024-25-summer', 'progress8DisadvantagedGap', np],
      ['990004', '2024-25-summer', 'attainment8', 41.3],
      ['990004', '2024-25-summer', 'progress8', np],
      ['990004', '2024-25-summer', 'ks4Grade5EnglishMaths', supp],
      ['990004', '2024-25-summer', 'attainment8Disadvantaged', supp],
      ['990004', '2024-25-summer', 'progress8Disadvantaged', np],
      // Other pupils' 41.4 is published, disadvantaged pupils' is not: no gap, never 41.4 − 0.
      [
        '990004',
        '2024-25-summer',
        'attainment8DisadvantagedGap',
        'not published (SUPP: suppressed: too few pupils, for disadvantaged pupils)',
      ],
      ['990004', '2024-25-summer', 'progress8DisadvantagedGap', np],
      ['990005', '2024-25-summer', 'attainment8', 'not published (LOWCOV: low coverage)'],
      ['990005', '2024-25-summer', 'progress8', np],
      ['990005', '2024-25-summer', 'ks4Grade5EnglishMaths', 'not published (LOWCOV: low coverage)'],
      ['990005', '2024-25-summer', 'attainment8Disadvantaged', 'not published (NE: no entries)'],
      ['990005', '2024-25-summer', 'progress8Disadvantaged', np],
      [
        '990005',
        '2024-25-summer',
        'attainment8DisadvantagedGap',
        'not published (LOWCOV: low coverage, for other pupils; NE: no entries, for disadvantaged pupils)',
      ],
      ['990005', '2024-25-summer', 'progress8DisadvantagedGap', np],
    ]);
    const publication = {
      source: 'dfe-ks4',
      publisher: 'DfE',
      title: 'Key stage 4 performance tables 2024-25',
      release: 'provisional',
      publishedOn: '2025-10-16',
    };
    expect(read.figures[0]?.content.published).toEqual(publication);
    // A gap says it was worked out, and from what, where the card shows a figure's source; a gap not
    // published was not worked out, and its reason already names each side's code.
    const gaps = read.figures.filter((figure) => figure.metricId === 'attainment8DisadvantagedGap');
    expect(gaps.map((figure) => figure.content.published)).toEqual([
      { ...publication, workedOut: 'other pupils 50.6 minus disadvantaged pupils 38.2' },
      publication,
      publication,
    ]);
  });

  it('works out a negative gap where disadvantaged pupils did better (the revised tables)', async () => {
    const read = await figuresOf('dfe-ks4', 'england_ks4revised.csv', {
      ...KS4_FACTS,
      release: 'revised',
      publishedOn: '2026-02-05',
    });
    const gaps = read.rows.filter(([, , metricId]) => metricId === 'attainment8DisadvantagedGap');
    expect(gaps).toEqual([
      ['990001', '2024-25-summer', 'attainment8DisadvantagedGap', 12.5],
      [
        '990004',
        '2024-25-summer',
        'attainment8DisadvantagedGap',
        'not published (SUPP: suppressed: too few pupils, for disadvantaged pupils)',
      ],
      // 43.6 − 45.1.
      ['990005', '2024-25-summer', 'attainment8DisadvantagedGap', -1.5],
    ]);
  });

  it('finds nothing in a file of another trust, even with one of our URNs inside a school name', async () => {
    const read = await figuresOf('dfe-ks4', 'england_ks4_other_trust.csv', KS4_FACTS);
    expect(read.trustRecords).toBe(0);
    expect(read.figures).toEqual([]);
  });

  it('refuses a file whose header lacks a column, naming the file and the column', async () => {
    const path = join(FIXTURES, 'england_ks4_bad_header.csv');
    const read = await readPublishedFile(path, source('dfe-ks4'), { roster, calendar, facts: KS4_FACTS });
    expect(read).toEqual({
      ok: false,
      errors: [
        `${path}: the header has no column "PTL2BASICS_95"; it is not the DfE key stage 4 performance tables (england_ks4*.csv). Nothing was imported.`,
      ],
    });
  });

  it('refuses a KS4 file trimmed of the other pupils’ columns whole, naming them', async () => {
    const path = join(FIXTURES, 'england_ks4_trimmed.csv');
    const read = await readPublishedFile(path, source('dfe-ks4'), { roster, calendar, facts: KS4_FACTS });
    expect(read).toEqual({
      ok: false,
      errors: [
        `${path}: the header has no column "ATT8SCR_NFSM6CLA1A", "P8MEA_NFSM6CLA1A"; it is not the DfE key stage 4 performance tables (england_ks4*.csv). Nothing was imported.`,
      ],
    });
  });

  it('reads the DfE KS2 file: PTRWM_EXP for primary academies only', async () => {
    const read = await figuresOf('dfe-ks2', 'england_ks2revised.csv', {
      year: 2024,
      release: 'revised',
      publishedOn: '2025-12-11',
    });
    expect(read.rows).toEqual([
      ['990003', '2024-25-summer', 'ks2ExpectedRwm', 66],
      ['990006', '2024-25-summer', 'ks2ExpectedRwm', 'not published (SUPP: suppressed: too few pupils)'],
      ['990005', '2024-25-summer', 'ks2ExpectedRwm', 59],
    ]);
  });

  it("reads EES's KS2 file: all pupils in reading, writing and maths, its year and version from the file, c and x as not published", async () => {
    const read = await figuresOf('ees-ks2', 'ks2_school_attainment_data.csv', { publishedOn: '2025-09-11' });
    expect(read.rows).toEqual([
      ['990003', '2024-25-summer', 'ks2ExpectedRwm', 66],
      [
        '990006',
        '2024-25-summer',
        'ks2ExpectedRwm',
        'not published (c: suppressed to protect confidentiality)',
      ],
      ['990005', '2024-25-summer', 'ks2ExpectedRwm', 'not published (x: not available)'],
    ]);
    expect(read.figures[0]?.content.published).toMatchObject({
      release: 'provisional',
      title: 'Key stage 2 attainment 2024-25',
    });
  });

  it("reads Ofsted's management information (Windows-1252, NULL, dd/mm/yyyy): report cards and graded inspections in their terms, a predecessor's inspection left out", async () => {
    const read = await figuresOf('ofsted', 'ofsted_latest_inspections.csv');
    expect(read.rows).toEqual([
      ['990001', '2025-26-spring', 'ofstedInspectionDate', '2026-01-20'],
      ['990001', '2025-26-spring', 'reportCardInclusion', 'expectedStandard'],
      ['990001', '2025-26-spring', 'reportCardCurriculumAndTeaching', 'strongStandard'],
      ['990001', '2025-26-spring', 'reportCardAchievement', 'expectedStandard'],
      ['990001', '2025-26-spring', 'reportCardAttendanceAndBehaviour', 'strongStandard'],
      ['990001', '2025-26-spring', 'reportCardPersonalDevelopment', 'exceptional'],
      ['990001', '2025-26-spring', 'reportCardPost16', 'expectedStandard'],
      ['990001', '2025-26-spring', 'reportCardLeadershipAndGovernance', 'strongStandard'],
      ['990001', '2025-26-spring', 'reportCardSafeguarding', 'met'],
      ['990001', '2022-23-spring', 'ofstedInspectionDate', '2023-03-14'],
      ['990001', '2022-23-spring', 'ofstedOverall', 'good'],
      ['990001', '2022-23-spring', 'ofstedQualityOfEducation', 'good'],
      ['990001', '2022-23-spring', 'ofstedBehaviourAndAttitudes', 'outstanding'],
      ['990001', '2022-23-spring', 'ofstedPersonalDevelopment', 'outstanding'],
      ['990001', '2022-23-spring', 'ofstedLeadershipAndManagement', 'good'],
      ['990001', '2022-23-spring', 'ofstedSafeguardingEffective', true],
      ['990001', '2022-23-spring', 'ofstedSixthForm', 'good'],
      ['990003', '2024-25-autumn', 'ofstedInspectionDate', '2024-10-12'],
      ['990003', '2024-25-autumn', 'ofstedQualityOfEducation', 'good'],
      ['990003', '2024-25-autumn', 'ofstedBehaviourAndAttitudes', 'outstanding'],
      ['990003', '2024-25-autumn', 'ofstedPersonalDevelopment', 'good'],
      ['990003', '2024-25-autumn', 'ofstedLeadershipAndManagement', 'good'],
      ['990003', '2024-25-autumn', 'ofstedSafeguardingEffective', true],
      ['990003', '2024-25-autumn', 'ofstedEarlyYears', 'good'],
    ]);
    expect(read.skipped).toEqual([
      '990004: the inspection of 2017-11-07 was of URN 115555, a predecessor school',
    ]);
    expect(read.figures[0]?.content.published).toEqual({
      source: 'ofsted',
      publisher: 'Ofsted',
      title: 'Inspection 10400001',
      publishedOn: '2026-03-03',
    });
  });

  it('refuses an Ofsted file of another edition (no report-card columns) whole', async () => {
    const path = join(FIXTURES, 'ofsted_without_inclusion.csv');
    const read = await readPublishedFile(path, source('ofsted'), { roster, calendar, facts: {} });
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.errors[0]).toContain(`${path}: the header has no column "Inclusion"`);
  });

  it('says so for a file that does not exist', async () => {
    const read = await readPublishedFile('/nonexistent/ks4.csv', source('dfe-ks4'), {
      roster,
      calendar,
      facts: KS4_FACTS,
    });
    expect(read).toEqual({ ok: false, errors: ['/nonexistent/ks4.csv: no such file'] });
  });
});

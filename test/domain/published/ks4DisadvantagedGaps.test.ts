import { describePublication } from '../../../src/domain/published/publication';
import { getPublishedSource, type RowOutcome } from '../../../src/domain/published/publishedSources';
import type { Academy } from '../../../src/domain/roster/roster';
import { DEFAULT_TERM_CALENDAR } from '../../../src/domain/terms/termCalendar';

const SECONDARY: Academy = {
  urn: '990001',
  name: 'The Philip Morant School and College',
  phase: 'secondary',
  route: 'converter',
  town: 'Colchester',
  openedOn: '2016-09-01',
  joinedOn: '2016-09-01',
  tags: [],
};

/** One row of the 2023-24 tables (Progress 8 published) for a secondary, the rest of its cells given. */
function readRow(cells: Record<string, string>, academy: Academy = SECONDARY): RowOutcome {
  const source = getPublishedSource('dfe-ks4');
  if (!source) throw new Error('no dfe-ks4 source');
  const row: Record<string, string> = {
    RECTYPE: '1',
    URN: academy.urn,
    ATT8SCR: '47.3',
    P8MEA: '0.02',
    PTL2BASICS_95: '46%',
    ATT8SCR_FSM6CLA1A: '38.4',
    P8MEA_FSM6CLA1A: '-0.35',
    ATT8SCR_NFSM6CLA1A: '50.9',
    P8MEA_NFSM6CLA1A: '0.12',
    ...cells,
  };
  return source.readRow((column) => row[column] ?? '', {
    academy,
    calendar: DEFAULT_TERM_CALENDAR,
    facts: { year: 2023, release: 'revised', publishedOn: '2025-02-06' },
  });
}

function gap(outcome: RowOutcome, metricId: string) {
  return outcome.figures.find((figure) => figure.metricId === metricId)?.content;
}

describe('the KS4 disadvantaged gaps, worked out at import', () => {
  it.each([
    ['Progress 8, other pupils ahead', { P8MEA_NFSM6CLA1A: '0.12', P8MEA_FSM6CLA1A: '-0.35' }, 0.47],
    [
      'Progress 8, to the hundredth without float noise',
      { P8MEA_NFSM6CLA1A: '0.29', P8MEA_FSM6CLA1A: '0.17' },
      0.12,
    ],
    ['Progress 8, disadvantaged pupils ahead', { P8MEA_NFSM6CLA1A: '-0.10', P8MEA_FSM6CLA1A: '0.05' }, -0.15],
    ['Progress 8, no gap', { P8MEA_NFSM6CLA1A: '-0.05', P8MEA_FSM6CLA1A: '-0.05' }, 0],
  ])('%s', (_name, cells, expected) => {
    const content = gap(readRow(cells), 'progress8DisadvantagedGap');
    expect(content && 'value' in content ? content.value : content).toBe(expected);
  });

  it('reads disadvantaged pupils’ own figures and the Attainment 8 gap to the tenth, saying how it was worked out', () => {
    const outcome = readRow({});
    expect(outcome.problems).toEqual([]);
    expect(gap(outcome, 'attainment8Disadvantaged')).toMatchObject({ value: 38.4 });
    expect(gap(outcome, 'progress8Disadvantaged')).toMatchObject({ value: -0.35 });
    const a8 = gap(outcome, 'attainment8DisadvantagedGap');
    expect(a8).toMatchObject({ value: 12.5 });
    expect(a8?.published).toMatchObject({
      source: 'dfe-ks4',
      release: 'revised',
      workedOut: 'other pupils 50.9 minus disadvantaged pupils 38.4',
    });
    const p8 = gap(outcome, 'progress8DisadvantagedGap');
    expect(p8?.published && describePublication(p8.published)).toBe(
      'DfE, revised, Feb 2025; worked out: other pupils 0.12 minus disadvantaged pupils \u22120.35',
    );
    // Disadvantaged pupils' own figure is not worked out: its source says only where it was published.
    expect(gap(outcome, 'attainment8Disadvantaged')?.published?.workedOut).toBeUndefined();
  });

  it.each([
    [
      'both sides not published (2024-25 Progress 8)',
      { P8MEA_NFSM6CLA1A: 'NP', P8MEA_FSM6CLA1A: 'NP' },
      'not published (NP: not published)',
    ],
    [
      'other pupils suppressed',
      { P8MEA_NFSM6CLA1A: 'SUPP', P8MEA_FSM6CLA1A: '-0.35' },
      'not published (SUPP: suppressed: too few pupils, for other pupils)',
    ],
    [
      'disadvantaged pupils suppressed',
      { P8MEA_NFSM6CLA1A: '0.12', P8MEA_FSM6CLA1A: 'SUPP' },
      'not published (SUPP: suppressed: too few pupils, for disadvantaged pupils)',
    ],
  ])('is "not published", never 0, when %s', (_name, cells, expected) => {
    const read = gap(readRow(cells), 'progress8DisadvantagedGap');
    expect(read).toMatchObject({ notAvailable: expected });
    // Nothing was worked out, so the card's source line does not say "worked out: … NP minus … NP".
    expect(read?.published?.workedOut).toBeUndefined();
  });

  it('writes no gap when a side is empty, and names a side that is not a number once', () => {
    expect(gap(readRow({ ATT8SCR_NFSM6CLA1A: '' }), 'attainment8DisadvantagedGap')).toBeUndefined();
    const wrong = readRow({ ATT8SCR_NFSM6CLA1A: '50,9', ATT8SCR_FSM6CLA1A: '138.4' });
    expect(gap(wrong, 'attainment8DisadvantagedGap')).toBeUndefined();
    expect(wrong.problems).toEqual([
      expect.stringMatching(/^URN 990001, ATT8SCR_FSM6CLA1A "138.4": /),
      expect.stringMatching(/^URN 990001, ATT8SCR_NFSM6CLA1A "50,9": /),
    ]);
    expect(readRow({ ATT8SCR_FSM6CLA1A: '138.4' }).problems).toEqual([
      expect.stringMatching(/^URN 990001, ATT8SCR_FSM6CLA1A "138.4": /),
    ]);
  });

  it('reads none of them for a primary academy', () => {
    const outcome = readRow({}, { ...SECONDARY, phase: 'primary' });
    expect(outcome.figures).toEqual([]);
  });
});

import { figuresCsv, formatExportValue } from '../../../src/app/round/exportFigures';
import type { AcademyTermRecord, StoredFigure } from '../../../src/domain/round/round';

const TERM = '2025-26-summer';

function record(urn: string, figures: Array<Omit<StoredFigure, 'urn' | 'term'>>): AcademyTermRecord {
  return {
    urn,
    term: TERM,
    state: 'submitted',
    figures: new Map(figures.map((figure) => [figure.metricId, { ...figure, urn, term: TERM }])),
  };
}

describe('figuresCsv', () => {
  it('writes every figure, sorted by academy and metric, with how it came to be', () => {
    const at = '2026-07-10T09:00:00.000Z';
    const csv = figuresCsv([
      record('990002', [
        { metricId: 'attendance', content: { value: 95.2 }, channel: 'import', by: 'import', at },
      ]),
      record('990001', [
        { metricId: 'progress8', content: { value: -0.21 }, channel: 'chat', by: 'head@a.example', at },
        {
          metricId: 'attainment8',
          content: { notAvailable: 'Results due in August' },
          channel: 'card',
          by: 'head@a.example',
          at,
        },
        { metricId: 'scrCompliant', content: { value: true }, channel: 'card', by: 'head@a.example', at },
      ]),
    ]);
    expect(csv.split('\n')).toEqual([
      'academy,term,metric,value,status,by,at,channel',
      `990001,${TERM},attainment8,Results due in August,notAvailable,head@a.example,${at},card`,
      `990001,${TERM},progress8,-0.21,submitted,head@a.example,${at},chat`,
      `990001,${TERM},scrCompliant,yes,submitted,head@a.example,${at},card`,
      `990002,${TERM},attendance,95.2,imported,import,${at},import`,
      '',
    ]);
  });

  it('defuses a reason a spreadsheet would run as a formula', () => {
    const csv = figuresCsv([
      record('990001', [
        {
          metricId: 'attainment8',
          content: { notAvailable: '=HYPERLINK("http://evil","click")' },
          channel: 'card',
          by: 'h@a.example',
          at: 'x',
        },
      ]),
    ]);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"",""click"")"`);
  });

  it('writes the header alone when nothing is stored', () => {
    expect(figuresCsv([])).toBe('academy,term,metric,value,status,by,at,channel\n');
  });

  it.each([
    [94.1, '94.1'],
    [-0.2, '-0.2'],
    [true, 'yes'],
    [false, 'no'],
    ['good', 'good'],
  ])('writes the value %j as the data-file format does: %s', (value, expected) => {
    expect(formatExportValue(value)).toBe(expected);
  });
});

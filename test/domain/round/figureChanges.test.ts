import { getMetric } from '../../../src/domain/metrics/metricCatalogue';
import { figureChanges } from '../../../src/domain/round/figureChanges';
import type { RequestedMetric } from '../../../src/domain/round/requestedMetrics';
import type { AcademyTermRecord, FigureContent } from '../../../src/domain/round/round';

const AUTHOR = { by: 'head@a.example', at: '2026-12-02T11:00:00.000Z', channel: 'card' as const };

function requested(id: string, required: boolean): RequestedMetric {
  const metric = getMetric(id);
  if (!metric) throw new Error(`no metric ${id}`);
  return { metric, required };
}

/** The card asks for attendance (required) and an inspection grade (optional). */
const CARD = [requested('attendance', true), requested('reportCardInclusion', false)];

function recordWith(stored: Record<string, FigureContent>): AcademyTermRecord {
  const figures = new Map(
    Object.entries(stored).map(([metricId, content]) => [
      metricId,
      {
        urn: '990001',
        term: '2026-27-autumn',
        metricId,
        content,
        channel: 'card' as const,
        by: 'head@a.example',
        at: '2026-12-02T10:00:00.000Z',
      },
    ]),
  );
  return { urn: '990001', term: '2026-27-autumn', state: 'submitted', figures, version: 'v1' };
}

describe('figureChanges', () => {
  it.each<
    [
      string,
      Record<string, FigureContent>,
      Record<string, FigureContent>,
      { written: string[]; cleared: string[]; audit: Array<[string, unknown, unknown]> },
    ]
  >([
    [
      'a first submission writes every figure, each audited without an old content',
      {},
      { attendance: { value: 95 }, reportCardInclusion: { value: 'secure' } },
      {
        written: ['attendance', 'reportCardInclusion'],
        cleared: [],
        audit: [
          ['attendance', undefined, { value: 95 }],
          ['reportCardInclusion', undefined, { value: 'secure' }],
        ],
      },
    ],
    [
      'the same figures again change nothing',
      { attendance: { value: 95 }, reportCardInclusion: { value: 'secure' } },
      { attendance: { value: 95 }, reportCardInclusion: { value: 'secure' } },
      { written: [], cleared: [], audit: [] },
    ],
    [
      'an optional figure left blank that was stored is cleared, old → nothing',
      { attendance: { value: 95 }, reportCardInclusion: { value: 'secure' } },
      { attendance: { value: 95 } },
      {
        written: [],
        cleared: ['reportCardInclusion'],
        audit: [['reportCardInclusion', { value: 'secure' }, undefined]],
      },
    ],
    [
      'an optional figure left blank that was never stored changes nothing',
      { attendance: { value: 95 } },
      { attendance: { value: 95 } },
      { written: [], cleared: [], audit: [] },
    ],
    [
      'a "not available" reason left blank is cleared like a value',
      { attendance: { value: 95 }, reportCardInclusion: { notAvailable: 'inspection report not out' } },
      { attendance: { value: 95 } },
      {
        written: [],
        cleared: ['reportCardInclusion'],
        audit: [['reportCardInclusion', { notAvailable: 'inspection report not out' }, undefined]],
      },
    ],
    [
      'a change and a clearing in one submission, each audited',
      { attendance: { value: 95 }, reportCardInclusion: { value: 'secure' } },
      { attendance: { value: 96.2 } },
      {
        written: ['attendance'],
        cleared: ['reportCardInclusion'],
        audit: [
          ['attendance', { value: 95 }, { value: 96.2 }],
          ['reportCardInclusion', { value: 'secure' }, undefined],
        ],
      },
    ],
    [
      'a figure of a metric the card does not ask for is left alone',
      { attendance: { value: 95 }, progress8: { value: 0.2 } },
      { attendance: { value: 95 } },
      { written: [], cleared: [], audit: [] },
    ],
  ])('%s', (_name, stored, submitted, expected) => {
    const changes = figureChanges(recordWith(stored), CARD, new Map(Object.entries(submitted)), AUTHOR);
    expect(changes.figures.map((figure) => figure.metricId)).toEqual(expected.written);
    expect(changes.cleared).toEqual(expected.cleared);
    expect(changes.audit.map((record) => [record.metricId, record.old, record.new])).toEqual(expected.audit);
    for (const item of [...changes.figures, ...changes.audit]) {
      expect(item).toMatchObject({ urn: '990001', term: '2026-27-autumn', ...AUTHOR });
    }
    for (const figure of changes.figures) expect(figure.content).toEqual(submitted[figure.metricId]);
  });
});

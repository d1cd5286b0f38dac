/** The summary's content from tables of evaluations: order, reasons, change since last term, the size bound. */
import { boardSummaryCard } from '../../../cards/boardSummaryCard';
import { summaryView } from '../../../src/app/board/summaryView';
import type { AcademyProgress } from '../../../src/app/round/roundProgress';
import type { Evaluation } from '../../../src/domain/evaluation/evaluation';
import { academy } from '../../domain/evaluation/evaluationFixtures';
import { evaluation, generatedEvaluation, type Row } from './evaluationFixtures';

/** The evaluation with the named targets' results read from a trust-supplied metric (governorVacancies). */
function withTrustFigure(stored: Evaluation, targetTitle: string): Evaluation {
  return {
    ...stored,
    results: stored.results.map((result) =>
      result.targetTitle === targetTitle
        ? { ...result, owner: 'trust', evidence: { metricId: 'governorVacancies', target: 'at most 1' } }
        : result,
    ),
  };
}

function progress(
  urn: string,
  name: string,
  standing: AcademyProgress['standing'],
  headName?: string,
): AcademyProgress {
  return { academy: academy({ urn, name }), standing, ...(headName && { headName }) };
}

const A: Row[] = [
  ['990001', 'Philip Morant', 'o1', 'Attendance', 'met', 'Attendance 96% meets at least 95%.'],
  [
    '990001',
    'Philip Morant',
    'o2',
    'Progress 8',
    'atRisk',
    'Progress 8 +0.1 is heading below +0.2 by summer.',
  ],
  [
    '990002',
    'Kingfisher',
    'o1',
    'Attendance',
    'missed',
    'Attendance 89% missed at least 95% (deadline summer 2026).',
  ],
  ['990002', 'Kingfisher', 'o2', 'Progress 8', 'noData', 'No Progress 8 figure for autumn 2026.'],
  ['990003', 'Willowbrook', 'o1', 'Attendance', 'met', 'Attendance 97% meets at least 95%.'],
  ['990004', 'Saltmarsh', 'o1', 'Attendance', 'atRisk', 'Attendance 94% is below 95% and falling.'],
];

describe('summaryView', () => {
  it('puts academies worst first: red, then amber by missed / at risk / no data, then green', () => {
    const view = summaryView({ evaluation: evaluation('2026-27-autumn', A) });
    expect(view.academies.map((line) => [line.label, line.title])).toEqual([
      ['Red', 'Kingfisher'],
      ['Amber', 'Philip Morant'],
      ['Amber', 'Saltmarsh'],
      ['Green', 'Willowbrook'],
    ]);
    expect(view.academies[0]?.details).toEqual([
      '1 missed, 1 no data',
      'Attendance: Attendance 89% missed at least 95% (deadline summer 2026).',
    ]);
  });

  it.each([
    [
      'o1',
      'Red',
      [
        '1 missed, 1 at risk, 2 met',
        'Kingfisher: Attendance 89% missed at least 95% (deadline summer 2026).',
        'Saltmarsh: Attendance 94% is below 95% and falling.',
      ],
    ],
    [
      'o2',
      'Amber',
      [
        '1 at risk, 1 no data',
        'Philip Morant: Progress 8 +0.1 is heading below +0.2 by summer.',
        'Kingfisher: No Progress 8 figure for autumn 2026.',
      ],
    ],
  ])('gives objective %s its colour %s and its worst reasons first', (objectiveId, label, details) => {
    const view = summaryView({ evaluation: evaluation('2026-27-autumn', A) });
    const index = objectiveId === 'o1' ? 0 : 1;
    expect(view.objectives[index]).toMatchObject({ label, details });
  });

  it.each([
    [
      'no previous term',
      undefined,
      ['Met: 2', 'On track: 0', 'At risk: 2', 'Missed: 1', 'No data: 1'],
      'No earlier closed term to compare with.',
    ],
    [
      'a previous term with fewer risks',
      A.map((row): Row => [row[0], row[1], row[2], row[3], 'met', row[5]]),
      ['Met: 2 (−4)', 'On track: 0 (no change)', 'At risk: 2 (+2)', 'Missed: 1 (+1)', 'No data: 1 (+1)'],
      'Changes are since summer 2026.',
    ],
  ])('headline with %s', (_name, previousRows, headline, changeLine) => {
    const view = summaryView({
      evaluation: evaluation('2026-27-autumn', A),
      ...(previousRows && { previous: evaluation('2025-26-summer', previousRows) }),
    });
    expect(view.headline.map((fact) => `${fact.title}: ${fact.value}`)).toEqual(headline);
    expect(view.changeLine).toBe(changeLine);
  });

  it('lists a missing trust figure under the trust, never under an academy', () => {
    const rows: Row[] = [
      ['990001', 'Philip Morant', 'o1', 'Attendance', 'met', 'Attendance 96% meets at least 95%.'],
      ['990001', 'Philip Morant', 'o2', 'Vacancies', 'noData', 'No Local governing body vacancies figure.'],
      ['990003', 'Willowbrook', 'o1', 'Attendance', 'met', 'Attendance 97% meets at least 95%.'],
      ['990003', 'Willowbrook', 'o2', 'Vacancies', 'noData', 'No Local governing body vacancies figure.'],
    ];
    const view = summaryView({
      evaluation: withTrustFigure(evaluation('2026-27-autumn', rows), 'Vacancies'),
    });
    expect(view.academies.map((line) => [line.label, line.title, line.details])).toEqual([
      ['Amber', "The trust's own figures", ['Not supplied: Local governing body vacancies (2 academies)']],
      ['Green', 'Philip Morant', ['1 met']],
      ['Green', 'Willowbrook', ['1 met']],
    ]);
    expect(view.objectives[1]?.details).toEqual([
      '2 no data',
      'Trust: not supplied: Local governing body vacancies (2 academies)',
    ]);
  });

  it('puts an academy that sent nothing once the round closed first, as the first risk', () => {
    const rows: Row[] = [
      ...A,
      ['990005', 'Oakhaven', 'o1', 'Attendance', 'noData', 'No Attendance figure for autumn 2026.'],
      ['990005', 'Oakhaven', 'o2', 'Progress 8', 'noData', 'No Progress 8 figure for autumn 2026.'],
    ];
    const standings = [
      progress('990001', 'Philip Morant', 'submitted'),
      progress('990005', 'Oakhaven', 'notStarted', 'Sofia Romano'),
    ];
    const closed = summaryView({ evaluation: evaluation('2026-27-autumn', rows), progress: standings });
    expect(closed.academies[0]).toMatchObject({
      label: 'Red',
      title: 'Oakhaven',
      details: ['Sent no figures for autumn 2026 (Sofia Romano): 2 not sent'],
    });
    expect(closed.attention[0]?.title).toBe('Sent no figures');
    const open = summaryView({
      evaluation: evaluation('2026-27-autumn', rows),
      progress: standings,
      provisional: true,
      openUntil: '2026-12-12',
    });
    expect(open.academies[0]?.title).toBe('Kingfisher');
    expect(open.attention[0]?.title).toBe('Not sent yet (round open until 12 Dec)');
  });

  it('tells trustees they can ask the bot in a 1:1 chat', () => {
    const card = JSON.stringify(
      boardSummaryCard(summaryView({ evaluation: evaluation('2026-27-autumn', A) })),
    );
    expect(card).toContain('Ask me in a 1:1 chat with the bot for more: status, risks');
  });

  it('marks an open round provisional, in the title and a note', () => {
    const view = summaryView({ evaluation: evaluation('2026-27-autumn', A), provisional: true });
    expect(view.title).toBe('Risk summary: autumn 2026 (provisional)');
    expect(view.provisionalNote).toMatch(/^Provisional: the round is still open/);
    expect(view.provisionalNote).not.toContain('no data');
    expect(summaryView({ evaluation: evaluation('2026-27-autumn', A) }).provisionalNote).toBeUndefined();
  });

  it('draws the trend over the earlier terms, oldest first, with the same numbers as facts', () => {
    const earlier = evaluation('2025-26-summer', A.slice(0, 2));
    const view = summaryView({ evaluation: evaluation('2026-27-autumn', A), history: [earlier] });
    const trend = view.charts.find((chart) => chart.kind === 'Chart.Line');
    expect(trend?.series.find((s) => s.legend === 'Missed')?.values).toEqual([
      { x: 'summer 2026', y: 0 },
      { x: 'autumn 2026', y: 1 },
    ]);
    expect(trend?.fallbackFacts).toEqual([
      { title: 'summer 2026', value: '1 met, 1 at risk, 0 missed' },
      { title: 'autumn 2026', value: '2 met, 2 at risk, 1 missed' },
    ]);
  });

  it('reads an evaluation that lacks roll-ups or has extra fields (stored by another version)', () => {
    const stored = { ...evaluation('2026-27-autumn', A), objectives: undefined, extra: { principles: [] } };
    const view = summaryView({ evaluation: stored as never });
    expect(view.objectives.map((line) => line.title)).toEqual(['o1', 'o2']);
  });

  it('stays under 80 KB for a generated trust of 50 academies with 25 targets each and six principles', () => {
    const card = boardSummaryCard(
      summaryView({
        evaluation: generatedEvaluation('2026-27-autumn', 50, 25),
        previous: generatedEvaluation('2025-26-summer', 50, 25),
        history: ['2025-26-autumn', '2025-26-spring', '2025-26-summer'].map((t) =>
          generatedEvaluation(t, 50, 25),
        ),
      }),
    );
    const bytes = Buffer.byteLength(JSON.stringify({ type: 'message', attachments: [card] }), 'utf8');
    expect(bytes).toBeLessThan(80 * 1024);
    expect(JSON.stringify(card)).toContain('Generated Academy Number 50 of');
    // The principles row is part of what the bound holds.
    for (let n = 1; n <= 6; n++) expect(JSON.stringify(card)).toContain(`Generated principle ${n} of`);
    expect(JSON.stringify(card)).toContain('"verb":"boardPrinciples"');
  });
});

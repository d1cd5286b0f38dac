/**
 * The summary's view from tables of evaluations: the headline and change, at most eight exceptions and
 * the button to the rest, objectives in one line, who sent what, at most one chart, Action.Submit
 * buttons, and a size that does not grow with the trust.
 */
import { boardSummaryCard } from '../../../cards/boardSummaryCard';
import { headlineAndExceptions } from '../../../src/app/board/boardPack';
import { academiesWorstFirst, summaryView } from '../../../src/app/board/summaryView';
import type { AcademyProgress } from '../../../src/app/round/roundProgress';
import type { Evaluation } from '../../../src/domain/evaluation/evaluation';
import { nodesOfType } from '../../cards/cardTree';
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

describe('academiesWorstFirst (status and the board pack)', () => {
  it('puts academies worst first: red, then amber by missed / at risk / no data, then green', () => {
    const lines = academiesWorstFirst({ evaluation: evaluation('2026-27-autumn', A) });
    expect(lines.map((line) => [line.label, line.title])).toEqual([
      ['Red', 'Kingfisher'],
      ['Amber', 'Philip Morant'],
      ['Amber', 'Saltmarsh'],
      ['Green', 'Willowbrook'],
    ]);
    expect(lines[0]?.details).toEqual([
      '1 missed, 1 no data',
      'Attendance: Attendance 89% missed at least 95% (deadline summer 2026).',
    ]);
  });

  it('lists a missing trust figure under the trust, never under an academy', () => {
    const rows: Row[] = [
      ['990001', 'Philip Morant', 'o1', 'Attendance', 'met', 'Attendance 96% meets at least 95%.'],
      ['990001', 'Philip Morant', 'o2', 'Vacancies', 'noData', 'No Local governing body vacancies figure.'],
      ['990003', 'Willowbrook', 'o1', 'Attendance', 'met', 'Attendance 97% meets at least 95%.'],
      ['990003', 'Willowbrook', 'o2', 'Vacancies', 'noData', 'No Local governing body vacancies figure.'],
    ];
    const input = { evaluation: withTrustFigure(evaluation('2026-27-autumn', rows), 'Vacancies') };
    expect(academiesWorstFirst(input).map((line) => [line.label, line.title, line.details])).toEqual([
      ['Amber', "The trust's own figures", ['Not supplied: Local governing body vacancies (2 academies)']],
      ['Green', 'Philip Morant', ['1 met']],
      ['Green', 'Willowbrook', ['1 met']],
    ]);
    const view = summaryView(input);
    expect(view.exceptions.map((line) => line.text)).toEqual([
      'Trust — not supplied: Local governing body vacancies (2 academies)',
    ]);
  });

  it('puts an academy that sent nothing once the round closed first', () => {
    const rows: Row[] = [
      ...A,
      ['990005', 'Oakhaven', 'o1', 'Attendance', 'noData', 'No Attendance figure for autumn 2026.'],
    ];
    const standings = [
      progress('990001', 'Philip Morant', 'submitted'),
      progress('990005', 'Oakhaven', 'notStarted', 'Sofia Romano'),
    ];
    const lines = academiesWorstFirst({
      evaluation: evaluation('2026-27-autumn', rows),
      progress: standings,
    });
    expect(lines[0]).toMatchObject({
      label: 'Red',
      title: 'Oakhaven',
      details: ['Sent no figures for autumn 2026 (Sofia Romano): 1 not sent'],
    });
  });
});

describe('summaryView: the exceptions report', () => {
  it('opens with the one sentence and the change since the last closed term', () => {
    const view = summaryView({
      evaluation: evaluation('2026-27-autumn', A),
      previous: evaluation(
        '2025-26-summer',
        A.map((row): Row => [row[0], row[1], row[2], row[3], 'met', row[5]]),
      ),
    });
    expect(view.headline).toBe('Autumn 2026: 1 target missed and 2 at risk in 3 academies.');
    expect(view.changeLine).toBe(
      'Since summer 2026: missed up 1 to 1, at risk up 2 to 2, met or on track down 4 to 2.',
    );
  });

  it('shows at most eight exceptions, worst first, and counts the rest for the button', () => {
    const view = summaryView({ evaluation: generatedEvaluation('2026-27-autumn', 50, 25) });
    expect(view.exceptions).toHaveLength(8);
    expect(view.exceptions.every((line) => line.label === 'Red')).toBe(true);
    expect(view.moreExceptions).toBeGreaterThan(100);
    const card = boardSummaryCard(view).content;
    const more = nodesOfType(card, 'Action.Submit').find(
      (action) => (action.data as { verb?: string }).verb === 'boardExceptions',
    );
    expect(more).toMatchObject({
      title: `And ${view.moreExceptions} more: show all`,
      data: { verb: 'boardExceptions', term: '2026-27-autumn' },
    });
  });

  it('offers no "more" button when every exception is shown', () => {
    const view = summaryView({ evaluation: evaluation('2026-27-autumn', A) });
    expect(view.moreExceptions).toBe(0);
    expect(JSON.stringify(boardSummaryCard(view))).not.toContain('boardExceptions');
  });

  it('gives each objective one line: its colour in words, its number and title, its counts', () => {
    const view = summaryView({ evaluation: evaluation('2026-27-autumn', A) });
    expect(view.objectives).toEqual([
      { label: 'Red', color: 'Attention', text: '1. Objective title 1: 1 missed, 1 at risk, 2 met' },
      { label: 'Amber', color: 'Warning', text: '2. Objective title 2: 1 at risk, 1 no data' },
    ]);
  });

  it('says who sent nothing in an open round as "not sent yet", until when, and lists no exception for it', () => {
    const rows: Row[] = [
      ...A,
      ['990005', 'Oakhaven', 'o1', 'Attendance', 'noData', 'No Attendance figure for autumn 2026.'],
    ];
    const standings = [
      progress('990001', 'Philip Morant', 'submitted'),
      progress('990005', 'Oakhaven', 'notStarted', 'Sofia Romano'),
    ];
    const open = summaryView({
      evaluation: evaluation('2026-27-autumn', rows),
      progress: standings,
      provisional: true,
      openUntil: '2026-12-12',
    });
    expect(open.who).toEqual([{ title: 'Not sent yet (round open until 12 Dec) (1)', text: 'Oakhaven' }]);
    expect(open.exceptions.map((line) => line.text).join('\n')).not.toContain('Oakhaven');
    const closed = summaryView({ evaluation: evaluation('2026-27-autumn', rows), progress: standings });
    expect(closed.exceptions[0]?.text).toBe(
      'Oakhaven — sent no figures (1 figure missing; head Sofia Romano)',
    );
    expect(closed.who[0]?.title).toBe('Sent no figures (1)');
  });

  it('says what the board pack’s cover says: the same headline and exceptions', () => {
    const rows: Row[] = [
      ...A,
      ['990005', 'Oakhaven', 'o1', 'Attendance', 'noData', 'No Attendance figure for autumn 2026.'],
    ];
    const input = {
      evaluation: evaluation('2026-27-autumn', rows),
      previous: evaluation('2025-26-summer', A),
      progress: [progress('990005', 'Oakhaven', 'unreachable')],
    };
    const view = summaryView(input);
    const pack = headlineAndExceptions(input);
    expect(pack.headline).toBe(`${view.headline} ${view.changeLine}`);
    expect(pack.exceptions).toEqual(view.exceptions.map((line) => `${line.label}: ${line.text}`));
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
    expect(summaryView({ evaluation: evaluation('2026-27-autumn', A) }).provisionalNote).toBeUndefined();
  });

  it.each<[string, number, string[] | undefined]>([
    ['one closed term, two objectives judged: the colours per objective', 0, ['Chart.VerticalBar.Grouped']],
    ['two closed terms: the trend', 1, ['Chart.Line']],
  ])('draws at most one chart: %s', (_case, earlier, kinds) => {
    const history = Array.from({ length: earlier }, () => evaluation('2025-26-summer', A.slice(0, 2)));
    const view = summaryView({ evaluation: evaluation('2026-27-autumn', A), history });
    expect(view.charts.map((chart) => chart.kind)).toEqual(kinds);
  });

  it('draws no chart when it would add nothing: one objective judged, one closed term', () => {
    const view = summaryView({ evaluation: evaluation('2026-27-autumn', A.slice(0, 1)) });
    expect(view.charts).toEqual([]);
  });

  it('colours the objectives chart red, amber and green, labelled by number as on the card', () => {
    const [chart] = summaryView({ evaluation: evaluation('2026-27-autumn', A) }).charts;
    expect(chart?.series.map((series) => [series.legend, series.color, series.values])).toEqual([
      [
        'Red: missed',
        'attention',
        [
          { x: '1', y: 1 },
          { x: '2', y: 0 },
        ],
      ],
      [
        'Amber: at risk or not sent',
        'warning',
        [
          { x: '1', y: 1 },
          { x: '2', y: 2 },
        ],
      ],
      [
        'Green: met or on track',
        'good',
        [
          { x: '1', y: 2 },
          { x: '2', y: 0 },
        ],
      ],
    ]);
    expect(chart?.fallbackFacts).toEqual([
      { title: 'Objective 1', value: 'Objective title 1: 1 missed, 1 at risk, 2 met' },
      { title: 'Objective 2', value: 'Objective title 2: 1 at risk, 1 no data' },
    ]);
  });

  it('draws the trend over the earlier terms, oldest first, with the same numbers as facts', () => {
    const earlier = evaluation('2025-26-summer', A.slice(0, 2));
    const view = summaryView({ evaluation: evaluation('2026-27-autumn', A), history: [earlier] });
    const [trend] = view.charts;
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
    expect(view.objectives.map((line) => line.text)).toEqual([
      '1. o1: 1 missed, 1 at risk, 2 met',
      '2. o2: 1 at risk, 1 no data',
    ]);
  });

  it('has every button an Action.Submit, the pickers merged into its data', () => {
    const card = boardSummaryCard(summaryView({ evaluation: evaluation('2026-27-autumn', A) })).content;
    expect(nodesOfType(card, 'Action.Execute')).toEqual([]);
    expect(
      nodesOfType(card, 'Action.Submit').map((action) => [
        action.title,
        (action.data as { verb: string }).verb,
      ]),
    ).toEqual([
      ['Show academy', 'boardAcademy'],
      ['Show objective', 'boardObjective'],
    ]);
    expect(nodesOfType(card, 'Input.ChoiceSet').map((input) => input.id)).toEqual(['academy', 'objective']);
  });

  it('does not grow with the trust: 100 academies give the same number of lines as 6', () => {
    const lines = (academies: number): number => {
      const view = summaryView({ evaluation: generatedEvaluation('2026-27-autumn', academies, 25) });
      return view.exceptions.length + view.objectives.length + view.who.length + view.principles.length;
    };
    expect(lines(100)).toBe(lines(6));
  });

  it('stays under 80 KB for a generated trust of 100 academies with 25 targets each and six principles', () => {
    const card = boardSummaryCard(
      summaryView({
        evaluation: generatedEvaluation('2026-27-autumn', 100, 25),
        previous: generatedEvaluation('2025-26-summer', 100, 25),
        history: ['2025-26-autumn', '2025-26-spring', '2025-26-summer'].map((t) =>
          generatedEvaluation(t, 100, 25),
        ),
      }),
    );
    const bytes = Buffer.byteLength(JSON.stringify({ type: 'message', attachments: [card] }), 'utf8');
    expect(bytes).toBeLessThan(80 * 1024);
    // The academy picker names every academy, so any of them is one press away.
    expect(JSON.stringify(card)).toContain('Generated Academy Number 100 of');
    for (let n = 1; n <= 6; n++) expect(JSON.stringify(card)).toContain(`Generated principle ${n} of`);
    expect(JSON.stringify(card)).toContain('"verb":"boardPrinciples"');
  });
});

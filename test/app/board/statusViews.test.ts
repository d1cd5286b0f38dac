/**
 * The status answers for a large trust: every card stays inside Teams' 80 KB at 50 academies, `risks`
 * shows the worst first and counts what it leaves out, `objective <n>` shows the worst academies per
 * target and counts the rest.
 */
import { boardDetailCard } from '../../../cards/boardDetailCard';
import type { BoardDetailView } from '../../../src/app/board/boardViews';
import { principlesOf, principlesView, principleView } from '../../../src/app/board/principlesView';
import {
  academyStatusView,
  objectiveView,
  RESULTS_PER_OBJECTIVE_TARGET,
  RISKS_MAX_CHARACTERS,
  risksView,
  trustStatusView,
} from '../../../src/app/board/statusViews';
import type { Evaluation } from '../../../src/domain/evaluation/evaluation';
import { visibleTexts } from '../../cards/cardTree';
import { loadDemoTrust } from '../../cards/renderingCases';
import { evaluation, generatedEvaluation, type Row } from './evaluationFixtures';

const DEMO = loadDemoTrust();

const LARGE = generatedEvaluation('2026-27-autumn', 50, 25);

describe('status answers for 50 academies with 25 targets each', () => {
  it.each<[string, BoardDetailView]>([
    ['status', trustStatusView(LARGE, LARGE, 'The autumn 2026 round is open.')],
    ['status <academy>', academyStatusView(LARGE, '900007', 'Generated 8')],
    ['risks', risksView(LARGE, undefined)],
    ['objective 1', objectiveView(LARGE, { objectiveId: 'o1', title: 'O', number: 1 }, undefined)],
    ['status principles', principlesView(LARGE, undefined)],
    ['status principle 1', principleView(LARGE, principlesOf(LARGE)[0]!, undefined)],
  ])('answers %s in under 80 KB', (_name, view) => {
    const bytes = Buffer.byteLength(
      JSON.stringify({ type: 'message', attachments: [boardDetailCard(view)] }),
      'utf8',
    );
    expect(bytes).toBeLessThan(80 * 1024);
  });
});

/** `count` results of one target, the first `missed` of them missed, the next `atRisk` at risk. */
function rows(count: number, missed: number, atRisk: number): Row[] {
  return Array.from({ length: count }, (_, n): Row => [
    String(900000 + n),
    `Academy ${n}`,
    'o1',
    'Attendance',
    n < missed ? 'missed' : n < missed + atRisk ? 'atRisk' : 'met',
    `Reason ${n}.`,
  ]);
}

describe('risks', () => {
  it.each([
    ['a few risks, all shown', 10, 2, 3, ['Missed (2)', 'At risk (3)'], 1],
    ['more risks than fit in two screens', 200, 50, 30, ['Missed (50)', 'At risk (30, '], 2],
  ])('with %s', (_name, count, missed, atRisk, titles, lineCount) => {
    const view = risksView(evaluation('2026-27-autumn', rows(count, missed, atRisk), ['o1']), undefined);
    titles.forEach((title, index) => expect(view.sections[index]?.title).toMatch(title));
    const shown = view.sections.flatMap((section) => section.items).length;
    expect(view.lines).toHaveLength(lineCount);
    expect(view.lines[0]).toBe(
      `${missed + atRisk} targets need attention in ${missed + atRisk} academies, worst first.`,
    );
    if (lineCount > 1) {
      expect(view.lines[1]).toBe(
        `${missed + atRisk - shown} more lines are in each academy's status ("status" and its name) and each objective's ("objective" and its number).`,
      );
    } else expect(shown).toBe(missed + atRisk);
  });

  it.each([
    ['the demo trust', () => DEMO.then((demo) => demo.autumn)],
    [
      'a generated trust of 100 academies',
      () => Promise.resolve(generatedEvaluation('2026-27-autumn', 100, 25)),
    ],
    ['a generated trust of 100 academies that sent nothing', () => Promise.resolve(silentTrust(100))],
  ])('stays under 3,000 characters for %s', async (_name, build) => {
    const text = visibleTexts(boardDetailCard(risksView(await build(), undefined)).content).join('');
    expect(text.length).toBeLessThan(RISKS_MAX_CHARACTERS);
    expect(text.length).toBeGreaterThan(1000);
  });

  it('gives each academy that sent nothing one line, and the trust’s own missing figures one line', async () => {
    const demo = await DEMO;
    const view = risksView(demo.autumn, undefined);
    const silent = view.sections.find((section) => section.title.startsWith('Sent no figures'));
    expect(silent?.title).toBe('Sent no figures (4)');
    expect(silent?.items.map((item) => item.title)).toEqual([
      'Oakhaven Free School: 14 figures not sent',
      'Kingfisher Meadow School: 9 figures not sent',
      'Saltmarsh Academy: 9 figures not sent',
      'Harbourside Primary Academy: 10 figures not sent',
    ]);
    expect(silent?.items[0]).toMatchObject({
      label: 'Red',
      details: ['Nothing came for autumn 2026, so 16 targets cannot be judged.'],
    });
    const lines = view.sections.flatMap((section) => section.items.map((item) => item.title));
    // No academy that sent nothing has a row per missing figure (a target its earlier figures missed, such
    // as Oakhaven's teacher turnover of summer 2026 at the national 8.5 %, is a risk of its own), and the
    // two that sent have none.
    for (const name of ['Kingfisher Meadow School', 'Oakhaven Free School']) {
      const own = lines.filter((line) => line.startsWith(`${name}:`));
      expect(own.filter((line) => /not sent|not recorded|missing|no figure/i.test(line))).toEqual([
        expect.stringMatching(/: \d+ figures not sent$/),
      ]);
    }
    expect(lines.filter((line) => /Philip Morant.*not sent/.test(line))).toEqual([]);
    const trust = view.sections.find((section) => section.title.startsWith("The trust's own figures"));
    expect(trust?.items).toEqual([
      expect.objectContaining({
        title: 'Trust: 3 figures the trust supplies not recorded',
        details: [
          'Revenue reserves, Local governing body vacancies (6 academies), Climate action plan in place (6 academies). Not an academy’s gap.'.replace(
            '’',
            "'",
          ),
        ],
      }),
    ]);
  });
});

describe('risks names the owner of each trust figure not recorded', () => {
  it('as the summary and missing do, and still never as an academy’s gap', async () => {
    const demo = await DEMO;
    const owners = new Map([
      ['governorVacancies', 'Amara Okafor'],
      ['climateActionPlan', 'Amara Okafor'],
    ]);
    const view = risksView(demo.autumn, undefined, owners);
    const trust = view.sections.find((section) => section.title.startsWith("The trust's own figures"));
    expect(trust?.items[0]?.details).toEqual([
      "Revenue reserves, Local governing body vacancies (6 academies, Amara Okafor), Climate action plan in place (6 academies, Amara Okafor). Not an academy's gap.",
    ]);
  });
});

/** `academies` academies, each missing its 18 figures for the term and sending nothing. */
function silentTrust(academies: number): Evaluation {
  const term = '2026-27-autumn';
  const base = evaluation(
    term,
    Array.from({ length: academies }, (_, a) =>
      Array.from({ length: 18 }, (_, t): Row => [
        String(900000 + a),
        `Generated Academy Number ${a + 1} of the Coastal Learning Partnership`,
        'o1',
        `Target ${t + 1}`,
        'noData',
        `No figure for autumn 2026 although its round has closed; target: at least ${t}`,
      ]),
    ).flat(),
    ['o1'],
  );
  return {
    ...base,
    results: base.results.map((result, index) => ({
      ...result,
      owner: 'head' as const,
      evidence: { ...result.evidence, metricId: `m${index % 18}`, missing: term },
    })),
  };
}

describe('not applicable', () => {
  const rows: Row[] = [
    [
      '900001',
      'Hill Primary',
      'o1',
      'Attendance',
      'met',
      'Attendance 96% meets the target; target: at least 95%',
    ],
    [
      '900001',
      'Hill Primary',
      'o1',
      'GCSE grade 4+',
      'notApplicable',
      'Applies to secondary or all-through academies only; target: above national',
    ],
    [
      '900001',
      'Hill Primary',
      'o1',
      'Progress 8',
      'notApplicable',
      'Applies to secondary or all-through academies only; target: above national',
    ],
    ['900002', 'Sea High', 'o1', 'GCSE grade 4+', 'met', 'Above national; target: above national'],
    [
      '900003',
      'Vale Primary',
      'o1',
      'GCSE grade 4+',
      'notApplicable',
      'Applies to secondary or all-through academies only; target: above national',
    ],
  ];
  const stored = evaluation('2026-27-autumn', rows, ['o1']);

  it('is counted in an academy’s status, not listed', () => {
    const view = academyStatusView(stored, '900001', 'Hill Primary');
    expect(view.sections.flatMap((section) => section.items.map((item) => item.title))).toEqual([
      'Attendance',
    ]);
    expect(view.lines).toContain(
      "2 of the plan's targets are for other kinds of school and do not apply to Hill Primary.",
    );
  });

  it('is one line per target in an objective, with the reason once', () => {
    const view = objectiveView(stored, { objectiveId: 'o1', title: 'O', number: 1 }, undefined);
    const gcse = view.sections.find((section) => section.title.startsWith('GCSE grade 4+'));
    expect(gcse?.items.map((item) => item.title)).toEqual(['Sea High', 'Not applicable to 2 academies']);
    expect(gcse?.items[1]).toMatchObject({
      label: 'Grey',
      details: ['Applies to secondary or all-through academies only'],
    });
  });
});

describe('objective', () => {
  it.each([
    ['fewer academies than the card shows', 5, 5, undefined],
    ['more academies than the card shows', 30, RESULTS_PER_OBJECTIVE_TARGET + 1, '18 more'],
  ])('with %s', (_name, count, items, more) => {
    const view = objectiveView(
      evaluation('2026-27-autumn', rows(count, 2, 1), ['o1']),
      { objectiveId: 'o1', title: 'O', number: 1 },
      undefined,
    );
    const shown = view.sections[0]?.items ?? [];
    expect(shown).toHaveLength(items);
    expect(shown.slice(0, 3).map((item) => item.label)).toEqual(['Red', 'Red', 'Amber']);
    if (more) expect(shown[shown.length - 1]).toMatchObject({ title: more, details: ['18 met'] });
  });
});

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
  RISKS_SHOWN,
  risksView,
  trustStatusView,
} from '../../../src/app/board/statusViews';
import { evaluation, generatedEvaluation, type Row } from './evaluationFixtures';

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
    [
      'more risks than a card holds',
      200,
      50,
      30,
      ['Missed (50)', `At risk (30, ${RISKS_SHOWN - 50} shown)`],
      2,
    ],
  ])('with %s', (_name, count, missed, atRisk, titles, lineCount) => {
    const view = risksView(evaluation('2026-27-autumn', rows(count, missed, atRisk), ['o1']), undefined);
    expect(view.sections.map((section) => section.title)).toEqual(titles);
    expect(view.sections.flatMap((section) => section.items)).toHaveLength(
      Math.min(missed + atRisk, RISKS_SHOWN),
    );
    expect(view.lines).toHaveLength(lineCount);
    expect(view.lines[0]).toBe(`${missed + atRisk} targets need attention, worst first.`);
    if (lineCount > 1)
      expect(view.lines[1]).toMatch(`This card shows the worst ${RISKS_SHOWN}; 20 more are in`);
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

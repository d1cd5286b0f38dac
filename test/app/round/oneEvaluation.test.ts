/**
 * One evaluation, whoever asks: figures stored through the bot (the demo's history imported as the bot
 * does, this term's answers as a head's card stores them) are closed into the bot's evaluation, exported
 * as a data file with `export --format data`, and judged again by `evaluate`: every result's status and
 * reason is the same both ways, a head's "not available" answer and its reason included.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { closeRound } from '../../../src/app/round/closeRound';
import { runCli } from '../../../src/cli/main';
import type { Evaluation, TargetResult } from '../../../src/domain/evaluation/evaluation';
import type { StoredFigure } from '../../../src/domain/round/round';
import { roundHarness } from '../../support/roundHarness';
import { testConnectionString, uniqueName } from '../../support/storage';

const ROOT = join(__dirname, '../../..');
const TERM = '2026-27-autumn';

/** This term's rows of the demo file for one academy: what its head answers on the card. */
function demoAnswers(urn: string): Array<[string, string]> {
  return readFileSync(join(ROOT, 'demo/data/observations.csv'), 'utf8')
    .split('\n')
    .map((line) => line.trim().split(','))
    .filter((cells) => cells[0] === urn && cells[1] === TERM)
    .map(([, , metric = '', value = '']) => [metric, value]);
}

function keyOf(result: TargetResult): string {
  const who = result.subject.kind === 'academy' ? result.subject.urn : 'trust';
  return `${who} ${result.targetId}`;
}

function judged(evaluation: Evaluation): Map<string, { status: string; reason: string }> {
  return new Map(evaluation.results.map((r) => [keyOf(r), { status: r.status, reason: r.reason }]));
}

describe('one evaluation, whoever asks', () => {
  it('gives the same status and reason for every result in the bot and in `evaluate` on the export', async () => {
    const prefix = uniqueName('e').slice(0, 12);
    const h = await roundHarness('2026-12-03T10:00:00Z', {
      STORAGE_PREFIX: prefix,
      HISTORY_FILE: 'demo/data/observations.csv',
    });
    const deps = h.services.round;
    const heads: Record<string, string> = {
      '990001': 'helen.marsh@thrive-demo.example',
      '990003': 'lucy.barker@thrive-demo.example',
    };
    for (const urn of ['990001', '990003']) {
      const figures: StoredFigure[] = demoAnswers(urn).map(([metricId, value]) => ({
        urn,
        term: TERM,
        metricId,
        // The head could not give reserves yet: a reason, never a value.
        content:
          metricId === 'reservesPercentOfIncome' && urn === '990001'
            ? { notAvailable: 'awaiting year-end audit adjustments' }
            : { value: Number.isNaN(Number(value)) ? value : Number(value) },
        channel: 'card',
        by: heads[urn] ?? '',
        at: '2026-12-03T09:30:00.000Z',
      }));
      const written = await deps.figures.write({
        urn,
        term: TERM,
        expectedVersion: undefined,
        state: 'submitted',
        figures,
        audit: [],
      });
      expect(written.kind).toBe('written');
    }
    await deps.rounds.create({
      term: TERM,
      status: 'open',
      openedOn: '2026-11-30',
      closesOn: '2026-12-12',
      openedAt: '2026-11-30T08:00:00.000Z',
      openedBy: 'test',
      academyCount: 6,
    });
    h.setNow('2026-12-08T10:00:00Z');
    const closed = await closeRound(deps, h.roster, TERM, 'test');
    if (closed.kind !== 'closed') throw new Error(closed.text);
    const bot = closed.evaluation;

    const env = {
      AzureWebJobsStorage: testConnectionString(),
      STORAGE_PREFIX: prefix,
      ROSTER_DIR: join(ROOT, 'demo/roster'),
    };
    const file = join(mkdtempSync(join(tmpdir(), 'one-evaluation-')), 'figures.csv');
    let err = '';
    const io = { out: () => undefined, err: (text: string) => (err += text), env };
    const exported = await runCli(
      ['export', '--since', '2011-12-autumn', '--term', TERM, '--format', 'data', '--out', file],
      io,
    );
    expect(err).toContain('figures of 2011-12-autumn to 2026-27-autumn');
    expect(exported).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain(
      `990001,${TERM},reservesPercentOfIncome,,2026-12-03,awaiting year-end audit adjustments,Helen Marsh`,
    );

    let out = '';
    err = '';
    const evaluated = await runCli(
      [
        'evaluate',
        '--plan',
        join(ROOT, 'plans/demo-2025-2028.yaml'),
        '--roster',
        join(ROOT, 'demo/roster'),
        '--data',
        file,
        '--as-of',
        bot.asOf,
        '--closed-through',
        TERM,
        '--format',
        'json',
      ],
      { out: (text) => (out += text), err: (text) => (err += text) },
    );
    expect(err).toBe('');
    expect(evaluated).toBe(0);
    const cli = JSON.parse(out) as Evaluation;

    expect(bot.results.length).toBeGreaterThan(100);
    expect(judged(bot)).toEqual(judged(cli));
    // The head's reason is where the figure would be, with who and when: not "no figure although its
    // round has closed".
    const reserves = bot.results.find((r) => keyOf(r) === '990001 academy-reserves-5');
    expect(reserves?.status).toBe('noData');
    expect(reserves?.reason).toMatch(
      /^Revenue reserves: not available — awaiting year-end audit adjustments \(Helen Marsh, 3 Dec\)/,
    );
    expect(reserves?.evidence.notAvailable).toEqual({
      reason: 'awaiting year-end audit adjustments',
      by: 'Helen Marsh',
      on: '2026-12-03',
    });
    // The defect this guards: the bot read stored figures only from the year before the plan, so two
    // primaries with four years of KS2 results had "not enough history to project".
    for (const urn of ['990003', '990006']) {
      const ks2 = bot.results.find((r) => keyOf(r) === `${urn} ks2-rwm-70-by-2028`);
      expect(ks2?.reason).toMatch(/is (on|off) course: the trend reaches/);
    }
  }, 60_000);
});

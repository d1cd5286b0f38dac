/**
 * Heads are asked only for what nobody publishes: with the trust importing the DfE's KS4 tables and
 * Ofsted's inspections (here through its settings, IMPORTED_SOURCES, the plan saying nothing), the head's
 * card and the chat walk never ask for them, the card shows the imported figures read only with their
 * publication, and an academy whose only figure this term was imported is nobody's missing figure.
 * botbuilder's TestAdapter over a real Azurite.
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { loadTrustPlan } from '../../../src/adapters/files/loadTrustPlan';
import { importItems } from '../../../src/app/round/importFigures';
import { remindHeads } from '../../../src/app/round/remindHeads';
import { academyProgress, stillMissing } from '../../../src/app/round/roundProgress';
import { INSPECTION_METRIC_IDS } from '../../../src/domain/metrics/metricCatalogue';
import type { Publication } from '../../../src/domain/published/publication';
import { flattenRequested, requestedMetrics } from '../../../src/domain/round/requestedMetrics';
import { type CardNode, nodesOfType } from '../../cards/cardTree';
import { cardOf, DEMO, invokeAnswer, type RoundHarness, roundHarness } from '../../support/roundHarness';

const TERM = '2026-27-autumn';
const PMS = DEMO.headPms.urn;
const AUTUMN = { startYear: 2026, term: 'autumn' as const };
const KS4_PROVISIONAL: Publication = {
  source: 'dfe-ks4',
  publisher: 'DfE',
  title: 'Key stage 4 performance tables 2025-26',
  release: 'provisional',
  publishedOn: '2026-10-22',
};
const OFSTED: Publication = {
  source: 'ofsted',
  publisher: 'Ofsted',
  title: 'State-funded schools inspections and outcomes, management information',
  publishedOn: '2026-11-03',
};

/** The demo roster with one more academy, joining the trust in January 2027, and its head. */
function rosterWithJoiner(): string {
  const dir = mkdtempSync(join(tmpdir(), 'imported-roster-'));
  for (const file of ['trust.yaml', 'people.csv']) copyFileSync(join('demo/roster', file), join(dir, file));
  writeFileSync(
    join(dir, 'academies.csv'),
    `${readFileSync('demo/roster/academies.csv', 'utf8').trimEnd()}\n` +
      '990007,Estuary View Academy,primary,converter,Brightlingsea,2012-09-01,2027-01-01,\n',
  );
  writeFileSync(
    join(dir, 'people.csv'),
    `${readFileSync(join(dir, 'people.csv'), 'utf8').trimEnd()}\n` +
      'nia.holt@thrive-demo.example,Nia Holt,head,Headteacher,990007,7e1d0000-0000-4000-8000-000000000027,\n',
  );
  return dir;
}

async function importFor(h: RoundHarness): Promise<void> {
  const figures = h.services.round.figures;
  const summer = { startYear: 2025, term: 'summer' as const };
  await importItems(
    figures,
    [
      {
        subject: PMS,
        term: summer,
        metricId: 'attainment8',
        content: { value: 47.6, published: KS4_PROVISIONAL },
      },
      {
        subject: PMS,
        term: summer,
        metricId: 'progress8',
        content: {
          notAvailable: 'not published (NP: not published for 2025-26)',
          published: KS4_PROVISIONAL,
        },
      },
    ],
    '2026-10-23T02:30:00.000Z',
    { channel: 'import', by: 'dfe-ks4' },
  );
  // The joiner's inspection of November, before it joins: imported into the open round's term.
  await importItems(
    figures,
    [
      {
        subject: '990007',
        term: { startYear: 2026, term: 'autumn' },
        metricId: 'ofstedInspectionDate',
        content: { value: '2026-10-14', published: OFSTED },
      },
    ],
    '2026-11-04T02:30:00.000Z',
    { channel: 'import', by: 'ofsted' },
  );
}

async function opened(): Promise<RoundHarness> {
  const h = await roundHarness('2026-12-02T10:00:00Z', {
    IMPORTED_SOURCES: 'dfe-ks4,ofsted',
    ROSTER_DIR: rosterWithJoiner(),
  });
  await importFor(h);
  await h.install(DEMO.headPms.email);
  await h.install('nia.holt@thrive-demo.example');
  invokeAnswer(await h.say(h.execute(DEMO.ceo.aad, { verb: 'openRound', term: TERM })));
  return h;
}

function texts(card: Record<string, unknown>): string[] {
  return nodesOfType(card as unknown as CardNode, 'TextRun').map((node) => String(node.text));
}

function inputIds(card: Record<string, unknown>): string[] {
  return [
    ...nodesOfType(card as unknown as CardNode, 'Input.Text'),
    ...nodesOfType(card as unknown as CardNode, 'Input.ChoiceSet'),
    ...nodesOfType(card as unknown as CardNode, 'Input.Date'),
  ].map((node) => String(node.id));
}

describe('published figures the trust imports', () => {
  let h: RoundHarness;
  beforeAll(async () => {
    h = await opened();
  }, 60_000);

  it('are not asked on the head’s card, which shows them read only with their publication', async () => {
    const card = cardOf(await h.say(h.message(DEMO.headPms.aad, 'figures')));
    const ids = inputIds(card);
    expect(ids).toContain('m_attendance');
    // Inspection grades and dates are Ofsted's, results the DfE's: no input for any of them. (The
    // inspection's number since becoming an academy is not in Ofsted's file: it stays optional.)
    expect(
      ids.filter((id) => /ofsted(?!InspectionNumber)|reportCard|attainment8|progress8|ks4Grade5/i.test(id)),
    ).toEqual([]);
    expect(texts(card)).toEqual(
      expect.arrayContaining([
        'Attainment 8 47.6 points — DfE, provisional, Oct 2026',
        'Progress 8: not published (NP: not published for 2025-26) — DfE, provisional, Oct 2026',
      ]),
    );
  });

  it('are not asked in the chat walk, which has as many questions as the card has figures', async () => {
    const academy = h.roster.academies.find((candidate) => candidate.urn === PMS);
    if (!academy) throw new Error('no PMS');
    // What the plan asks of the head once the DfE's KS4 tables and Ofsted's inspections are imported.
    const plan = {
      ...loadTrustPlan('plans/demo-2025-2028.yaml').plan,
      imported: ['dfe-ks4', 'ofsted'] as const,
    };
    const requested = flattenRequested(
      requestedMetrics({ ...plan, imported: [...plan.imported] }, academy, AUTUMN, h.services.round.calendar),
    );
    const inspection = requested.filter(({ metric }) => INSPECTION_METRIC_IDS.has(metric.id)).length;
    const questions = requested.length + (inspection > 0 ? 1 : 0);
    expect(requested.map(({ metric }) => metric.id)).toContain('attendance');
    const replies = await h.say(h.message(DEMO.headPms.aad, 'answer in chat'));
    const said = replies.map((reply) => reply.text ?? '').join('\n');
    expect(said).toContain('one figure at a time');
    expect(said).toContain(`1 of ${questions}`);
  });

  it('do not make an academy with nothing to give missing, nor remind its head', async () => {
    const roster = await h.services.roster.current();
    if (!roster) throw new Error('no roster');
    const round = await h.services.round.rounds.get(TERM);
    if (!round) throw new Error('no round');
    const progress = await academyProgress(h.services.round, roster, round);
    expect(progress.map((entry) => entry.academy.urn)).not.toContain('990007');
    expect(stillMissing(progress).map((entry) => entry.academy.urn)).toContain(PMS);
    const reminded = await remindHeads(h.services.round, roster, round, '2026-12-02');
    expect(reminded.reminded).not.toContain('Estuary View Academy');
    expect(reminded.reminded).toContain('The Philip Morant School and College');
  });
});

/**
 * What an executive reads about the owners of trust figures outside `missing`, through botbuilder's
 * TestAdapter over a real Azurite: `status` while the round is open and after it closed, and the close
 * confirmation, count the owners beside the academies and name each owner who has not submitted, in
 * `missing`'s words; the card after the close lists them.
 * In the demo's autumn 2026 round Amara Okafor, the executive, owns the trust figures asked.
 */
import { buildBoardPack } from '../../../src/app/board/boardPack';
import { ownerFieldId } from '../../../src/domain/round/ownerRound';
import {
  cardOf,
  DEMO,
  invokeAnswer,
  ownerPromptCard,
  pressed,
  type RoundHarness,
  roundHarness,
  updatedCard,
} from '../../support/roundHarness';

const TERM = '2026-27-autumn';
const URNS = ['990001', '990002', '990003', '990004', '990005', '990006'];
/** Amara Okafor's line, as `missing` lists her. */
const AMARA =
  'Trust figures (Local governing body vacancies, Climate action plan in place; 6 academies) — Amara Okafor';

function text(value: unknown): string {
  return JSON.stringify(value ?? {});
}

async function opened(): Promise<RoundHarness> {
  const h = await roundHarness();
  await h.install(DEMO.ceo.email);
  invokeAnswer(await h.say(h.execute(DEMO.ceo.aad, { verb: 'openRound', term: TERM })));
  return h;
}

/** Amara Okafor submits her trust figures on the card the fan-out composes for her. */
async function ownerSubmits(h: RoundHarness): Promise<void> {
  const card = await ownerPromptCard(h, TERM, DEMO.ceo.email);
  const inputs: Record<string, string> = {};
  for (const urn of URNS) {
    inputs[ownerFieldId('m_', urn, 'governorVacancies')] = '1';
    inputs[ownerFieldId('m_', urn, 'climateActionPlan')] = 'yes';
  }
  const answered = updatedCard(await h.say(h.submit(DEMO.ceo.aad, pressed(card, 'Submit', inputs))));
  expect(text(answered)).toContain('Submitted by Amara Okafor');
}

describe('the close confirmation with owners of trust figures', () => {
  it('counts the owners and names one who has not submitted, in the words of missing', async () => {
    const h = await opened();
    const confirm = text(cardOf(await h.say(h.message(DEMO.ceo.aad, 'close round'))));
    expect(confirm).toContain('"title":"Trust figures","value":"0 of 1 owner submitted"');
    // Five academies are named, the rest counted; the owner is always named, after them.
    expect(confirm).toContain(
      `Still missing: The Philip Morant School and College, Kingfisher Meadow School, Willowbrook Primary Academy, Saltmarsh Academy, Oakhaven Free School and 1 more academy; ${AMARA}. Closing now records`,
    );
  });

  it('no longer names an owner once they have submitted, and the closed card lists them', async () => {
    const h = await opened();
    await ownerSubmits(h);
    const confirm = text(cardOf(await h.say(h.message(DEMO.ceo.aad, 'close round'))));
    expect(confirm).toContain('"title":"Trust figures","value":"1 of 1 owner submitted"');
    expect(confirm).toContain('Oakhaven Free School and 1 more academy. Closing now records');
    expect(confirm).not.toContain('Amara Okafor');
    const closed = text(
      invokeAnswer(await h.say(h.execute(DEMO.ceo.aad, { verb: 'closeRound', term: TERM }))).card,
    );
    expect(closed).toContain('Round closed; the plan was evaluated');
    // Under Submitted, the card's only submission: the owner, as `missing` lists her.
    expect(closed).toMatch(
      /"text":"Submitted \(1\)"[^[]*\[\{"type":"TextRun","text":"Trust figures \(Local[^"]*— Amara Okafor"/,
    );
  });
});

describe('opening a round that is already open', () => {
  it('counts and lists the owners beside the academies, as missing does', async () => {
    const h = await opened();
    const again = text(
      invokeAnswer(await h.say(h.execute(DEMO.ceo.aad, { verb: 'openRound', term: TERM }))).card,
    );
    expect(again).toContain(
      'Already open: nobody was prompted twice. 0 of 6 submitted; trust figures: 0 of 1 owner submitted.',
    );
    expect(again).toContain(AMARA);
  });
});

describe('status with owners of trust figures', () => {
  it('counts the owners while the round is open and names one who has not submitted, until they do', async () => {
    const h = await opened();
    const before = text(cardOf(await h.say(h.message(DEMO.ceo.aad, 'status'))));
    expect(before).toContain(
      'The autumn 2026 round is open until 12 Dec 2026: 0 of 6 academies have submitted; trust figures: 0 of 1 owner submitted.',
    );
    expect(before).toContain('Trust figures not submitted (1)');
    expect(before).toContain(`"text":"${AMARA}"`);
    expect(before).toContain('"text":"Not started"');
    // A trustee reads the same.
    expect(text(cardOf(await h.say(h.message(DEMO.chair.aad, 'status'))))).toContain(AMARA);

    await ownerSubmits(h);
    const after = text(cardOf(await h.say(h.message(DEMO.ceo.aad, 'status'))));
    expect(after).toContain('trust figures: 1 of 1 owner submitted.');
    expect(after).not.toContain('Trust figures not submitted');
    expect(after).not.toContain('Amara Okafor');
  });

  it('says after the close how the owners ended, and names the owner of each trust figure not supplied', async () => {
    const h = await opened();
    invokeAnswer(await h.say(h.execute(DEMO.ceo.aad, { verb: 'closeRound', term: TERM })));
    const status = text(cardOf(await h.say(h.message(DEMO.ceo.aad, 'status'))));
    expect(status).toContain('Status: autumn 2026');
    expect(status).toContain(
      'The autumn 2026 round closed on 2 Dec 2026: 0 of 6 academies submitted; trust figures: 0 of 1 owner submitted.',
    );
    expect(status).toContain('Trust figures not submitted (1)');
    expect(status).toContain(`"text":"${AMARA}"`);
    // The trust's own figures under the trust, with their owner, never as an academy's gap.
    expect(status).toMatch(/Not supplied: [^"]*Local governing body vacancies \(6 academies, Amara Okafor\)/);
    // risks names her too, on the trust's one line.
    const risks = text(cardOf(await h.say(h.message(DEMO.ceo.aad, 'risks'))));
    expect(risks).toMatch(
      /Trust: \d figures the trust supplies not recorded[^]*Local governing body vacancies \(6 academies, Amara Okafor\)/,
    );
  });
});

describe('the board pack with owners of trust figures', () => {
  it('names the owner of each trust figure not supplied, under the trust, never on an academy’s page', async () => {
    const h = await opened();
    // Five academies excused, so the cover's eight exceptions reach the trust's own figures.
    for (const name of ['Kingfisher', 'Willowbrook', 'Saltmarsh', 'Oakhaven', 'Harbourside'])
      expect(text(await h.say(h.message(DEMO.ceo.aad, `excuse ${name} inspection week`)))).toContain(
        'is excused',
      );
    invokeAnswer(await h.say(h.execute(DEMO.ceo.aad, { verb: 'closeRound', term: TERM })));
    const outcome = await buildBoardPack(h.services.round, h.roster, TERM);
    if (outcome.kind !== 'pack') throw new Error(outcome.text);
    const { pack } = outcome;

    // The cover: each owner's figures not supplied under the trust with their name (the reserves have
    // none); an owner whose figures do not fit in one line of 140 characters has more, never a name cut.
    const trustLines = pack.exceptions.filter((line) => line.includes('Trust — not supplied'));
    expect(trustLines).toEqual([
      'Amber: Trust — not supplied: Revenue reserves',
      'Amber: Trust — not supplied: Local governing body vacancies (6 academies, Amara Okafor)',
      'Amber: Trust — not supplied: Governance skills audit this year (6 academies, Amara Okafor)',
      'Amber: Trust — not supplied: Climate action plan in place (6 academies, Amara Okafor)',
      'Amber: Trust — not supplied: Trust reviews completed (6 academies, Daniel Hughes)',
      'Amber: Trust — not supplied: Teacher turnover (6 academies, Priya Shah)',
    ]);
    // Who did not send: the owner after the academies, in the words of missing.
    expect(pack.attention.find((section) => section.title === 'Sent no figures')?.lines).toEqual([AMARA]);
    // The objectives: one row a target under the trust, with its owner, not a row per academy.
    const rows = pack.objectives.flatMap((objective) => objective.results);
    expect(rows.filter((row) => row.target === 'At most one vacancy on each local governing body')).toEqual([
      expect.objectContaining({
        subject: 'Trust',
        status: 'No data',
        reason: 'Not supplied (6 academies); its owner is Amara Okafor.',
      }),
    ]);
    const notSupplied = new Set(
      rows.filter((row) => row.reason.startsWith('Not supplied')).map((row) => row.target),
    );
    expect(notSupplied.size).toBeGreaterThanOrEqual(5);
    // No academy's page holds a trust figure as its own gap.
    for (const academy of pack.academies)
      for (const group of academy.groups)
        for (const row of group.results) expect(notSupplied.has(row.target)).toBe(false);
  });
});

/**
 * What an executive reads about the owners of trust figures outside `missing`, through botbuilder's
 * TestAdapter over a real Azurite: `status` while the round is open and after it closed, and the close
 * confirmation, count the owners beside the academies and name each owner who has not submitted, in
 * `missing`'s words; the card after the close lists them.
 * In the demo's autumn 2026 round Amara Okafor, the executive, owns the trust figures asked.
 */
import { roundComposer } from '../../../src/app/round/composeRoundMessage';
import { ownerFieldId } from '../../../src/domain/round/ownerRound';
import { nodesOfType } from '../../cards/cardTree';
import {
  cardOf,
  DEMO,
  invokeAnswer,
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
  const composed = await roundComposer(h.services.round)({
    kind: 'ownerPrompt',
    term: TERM,
    email: DEMO.ceo.email,
  });
  if (composed.kind !== 'activity') throw new Error(composed.reason);
  const submit = nodesOfType(cardOf([composed.activity]), 'Action.Submit').find(
    (action) => action.title === 'Submit',
  );
  const inputs: Record<string, string> = {};
  for (const urn of URNS) {
    inputs[ownerFieldId('m_', urn, 'governorVacancies')] = '1';
    inputs[ownerFieldId('m_', urn, 'climateActionPlan')] = 'yes';
  }
  const answered = updatedCard(
    await h.say(h.submit(DEMO.ceo.aad, { ...(submit?.data as Record<string, unknown>), ...inputs })),
  );
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
  });
});

/**
 * An owner of trust figures answers in chat, through botbuilder's TestAdapter over a real Azurite: typed
 * `figures` brings their card, `answer in chat` walks their figures academy by academy with the head's
 * replies (a figure, same, n/a <reason>, skip, back, stop, submit), keeping the answers as the owner's
 * draft, and the submission stores one record and audit per academy and figure, `by` the owner, channel
 * `chat`.
 */
import { ownerFieldId } from '../../../src/domain/round/ownerRound';
import { cardOf, DEMO, type RoundHarness, roundHarness } from '../../support/roundHarness';

const TERM = '2026-27-autumn';
const URNS = ['990001', '990002', '990003', '990004', '990005', '990006'];

function said(replies: { text?: string }[]): string {
  return replies.map((reply) => reply.text ?? '').join('\n');
}

async function opened(): Promise<RoundHarness> {
  const h = await roundHarness();
  await h.install(DEMO.ceo.email);
  await h.say(h.execute(DEMO.ceo.aad, { verb: 'openRound', term: TERM }));
  return h;
}

describe('an owner of trust figures answering in chat', () => {
  it('gets their card from typed figures', async () => {
    const h = await opened();
    const card = JSON.stringify(cardOf(await h.say(h.message(DEMO.ceo.aad, 'figures'))));
    expect(card).toContain('Trust figures for 6 academies');
    expect(card).toContain(ownerFieldId('m_', '990006', 'climateActionPlan'));
  });

  it('walks every figure academy by academy, with every reply word, and stores them by the owner in chat', async () => {
    const h = await opened();
    const ask = async (text: string): Promise<string> => said(await h.say(h.message(DEMO.ceo.aad, text)));

    const first = await ask('answer in chat');
    expect(first).toContain('12 figures for 6 academies');
    expect(first).toContain('The Philip Morant School and College: Local governing body vacancies');
    expect(first).toContain('1 of 12');
    expect(await ask('99')).toMatch(/Nothing was kept for The Philip Morant School and College/);
    expect(await ask('skip')).toContain('is required');
    expect(await ask('2')).toContain('The Philip Morant School and College: Climate action plan');
    expect(await ask('back')).toContain('Your answer so far: 2.');
    await ask('2');
    expect(await ask('yes')).toContain('3 of 12');
    // Kept as the owner's draft as it goes, under the card's field ids.
    const draft = (await h.services.round.owners.read(TERM, DEMO.ceo.email)).draft?.inputs;
    expect(draft?.[ownerFieldId('m_', '990001', 'governorVacancies')]).toBe('2');
    expect(draft?.[ownerFieldId('m_', '990001', 'climateActionPlan')]).toBe('yes');

    expect(await ask('stop')).toContain('kept as a draft');
    // Starting again carries on at the first figure not answered.
    expect(await ask('answer in chat')).toContain('3 of 12');
    // A command during the walk is answered as a command: the card, showing the answers so far.
    const card = JSON.stringify(cardOf(await h.say(h.message(DEMO.ceo.aad, 'figures'))));
    expect(card).toContain(`"id":"${ownerFieldId('m_', '990001', 'governorVacancies')}"`);
    expect(card).toMatch(
      /"id":"m_990001_governorVacancies"[^}]*"value":"2"|"value":"2"[^}]*"id":"m_990001_governorVacancies"/,
    );
    let question = await ask('n/a clerk recruiting; count due in January');
    for (let step = 4; step <= 12; step++) {
      question = await ask(question.includes('Climate action plan') ? 'yes' : '1');
    }
    expect(question).toContain('Here are the trust figures that will be stored');
    expect(question).toContain('not available (clerk recruiting; count due in January)');
    expect((await h.services.round.figures.read(TERM, '990001')).figures.size).toBe(0);

    const replies = await h.say(h.message(DEMO.ceo.aad, 'submit'));
    expect(said(replies)).toContain('Submitted: your autumn 2026 trust figures are stored.');
    expect(JSON.stringify(cardOf(replies))).toContain('Submitted by Amara Okafor');
    for (const urn of URNS) {
      const record = await h.services.round.figures.read(TERM, urn);
      for (const metricId of ['governorVacancies', 'climateActionPlan']) {
        expect(record.figures.get(metricId)).toMatchObject({ by: DEMO.ceo.email, channel: 'chat' });
        expect(await h.services.round.figures.audit(TERM, urn, metricId)).toEqual([
          expect.objectContaining({ by: DEMO.ceo.email, channel: 'chat' }),
        ]);
      }
    }
    expect(
      (await h.services.round.figures.read(TERM, '990002')).figures.get('governorVacancies')?.content,
    ).toEqual({ notAvailable: 'clerk recruiting; count due in January' });
    expect((await h.services.round.owners.read(TERM, DEMO.ceo.email)).state).toBe('submitted');
    // The walk is over: the next message is not an answer.
    expect(await h.services.round.chatSessions.get(DEMO.ceo.email)).toBeUndefined();
  });

  it('tells someone the round asks no trust figures of', async () => {
    const h = await opened();
    const reply = said(await h.say(h.message(DEMO.admin.aad, 'answer in chat')));
    expect(reply).toContain('asks you for no trust figures');
  });
});

/**
 * The head's card buttons as every Teams client sends them: Action.Submit, a message carrying the card's
 * data, answered by replacing the clicked card (updateActivity on its message). An old card never undoes
 * a later edit; a Submit pressed twice stores once. TestAdapter over a real Azurite.
 */
import { type CardNode, nodesOfType } from '../../cards/cardTree';
import {
  cardOf,
  DEMO,
  invokeAnswer,
  pressed,
  type RoundHarness,
  roundHarness,
  updatedCard,
  validDemoInputs,
  validOwnerInputs,
} from '../../support/roundHarness';

const TERM = '2026-27-autumn';
const URN = DEMO.headPms.urn;

async function headCard(h: RoundHarness): Promise<CardNode> {
  await h.install(DEMO.headPms.email);
  await h.install(DEMO.headKms.email);
  invokeAnswer(await h.say(h.execute(DEMO.ceo.aad, { verb: 'openRound', term: TERM })));
  return cardOf(await h.say(h.message(DEMO.headPms.aad, 'figures')));
}

async function stored(h: RoundHarness, metricId: string): Promise<unknown> {
  const figure = (await h.services.round.figures.read(TERM, URN)).figures.get(metricId);
  return figure && 'value' in figure.content ? figure.content.value : figure?.content;
}

describe("the head's card buttons (Action.Submit)", () => {
  it('has only Action.Submit buttons, each saying which record version it was drawn from', async () => {
    const h = await roundHarness();
    const card = await headCard(h);
    expect(nodesOfType(card, 'Action.Execute')).toEqual([]);
    expect(pressed(card, 'Submit')).toEqual({ verb: 'submitFigures', term: TERM, urn: URN, version: '' });
    expect(pressed(card, 'Save for later')).toMatchObject({ verb: 'saveDraft', version: '' });
  });

  it('replaces the clicked card with what was stored, and Edit brings the form back in its place', async () => {
    const h = await roundHarness();
    const card = await headCard(h);
    const replies = await h.say(
      h.submit(DEMO.headPms.aad, pressed(card, 'Submit', validDemoInputs(h)), 'card-7'),
    );
    const summary = updatedCard(replies, 'card-7');
    expect(JSON.stringify(summary)).toContain('Submitted by Helen Marsh');
    expect(replies.filter((reply) => reply.id !== 'card-7')).toEqual([]);
    const form = updatedCard(
      await h.say(h.submit(DEMO.headPms.aad, pressed(summary ?? {}, 'Edit'), 'card-7')),
      'card-7',
    );
    expect(JSON.stringify(form)).toContain('Editing: change what you need and press Submit');
  });

  it('refuses an old card after a later edit, stores nothing of it and shows the current card', async () => {
    const h = await roundHarness();
    const first = await headCard(h);
    const inputs = validDemoInputs(h);
    const summary = updatedCard(
      await h.say(h.submit(DEMO.headPms.aad, pressed(first, 'Submit', { ...inputs, m_attendance: '91' }))),
    );
    const edit = updatedCard(await h.say(h.submit(DEMO.headPms.aad, pressed(summary ?? {}, 'Edit'))));
    // Later, so the audit trail's order is the order of the edits.
    h.setNow('2026-12-02T10:05:00Z');
    const again = updatedCard(
      await h.say(
        h.submit(DEMO.headPms.aad, pressed(edit ?? {}, 'Submit', { ...inputs, m_attendance: '95' })),
      ),
    );
    expect(JSON.stringify(again)).toContain('95');
    expect(await stored(h, 'attendance')).toBe(95);

    const stale = updatedCard(
      await h.say(h.submit(DEMO.headPms.aad, pressed(first, 'Submit', { ...inputs, m_attendance: '91' }))),
    );
    expect(JSON.stringify(stale)).toContain('This card is out of date — here is the current one.');
    expect(JSON.stringify(stale)).toContain('95');
    expect(await stored(h, 'attendance')).toBe(95);
    expect((await h.services.round.figures.audit(TERM, URN, 'attendance')).map((a) => a.new)).toEqual([
      { value: 91 },
      { value: 95 },
    ]);
    // Save for later from the old card is refused too, and keeps the stored figures as they are.
    const staleDraft = updatedCard(
      await h.say(h.submit(DEMO.headPms.aad, pressed(first, 'Save for later', { m_attendance: '80' }))),
    );
    expect(JSON.stringify(staleDraft)).toContain('This card is out of date');
    expect((await h.services.round.figures.read(TERM, URN)).draft).toBeUndefined();
  });

  it('stores a Submit pressed twice once, and answers the second press with the stored figures', async () => {
    const h = await roundHarness();
    const card = await headCard(h);
    const data = pressed(card, 'Submit', validDemoInputs(h));
    const firstPress = h.submit(DEMO.headPms.aad, data);
    updatedCard(await h.say(firstPress));
    const audited = (await h.services.round.figures.audit(TERM, URN)).length;
    // Teams re-sends the same activity when it got no answer in time; a second press is a new activity.
    expect(await h.say(firstPress)).toEqual([]);
    const second = updatedCard(await h.say(h.submit(DEMO.headPms.aad, data)));
    expect(JSON.stringify(second)).toContain('Submitted by Helen Marsh');
    expect(JSON.stringify(second)).not.toContain('out of date');
    expect(await h.services.round.figures.audit(TERM, URN)).toHaveLength(audited);
  });

  it('saves for later on a card whose next Submit is current, not refused as out of date', async () => {
    const h = await roundHarness();
    const card = await headCard(h);
    const saved = updatedCard(
      await h.say(h.submit(DEMO.headPms.aad, pressed(card, 'Save for later', { m_attendance: '93.5' }))),
    );
    expect(JSON.stringify(saved)).toContain('Saved for later');
    expect(pressed(saved ?? {}, 'Submit').version).not.toBe('');
    const done = updatedCard(
      await h.say(h.submit(DEMO.headPms.aad, pressed(saved ?? {}, 'Submit', validDemoInputs(h)))),
    );
    expect(JSON.stringify(done)).toContain('Submitted by Helen Marsh');
  });

  it("stays current when the owner of the trust's figures stores them in the academy's record meanwhile", async () => {
    const h = await roundHarness();
    const card = await headCard(h);
    // The executive owns the demo's autumn trust figures: their Submit writes into every academy's record.
    await h.install(DEMO.ceo.email);
    const owner = updatedCard(
      await h.say(
        h.submit(DEMO.ceo.aad, {
          verb: 'submitFigures',
          term: TERM,
          version: '',
          ...validOwnerInputs(h, DEMO.ceo.email, { startYear: 2026, term: 'autumn' }),
        }),
      ),
    );
    expect(JSON.stringify(owner)).toContain('Submitted by Amara Okafor');
    expect((await h.services.round.figures.read(TERM, URN)).figures.has('governorVacancies')).toBe(true);
    // The head's card, drawn before, still stores: nothing on it changed.
    const done = updatedCard(
      await h.say(h.submit(DEMO.headPms.aad, pressed(card, 'Submit', validDemoInputs(h)))),
    );
    expect(JSON.stringify(done)).toContain('Submitted by Helen Marsh');
    expect(JSON.stringify(done)).not.toContain('out of date');
    expect((await h.services.round.figures.read(TERM, URN)).state).toBe('submitted');
  });

  it("brings the figures card back from the reminder's Open my figures", async () => {
    const h = await roundHarness();
    await headCard(h);
    const reminder = h.services.round.cards.reminder({
      academyName: 'The Philip Morant School and College',
      urn: URN,
      term: TERM,
      termLabel: 'autumn 2026',
      text: 'A reminder',
    }).content as CardNode;
    const form = updatedCard(await h.say(h.submit(DEMO.headPms.aad, pressed(reminder, 'Open my figures'))));
    expect(JSON.stringify(form)).toContain('Figures for autumn 2026, due by');
  });

  // PMS opened on 1 Nov 2011; autumn 2026 runs to 31 Dec 2026 in the default calendar.
  it.each([
    [
      'after the term being answered',
      '2027-03-01',
      '1 Mar 2027 is after the end of autumn 2026 (31 Dec 2026), the term being answered',
    ],
    ['before the academy opened', '2010-05-04', '4 May 2010 is before the academy opened (1 Nov 2011)'],
  ])(
    'refuses an inspection date %s beside the field, keeps it typed and stores nothing',
    async (_case, date, says) => {
      const h = await roundHarness();
      const card = await headCard(h);
      const answer = JSON.stringify(
        updatedCard(
          await h.say(
            h.submit(
              DEMO.headPms.aad,
              pressed(card, 'Submit', { ...validDemoInputs(h), m_ofstedInspectionDate: date }),
            ),
          ),
        ),
      );
      expect(answer).toContain(
        `${says}: enter a day from 1 Nov 2011, when the academy opened, to 31 Dec 2026`,
      );
      expect(answer).toContain(`"value":"${date}"`);
      expect(answer).toContain('1 figure needs attention; nothing has been saved yet.');
      expect((await h.services.round.figures.read(TERM, URN)).state).not.toBe('submitted');
    },
  );

  it('stores an inspection date within the term', async () => {
    const h = await roundHarness();
    const card = await headCard(h);
    await h.say(
      h.submit(
        DEMO.headPms.aad,
        pressed(card, 'Submit', { ...validDemoInputs(h), m_ofstedInspectionDate: '2026-11-18' }),
      ),
    );
    expect(await stored(h, 'ofstedInspectionDate')).toBe('2026-11-18');
  });
});

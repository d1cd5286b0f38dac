/**
 * The owner of trust figures in chat, through botbuilder's TestAdapter over a real Azurite: the round's
 * fan-out queues the owner's card, whose buttons (Action.Submit, as on the head's card: Submit, Save for
 * later, Edit) validate with errors in place, keep a draft, take "not available" with a reason, store the
 * figures for every academy `by` the owner on the card, and refuse a card older than the owner's record.
 */
import { roundComposer } from '../../../src/app/round/composeRoundMessage';
import { ownerPromptKey } from '../../../src/app/round/openRound';
import { ownerFieldId } from '../../../src/domain/round/ownerRound';
import { type CardNode, nodesOfType } from '../../cards/cardTree';
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

function answer(overrides: Record<string, string> = {}): Record<string, string> {
  const data: Record<string, string> = {};
  for (const urn of URNS) {
    data[ownerFieldId('m_', urn, 'governorVacancies')] = '1';
    data[ownerFieldId('m_', urn, 'climateActionPlan')] = 'yes';
  }
  return { ...data, ...overrides };
}

function text(card: unknown): string {
  return JSON.stringify(card ?? {});
}

async function opened(): Promise<RoundHarness> {
  const h = await roundHarness();
  await h.install(DEMO.ceo.email);
  await h.say(h.execute(DEMO.ceo.aad, { verb: 'openRound', term: TERM }));
  return h;
}

/** The owner's card as the fan-out composes it. */
const ownerCard = (h: RoundHarness): Promise<CardNode> => ownerPromptCard(h, TERM, DEMO.ceo.email);

/** Presses a button of the card (Action.Submit) and returns the card put in its place. */
async function press(
  h: RoundHarness,
  card: unknown,
  title: string,
  inputs: Record<string, string> = {},
): Promise<CardNode | undefined> {
  return updatedCard(await h.say(h.submit(DEMO.ceo.aad, pressed(card, title, inputs))));
}

describe("the owner's card in chat", () => {
  it('is queued once by the fan-out and composed with every academy, Action.Submit only', async () => {
    const h = await opened();
    const prompt = await h.services.round.prompts.get(TERM, ownerPromptKey(DEMO.ceo.email));
    expect(prompt?.state).toBe('queued');
    await h.runFanOuts();
    expect((await h.services.round.prompts.get(TERM, ownerPromptKey(DEMO.ceo.email)))?.state).toBe('queued');
    const card = await ownerCard(h);
    expect(text(card)).toContain('Trust figures for 6 academies');
    expect(text(card)).toContain('The Philip Morant School and College');
    expect(text(card)).toContain(ownerFieldId('m_', '990006', 'climateActionPlan'));
    expect(text(card)).toContain('Local governing body vacancies');
    expect(nodesOfType(card, 'Action.Execute')).toEqual([]);
    // No academy named: the buttons are the owner's; the version of their (empty) record.
    expect(pressed(card, 'Submit')).toEqual({ verb: 'submitFigures', term: TERM, version: '' });
    expect(text(card)).not.toContain('Answer in chat');
  });

  it('shows errors in place and stores nothing, then stores every academy on Submit', async () => {
    const h = await opened();
    const card = await ownerCard(h);
    const bad = await press(
      h,
      card,
      'Submit',
      answer({ [ownerFieldId('m_', '990002', 'governorVacancies')]: '99' }),
    );
    expect(text(bad)).toContain('1 figure needs attention');
    expect(text(bad)).toContain('99');
    expect((await h.services.round.figures.read(TERM, '990001')).figures.size).toBe(0);

    const good = await press(h, bad, 'Submit', answer());
    expect(text(good)).toContain('Submitted by Amara Okafor');
    expect(text(good)).toContain('"verb":"editFigures"');
    for (const urn of URNS) {
      const record = await h.services.round.figures.read(TERM, urn);
      expect(record.figures.get('climateActionPlan')).toMatchObject({ by: DEMO.ceo.email, channel: 'card' });
      expect(await h.services.round.figures.audit(TERM, urn, 'governorVacancies')).toHaveLength(1);
    }
    // Once submitted, the queued card is no longer sent.
    const composed = await roundComposer(h.services.round)({
      kind: 'ownerPrompt',
      term: TERM,
      email: DEMO.ceo.email,
    });
    expect(composed.kind).toBe('obsolete');
  });

  it('keeps a draft, takes "not available" with a reason, and edits until close', async () => {
    const h = await opened();
    const field = ownerFieldId('m_', '990003', 'governorVacancies');
    const reason = ownerFieldId('na_', '990003', 'governorVacancies');
    const draft = await press(h, await ownerCard(h), 'Save for later', { [field]: '4' });
    expect(text(draft)).toContain('Saved for later');
    expect((await h.services.round.owners.read(TERM, DEMO.ceo.email)).draft?.inputs[field]).toBe('4');
    const summary = await press(
      h,
      draft,
      'Submit',
      answer({ [field]: '', [reason]: 'Clerk recruiting; count due in January' }),
    );
    expect(
      (await h.services.round.figures.read(TERM, '990003')).figures.get('governorVacancies')?.content,
    ).toEqual({ notAvailable: 'Clerk recruiting; count due in January' });
    h.setNow('2026-12-03T10:00:00Z');
    const edit = await press(h, summary, 'Edit');
    expect(text(edit)).toContain('Editing');
    const edited = await press(h, edit, 'Submit', answer({ [field]: '2' }));
    const audit = await h.services.round.figures.audit(TERM, '990003', 'governorVacancies');
    expect(audit.map((entry) => entry.new)).toEqual([
      { notAvailable: 'Clerk recruiting; count due in January' },
      { value: 2 },
    ]);
    await h.say(h.execute(DEMO.ceo.aad, { verb: 'closeRound', term: TERM }));
    const closed = await h.say(h.submit(DEMO.ceo.aad, pressed(edited, 'Edit')));
    expect(text(closed)).toContain('closed');
  });

  it('refuses an old card after a later answer, stores nothing of it, and shows the current one', async () => {
    const h = await opened();
    const first = await ownerCard(h);
    const field = ownerFieldId('m_', '990001', 'governorVacancies');
    await press(h, first, 'Submit', answer({ [field]: '3' }));
    const stale = await press(h, first, 'Submit', answer({ [field]: '5' }));
    expect(text(stale)).toContain('This card is out of date — here is the current one.');
    expect(
      (await h.services.round.figures.read(TERM, '990001')).figures.get('governorVacancies')?.content,
    ).toEqual({
      value: 3,
    });
    const staleDraft = await press(h, first, 'Save for later', { [field]: '7' });
    expect(text(staleDraft)).toContain('This card is out of date');
    expect((await h.services.round.owners.read(TERM, DEMO.ceo.email)).draft).toBeUndefined();
    // The same answer pressed again on the old card is what is stored: the summary, nothing twice.
    const again = await press(h, first, 'Submit', answer({ [field]: '3' }));
    expect(text(again)).toContain('Submitted by Amara Okafor');
    expect(text(again)).not.toContain('out of date');
    expect(await h.services.round.figures.audit(TERM, '990001', 'governorVacancies')).toHaveLength(1);
  });
});

// The invoke path (Action.Execute from cards sent before the head card's rework) answers in place too.
describe("the owner's card from an Action.Execute invoke", () => {
  it('is answered with the card in the invoke response', async () => {
    const h = await opened();
    const reply = invokeAnswer(
      await h.say(h.execute(DEMO.ceo.aad, { verb: 'submitFigures', term: TERM, ...answer() })),
    );
    expect(text(reply.card)).toContain('Submitted by Amara Okafor');
  });
});

describe('owners in missing, round, remind and excuse', () => {
  async function missing(h: RoundHarness): Promise<string> {
    return text(cardOf(await h.say(h.message(DEMO.ceo.aad, 'missing'))));
  }

  it('lists the owner under the academies, reminds them once a day and is excused, then sent', async () => {
    const h = await opened();
    const line =
      'Trust figures (Local governing body vacancies, Climate action plan in place; 6 academies) — Amara Okafor';
    const before = await missing(h);
    expect(before).toContain('trust figures: 0 of 1 owner submitted');
    expect(before).toContain(line);

    const reminded = await h.say(h.message(DEMO.ceo.aad, 'remind'));
    expect(text(reminded)).toContain('Amara Okafor (trust figures)');
    const again = await h.say(h.message(DEMO.ceo.aad, 'remind'));
    expect(text(again)).toMatch(/Already reminded today: [^"]*Amara Okafor \(trust figures\)/);
    const reminder = await roundComposer(h.services.round)({
      kind: 'ownerReminder',
      term: TERM,
      email: DEMO.ceo.email,
      day: '2026-12-02',
    });
    if (reminder.kind !== 'activity') throw new Error(reminder.reason);
    const reminderCard = cardOf([reminder.activity]);
    expect(text(reminderCard)).toContain('your autumn 2026 trust figures are due');
    // Its button brings back the owner's card, in place.
    const form = await press(h, reminderCard, 'Open my figures');
    expect(text(form)).toContain('Trust figures for 6 academies');

    const excused = await h.say(h.message(DEMO.ceo.aad, 'excuse amara okafor figures come from the new CFO'));
    expect(text(excused)).toContain('Amara Okafor is excused from the autumn 2026 trust figures');
    const whileExcused = await missing(h);
    expect(whileExcused).toContain('trust figures: 1 excused');
    expect(whileExcused).toMatch(/Excused \(1\).*Amara Okafor \(figures come from the new CFO\)/);
    const noReminder = await h.say(h.message(DEMO.ceo.aad, 'remind'));
    expect(text(noReminder)).not.toContain('Amara Okafor');
    const withdrawn = await h.say(h.message(DEMO.ceo.aad, 'unexcuse Amara Okafor'));
    expect(text(withdrawn)).toContain('is no longer excused');

    // The excusal changed the owner's record: the card from before it is out of date, and comes back.
    const current = await press(h, form, 'Submit', answer());
    expect(text(current)).toContain('This card is out of date');
    await press(h, current, 'Submit', answer());
    const after = await missing(h);
    expect(after).toContain('trust figures: 1 of 1 owner submitted');
    expect(after).toMatch(/Submitted \(1\).*Trust figures \(.*— Amara Okafor/);
  });
});

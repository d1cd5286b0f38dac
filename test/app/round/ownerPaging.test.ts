/**
 * The owner's card of a trust of 24 academies, through botbuilder's TestAdapter over a real Azurite: it
 * comes in pages ("Academies 1–6 of 24") with Previous and Next (Action.Submit), which keep what was typed
 * as the owner's draft; each page's Submit validates and stores that page's academies only, then shows
 * the next page still to send; an old page's Submit is refused with the current one, a page sent twice
 * is stored once, and the owner counts as submitted once every page is stored.
 */
import { ownerFieldId } from '../../../src/domain/round/ownerRound';
import { type CardNode, nodesOf, nodesOfType } from '../../cards/cardTree';
import { writeLoadTrust } from '../../support/loadTrust';
import { ownerPromptCard, type RoundHarness, roundHarness, updatedCard } from '../../support/roundHarness';

const TERM = '2026-27-autumn';
const trust = writeLoadTrust(24);
const CEO = trust.executive;

afterAll(() => trust.remove());

function text(card: unknown): string {
  return JSON.stringify(card ?? {});
}

/** The value inputs of a card (each figure's), by id. */
function valueIds(card: unknown): string[] {
  return nodesOf(card)
    .filter((node) => String(node.type).startsWith('Input.') && String(node.id).startsWith('m_'))
    .map((node) => String(node.id));
}

/** A valid answer for every figure on the card: 1 vacancy, a climate plan in place. */
function validAnswer(card: unknown, overrides: Record<string, string> = {}): Record<string, string> {
  const answer: Record<string, string> = {};
  for (const id of valueIds(card)) answer[id] = id.endsWith('climateActionPlan') ? 'yes' : '1';
  return { ...answer, ...overrides };
}

/**
 * The data a button of the card sends, as a client does: the button's data, every input's value as the
 * card shows it, and what was typed over them.
 */
function pressed(card: unknown, title: string, inputs: Record<string, string> = {}): Record<string, unknown> {
  const button = nodesOfType(card, 'Action.Submit').find((action) => action.title === title);
  if (!button) throw new Error(`no Action.Submit "${title}" in ${text(card).slice(0, 300)}`);
  const shown = Object.fromEntries(
    nodesOf(card)
      .filter((node) => String(node.type).startsWith('Input.'))
      .map((node) => [String(node.id), typeof node.value === 'string' ? node.value : '']),
  );
  return { ...(button.data as Record<string, unknown>), ...shown, ...inputs };
}

async function press(
  h: RoundHarness,
  card: unknown,
  title: string,
  inputs: Record<string, string> = {},
): Promise<CardNode | undefined> {
  return updatedCard(await h.say(h.submit(CEO.aad, pressed(card, title, inputs))));
}

async function opened(): Promise<{ h: RoundHarness; first: CardNode }> {
  const h = await roundHarness('2026-12-02T10:00:00Z', { ROSTER_DIR: trust.rosterDir });
  await h.install(CEO.email);
  await h.say(h.execute(CEO.aad, { verb: 'openRound', term: TERM }));
  return { h, first: await ownerPromptCard(h, TERM, CEO.email) };
}

const urnOf = (index: number): string => String(700000 + index);

describe("the owner's card of 24 academies, in pages", () => {
  it('pages with Next and Previous, keeping what was typed as a draft and storing nothing', async () => {
    const { h, first } = await opened();
    expect(text(first)).toContain('Trust figures for 24 academies');
    expect(text(first)).toContain('Academies 1–6 of 24');
    expect(text(first)).not.toContain('"title":"Previous"');
    expect(nodesOfType(first, 'Action.Submit').map((action) => [action.title, action.data])).toEqual([
      ['Next', { verb: 'showPage', term: TERM, version: '', page: 0, to: 1 }],
      ['Submit', { verb: 'submitFigures', term: TERM, version: '', page: 0 }],
      ['Save for later', { verb: 'saveDraft', term: TERM, version: '', page: 0 }],
    ]);
    expect(valueIds(first)).toContain(ownerFieldId('m_', urnOf(5), 'governorVacancies'));
    expect(valueIds(first)).not.toContain(ownerFieldId('m_', urnOf(6), 'governorVacancies'));

    const typed = ownerFieldId('m_', urnOf(0), 'governorVacancies');
    const second = await press(h, first, 'Next', { [typed]: '3' });
    expect(text(second)).toContain('Academies 7–12 of 24');
    expect(valueIds(second)).toContain(ownerFieldId('m_', urnOf(6), 'governorVacancies'));
    expect((await h.services.round.owners.read(TERM, CEO.email)).draft?.inputs[typed]).toBe('3');
    expect((await h.services.round.figures.read(TERM, urnOf(0))).figures.size).toBe(0);

    // Back with nothing typed on this page: the first page shows the draft.
    const back = await press(h, second, 'Previous');
    expect(text(back)).toContain('Academies 1–6 of 24');
    const input = nodesOf(back).find((node) => node.id === typed);
    expect(input?.value).toBe('3');
    // Turning pages again without typing writes nothing (the version is unchanged).
    const version = (await h.services.round.owners.read(TERM, CEO.email)).version;
    await press(h, back, 'Next');
    expect((await h.services.round.owners.read(TERM, CEO.email)).version).toBe(version);
  });

  it("stores a page's academies only, then shows the next page to send, until every page is stored", async () => {
    const { h, first } = await opened();
    // Errors in place on the page; nothing stored.
    const bad = await press(
      h,
      first,
      'Submit',
      validAnswer(first, { [ownerFieldId('m_', urnOf(2), 'governorVacancies')]: '99' }),
    );
    expect(text(bad)).toContain('1 figure needs attention');
    expect(text(bad)).toContain('Academies 1–6 of 24');
    expect((await h.services.round.figures.read(TERM, urnOf(0))).figures.size).toBe(0);

    const second = await press(h, bad, 'Submit', validAnswer(first));
    expect(text(second)).toContain('Stored the figures of academies 1–6. Now academies 7–12 of 24.');
    for (const index of [0, 5]) {
      const record = await h.services.round.figures.read(TERM, urnOf(index));
      expect(record.figures.get('governorVacancies')).toMatchObject({ by: CEO.email, channel: 'card' });
      expect(await h.services.round.figures.audit(TERM, urnOf(index), 'governorVacancies')).toHaveLength(1);
    }
    expect((await h.services.round.figures.read(TERM, urnOf(6))).figures.size).toBe(0);
    expect((await h.services.round.owners.read(TERM, CEO.email)).state).toBe('draft');

    // The first page's card again, now out of date: refused, nothing of it stored.
    const stale = await press(
      h,
      first,
      'Submit',
      validAnswer(first, { [ownerFieldId('m_', urnOf(0), 'governorVacancies')]: '4' }),
    );
    expect(text(stale)).toContain('This card is out of date');
    expect(
      (await h.services.round.figures.read(TERM, urnOf(0))).figures.get('governorVacancies')?.content,
    ).toEqual({ value: 1 });

    // A page's Submit never takes another page's figures.
    const forged = await h.say(h.submit(CEO.aad, pressed(second, 'Submit', validAnswer(first))));
    expect(text(forged)).toContain("I haven't stored anything");

    let card: CardNode | undefined = second;
    for (const label of ['Academies 13–18 of 24', 'Academies 19–24 of 24']) {
      card = await press(h, card, 'Submit', validAnswer(card));
      expect(text(card)).toContain(label);
    }
    const last = card;
    const summary = await press(h, last, 'Submit', validAnswer(last));
    expect(text(summary)).toContain('Submitted by Casey Exec');
    expect((await h.services.round.owners.read(TERM, CEO.email)).state).toBe('submitted');

    // The last page's Submit pressed again: the same answer, stored once.
    const again = await press(h, last, 'Submit', validAnswer(last));
    expect(text(again)).toContain('Submitted by Casey Exec');
    expect(await h.services.round.figures.audit(TERM, urnOf(23), 'climateActionPlan')).toHaveLength(1);
  });
});

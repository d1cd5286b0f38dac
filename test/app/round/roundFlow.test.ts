/**
 * The termly round as its people meet it, through botbuilder's TestAdapter over a real Azurite: an
 * executive opens the round, heads answer their cards (wrongly, rightly, twice, edited), a forged card
 * is refused, executives see who is missing and close the round.
 */
import { figuresCsv } from '../../../src/app/round/exportFigures';
import type { Metric } from '../../../src/domain/metrics/metric';
import { flattenRequested, requestedMetrics } from '../../../src/domain/round/requestedMetrics';
import { cardOf, DEMO, invokeAnswer, type RoundHarness, roundHarness } from '../../support/roundHarness';

const TERM = '2026-27-autumn';

function requestedOf(h: RoundHarness, urn: string): ReturnType<typeof flattenRequested> {
  const academy = h.roster.academies.find((a) => a.urn === urn);
  if (!academy) throw new Error(`no academy ${urn}`);
  const groups = requestedMetrics(
    h.services.round.plan,
    academy,
    { startYear: 2026, term: 'autumn' },
    h.services.round.calendar,
  );
  return flattenRequested(groups);
}

/** A valid answer for every required figure the plan asks the academy for this term. */
function validInputs(h: RoundHarness, urn: string): Record<string, string> {
  const inputs: Record<string, string> = {};
  for (const { metric, required } of requestedOf(h, urn)) {
    if (required) inputs[`m_${metric.id}`] = sampleValue(metric);
  }
  return inputs;
}

/** An optional figure the academy is asked for this term (an inspection's grade), with a valid answer. */
function optionalField(h: RoundHarness, urn: string): { metric: Metric; id: string; value: string } {
  const optional = requestedOf(h, urn).find(({ required }) => !required);
  if (!optional) throw new Error(`the plan asks ${urn} for no optional figure`);
  return { metric: optional.metric, id: `m_${optional.metric.id}`, value: sampleValue(optional.metric) };
}

function sampleValue(metric: Metric): string {
  switch (metric.type) {
    case 'grade':
    case 'enum':
      return metric.options?.[metric.options.length - 1]?.value ?? '';
    case 'yesNo':
      return 'yes';
    default: {
      const min = metric.min ?? 0;
      const max = metric.max ?? 100;
      return String(Math.round((min + max) / 2));
    }
  }
}

function text(card: Record<string, unknown> | undefined): string {
  return JSON.stringify(card ?? {});
}

/** The value an input of the card shows, found by its id anywhere in the card. */
function inputValue(card: Record<string, unknown> | undefined, id: string): unknown {
  let found: unknown;
  JSON.stringify(card ?? {}, (_key, value: unknown) => {
    if (value && typeof value === 'object' && (value as { id?: unknown }).id === id) {
      found = (value as { value?: unknown }).value;
    }
    return value;
  });
  return found;
}

async function openTheRound(h: RoundHarness): Promise<void> {
  for (const person of [DEMO.headPms, DEMO.headKms]) await h.install(person.email);
  const preview = cardOf(await h.say(h.message(DEMO.ceo.aad, 'open round')));
  expect(text(preview)).toContain('Open round');
  const opened = invokeAnswer(await h.say(h.execute(DEMO.ceo.aad, { verb: 'openRound', term: TERM })));
  expect(text(opened.card)).toContain('Round opened for autumn 2026: prompting 2 heads now');
}

describe('the termly round in chat', () => {
  it('opens once after a confirmation, whoever clicks again', async () => {
    const h = await roundHarness();
    await openTheRound(h);
    // Two heads' cards, and the executive's own: the owner of the demo's trust figures nobody else owns.
    expect(await h.queued()).toBe(3);
    const again = invokeAnswer(await h.say(h.execute(DEMO.ceo.aad, { verb: 'openRound', term: TERM })));
    expect(text(again.card)).toContain('nobody was prompted twice');
    expect(await h.queued()).toBe(3);
    const prompts = await h.services.round.prompts.list(TERM);
    expect(
      prompts
        .filter((p) => p.state === 'queued')
        .map((p) => p.urn)
        .sort(),
    ).toEqual(['990001', '990002', `owner:${DEMO.ceo.email}`]);
    expect(prompts.filter((p) => p.state === 'noConversation')).toHaveLength(4);
  });

  it('answers the click at once, with the fan-out still queued, and the fan-out then prompts each head', async () => {
    const h = await roundHarness();
    for (const person of [DEMO.headPms, DEMO.headKms]) await h.install(person.email);
    const opened = invokeAnswer(await h.answer(h.execute(DEMO.ceo.aad, { verb: 'openRound', term: TERM })));
    expect(text(opened.card)).toContain('Round opened for autumn 2026: prompting 2 heads now');
    expect(text(opened.card)).toContain('type **missing** to see who has their card');
    expect(text(opened.card)).toContain("Can't be messaged yet:");
    // At the moment the answer is back: the round is open, one fan-out request waits, nobody is prompted.
    expect((await h.services.round.rounds.get(TERM))?.status).toBe('open');
    const { peekedMessageItems } = await h.fanOutQueue.peekMessages({ numberOfMessages: 32 });
    expect(
      peekedMessageItems.map(
        (item) => JSON.parse(Buffer.from(item.messageText, 'base64').toString()) as unknown,
      ),
    ).toEqual([expect.objectContaining({ term: TERM, requestedBy: DEMO.ceo.email })]);
    expect(await h.services.round.prompts.list(TERM)).toEqual([]);
    expect(await h.queued()).toBe(0);

    expect(await h.runFanOuts()).toBe(1);
    const prompts = await h.services.round.prompts.list(TERM);
    expect(prompts.map((p) => [p.urn, p.state]).sort()).toEqual([
      ['990001', 'queued'],
      ['990002', 'queued'],
      ['990003', 'noConversation'],
      ['990004', 'noConversation'],
      ['990005', 'noConversation'],
      ['990006', 'noConversation'],
      // The executive owns the demo's trust figures, and has not opened a chat with the bot here.
      [`owner:${DEMO.ceo.email}`, 'noConversation'],
    ]);
    expect(await h.queued()).toBe(2);
  });

  it('shows the executive what opening means before anything is sent', async () => {
    const h = await roundHarness();
    await h.install(DEMO.headPms.email);
    const card = text(cardOf(await h.say(h.message(DEMO.ceo.aad, 'open round 2026-27 autumn'))));
    expect(card).toContain('autumn 2026');
    expect(card).toContain('12 Dec 2026');
    expect(card).toContain('6 (6 academies)');
    expect(card).toContain("can't be messaged yet");
    expect(await h.services.round.rounds.get(TERM)).toBeUndefined();
    expect(await h.queued()).toBe(0);
  });

  it('opens one round at a time: another term waits until the open one is closed', async () => {
    const h = await roundHarness();
    await openTheRound(h);
    const [preview] = await h.say(h.message(DEMO.ceo.aad, 'open round 2026-27 spring'));
    const stillOpen =
      'The autumn 2026 round is still open (it closes at the end of 12 Dec 2026), so the spring 2027 ' +
      "round can't be opened yet. Type **close round** to close it first.";
    expect(preview?.text).toBe(stillOpen);
    // A confirmation card shown before the autumn round opened (it opens spring early) is refused the same way.
    const clicked = invokeAnswer(
      await h.say(h.execute(DEMO.ceo.aad, { verb: 'openRound', term: '2026-27-spring', early: true })),
    );
    expect(clicked.text).toBe(stillOpen);
    expect(await h.services.round.rounds.get('2026-27-spring')).toBeUndefined();
    expect(await h.queued()).toBe(3);

    await h.say(h.execute(DEMO.ceo.aad, { verb: 'closeRound', term: TERM }));
    expect((await h.services.round.rounds.get(TERM))?.status).toBe('closed');
    const next = cardOf(await h.say(h.message(DEMO.ceo.aad, 'open round 2026-27 spring')));
    expect(text(next)).toContain('Open the spring 2027 round?');
  });

  it('opens only the current term, or the next early after a warning, however the opening is asked for', async () => {
    const h = await roundHarness();
    const notStarted =
      "The autumn 2099 term has not started (it starts on 1 Sep 2099), so its round can't be opened. " +
      'Rounds open for the current term (autumn 2026), or early for the next one (spring 2027).';
    const [typed] = await h.say(h.message(DEMO.ceo.aad, 'open round autumn 2099'));
    expect(typed?.text).toBe(notStarted);
    // A crafted card for a term years ahead: refused, nothing stored, nothing queued.
    const crafted = invokeAnswer(
      await h.say(h.execute(DEMO.ceo.aad, { verb: 'openRound', term: '2099-00-autumn', early: true })),
    );
    expect(crafted.text).toBe(notStarted);
    expect(await h.services.round.rounds.list()).toEqual([]);

    // The next term: the confirmation warns, and its button carries the executive's early opening.
    const preview = cardOf(await h.say(h.message(DEMO.ceo.aad, 'open round 2026-27 spring')));
    expect(text(preview)).toContain('The spring 2027 term has not started: it starts on 1 Jan 2027.');
    expect(text(preview)).toContain('"early":true');
    // The same term from a card without that confirmation is refused, saying how to open it early.
    const unconfirmed = invokeAnswer(
      await h.say(h.execute(DEMO.ceo.aad, { verb: 'openRound', term: '2026-27-spring' })),
    );
    expect(unconfirmed.text).toBe(
      'The spring 2027 term has not started (it starts on 1 Jan 2027). To open its round early, type ' +
        '**open round 2026-27 spring** and confirm on the card.',
    );
    expect(await h.services.round.rounds.list()).toEqual([]);
    expect(await h.queued()).toBe(0);
    const early = invokeAnswer(
      await h.say(h.execute(DEMO.ceo.aad, { verb: 'openRound', term: '2026-27-spring', early: true })),
    );
    expect(text(early.card)).toContain('Round opened for spring 2027');
    expect((await h.services.round.rounds.get('2026-27-spring'))?.status).toBe('open');
  });

  it('refuses a past term whose round would still be open, whatever its window says', async () => {
    // A window for summer that runs into the autumn: the summer 2026 round closes on 20 Dec 2026.
    const h = await roundHarness('2026-11-22T10:00:00Z', { ROUND_WINDOWS: 'summer=06-22..12-20' });
    const answer = invokeAnswer(
      await h.say(h.execute(DEMO.ceo.aad, { verb: 'openRound', term: '2025-26-summer' })),
    );
    expect(answer.text).toBe(
      "The summer 2026 term is over (it ended on 31 Aug 2026), so its round can't be opened now. " +
        'Rounds open for the current term (autumn 2026), or early for the next one (spring 2027).',
    );
    expect(await h.services.round.rounds.list()).toEqual([]);
  });

  it('refuses rounds to everyone but executives, storing nothing', async () => {
    const h = await roundHarness();
    for (const [aad, command] of [
      [DEMO.chair.aad, 'open round'],
      [DEMO.headPms.aad, 'close round'],
      [DEMO.admin.aad, 'remind'],
      [DEMO.headPms.aad, 'missing'],
    ] as const) {
      const [reply] = await h.say(h.message(aad, command));
      expect(reply?.text).toMatch(/^Sorry, only executives can use/);
    }
    const forged = invokeAnswer(await h.say(h.execute(DEMO.chair.aad, { verb: 'openRound', term: TERM })));
    expect(forged.text).toMatch(/only executives can open rounds/);
    expect(await h.services.round.rounds.list()).toEqual([]);
    expect(await h.queued()).toBe(0);
  });

  it('shows errors beside the fields, keeps what was typed and stores nothing', async () => {
    const h = await roundHarness();
    await openTheRound(h);
    const inputs = { ...validInputs(h, '990001'), m_attendance: '140' };
    const answer = invokeAnswer(
      await h.say(
        h.execute(DEMO.headPms.aad, { verb: 'submitFigures', term: TERM, urn: '990001', ...inputs }),
      ),
    );
    expect(text(answer.card)).toContain('Enter a number from 0 to 100');
    expect(inputValue(answer.card, 'm_attendance')).toBe('140');
    expect(text(answer.card)).toContain('1 figure needs attention');
    const record = await h.services.round.figures.read(TERM, '990001');
    expect(record.state).toBe('notStarted');
    expect(record.figures.size).toBe(0);
  });

  it('stores a valid submission once, with its audit, and keeps every edit', async () => {
    const h = await roundHarness();
    await openTheRound(h);
    const inputs = validInputs(h, '990001');
    const submit = h.execute(DEMO.headPms.aad, {
      verb: 'submitFigures',
      term: TERM,
      urn: '990001',
      ...inputs,
    });
    const stored = invokeAnswer(await h.say(submit));
    expect(text(stored.card)).toContain('Submitted by Helen Marsh');
    expect(text(stored.card)).toContain('editFigures');
    const record = await h.services.round.figures.read(TERM, '990001');
    expect(record.state).toBe('submitted');
    expect(record.figures.size).toBe(Object.keys(inputs).length);
    const audit = await h.services.round.figures.audit(TERM, '990001');
    expect(audit).toHaveLength(Object.keys(inputs).length);

    // A double click: the same figures again store nothing new.
    invokeAnswer(
      await h.say(
        h.execute(DEMO.headPms.aad, { verb: 'submitFigures', term: TERM, urn: '990001', ...inputs }),
      ),
    );
    expect(await h.services.round.figures.audit(TERM, '990001')).toHaveLength(audit.length);

    // Edit, an hour later: the card comes back with the stored figures, one is changed.
    h.setNow('2026-12-02T11:00:00Z');
    const edit = invokeAnswer(
      await h.say(h.execute(DEMO.headPms.aad, { verb: 'editFigures', term: TERM, urn: '990001' })),
    );
    expect(inputValue(edit.card, 'm_attendance')).toBe(inputs.m_attendance);
    invokeAnswer(
      await h.say(
        h.execute(DEMO.headPms.aad, {
          verb: 'submitFigures',
          term: TERM,
          urn: '990001',
          ...inputs,
          m_attendance: '96.2',
        }),
      ),
    );
    const trail = await h.services.round.figures.audit(TERM, '990001', 'attendance');
    expect(trail.map((a) => [a.old, a.new])).toEqual([
      [undefined, { value: Number(inputs.m_attendance) }],
      [{ value: Number(inputs.m_attendance) }, { value: 96.2 }],
    ]);
    expect(trail[1]?.by).toBe(DEMO.headPms.email);
  });

  it('takes "not available" with a reason instead of a value, never as zero', async () => {
    const h = await roundHarness();
    await openTheRound(h);
    const inputs = validInputs(h, '990001');
    delete inputs.m_attendance;
    const answer = invokeAnswer(
      await h.say(
        h.execute(DEMO.headPms.aad, {
          verb: 'submitFigures',
          term: TERM,
          urn: '990001',
          ...inputs,
          na_attendance: 'MIS migration, figure due next week',
        }),
      ),
    );
    expect(text(answer.card)).toContain('Not available: MIS migration');
    const record = await h.services.round.figures.read(TERM, '990001');
    expect(record.figures.get('attendance')?.content).toEqual({
      notAvailable: 'MIS migration, figure due next week',
    });
  });

  it('keeps a draft that does not count as submitted and comes back pre-filled', async () => {
    const h = await roundHarness();
    await openTheRound(h);
    const saved = invokeAnswer(
      await h.say(
        h.execute(DEMO.headPms.aad, { verb: 'saveDraft', term: TERM, urn: '990001', m_attendance: '94.4' }),
      ),
    );
    expect(text(saved.card)).toContain('Saved for later');
    expect((await h.services.round.figures.read(TERM, '990001')).state).toBe('draft');
    const card = cardOf(await h.say(h.message(DEMO.headPms.aad, 'figures')));
    expect(inputValue(card, 'm_attendance')).toBe('94.4');
  });

  it('clears an optional figure left blank on an edit, with its audit, and keeps a required one asked for', async () => {
    const h = await roundHarness();
    await openTheRound(h);
    const optional = optionalField(h, '990001');
    const inputs = { ...validInputs(h, '990001'), [optional.id]: optional.value };
    const submit = (data: Record<string, string>) =>
      h.say(h.execute(DEMO.headPms.aad, { verb: 'submitFigures', term: TERM, urn: '990001', ...data }));
    const first = invokeAnswer(await submit(inputs));
    expect(text(first.card)).toContain(optional.metric.label);
    const before = await h.services.round.figures.read(TERM, '990001');
    expect(before.figures.has(optional.metric.id)).toBe(true);

    // The head edits the optional grade back to blank (the card sends the empty field).
    h.setNow('2026-12-02T11:00:00Z');
    const cleared = invokeAnswer(await submit({ ...inputs, [optional.id]: '' }));
    expect(text(cleared.card)).toContain('Submitted by Helen Marsh');
    expect(text(cleared.card)).not.toContain(optional.metric.label);
    const after = await h.services.round.figures.read(TERM, '990001');
    expect(after.figures.has(optional.metric.id)).toBe(false);
    expect(after.figures.size).toBe(before.figures.size - 1);
    const trail = await h.services.round.figures.audit(TERM, '990001', optional.metric.id);
    expect(trail.map((a) => [a.old, a.new, a.by, a.channel, a.at])).toEqual([
      [
        undefined,
        before.figures.get(optional.metric.id)?.content,
        DEMO.headPms.email,
        'card',
        '2026-12-02T10:00:00.000Z',
      ],
      [
        before.figures.get(optional.metric.id)?.content,
        undefined,
        DEMO.headPms.email,
        'card',
        '2026-12-02T11:00:00.000Z',
      ],
    ]);
    // The edit card and the export no longer hold it; the same blank again changes nothing.
    const edit = invokeAnswer(
      await h.say(h.execute(DEMO.headPms.aad, { verb: 'editFigures', term: TERM, urn: '990001' })),
    );
    expect(inputValue(edit.card, optional.id)).toBeFalsy();
    const csv = figuresCsv(await h.services.round.figures.term(TERM));
    expect(csv).not.toContain(`,${optional.metric.id},`);
    expect(csv).toContain(',attendance,');
    const again = invokeAnswer(await submit({ ...inputs, [optional.id]: '' }));
    expect(text(again.card)).toContain('Submitted by Helen Marsh');
    expect(await h.services.round.figures.audit(TERM, '990001', optional.metric.id)).toHaveLength(2);

    // A required figure left blank is still refused, and nothing is cleared.
    const refused = invokeAnswer(await submit({ ...inputs, m_attendance: '  ' }));
    expect(text(refused.card)).toContain('Required: enter the figure');
    expect((await h.services.round.figures.read(TERM, '990001')).figures.get('attendance')?.content).toEqual({
      value: Number(inputs.m_attendance),
    });
  });

  it('keeps a blanked optional figure blank in a draft until Submit clears it', async () => {
    const h = await roundHarness();
    await openTheRound(h);
    const optional = optionalField(h, '990001');
    const inputs = { ...validInputs(h, '990001'), [optional.id]: optional.value };
    const act = (verb: string, data: Record<string, string>) =>
      h.say(h.execute(DEMO.headPms.aad, { verb, term: TERM, urn: '990001', ...data }));
    invokeAnswer(await act('submitFigures', inputs));

    const saved = invokeAnswer(await act('saveDraft', { ...inputs, [optional.id]: '' }));
    expect(text(saved.card)).toContain('Changes saved for later');
    expect(inputValue(saved.card, optional.id)).toBeFalsy();
    // Submitted figures stay as they were until Submit; the next edit card shows the draft, blank kept.
    const stored = await h.services.round.figures.read(TERM, '990001');
    expect(stored.state).toBe('submitted');
    expect(stored.figures.has(optional.metric.id)).toBe(true);
    const edit = invokeAnswer(
      await h.say(h.execute(DEMO.headPms.aad, { verb: 'editFigures', term: TERM, urn: '990001' })),
    );
    expect(inputValue(edit.card, optional.id)).toBeFalsy();
    expect(inputValue(edit.card, 'm_attendance')).toBe(inputs.m_attendance);

    invokeAnswer(await act('submitFigures', { ...inputs, [optional.id]: '' }));
    const after = await h.services.round.figures.read(TERM, '990001');
    expect(after.figures.has(optional.metric.id)).toBe(false);
    expect(after.draft).toBeUndefined();
  });

  it.each([
    ['another academy', { urn: '990002' }, /not for an academy you lead/],
    ['a round that does not exist', { term: '2025-26-spring' }, /There is no spring 2026 round/],
    ['a tampered metric id', { m_notAMetric: '1' }, /figures the plan doesn't need/],
    ['an unknown verb', { verb: 'deleteEverything' }, /out of date or damaged/],
    ['a malformed term', { term: '../../etc' }, /out of date or damaged/],
  ])('refuses a forged card naming %s and stores nothing', async (_label, forged, message) => {
    const h = await roundHarness();
    await openTheRound(h);
    const data = { verb: 'submitFigures', term: TERM, urn: '990001', ...validInputs(h, '990001'), ...forged };
    const answer = invokeAnswer(await h.say(h.execute(DEMO.headPms.aad, data)));
    expect(answer.text).toMatch(message);
    for (const urn of ['990001', '990002']) {
      expect((await h.services.round.figures.read(TERM, urn)).figures.size).toBe(0);
    }
  });

  it('tells executives who is missing, and closes after a confirmation; the closed round takes no edits', async () => {
    const h = await roundHarness();
    await openTheRound(h);
    const inputs = validInputs(h, '990001');
    invokeAnswer(
      await h.say(
        h.execute(DEMO.headPms.aad, { verb: 'submitFigures', term: TERM, urn: '990001', ...inputs }),
      ),
    );
    const missing = text(cardOf(await h.say(h.message(DEMO.ceo.aad, 'missing'))));
    expect(missing).toContain('Submitted (1)');
    expect(missing).toContain('The Philip Morant School and College');
    // Kingfisher Meadow, and the executive's own trust figures.
    expect(missing).toContain('Not started (2)');
    expect(missing).toContain('Could not be reached (4)');

    const confirm = text(cardOf(await h.say(h.message(DEMO.ceo.aad, 'close round'))));
    expect(confirm).toContain('Close round');
    expect(confirm).toContain('Still missing: Kingfisher Meadow School');
    const closed = invokeAnswer(await h.say(h.execute(DEMO.ceo.aad, { verb: 'closeRound', term: TERM })));
    expect(text(closed.card)).toContain('Round closed; the plan was evaluated');
    expect((await h.services.round.rounds.get(TERM))?.status).toBe('closed');
    const evaluation = await h.services.round.evaluations.get(TERM);
    expect(evaluation?.closedThrough).toBe(TERM);

    const late = invokeAnswer(
      await h.say(
        h.execute(DEMO.headPms.aad, {
          verb: 'submitFigures',
          term: TERM,
          urn: '990001',
          ...inputs,
          m_attendance: '90',
        }),
      ),
    );
    expect(late.text).toMatch(/round closed on .*please contact Amara Okafor/);
    expect((await h.services.round.figures.read(TERM, '990001')).figures.get('attendance')?.content).toEqual({
      value: Number(inputs.m_attendance),
    });
  });

  it('excuses an academy from the open round, but not one that has already submitted', async () => {
    const h = await roundHarness();
    await openTheRound(h);
    const [excused] = await h.say(h.message(DEMO.ceo.aad, 'excuse Kingfisher head on leave until January'));
    expect(excused?.text).toBe(
      'Kingfisher Meadow School (990002) is excused from the autumn 2026 round: head on leave until January. Its head gets no more reminders.',
    );
    expect((await h.services.round.figures.read(TERM, '990002')).excused).toEqual({
      reason: 'head on leave until January',
      by: DEMO.ceo.email,
      at: '2026-12-02T10:00:00.000Z',
    });

    invokeAnswer(
      await h.say(
        h.execute(DEMO.headPms.aad, {
          verb: 'submitFigures',
          term: TERM,
          urn: '990001',
          ...validInputs(h, '990001'),
        }),
      ),
    );
    const [refused] = await h.say(h.message(DEMO.ceo.aad, 'excuse PMS away'));
    expect(refused?.text).toBe('The Philip Morant School and College has already submitted for autumn 2026.');
    expect((await h.services.round.figures.read(TERM, '990001')).excused).toBeUndefined();
  });

  it('excuses only with a reason that shows, an academy named beyond common words, and says which one', async () => {
    const h = await roundHarness();
    await openTheRound(h);
    const ask = 'Say which academy and why, e.g. **excuse Saltmarsh head on leave until January**.';
    // Zero-width spaces, a word joiner and direction marks only: refused like a blank reason.
    const [invisible] = await h.say(h.message(DEMO.ceo.aad, 'excuse Kingfisher \u200b\u2060\u202e\u200f'));
    expect(invisible?.text).toBe(ask);
    // A match resting on "the" alone is a guess: asked, even with one academy to offer.
    const [common] = await h.say(h.message(DEMO.ceo.aad, 'excuse the head is ill'));
    expect(common?.text).toBe(
      'Which one? The Philip Morant School and College (990001). Use its URN to be exact.',
    );
    // What was typed is echoed escaped.
    const [unknown] = await h.say(h.message(DEMO.ceo.aad, 'excuse [x](http://e.example) ill'));
    expect(unknown?.text).toBe(
      'I couldn\'t find an academy called "\\[x\\](http://e.example)". Use its URN to be exact.',
    );
    // The reason as typed reaches the executives' chat escaped, and the reply names the academy and its URN.
    const [excused] = await h.say(
      h.message(DEMO.ceo.aad, 'excuse 990002 see [policy](http://e.example) **now**'),
    );
    expect(excused?.text).toBe(
      'Kingfisher Meadow School (990002) is excused from the autumn 2026 round: see \\[policy\\](http://e.example) \\*\\*now\\*\\*. Its head gets no more reminders.',
    );
    for (const urn of ['990001', '990003', '990004', '990005', '990006']) {
      expect((await h.services.round.figures.read(TERM, urn)).excused).toBeUndefined();
    }
  });

  it('withdraws an excusal for executives only, and says when there is none or the name is ambiguous', async () => {
    const h = await roundHarness();
    await openTheRound(h);
    await h.say(h.message(DEMO.ceo.aad, 'excuse Kingfisher head on leave until January'));

    const [head] = await h.say(h.message(DEMO.headPms.aad, 'unexcuse Kingfisher'));
    expect(head?.text).toBe(
      'Sorry, only executives can use **unexcuse**. Type **help** to see what you can do.',
    );
    expect((await h.services.round.figures.read(TERM, '990002')).excused).toBeDefined();

    const [ambiguous] = await h.say(h.message(DEMO.ceo.aad, 'unexcuse the'));
    expect(ambiguous?.text).toMatch(/^Which one\? .*\(990001\).*Use its URN to be exact\.$/);
    const [none] = await h.say(h.message(DEMO.ceo.aad, 'unexcuse'));
    expect(none?.text).toBe('Say which academy, e.g. **unexcuse Saltmarsh**.');
    const [notExcused] = await h.say(h.message(DEMO.ceo.aad, 'unexcuse PMS'));
    expect(notExcused?.text).toBe(
      'The Philip Morant School and College is not excused from the autumn 2026 round, so there is nothing to withdraw.',
    );

    const [withdrawn] = await h.say(h.message(DEMO.ceo.aad, 'unexcuse 990002'));
    expect(withdrawn?.text).toBe(
      'Kingfisher Meadow School (990002) is no longer excused from the autumn 2026 round (it was: head on leave until January). Its head will be reminded again, and it counts as missing if nothing comes.',
    );
    expect((await h.services.round.figures.read(TERM, '990002')).excused).toBeUndefined();
    const [again] = await h.say(h.message(DEMO.ceo.aad, 'unexcuse Kingfisher'));
    expect(again?.text).toBe(
      'Kingfisher Meadow School is not excused from the autumn 2026 round, so there is nothing to withdraw.',
    );
  });

  it('takes the Action.Submit fallback like Action.Execute', async () => {
    const h = await roundHarness();
    await openTheRound(h);
    const inputs = validInputs(h, '990001');
    const replies = await h.say({
      ...h.message(DEMO.headPms.aad, ''),
      text: undefined,
      value: { verb: 'submitFigures', term: TERM, urn: '990001', ...inputs },
    });
    expect(text(cardOf(replies))).toContain('Submitted by Helen Marsh');
    expect((await h.services.round.figures.read(TERM, '990001')).state).toBe('submitted');
  });
});

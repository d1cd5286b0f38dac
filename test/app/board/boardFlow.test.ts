/**
 * The board in chat, through botbuilder's TestAdapter over a real Azurite: closing a round posts the
 * summary to the board channel once, a re-post updates it in place, status answers within each role's
 * scope, and who sees what for every command of the board and of the round.
 */
import { hostileRoster } from '../../support/hostileRoster';
import { RecordingSender } from '../../support/recordingSender';
import {
  cardOf,
  DEMO,
  invokeAnswer,
  type RoundHarness,
  roundHarness,
  validDemoInputs,
} from '../../support/roundHarness';
import { evaluation, type Row, withPrinciples } from './evaluationFixtures';

const TERM = '2026-27-autumn';

async function withBoard(h: RoundHarness): Promise<RecordingSender> {
  const sender = new RecordingSender();
  h.services.board.sender = sender;
  await h.services.conversations.save({
    key: 'channel:19:board@thread.tacv2',
    kind: 'channel',
    channelName: 'Board',
    teamId: 'team-1',
    reference: { conversation: { id: '19:board@thread.tacv2' }, serviceUrl: 'http://127.0.0.1:9/' },
    updatedAt: '2026-11-01T00:00:00.000Z',
  });
  await h.services.board.bindings.bind({
    teamId: 'team-1',
    channelId: '19:board@thread.tacv2',
    conversationKey: 'channel:19:board@thread.tacv2',
    how: 'configuration',
    by: 'test',
    at: '2026-11-01T00:00:00.000Z',
  });
  return sender;
}

const ROWS: Row[] = [
  ['990001', 'The Philip Morant School and College', 'o1', 'Attendance', 'met', 'Attendance 96% meets 95%.'],
  ['990002', 'Kingfisher Meadow School', 'o1', 'Attendance', 'missed', 'Attendance 89% missed 95%.'],
  ['990004', 'Saltmarsh Academy', 'o1', 'Attendance', 'atRisk', 'Attendance 94% is below 95%.'],
];

/** A closed earlier term with a stored evaluation, as an earlier close would leave it. */
async function closedTerm(h: RoundHarness, term: string, rows: Row[], principles = false): Promise<void> {
  await h.services.round.rounds.create({
    term,
    status: 'open',
    openedOn: '2026-06-22',
    closesOn: '2026-07-10',
    openedBy: 'test',
    openedAt: '2026-06-22T08:00:00.000Z',
    academyCount: 6,
  });
  await h.services.round.rounds.close(term, '2026-07-11T08:00:00.000Z', 'test');
  const stored = evaluation(term, rows, ['o1']);
  await h.services.round.evaluations.save(
    term,
    principles
      ? withPrinciples(stored, [
          ['collectiveVision', 'A collective vision', []],
          ['schoolImprovement', 'School-to-school improvement at scale', ['o1-Attendance']],
        ])
      : stored,
  );
}

function text(value: unknown): string {
  return JSON.stringify(value ?? {});
}

async function openAndClose(h: RoundHarness): Promise<Record<string, unknown> | undefined> {
  await h.install(DEMO.headPms.email);
  await h.say(h.message(DEMO.ceo.aad, 'open round'));
  invokeAnswer(await h.say(h.execute(DEMO.ceo.aad, { verb: 'openRound', term: TERM })));
  return invokeAnswer(await h.say(h.execute(DEMO.ceo.aad, { verb: 'closeRound', term: TERM }))).card;
}

describe('the board summary', () => {
  it('posts once to the board channel when the round closes, and a re-post updates it in place', async () => {
    const h = await roundHarness();
    const sender = await withBoard(h);
    await closedTerm(h, '2025-26-summer', ROWS);
    const closed = await openAndClose(h);
    expect(text(closed)).toContain('The autumn 2026 summary is posted in the Board channel.');
    expect(sender.sent).toHaveLength(1);
    expect(sender.sent[0]?.conversation).toBe('19:board@thread.tacv2');
    const posted = text(sender.sent[0]?.activity);
    expect(posted).toContain('Risk summary: autumn 2026');
    expect(posted).toContain('Since summer 2026: ');
    expect(posted).toContain('Sent no figures');
    expect((await h.services.board.posts.get(TERM))?.activityId).toBe('posted-1');

    const [again] = await h.say(h.message(DEMO.ceo.aad, 'post summary'));
    expect(again?.text).toBe('The autumn 2026 summary in the Board channel is updated in place.');
    expect(sender.sent).toHaveLength(1);
    expect(sender.updated.map((u) => u.activityId)).toEqual(['posted-1']);

    const [past] = await h.say(h.message(DEMO.ceo.aad, 'post summary summer 2026'));
    expect(past?.text).toBe('The summer 2026 summary is posted in the Board channel.');
    expect(text(sender.sent[1]?.activity)).toContain('Risk summary: summer 2026');
  });

  it('names a hostile board channel from the trust file escaped in chat, and once (not twice) in the close card', async () => {
    const roster = hostileRoster({
      'trust.yaml': [['boardChannel: Board', "boardChannel: '**Board** [x](https://evil.example)'"]],
    });
    try {
      const h = await roundHarness('2026-12-02T10:00:00Z', { ROSTER_DIR: roster.dir });
      await withBoard(h);
      const closed = await openAndClose(h);
      // The close card gets the name as written: the card renderer deals with its own texts, so no escape twice.
      expect(text(closed)).toContain('posted in the **Board** [x](https://evil.example) channel.');
      const [again] = await h.say(h.message(DEMO.ceo.aad, 'post summary'));
      expect(again?.text).toBe(
        'The autumn 2026 summary in the \\*\\*Board\\*\\* \\[x\\](https://evil.example) channel is updated in place.',
      );
    } finally {
      roster.remove();
    }
  });

  it('posts the open round as a provisional summary, and the close replaces it in place', async () => {
    const h = await roundHarness();
    const sender = await withBoard(h);
    await h.install(DEMO.headPms.email);
    await h.say(h.message(DEMO.ceo.aad, 'open round'));
    invokeAnswer(await h.say(h.execute(DEMO.ceo.aad, { verb: 'openRound', term: TERM })));
    const [reply] = await h.say(h.message(DEMO.ceo.aad, 'Post the summary, please'));
    expect(reply?.text).toBe('The autumn 2026 summary (provisional) is posted in the Board channel.');
    expect(text(sender.sent[0]?.activity)).toContain('(provisional)');
    invokeAnswer(await h.say(h.execute(DEMO.ceo.aad, { verb: 'closeRound', term: TERM })));
    expect(sender.sent).toHaveLength(1);
    expect(text(sender.updated[0]?.activity)).not.toContain('(provisional)');
  });

  it('posts a new copy only when the posted message was deleted (404 on update)', async () => {
    const h = await roundHarness();
    const sender = await withBoard(h);
    await openAndClose(h);
    sender.updateAnswers.push({ kind: 'unreachable', status: 404, detail: 'gone' });
    const [reply] = await h.say(h.message(DEMO.ceo.aad, 'post summary'));
    expect(reply?.text).toBe(
      'The autumn 2026 summary posted earlier in the Board channel no longer exists there, so it is posted again as a new message.',
    );
    expect(sender.sent).toHaveLength(2);
    expect((await h.services.board.posts.get(TERM))?.activityId).toBe('posted-2');
  });

  it('says how to fix a missing board channel, and the close still stands', async () => {
    const h = await roundHarness();
    const closed = await openAndClose(h);
    expect(text(closed)).toContain("no channel is bound as the board's yet. Add the app to the board's team");
    expect((await h.services.round.rounds.get(TERM))?.status).toBe('closed');
  });
});

describe('the summary’s buttons', () => {
  it.each([
    [
      'Show academy',
      { verb: 'boardAcademy', term: '2025-26-summer', academy: '990002' },
      'Kingfisher Meadow School: summer 2026',
    ],
    [
      'Show objective',
      { verb: 'boardObjective', term: '2025-26-summer', objective: 'o1' },
      'Objective 1: Objective title 1',
    ],
    ['And N more: show all', { verb: 'boardExceptions', term: '2025-26-summer' }, 'Exceptions: summer 2026'],
  ])(
    '%s, an Action.Submit as Teams mobile sends it, answers with the detail as a new message',
    async (_button, data, title) => {
      const h = await roundHarness();
      await closedTerm(h, '2025-26-summer', ROWS);
      const replies = await h.say(h.submit(DEMO.chair.aad, data));
      expect(text(cardOf(replies))).toContain(title);
    },
  );

  it('lists every exception worst first for "and N more", a head only their own', async () => {
    const h = await roundHarness();
    await closedTerm(h, '2025-26-summer', ROWS);
    const all = text(
      cardOf(await h.say(h.submit(DEMO.chair.aad, { verb: 'boardExceptions', term: '2025-26-summer' }))),
    );
    expect(all.indexOf('Kingfisher Meadow School — Attendance')).toBeGreaterThan(-1);
    expect(all.indexOf('Kingfisher Meadow School — Attendance')).toBeLessThan(
      all.indexOf('Saltmarsh Academy — Attendance'),
    );
    const own = text(
      cardOf(await h.say(h.submit(DEMO.headKms.aad, { verb: 'boardExceptions', term: '2025-26-summer' }))),
    );
    expect(own).toContain('Kingfisher Meadow School — Attendance');
    expect(own).not.toContain('Saltmarsh');
  });

  it('still answers an Action.Execute from a summary posted before the buttons were Action.Submit', async () => {
    const h = await roundHarness();
    await closedTerm(h, '2025-26-summer', ROWS);
    const replies = await h.say(
      h.execute(DEMO.chair.aad, { verb: 'boardAcademy', term: '2025-26-summer', academy: '990004' }),
    );
    expect(invokeAnswer(replies).text).toBe('Here is the detail, in a new message.');
    expect(text(cardOf(replies))).toContain('Saltmarsh Academy: summer 2026');
  });
});

describe('status on demand', () => {
  async function withHistory(): Promise<RoundHarness> {
    const h = await roundHarness();
    await closedTerm(h, '2025-26-summer', ROWS);
    return h;
  }

  it.each([
    ['status', 'Status: summer 2026'],
    ['STATUS!', 'Status: summer 2026'],
    ['staus', 'Status: summer 2026'],
    ['what is the status?', 'Status: summer 2026'],
    ['status philip morant', 'The Philip Morant School and College: summer 2026'],
    ['status of PMS', 'The Philip Morant School and College: summer 2026'],
    ['status 990004', 'Saltmarsh Academy: summer 2026'],
    ['status saltmarsh acadmy', 'Saltmarsh Academy: summer 2026'],
    ['risks', 'Risks: summer 2026'],
    ['rsiks', 'Risks: summer 2026'],
    ['objective 1', 'Objective 1: Objective title 1'],
    ['objectve one', 'Objective 1: Objective title 1'],
  ])('answers the executive %j with %j', async (question, title) => {
    const h = await withHistory();
    expect(text(cardOf(await h.say(h.message(DEMO.ceo.aad, question))))).toContain(title);
  });

  it('orders risks worst first and gives the reasons', async () => {
    const h = await withHistory();
    const card = text(cardOf(await h.say(h.message(DEMO.chair.aad, 'risks'))));
    expect(card.indexOf('Attendance 89% missed 95%.')).toBeGreaterThan(-1);
    expect(card.indexOf('Attendance 89% missed 95%.')).toBeLessThan(
      card.indexOf('Attendance 94% is below 95%.'),
    );
    expect(card).not.toContain('Attendance 96% meets 95%.');
  });

  it('gives a choice for several matches and the names for none', async () => {
    const h = await withHistory();
    const several = text(cardOf(await h.say(h.message(DEMO.ceo.aad, 'status primary'))));
    expect(several).toContain('status 990003');
    expect(several).toContain('status 990006');
    const [none] = await h.say(h.message(DEMO.ceo.aad, 'status Hogwarts'));
    expect(none?.text).toMatch(/^I couldn't find an academy called "Hogwarts"\. Try part of its name/);
  });

  it('shows a head their own academy only', async () => {
    const h = await withHistory();
    const own = text(cardOf(await h.say(h.message(DEMO.headKms.aad, 'status'))));
    expect(own).toContain('Kingfisher Meadow School: summer 2026');
    expect(own).not.toContain('Saltmarsh');
    const [other] = await h.say(h.message(DEMO.headKms.aad, 'status saltmarsh'));
    expect(other?.text).toBe(
      'Sorry, you can see the status of your own academy only. Type **status** to see it.',
    );
    const risks = text(cardOf(await h.say(h.message(DEMO.headKms.aad, 'risks'))));
    expect(risks).toContain('Kingfisher');
    expect(risks).not.toContain('Saltmarsh');
  });

  it('offers the closest commands as buttons for an unknown question, keeping the words', async () => {
    const h = await withHistory();
    const [reply] = await h.say(h.message(DEMO.ceo.aad, 'which are the riskiest schools'));
    expect(reply?.text).toBe(
      'Sorry, I don\'t know "which are the riskiest schools". Type **help** to see what I can do.',
    );
    expect(text(reply?.attachments)).toContain('"data":{"command":"risks"}');
  });

  it('answers before any round has opened or closed', async () => {
    const h = await roundHarness();
    const [reply] = await h.say(h.message(DEMO.ceo.aad, 'status'));
    expect(reply?.text).toMatch(/^No round has closed yet/);
  });

  /** Opens the autumn 2026 round and has Helen Marsh submit her academy's figures. */
  async function openWithOneSubmitted(h: RoundHarness): Promise<void> {
    await h.install(DEMO.headPms.email);
    invokeAnswer(await h.say(h.execute(DEMO.ceo.aad, { verb: 'openRound', term: TERM })));
    await h.say(
      h.submit(DEMO.headPms.aad, {
        verb: 'submitFigures',
        term: TERM,
        urn: DEMO.headPms.urn,
        ...validDemoInputs(h),
      }),
    );
    expect((await h.services.round.figures.read(TERM, DEMO.headPms.urn)).state).toBe('submitted');
  }

  it('tells the executive what is happening while the first round is open, and where to look', async () => {
    const h = await roundHarness();
    await openWithOneSubmitted(h);
    await h.say(h.message(DEMO.ceo.aad, 'excuse Kingfisher head on leave'));
    const card = text(cardOf(await h.say(h.message(DEMO.ceo.aad, 'status'))));
    expect(card).toContain('Status: autumn 2026 (round open)');
    expect(card).toContain(
      'The autumn 2026 round is open until 12 Dec 2026: 1 of 5 academies have submitted, 1 excused; trust figures: 0 of 1 owner submitted.',
    );
    expect(card).toContain('No round has closed yet');
    expect(card).toContain('"data":{"command":"missing"}');
    const trustee = text(cardOf(await h.say(h.message(DEMO.chair.aad, 'status'))));
    expect(trustee).toContain('1 of 5 academies have submitted');
    expect(trustee).not.toContain('"command":"missing"');
  });

  it('still gives the last closed term’s status while a round is open, with the round’s progress', async () => {
    const h = await roundHarness();
    await closedTerm(h, '2025-26-summer', ROWS);
    await openWithOneSubmitted(h);
    const card = text(cardOf(await h.say(h.message(DEMO.ceo.aad, 'status'))));
    expect(card).toContain('Status: summer 2026');
    expect(card).toContain(
      'The autumn 2026 round is open until 12 Dec 2026: 1 of 6 academies have submitted; trust figures: 0 of 1 owner submitted.',
    );
  });
});

describe('the principles in chat', () => {
  async function withPrinciplesStored(): Promise<RoundHarness> {
    const h = await roundHarness();
    await closedTerm(h, '2025-26-summer', ROWS, true);
    return h;
  }

  it.each([
    ['status principles', 'Principles: summer 2026'],
    ['Status of the principles?', 'Principles: summer 2026'],
    ['staus principels', 'Principles: summer 2026'],
    ['principles', 'Principles: summer 2026'],
    ['status principle school improvement', 'Principle: School-to-school improvement at scale'],
    ['status principle 2', 'Principle: School-to-school improvement at scale'],
    ['status principle collectiveVision', 'Not measured by this plan'],
  ])('answers the trustee %j with %j', async (question, title) => {
    const h = await withPrinciplesStored();
    expect(text(cardOf(await h.say(h.message(DEMO.chair.aad, question))))).toContain(title);
  });

  it("gives the executive each principle's targets and reasons, and a head their academy only", async () => {
    const h = await withPrinciplesStored();
    const trust = text(cardOf(await h.say(h.message(DEMO.ceo.aad, 'status principles'))));
    expect(trust).toContain('Red: School-to-school improvement at scale (1 missed, 1 at risk, 1 met)');
    expect(trust).toContain('Kingfisher Meadow School: Attendance 89% missed 95%.');
    expect(trust).toContain('Not measured: A collective vision');
    const head = text(cardOf(await h.say(h.message(DEMO.headPms.aad, 'status principles'))));
    expect(head).toContain('Green: School-to-school improvement at scale (1 met)');
    expect(head).not.toContain('Kingfisher');
    expect(head).not.toContain('Saltmarsh');
  });

  it('names the principles when the one asked for is not found', async () => {
    const h = await withPrinciplesStored();
    const [reply] = await h.say(h.message(DEMO.ceo.aad, 'status principle weather'));
    expect(reply?.text).toBe(
      'I couldn\'t find a principle called "weather". Say which by its number or part of its name: 1. A collective vision; 2. School-to-school improvement at scale.',
    );
  });

  it("names hostile principle titles and the typed words escaped, keeping the bot's own list", async () => {
    const h = await roundHarness();
    await closedTerm(h, '2025-26-summer', ROWS, false);
    await h.services.round.evaluations.save(
      '2025-26-summer',
      withPrinciples(evaluation('2025-26-summer', ROWS, ['o1']), [
        ['collectiveVision', '[Click](https://evil.example)', []],
        ['schoolImprovement', '**Bold** `code` _under_', ['o1-Attendance']],
      ]),
    );
    const [reply] = await h.say(h.message(DEMO.ceo.aad, 'status principle [weather](https://evil.example)'));
    expect(reply?.text).toBe(
      'I couldn\'t find a principle called "\\[weather\\](https://evil.example)". Say which by its number or part of its name: ' +
        '1. \\[Click\\](https://evil.example); 2. \\*\\*Bold\\*\\* \\`code\\` \\_under\\_.',
    );
  });

  it('answers the Show principles button with the detail as a new message, in the clicker’s scope', async () => {
    const h = await withPrinciplesStored();
    const replies = await h.say(
      h.execute(DEMO.headKms.aad, { verb: 'boardPrinciples', term: '2025-26-summer' }),
    );
    expect(invokeAnswer(replies).text).toBe('Here is the detail, in a new message.');
    const detail = text(cardOf(replies));
    expect(detail).toContain('Red: School-to-school improvement at scale (1 missed)');
    expect(detail).not.toContain('Philip Morant');
  });

  it('says when the stored evaluation is older than the principles', async () => {
    const h = await roundHarness();
    await closedTerm(h, '2025-26-summer', ROWS);
    const [reply] = await h.say(h.message(DEMO.ceo.aad, 'status principles'));
    expect(reply?.text).toMatch(/^The latest evaluation was stored before the plan’s principles were judged/);
  });
});

/**
 * Who sees what: every role against every command of the board and of the round, through the bot over
 * Azurite. Allowed exactly where the round and the board say; everywhere else a polite refusal that
 * stores nothing. The buttons check the clicker's role too: a forwarded card grants nothing.
 */
import { TableClient, TableServiceClient } from '@azure/data-tables';
import type { Activity } from 'botbuilder';

import { RecordingSender } from '../../support/recordingSender';
import { DEMO, type RoundHarness, roundHarness } from '../../support/roundHarness';
import { testConnectionString } from '../../support/storage';
import { evaluation, withPrinciples } from './evaluationFixtures';

const TERM = '2026-27-autumn';
const STRANGER = '7e1d0000-0000-4000-8000-0000000000ff';
const HEAD_OF_TWO = { email: 'lucy.barker@thrive-demo.example', aad: '7e1d0000-0000-4000-8000-000000000023' };

type Who = 'headA' | 'headB' | 'headOfTwo' | 'trustee' | 'executive' | 'stranger';
const AAD: Record<Who, string> = {
  headA: DEMO.headPms.aad,
  headB: DEMO.headKms.aad,
  headOfTwo: HEAD_OF_TWO.aad,
  trustee: DEMO.chair.aad,
  executive: DEMO.ceo.aad,
  stranger: STRANGER,
};

type Ask = { message: string } | { execute: Record<string, unknown> };
const COMMANDS: [string, Ask][] = [
  ['submit for A', { execute: { verb: 'submitFigures', term: TERM, urn: '990001' } }],
  ['edit for A', { execute: { verb: 'editFigures', term: TERM, urn: '990001' } }],
  ['open round', { message: 'open round' }],
  ['remind', { message: 'remind' }],
  ['close round', { message: 'close round' }],
  ['close round button', { execute: { verb: 'closeRound', term: TERM } }],
  ['missing', { message: 'missing' }],
  ['status', { message: 'status' }],
  ['status A', { message: 'status 990001' }],
  ['risks', { message: 'risks' }],
  ['status principles', { message: 'status principles' }],
  ['status principle', { message: 'status principle employer of choice' }],
  ['objective', { message: 'objective 1' }],
  ['trend', { message: 'trend attendance' }],
  ['post summary', { message: 'post summary' }],
  ['board pack', { message: 'board pack' }],
  ['academy detail A', { execute: { verb: 'boardAcademy', term: '2025-26-summer', academy: '990001' } }],
  ['objective detail', { execute: { verb: 'boardObjective', term: '2025-26-summer', objective: 'o1' } }],
  ['principles detail', { execute: { verb: 'boardPrinciples', term: '2025-26-summer' } }],
];

const READERS: Who[] = ['headA', 'headB', 'headOfTwo', 'trustee', 'executive'];
const ALLOWED: Record<string, Who[]> = {
  'submit for A': ['headA'],
  'edit for A': ['headA'],
  'open round': ['executive'],
  remind: ['executive'],
  'close round': ['executive'],
  'close round button': ['executive'],
  missing: ['executive'],
  status: READERS,
  'status A': ['headA', 'trustee', 'executive'],
  risks: READERS,
  'status principles': READERS,
  'status principle': READERS,
  objective: READERS,
  trend: READERS,
  'post summary': ['executive'],
  'board pack': ['executive'],
  'academy detail A': ['headA', 'trustee', 'executive'],
  'objective detail': READERS,
  'principles detail': READERS,
};

const REFUSAL =
  /^(Sorry, (only|you can see)|Hello! I don't recognise you|I don't recognise you|This card is not for an academy you lead)/;

function replyTexts(replies: Partial<Activity>[]): string[] {
  return replies.flatMap((reply) => {
    const body = (reply.value as { body?: { value?: unknown } } | undefined)?.body;
    if (reply.type === 'invokeResponse') return typeof body?.value === 'string' ? [body.value] : ['(card)'];
    return reply.text ? [reply.text] : reply.attachments ? ['(card)'] : [];
  });
}

async function snapshot(h: RoundHarness): Promise<unknown> {
  const connection = testConnectionString();
  const prefix = h.services.config.storagePrefix;
  const tables: Record<string, unknown[]> = {};
  for await (const table of TableServiceClient.fromConnectionString(connection, {
    allowInsecureConnection: true,
  }).listTables()) {
    const name = table.name ?? '';
    // The activity log records each handled activity id and the conversations table each roster person's
    // latest reference, whoever asks what: neither is an answer stored.
    if (!name.startsWith(prefix) || name.endsWith('activities') || name.endsWith('conversations')) continue;
    const rows: unknown[] = [];
    const client = TableClient.fromConnectionString(connection, name, { allowInsecureConnection: true });
    for await (const entity of client.listEntities()) {
      const { etag: _etag, timestamp: _timestamp, ...content } = entity as Record<string, unknown>;
      rows.push(content);
    }
    tables[name] = rows;
  }
  return { tables, queued: await h.queued() };
}

async function setUp(): Promise<RoundHarness> {
  const h = await roundHarness();
  h.services.board.sender = new RecordingSender();
  const roster = h.roster;
  await h.services.rosterStore.replace({
    ...roster,
    people: roster.people.map((person) =>
      person.email === HEAD_OF_TWO.email ? { ...person, academyUrns: ['990003', '990006'] } : person,
    ),
  });
  h.services.roster.refresh();
  await h.services.round.rounds.create({
    term: '2025-26-summer',
    status: 'open',
    openedOn: '2026-06-22',
    closesOn: '2026-07-10',
    openedBy: 'test',
    openedAt: '2026-06-22T08:00:00.000Z',
    academyCount: 6,
  });
  await h.services.round.rounds.close('2025-26-summer', '2026-07-11T08:00:00.000Z', 'test');
  await h.services.round.evaluations.save(
    '2025-26-summer',
    withPrinciples(
      evaluation('2025-26-summer', [
        ['990001', 'The Philip Morant School and College', 'o1', 'Attendance', 'met', 'A met.'],
        ['990002', 'Kingfisher Meadow School', 'o1', 'Attendance', 'missed', 'B missed.'],
      ]),
      [['employerOfChoice', 'An employer of choice', ['o1-Attendance']]],
    ),
  );
  for (const email of [DEMO.headPms.email, DEMO.headKms.email, HEAD_OF_TWO.email]) await h.install(email);
  await h.say(h.message(DEMO.ceo.aad, 'open round'));
  await h.say(h.execute(DEMO.ceo.aad, { verb: 'openRound', term: TERM }));
  return h;
}

describe('who sees what', () => {
  let h: RoundHarness;
  beforeAll(async () => {
    h = await setUp();
  }, 60_000);

  async function ask(who: Who, question: Ask): Promise<'allowed' | 'refused'> {
    const activity =
      'message' in question ? h.message(AAD[who], question.message) : h.execute(AAD[who], question.execute);
    const texts = replyTexts(await h.say(activity));
    if (texts.length === 0) throw new Error(`no answer to ${who}: ${JSON.stringify(question)}`);
    const refused = texts.filter((line) => REFUSAL.test(line));
    if (refused.length > 0 && refused.length < texts.length)
      throw new Error(`mixed answer: ${texts.join(' | ')}`);
    return refused.length > 0 ? 'refused' : 'allowed';
  }

  // Each role asks its refused commands first (storage compared before and after them all), then the
  // allowed ones; the Close round button, which would close the round, is asked by the others below.
  it.each(Object.keys(AAD) as Who[])('%s: allowed exactly where the round and the board say', async (who) => {
    const asked = COMMANDS.filter(([command]) => command !== 'close round button');
    const refusedFirst = [
      ...asked.filter(([command]) => !ALLOWED[command]?.includes(who)),
      ...asked.filter(([command]) => ALLOWED[command]?.includes(who)),
    ];
    const expected = Object.fromEntries(
      refusedFirst.map(([command]) => [command, ALLOWED[command]?.includes(who) ? 'allowed' : 'refused']),
    );
    const before = await snapshot(h);
    const answers: Record<string, string> = {};
    let after: unknown;
    for (const [command, question] of refusedFirst) {
      if (after === undefined && ALLOWED[command]?.includes(who)) after = await snapshot(h);
      answers[command] = await ask(who, question);
    }
    after ??= await snapshot(h);
    expect(answers).toEqual(expected);
    expect(after).toEqual(before);
  });

  it.each((Object.keys(AAD) as Who[]).filter((who) => who !== 'executive'))(
    '%s pressing Close round (a forwarded card) is refused and the round stays open',
    async (who) => {
      const before = await snapshot(h);
      const texts = replyTexts(await h.say(h.execute(AAD[who], { verb: 'closeRound', term: TERM })));
      expect(texts.filter((line) => !REFUSAL.test(line))).toEqual([]);
      expect(await snapshot(h)).toEqual(before);
      expect((await h.services.round.rounds.get(TERM))?.status).toBe('open');
    },
  );
});

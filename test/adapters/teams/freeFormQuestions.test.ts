/**
 * Questions in people's own words, through the bot over Azurite with botbuilder's TestAdapter. The
 * language model is a scripted stand-in at the planner's model interface (teams-ai's
 * PromptCompletionModel): it answers with the plans and failures a real model gives, and no call leaves
 * the process. The answers are compared with what the typed commands send.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { TableClient } from '@azure/data-tables';
import type { PromptCompletionModel } from '@microsoft/teams-ai/lib/models/PromptCompletionModel';
import type { Message } from '@microsoft/teams-ai/lib/prompts/Message';
import type { PromptResponse } from '@microsoft/teams-ai/lib/types/PromptResponse';
import { type Activity, TestAdapter } from 'botbuilder';

import { TABLE_NAMES } from '../../../src/adapters/tableStorage/createTableStores';
import { createBotApplication } from '../../../src/adapters/teams/botApplication';
import { createStatusPlanner } from '../../../src/adapters/teams/planner/createStatusPlanner';
import {
  createFreeFormQuestions,
  MAX_QUESTION_CHARACTERS,
} from '../../../src/adapters/teams/planner/freeFormQuestions';
import * as lazyPlanner from '../../../src/adapters/teams/planner/lazyFreeFormQuestions';
import { STATUS_ACTIONS } from '../../../src/adapters/teams/planner/statusActions';
import { parseCommand } from '../../../src/app/commands';
import type { Services } from '../../../src/hosts/services';
import { evaluation, withPrinciples } from '../../app/board/evaluationFixtures';
import { RecordingSender } from '../../support/recordingSender';
import { BOT, DEMO } from '../../support/roundHarness';
import { testServices } from '../../support/services';
import { testConnectionString } from '../../support/storage';

const STRANGER = '7e1d0000-0000-4000-8000-0000000000ff';
const PROMPTS = join(__dirname, '../../../prompts');

/** The model's answers, in order; the last is repeated (a model that keeps making the same mistake). */
class ScriptedModel implements PromptCompletionModel {
  /** The messages each call would have sent, as teams-ai rendered them. */
  readonly calls: Message[][] = [];
  constructor(private readonly script: PromptResponse<string>[]) {}

  async completePrompt(
    ...[context, memory, functions, tokenizer, template]: Parameters<PromptCompletionModel['completePrompt']>
  ): Promise<PromptResponse<string>> {
    const rendered = await template.prompt.renderAsMessages(
      context,
      memory,
      functions,
      tokenizer,
      template.config.completion.max_input_tokens,
    );
    this.calls.push(rendered.output);
    const answer = this.script.length > 1 ? this.script.shift() : this.script[0];
    if (!answer) throw new Error('the script is empty');
    return answer;
  }
}

const plan = (...commands: unknown[]): PromptResponse<string> => ({
  status: 'success',
  message: { role: 'assistant', content: JSON.stringify({ type: 'plan', commands }) },
});
const risks = { type: 'DO', action: 'risks', parameters: {} };
const say = (response: string): unknown => ({ type: 'SAY', response });

interface Bot {
  services: Services;
  /** What the bot sends back to the person's message. */
  ask(aad: string, text: string): Promise<Partial<Activity>[]>;
  /** What the bot has sent and no ask() has returned (after a failed turn). */
  sent(): Partial<Activity>[];
}

let nextId = 1;

async function bot(model: PromptCompletionModel | undefined): Promise<Bot> {
  const services = testServices(new Date('2026-12-02T10:00:00Z'));
  await services.ready();
  services.board.sender = new RecordingSender();
  await services.round.rounds.create({
    term: '2025-26-summer',
    status: 'open',
    openedOn: '2026-06-22',
    closesOn: '2026-07-10',
    openedBy: 'test',
    openedAt: '2026-06-22T08:00:00.000Z',
    academyCount: 6,
  });
  await services.round.rounds.close('2025-26-summer', '2026-07-11T08:00:00.000Z', 'test');
  await services.round.evaluations.save(
    '2025-26-summer',
    withPrinciples(
      evaluation('2025-26-summer', [
        ['990001', 'The Philip Morant School and College', 'o1', 'Attendance', 'atRisk', 'PMS at risk.'],
        ['990002', 'Kingfisher Meadow School', 'o1', 'Attendance', 'missed', 'KMS missed.'],
      ]),
      [
        ['collectiveVision', 'A collective vision', []],
        ['schoolImprovement', 'School-to-school improvement at scale', ['o1-Attendance']],
      ],
    ),
  );
  const app = createBotApplication({
    roster: services.roster,
    conversations: services.conversations,
    activityLog: services.activityLog,
    outbox: services.outbox,
    clock: services.clock,
    log: services.log,
    round: services.round,
    board: services.board,
    serviceUrls: services.serviceUrls,
    ...(model && {
      freeForm: createFreeFormQuestions(createStatusPlanner(model, PROMPTS), services.board, services.log),
    }),
  });
  const adapter = new TestAdapter(async (context) => {
    await app.run(context);
  });
  return {
    services,
    async ask(aad, text) {
      await adapter.processActivity({
        id: `act-${nextId++}`,
        type: 'message',
        text,
        channelId: 'msteams',
        serviceUrl: 'http://127.0.0.1:9/',
        from: { id: `29:${aad}`, name: 'Someone', aadObjectId: aad },
        recipient: BOT,
        conversation: { id: `a:personal-${aad}`, conversationType: 'personal', isGroup: false, name: '' },
      });
      return adapter.activeQueue.splice(0).filter((reply) => reply.type !== 'typing');
    },
    sent: () => adapter.activeQueue.splice(0),
  };
}

const cards = (replies: Partial<Activity>[]): unknown[] =>
  replies.flatMap((reply) => (reply.attachments ?? []).map((attachment) => attachment.content as unknown));
const texts = (replies: Partial<Activity>[]): string[] =>
  replies.flatMap((reply) => (reply.text ? [reply.text] : []));

const QUESTION = 'which schools are behind on attendance?';
const ABOUT_PMS = 'tell me about Philip Morant please';

describe('questions in people’s own words', () => {
  it.each([QUESTION, ABOUT_PMS, 'hello there', 'x'.repeat(2000)])('are no typed command: "%s"', (text) => {
    expect(parseCommand(text).kind).toBe('unknown');
  });

  it('a plan calling risks answers with the risks card the typed command sends, and one short text', async () => {
    const model = new ScriptedModel([plan(risks, say('Here are the targets at risk.'))]);
    const b = await bot(model);
    const replies = await b.ask(DEMO.ceo.aad, QUESTION);
    const typed = await b.ask(DEMO.ceo.aad, 'risks');
    expect(texts(replies)).toEqual(['Here are the targets at risk.']);
    expect(cards(replies)).toEqual(cards(typed));
    expect(JSON.stringify(cards(replies))).toContain('Kingfisher Meadow School');
    // One call: the typed command never reached the model.
    expect(model.calls).toHaveLength(1);
    expect(JSON.stringify(model.calls[0]?.at(-1))).toContain(QUESTION);
  });

  it('a plan calling status with an academy answers with that academy’s status card', async () => {
    const model = new ScriptedModel([
      plan(
        { type: 'DO', action: 'academyStatus', parameters: { academy: 'philip morant' } },
        say('Here it is.'),
      ),
    ]);
    const b = await bot(model);
    const replies = await b.ask(DEMO.ceo.aad, ABOUT_PMS);
    expect(cards(replies)).toEqual(cards(await b.ask(DEMO.ceo.aad, 'status philip morant')));
    expect(JSON.stringify(cards(replies))).toContain('PMS at risk.');
  });

  it.each([
    ['principles', {}, 'status principles'],
    ['principle', { principle: 'school-to-school' }, 'status principle school-to-school'],
    ['objective', { objective: '1' }, 'objective 1'],
    ['trend', { measure: 'attendance' }, 'trend attendance'],
    ['status', {}, 'status'],
  ])('a plan calling %s answers as the typed command does', async (action, parameters, typed) => {
    const model = new ScriptedModel([plan({ type: 'DO', action, parameters })]);
    const b = await bot(model);
    const replies = await b.ask(DEMO.chair.aad, QUESTION);
    const expected = await b.ask(DEMO.chair.aad, typed);
    expect(cards(replies)).toEqual(cards(expected));
    expect(cards(replies)).toHaveLength(1);
    expect(texts(replies)).toEqual(texts(expected));
  });

  it('a storage failure in an action fails the turn (the error route answers it) and sends no half answer', async () => {
    const model = new ScriptedModel([plan(risks, say('Here are the risks.'))]);
    const b = await bot(model);
    const rounds = `${b.services.config.storagePrefix}${TABLE_NAMES.rounds}`;
    await TableClient.fromConnectionString(testConnectionString(), rounds, {
      allowInsecureConnection: true,
    }).deleteTable();
    // The TestAdapter has no error route: the failure reaches the test as it reaches the app's app.error.
    await expect(b.ask(DEMO.ceo.aad, QUESTION)).rejects.toThrow('list rounds failed');
    expect(b.sent().filter((activity) => activity.type === 'message')).toEqual([]);
  });

  it('runs each action with the asker’s scope: a head gets only their own academy', async () => {
    const model = new ScriptedModel([
      plan(risks, { type: 'DO', action: 'academyStatus', parameters: { academy: 'Kingfisher Meadow' } }),
    ]);
    const b = await bot(model);
    const replies = await b.ask(DEMO.headPms.aad, QUESTION);
    const [risksCard] = cards(replies);
    expect(risksCard).toEqual(cards(await b.ask(DEMO.headPms.aad, 'risks'))[0]);
    expect(JSON.stringify(risksCard)).toContain('PMS at risk.');
    expect(JSON.stringify(risksCard)).not.toContain('KMS missed.');
    // Another academy's status, though the model asked for it, is refused as the typed command is.
    expect(cards(replies)).toHaveLength(1);
    expect(texts(replies)).toEqual([
      'Sorry, you can see the status of your own academy only. Type **status** to see it.',
    ]);
  });

  it.each([
    [
      'a plan naming an unknown action',
      [plan({ type: 'DO', action: 'deleteEverything', parameters: {} })],
      "I couldn't turn your question into one of my answers.",
      2, // the plan and one repair
    ],
    [
      'an answer that is no JSON plan',
      [{ status: 'success', message: { role: 'assistant', content: 'Kingfisher is behind.' } }],
      "I couldn't turn your question into one of my answers.",
      2,
    ],
    [
      'an error status (the network)',
      [{ status: 'error', error: new Error('The chat completion API returned an error: ECONNREFUSED') }],
      "I couldn't reach the language model to read your question.",
      1,
    ],
    [
      'a rate limit',
      [{ status: 'rate_limited', error: new Error('The chat completion API returned a rate limit error.') }],
      "I can't read questions in your own words just now: the language model is busy. Try again in a minute.",
      1,
    ],
  ] as [string, PromptResponse<string>[], string, number][])(
    '%s: says so, and answers with the nearest commands',
    async (_case, script, why, calls) => {
      const model = new ScriptedModel(script);
      const b = await bot(model);
      const replies = await b.ask(DEMO.ceo.aad, 'which risks are behind on attendance');
      expect(texts(replies)).toEqual([
        `${why} Here are the nearest commands, or type **help** to see what I can do.`,
      ]);
      const buttons = JSON.stringify(cards(replies));
      expect(buttons).toContain('Did you mean one of these?');
      expect(buttons).toContain('"risks"');
      expect(buttons).not.toContain('Kingfisher');
      expect(model.calls).toHaveLength(calls);
    },
  );

  it('a plan that only talks sends its one sentence, plain and short', async () => {
    const model = new ScriptedModel([
      plan(say(`**Hello!** [click](https://example.com) ${'a'.repeat(400)}`)),
    ]);
    const b = await bot(model);
    const [reply, ...more] = await b.ask(DEMO.chair.aad, 'hello there');
    expect(more).toEqual([]);
    expect(reply?.text).toMatch(/^\\\*\\\*Hello!\\\*\\\* \\\[click\\\]\(https:\/\/example\.com\) a+…$/);
    expect(reply?.text?.length).toBeLessThan(260);
  });

  it('sends the model only the prompt and the question, cut to its bound: no roster, no figures', async () => {
    const model = new ScriptedModel([plan(risks)]);
    const b = await bot(model);
    await b.ask(DEMO.ceo.aad, `which academies ${'really '.repeat(400)}worry you`);
    const sent = JSON.stringify(model.calls[0]);
    const roster = await b.services.roster.current();
    for (const name of [
      ...(roster?.academies.map((academy) => academy.name) ?? []),
      ...(roster?.people.map((person) => person.email) ?? []),
      'PMS at risk.',
    ]) {
      expect({ name, sent: sent.includes(name) }).toEqual({ name, sent: false });
    }
    const question = model.calls[0]?.at(-1);
    expect(question?.role).toBe('user');
    expect(String(question?.content).length).toBe(MAX_QUESTION_CHARACTERS);
  });

  it.each([
    ['a stranger', STRANGER, /^Hello! I don't recognise you/],
    ['the trust administrator, who may not read the status', DEMO.admin.aad, /^Sorry, I don't know/],
  ])('never sends the text of %s to the model', async (_who, aad, answer) => {
    const model = new ScriptedModel([plan(risks)]);
    const b = await bot(model);
    const replies = await b.ask(aad, QUESTION);
    expect(texts(replies)[0]).toMatch(answer);
    expect(model.calls).toHaveLength(0);
  });

  it.each([
    ['the chief executive', DEMO.ceo.aad, /how is The Philip Morant School and College doing\?/],
    [
      'a head, with their own academy as the example',
      DEMO.headKms.aad,
      /how is Kingfisher Meadow School doing\?/,
    ],
  ])(
    'tells %s in the help card that questions in their own words are answered',
    async (_who, aad, example) => {
      const b = await bot(new ScriptedModel([]));
      const help = JSON.stringify(await b.ask(aad, 'help'));
      expect(help).toContain('You can also ask in your own words');
      expect(help).toMatch(example);
    },
  );

  it('says nothing of own words in the help card of someone whose text never reaches the model', async () => {
    const b = await bot(new ScriptedModel([]));
    const help = JSON.stringify(await b.ask(DEMO.admin.aad, 'help'));
    expect(help).toContain('What I can do for you');
    expect(help).not.toMatch(/own words/i);
  });
});

describe('without a language model configured', () => {
  afterEach(() => jest.restoreAllMocks());

  it('builds no planner, answers free text with the nearest commands and says nothing of AI', async () => {
    const lazy = jest.spyOn(lazyPlanner, 'lazyFreeFormQuestions');
    const b = await bot(undefined);
    expect(b.services.config.ai).toBeUndefined();
    expect(lazy).not.toHaveBeenCalled();
    const free = await b.ask(DEMO.ceo.aad, QUESTION);
    expect(texts(free)).toEqual([`Sorry, I don't know "${QUESTION}". Type **help** to see what I can do.`]);
    const help = JSON.stringify(await b.ask(DEMO.ceo.aad, 'help'));
    for (const said of [JSON.stringify(free), help]) {
      expect(said).not.toMatch(/\bAI\b|OpenAI|language model|own words|GPT/i);
    }
  });

  it('with a key, sets up the planner without calling the model (no question, no request)', () => {
    const lazy = jest.spyOn(lazyPlanner, 'lazyFreeFormQuestions');
    const services = testServices(new Date('2026-12-02T10:00:00Z'), { OPENAI_API_KEY: 'sk-test' });
    expect(services.config.ai).toEqual({ provider: 'openai', apiKey: 'sk-test', model: 'gpt-4o-mini' });
    expect(lazy).toHaveBeenCalledTimes(1);
  });
});

describe('the prompt folder', () => {
  it('describes to the model exactly the actions the bot runs', () => {
    const described = JSON.parse(readFileSync(join(PROMPTS, 'statusQuestion/actions.json'), 'utf8')) as {
      name: string;
      parameters?: { properties: Record<string, unknown> };
    }[];
    expect(described.map((action) => action.name)).toEqual(STATUS_ACTIONS.map((action) => action.name));
    for (const action of described) {
      // Every parameter the model may pass is one the action reads.
      for (const parameter of Object.keys(action.parameters?.properties ?? {})) {
        expect(['academy', 'objective', 'measure', 'principle']).toContain(parameter);
      }
    }
  });
});

import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { HttpRequest, InvocationContext, type Timer } from '@azure/functions';
import { QueueClient } from '@azure/storage-queue';

import { readRosterDir } from '../../src/adapters/files/readRosterDir';
import { MalformedOutboxMessageError } from '../../src/app/deliverMessage';
import { MalformedFanOutRequestError } from '../../src/app/round/fanOutRound';
import {
  type FunctionDefinition,
  functionDefinitions,
  outboxConcurrency,
} from '../../src/hosts/functionDefinitions';
import { testServices } from '../support/services';
import { testConnectionString } from '../support/storage';

function byName<T extends FunctionDefinition['trigger']>(
  definitions: FunctionDefinition[],
  name: string,
  trigger: T,
): Extract<FunctionDefinition, { trigger: T }> {
  const found = definitions.find((d) => d.name === name);
  if (!found || found.trigger !== trigger) throw new Error(`no ${trigger} function ${name}`);
  return found as Extract<FunctionDefinition, { trigger: T }>;
}

function post(body: string): HttpRequest {
  return new HttpRequest({
    method: 'POST',
    url: 'http://localhost:3978/api/messages',
    headers: { 'content-type': 'application/json' },
    body: { string: body },
  });
}

async function demoPerson(role: string) {
  const result = await readRosterDir('demo/roster');
  if (!result.ok) throw new Error('demo roster does not load');
  const person = result.roster.people.find((p) => p.role === role);
  if (!person?.aadObjectId) throw new Error(`demo roster has no ${role} with an object id`);
  return person;
}

describe('the function definitions, called as Azure Functions would', () => {
  const services = testServices();
  const definitions = functionDefinitions(services);

  it('list one HTTP endpoint for Teams, a health check, the outbox worker, the fan-out worker, their poison queues, the round schedule, the warm-up, the nightly import of published files and the nightly prune', () => {
    expect(definitions.map((d) => [d.name, d.trigger])).toEqual([
      ['messages', 'http'],
      ['health', 'http'],
      ['deliverOutbox', 'queue'],
      ['reportUndeliverable', 'queue'],
      ['fanOutRound', 'queue'],
      ['reportFailedFanOut', 'queue'],
      ['roundSchedule', 'timer'],
      ['warmUp', 'warmup'],
      ['importPublished', 'timer'],
      ['pruneActivityLog', 'timer'],
    ]);
  });

  it('health loads the demo roster on first use and says only that the bot is up', async () => {
    const health = byName(definitions, 'health', 'http').handler;
    const response = await health(
      new HttpRequest({ method: 'GET', url: 'http://localhost/api/health' }),
      new InvocationContext({ functionName: 'health' }),
    );
    expect(response.status).toBe(200);
    // Anyone can call it, so it names neither the trust nor its counts.
    expect(response.jsonBody).toEqual({ status: 'ok' });
    expect((await services.roster.current())?.trust.name).toBe('The Thrive Partnership Academy Trust');
  });

  it('messages answers help from the demo executive with the help card (replies returned inline)', async () => {
    const executive = await demoPerson('executive');
    const messages = byName(definitions, 'messages', 'http').handler;
    const response = await messages(
      post(
        JSON.stringify({
          type: 'message',
          id: 'fn-help-1',
          text: 'help',
          channelId: 'msteams',
          deliveryMode: 'expectReplies',
          // Loopback and closed: nothing in a test may reach out, and no reply may leave except inline.
          serviceUrl: 'http://127.0.0.1:9/',
          from: { id: '29:exec', aadObjectId: executive.aadObjectId, name: executive.name },
          recipient: { id: '28:bot', name: 'Trust Plan' },
          conversation: { id: 'a:exec-chat', conversationType: 'personal' },
        }),
      ),
      new InvocationContext({ functionName: 'messages' }),
    );
    expect(response.status).toBe(200);
    const body = response.jsonBody as {
      activities: { type: string; attachments?: { content: unknown }[] }[];
    };
    // teams-ai may add typing indicators while a turn runs; the answer is the one message.
    const answers = body.activities.filter((a) => a.type === 'message');
    expect(answers).toHaveLength(1);
    const card = JSON.stringify(answers[0]?.attachments?.[0]?.content);
    expect(card).toContain('What I can do for you');
    expect(card).toContain(`${executive.name} · executive`);
  });

  it.each([
    ['not JSON', '{"type":', 'must be a Bot Framework activity in JSON'],
    ['not an activity', '{"hello":1}', 'Not a valid activity: the activity has no "type"'],
  ])('messages refuses a body that is %s with 400', async (_case, body, message) => {
    const messages = byName(definitions, 'messages', 'http').handler;
    const response = await messages(post(body), new InvocationContext({ functionName: 'messages' }));
    expect(response.status).toBe(400);
    expect((response.jsonBody as { error: string }).error).toContain(message);
  });

  it('deliverOutbox rejects a malformed message so that it ends in the poison queue', async () => {
    const deliver = byName(definitions, 'deliverOutbox', 'queue').handler;
    await expect(
      deliver({ nonsense: true }, new InvocationContext({ functionName: 'deliverOutbox' })),
    ).rejects.toThrow(MalformedOutboxMessageError);
  });

  it('deliverOutbox drops a message for a conversation the bot was never installed in', async () => {
    const deliver = byName(definitions, 'deliverOutbox', 'queue').handler;
    await expect(
      deliver(
        { id: 'm1', conversationKey: 'person:nobody@example.org', activity: { type: 'message', text: 'hi' } },
        new InvocationContext({ functionName: 'deliverOutbox' }),
      ),
    ).resolves.toBeUndefined();
  });

  it.each([
    ['not an object', 'open'],
    ['no term', { id: 'f1', requestedBy: 'x', requestedAt: '2026-11-22T10:00:00Z' }],
    ['an empty requester', { id: 'f1', term: '2026-27-autumn', requestedBy: '', requestedAt: 'x' }],
  ])('fanOutRound rejects a request with %s so that it ends in the poison queue', async (_case, raw) => {
    const fanOut = byName(definitions, 'fanOutRound', 'queue').handler;
    await expect(fanOut(raw, new InvocationContext({ functionName: 'fanOutRound' }))).rejects.toThrow(
      MalformedFanOutRequestError,
    );
  });

  it('fanOutRound prompts nobody for a round that does not exist', async () => {
    const fanOut = byName(definitions, 'fanOutRound', 'queue').handler;
    const request = {
      id: 'f1',
      term: '2025-26-spring',
      requestedBy: 'x',
      requestedAt: '2026-11-22T10:00:00Z',
    };
    await fanOut(request, new InvocationContext({ functionName: 'fanOutRound' }));
    expect(await services.round.prompts.list('2025-26-spring')).toEqual([]);
  });

  it("reportFailedFanOut tells every executive, through the outbox, that the round's cards need following up", async () => {
    const report = byName(definitions, 'reportFailedFanOut', 'queue').handler;
    const request = {
      id: 'fanout:2026-27-autumn:2026-11-22T10:00:00.000Z',
      term: '2026-27-autumn',
      requestedBy: 'schedule',
      requestedAt: '2026-11-22T10:00:00.000Z',
    };
    await report(request, new InvocationContext({ functionName: 'reportFailedFanOut' }));
    const outbox = new QueueClient(testConnectionString(), services.outboxQueueName);
    const { peekedMessageItems } = await outbox.peekMessages({ numberOfMessages: 32 });
    const notices = peekedMessageItems.map(
      (item) =>
        JSON.parse(Buffer.from(item.messageText, 'base64').toString()) as {
          id: string;
          conversationKey: string;
          activity: { text: string };
        },
    );
    expect(notices.map((notice) => notice.conversationKey).sort()).toEqual([
      'person:amara.okafor@thrive-demo.example',
      'person:daniel.hughes@thrive-demo.example',
      'person:priya.shah@thrive-demo.example',
    ]);
    for (const notice of notices) {
      expect(notice.id).toMatch(/^undeliverable:fanout:2026-27-autumn:/);
      expect(notice.activity.text).toContain('figures cards for the autumn 2026 round');
      expect(notice.activity.text).toContain('Nobody gets a card twice');
    }
  });

  it.each([
    [1, { batchSize: 1, newBatchThreshold: 0 }],
    [5, { batchSize: 3, newBatchThreshold: 3 }],
    [48, { batchSize: 24, newBatchThreshold: 24 }],
    [50, { batchSize: 25, newBatchThreshold: 25 }],
    [200, { batchSize: 32, newBatchThreshold: 32 }],
  ])('sizes the outbox worker for %d sends a second', (rate, expected) => {
    expect(outboxConcurrency(rate)).toEqual(expected);
  });

  it('pruneActivityLog forgets claims older than two days and keeps newer ones', async () => {
    await services.ready();
    await services.activityLog.claim('old', new Date('2026-11-19T10:00:00Z'));
    await services.activityLog.claim('new', new Date('2026-11-22T09:00:00Z'));
    const prune = byName(definitions, 'pruneActivityLog', 'timer').handler;
    const timer: Timer = {
      isPastDue: false,
      schedule: { adjustForDST: false },
      scheduleStatus: { last: '', next: '', lastUpdated: '' },
    };
    await prune(timer, new InvocationContext({ functionName: 'pruneActivityLog' }));
    expect(await services.activityLog.claim('old', new Date('2026-11-22T10:00:00Z'))).toBe(true);
    expect(await services.activityLog.claim('new', new Date('2026-11-22T10:00:00Z'))).toBe(false);
  });

  it('importPublished imports the files of PUBLISHED_DIR named for their source, audited under it, and reports a misnamed one', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'published-'));
    const fixtures = join(__dirname, '../fixtures/published');
    copyFileSync(
      join(fixtures, 'england_ks4revised.csv'),
      join(folder, 'dfe-ks4_2024-25_revised_2026-02-05.csv'),
    );
    copyFileSync(
      join(fixtures, 'ofsted_latest_inspections.csv'),
      join(folder, 'ofsted_latest_inspections.csv'),
    );
    copyFileSync(join(fixtures, 'england_ks2revised.csv'), join(folder, 'dfe-ks2_revised.csv'));
    const warnings: string[] = [];
    const withFolder = testServices(new Date('2026-11-22T10:00:00Z'), { PUBLISHED_DIR: folder });
    withFolder.log.warn = (message) => warnings.push(message);
    const handler = byName(functionDefinitions(withFolder), 'importPublished', 'timer').handler;
    const timer: Timer = {
      isPastDue: false,
      schedule: { adjustForDST: false },
      scheduleStatus: { last: '', next: '', lastUpdated: '' },
    };
    await handler(timer, new InvocationContext({ functionName: 'importPublished' }));
    const ks4 = await withFolder.round.figures.read('2024-25-summer', '990001');
    expect(ks4.figures.get('attainment8')).toMatchObject({
      content: { value: 47.3 },
      by: 'dfe-ks4',
      channel: 'import',
    });
    const inspection = await withFolder.round.figures.read('2025-26-spring', '990001');
    expect(inspection.figures.get('reportCardSafeguarding')).toMatchObject({
      content: { value: 'met' },
      by: 'ofsted',
    });
    expect(warnings).toEqual([
      expect.stringContaining(
        'dfe-ks2_revised.csv: the name must say the academic year (2024-25), the publication date (YYYY-MM-DD)',
      ),
    ]);
    expect((await withFolder.round.figures.read('2024-25-summer', '990003')).figures.size).toBe(0);
  });

  describe('importPublished, passing the same guard as the command line', () => {
    const TIMER: Timer = {
      isPastDue: false,
      schedule: { adjustForDST: false },
      scheduleStatus: { last: '', next: '', lastUpdated: '' },
    };

    /** The nightly import over the Ofsted file (inspections of 2025-26 spring) and a KS4 file of 2024-25, at `now`. */
    async function nightly(now: string, before: (s: ReturnType<typeof testServices>) => Promise<void>) {
      const folder = mkdtempSync(join(tmpdir(), 'published-'));
      const fixtures = join(__dirname, '../fixtures/published');
      copyFileSync(
        join(fixtures, 'ofsted_latest_inspections.csv'),
        join(folder, 'ofsted_latest_inspections.csv'),
      );
      copyFileSync(
        join(fixtures, 'england_ks4revised.csv'),
        join(folder, 'dfe-ks4_2024-25_revised_2026-02-05.csv'),
      );
      const warnings: string[] = [];
      const withFolder = testServices(new Date(now), { PUBLISHED_DIR: folder });
      withFolder.log.warn = (message) => warnings.push(message);
      await withFolder.ready();
      await before(withFolder);
      const handler = byName(functionDefinitions(withFolder), 'importPublished', 'timer').handler;
      await handler(TIMER, new InvocationContext({ functionName: 'importPublished' }));
      const spring = await withFolder.round.figures.read('2025-26-spring', '990001');
      const ks4 = await withFolder.round.figures.read('2024-25-summer', '990001');
      return { warnings, spring, ks4 };
    }

    const headGave = async (s: ReturnType<typeof testServices>): Promise<void> => {
      const at = '2026-03-20T10:00:00.000Z';
      const figure = {
        urn: '990001',
        term: '2025-26-spring',
        metricId: 'reportCardSafeguarding',
        content: { value: 'notMet' },
        channel: 'card' as const,
        by: 'head@example.org',
        at,
      };
      const { channel, by, content, ...where } = figure;
      await s.round.figures.write({
        urn: '990001',
        term: '2025-26-spring',
        expectedVersion: undefined,
        state: 'submitted',
        submittedBy: by,
        submittedAt: at,
        figures: [figure],
        audit: [{ ...where, channel, by, new: content }],
      });
    };

    it('never overwrites a figure a head gave in a closed round: the file is refused whole, the others imported', async () => {
      const { warnings, spring, ks4 } = await nightly('2026-11-22T10:00:00Z', headGave);
      expect(spring.figures.get('reportCardSafeguarding')).toMatchObject({
        content: { value: 'notMet' },
        channel: 'card',
      });
      expect(spring.figures.size).toBe(1);
      expect(warnings.join('\n')).toContain(
        'ofsted_latest_inspections.csv was not imported: 1 figure a person gave in a closed round would change: 990001 reportCardSafeguarding spring 2026: "notMet" (card, head@example.org, 2026-03-20) would become "met"',
      );
      expect(warnings.join('\n')).toContain('The nightly import corrects nothing');
      expect(ks4.figures.get('attainment8')).toMatchObject({ content: { value: 47.3 }, by: 'dfe-ks4' });
    });

    it("never writes into the open round's term", async () => {
      const { warnings, spring } = await nightly('2026-03-23T10:00:00Z', async (s) => {
        await s.round.rounds.create({
          term: '2025-26-spring',
          status: 'open',
          openedOn: '2026-03-02',
          closesOn: '2026-03-27',
          openedAt: '2026-03-02T09:00:00.000Z',
          openedBy: 'schedule',
          academyCount: 6,
        });
      });
      expect(spring.figures.size).toBe(0);
      expect(warnings.join('\n')).toContain('for spring 2026, whose round is open');
    });

    it('never writes a term that has not started, nor a file whose name says it is published after today', async () => {
      const { warnings, spring, ks4 } = await nightly('2025-12-01T10:00:00Z', () => Promise.resolve());
      expect(spring.figures.size).toBe(0);
      expect(warnings.join('\n')).toContain('for terms that have not started (spring 2026)');
      // The KS4 file's name says 5 Feb 2026: refused whole, with no advice to import it by hand.
      expect(ks4.figures.size).toBe(0);
      const ks4Warning = warnings.find((warning) =>
        warning.includes('dfe-ks4_2024-25_revised_2026-02-05.csv'),
      );
      expect(ks4Warning).toBe(
        'Published files: dfe-ks4_2024-25_revised_2026-02-05.csv was not imported: Refused: 21 figures say they were published on 5 Feb 2026, after today (1 Dec 2025). Check the publication date (--published, or the date in the file name); nothing was imported.',
      );
    });
  });
});

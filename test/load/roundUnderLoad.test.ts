/**
 * The termly round under load and faults, through the real local HTTP host on a real Azurite: 200 heads
 * submitting at once, 50 edits racing on one academy, storage going away in the middle of a submit, the
 * Open round click answered before its fan-out runs (and the fan-out request delivered twice), the
 * opening timer firing twice at once after a host stopped half way through the fan-out, and a host killed
 * between claiming its deliveries and sending them.
 */
import { type ChildProcess, spawn } from 'node:child_process';

import { TableClient } from '@azure/data-tables';
import { InvocationContext, type Timer } from '@azure/functions';
import { QueueClient } from '@azure/storage-queue';

import { academiesToAsk, fanOutPrompts, openRound, promptMessageId } from '../../src/app/round/openRound';
import type { Academy, Roster } from '../../src/domain/roster/roster';
import type { FigureContent, Round } from '../../src/domain/round/round';
import { functionDefinitions } from '../../src/hosts/functionDefinitions';
import { azuriteConnectionString } from '../../src/hosts/local/azurite';
import type { RunningLocalHost } from '../../src/hosts/local/localHost';
import type { Services } from '../../src/hosts/services';
import {
  askedMetrics,
  executeActivity,
  fullAnswer,
  installHeads,
  invokeBody,
  LOAD_START,
  LOAD_TERM,
  LOAD_TERM_REF,
  loadServices,
  type LoadTrust,
  postActivity,
  startLoadHost,
  tickingClock,
  writeLoadTrust,
} from '../support/loadTrust';
import { arrivalsPerConversation, type LocalConnector, startLocalConnector } from '../support/localConnector';
import { testConnectionString, uniqueName } from '../support/storage';
import { endpointPort, startTcpProxy, type TcpProxy } from '../support/tcpProxy';

jest.setTimeout(60_000);

const SUMMARY_MARK = '"verb":"editFigures"';

function valueOf(content: FigureContent | undefined): unknown {
  return content && 'value' in content ? content.value : undefined;
}

function academyOf(roster: Roster, urn: string): Academy {
  const academy = roster.academies.find((candidate) => candidate.urn === urn);
  if (!academy) throw new Error(`no academy ${urn}`);
  return academy;
}

async function eventually(probe: () => Promise<boolean> | boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('200 heads at once, and 50 edits racing, through api/messages', () => {
  const serviceUrl = 'http://127.0.0.1:9/';
  let trust: LoadTrust;
  let services: Services;
  let host: RunningLocalHost;
  let roster: Roster;

  beforeAll(async () => {
    trust = writeLoadTrust(200);
    services = loadServices({
      connectionString: testConnectionString(),
      rosterDir: trust.rosterDir,
      serviceUrl,
      prefix: uniqueName('l').slice(0, 12),
      clock: tickingClock(LOAD_START),
    });
    await services.ready();
    const current = await services.roster.current();
    if (!current) throw new Error('the generated roster did not load');
    roster = current;
    // The round record as openRound writes it; its fan-out (200 prompts) is the subject of the last
    // describe and of bench/fanOut.bench.ts, and these tests are about the answers.
    expect(await services.round.rounds.create(openedRound(trust, 200))).toBe(true);
    host = await startLoadHost(services, testConnectionString());
  });
  afterAll(async () => {
    await host?.stop();
    trust?.remove();
  });

  it('stores every submission exactly once with its audit records, and answers every head', async () => {
    services.roster.refresh(); // all 200 arrive on a cold roster cache
    const answers = await Promise.all(
      trust.heads.map((head) =>
        postActivity(
          host.url,
          executeActivity(head.aad, serviceUrl, {
            verb: 'submitFigures',
            term: LOAD_TERM,
            urn: head.urn,
            ...fullAnswer(services, academyOf(roster, head.urn)),
          }),
        ),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual(trust.heads.map(() => 200));
    for (const answer of answers) expect(JSON.stringify(invokeBody(answer).card)).toContain(SUMMARY_MARK);

    const stored = await Promise.all(
      trust.heads.map(async (head) => {
        const metrics = askedMetrics(services, academyOf(roster, head.urn)).map((m) => m.id);
        const [record, audit] = await Promise.all([
          services.round.figures.read(LOAD_TERM, head.urn),
          services.round.figures.audit(LOAD_TERM, head.urn),
        ]);
        return { head, metrics, record, audit };
      }),
    );
    for (const { head, metrics, record, audit } of stored) {
      expect({ urn: head.urn, state: record.state, by: record.submittedBy }).toEqual({
        urn: head.urn,
        state: 'submitted',
        by: head.email,
      });
      expect([...record.figures.keys()].sort()).toEqual([...metrics].sort());
      // One audit record per figure: a first submission, nothing stored twice.
      expect(audit.map((entry) => entry.metricId).sort()).toEqual([...metrics].sort());
      expect(audit.every((entry) => entry.old === undefined && entry.by === head.email)).toBe(true);
    }
  });

  it('loses none of 50 edits racing on one academy: each is stored with its audit record or asked again', async () => {
    const head = trust.heads[1]!;
    const academy = academyOf(roster, head.urn);
    const base = fullAnswer(services, academy);
    const metric = askedMetrics(services, academy).find(
      (m) => (m.type === 'percent' || m.type === 'number') && (m.max ?? 0) - (m.min ?? 0) >= 60,
    );
    if (!metric) throw new Error(`no wide numeric metric for ${academy.urn}`);
    const first = await postActivity(
      host.url,
      executeActivity(head.aad, serviceUrl, {
        verb: 'submitFigures',
        term: LOAD_TERM,
        urn: head.urn,
        ...base,
      }),
    );
    expect(first.status).toBe(200);
    const baseValue = base[`m_${metric.id}`];
    const values = Array.from({ length: 60 }, (_, i) => String((metric.min ?? 0) + i + 1))
      .filter((value) => value !== baseValue)
      .slice(0, 50);

    const answers = await Promise.all(
      values.map((value) =>
        postActivity(
          host.url,
          executeActivity(head.aad, serviceUrl, {
            verb: 'submitFigures',
            term: LOAD_TERM,
            urn: head.urn,
            ...base,
            [`m_${metric.id}`]: value,
          }),
        ),
      ),
    );
    const storedValues: string[] = [];
    const askedAgain: string[] = [];
    answers.forEach((answer, index) => {
      expect(answer.status).toBe(200);
      const body = invokeBody(answer);
      if (JSON.stringify(body.card ?? {}).includes(SUMMARY_MARK)) storedValues.push(values[index]!);
      else if (body.text?.includes('press Submit again')) askedAgain.push(values[index]!);
      else throw new Error(`edit ${values[index]} got neither: ${JSON.stringify(answer.body).slice(0, 300)}`);
    });
    expect(storedValues.length + askedAgain.length).toBe(50);
    expect(storedValues.length).toBeGreaterThan(0);

    const trail = await services.round.figures.audit(LOAD_TERM, head.urn, metric.id);
    // The first submission, then one record per stored edit, each starting where the one before ended.
    expect(trail.length).toBe(1 + storedValues.length);
    expect(trail[0]?.old).toBeUndefined();
    expect(String(valueOf(trail[0]?.new))).toBe(baseValue);
    for (let i = 1; i < trail.length; i++) {
      expect(trail[i]?.old).toEqual(trail[i - 1]?.new);
      expect(trail[i]!.at > trail[i - 1]!.at).toBe(true);
    }
    expect(
      trail
        .slice(1)
        .map((entry) => String(valueOf(entry.new)))
        .sort(),
    ).toEqual([...storedValues].sort());
    const record = await services.round.figures.read(LOAD_TERM, head.urn);
    expect(record.figures.get(metric.id)?.content).toEqual(trail.at(-1)?.new);
  });
});

describe('storage unreachable during a submit', () => {
  const serviceUrl = 'http://127.0.0.1:9/';
  let trust: LoadTrust;
  let services: Services;
  let host: RunningLocalHost;
  let tables: TcpProxy;
  let queues: TcpProxy;
  let roster: Roster;

  beforeAll(async () => {
    trust = writeLoadTrust(2);
    const real = testConnectionString();
    tables = await startTcpProxy(endpointPort(real, 'Table'));
    queues = await startTcpProxy(endpointPort(real, 'Queue'));
    // The services reach Azurite only through the proxies, which the test cuts as if Azurite had stopped.
    const connectionString = azuriteConnectionString('127.0.0.1', {
      blob: endpointPort(real, 'Blob'),
      queue: queues.port,
      table: tables.port,
    });
    services = loadServices({
      connectionString,
      rosterDir: trust.rosterDir,
      serviceUrl,
      prefix: uniqueName('u').slice(0, 12),
      clock: tickingClock(LOAD_START),
      // Storage is down for the whole of the click: retrying into the cut only waits out the backoff.
      storageMaxRetries: 0,
    });
    await services.ready();
    roster = (await services.roster.current())!;
    await openRound(services.round, roster, LOAD_TERM_REF, trust.executive.email);
    host = await startLoadHost(services, connectionString);
  });
  afterAll(async () => {
    await host?.stop();
    await tables?.stop();
    await queues?.stop();
    trust?.remove();
  });

  it('tells the head nothing was saved, writes nothing, and stores the same click once storage is back', async () => {
    const head = trust.heads[0]!;
    const answer = fullAnswer(services, academyOf(roster, head.urn));
    const click = executeActivity(head.aad, serviceUrl, {
      verb: 'submitFigures',
      term: LOAD_TERM,
      urn: head.urn,
      ...answer,
    });

    await Promise.all([tables.cut(), queues.cut()]);
    const down = await postActivity(host.url, click);
    await Promise.all([tables.restore(), queues.restore()]);

    expect(down.status).toBe(200);
    const told = invokeBody(down).text ?? '';
    expect(told).toContain('nothing from this card was saved');
    expect(told).toContain('press Submit again');
    expect(JSON.stringify(down.body)).not.toMatch(/TableStorageError|ECONNREFUSED|stack|at /);
    const untouched = await services.round.figures.read(LOAD_TERM, head.urn);
    expect({ state: untouched.state, figures: untouched.figures.size }).toEqual({
      state: 'notStarted',
      figures: 0,
    });
    expect(await services.round.figures.audit(LOAD_TERM, head.urn)).toEqual([]);

    // Teams re-sends the same invoke, or the head presses Submit again: stored once.
    for (const attempt of [1, 2]) {
      const back = await postActivity(host.url, click);
      expect({ attempt, status: back.status }).toEqual({ attempt, status: 200 });
      expect(JSON.stringify(invokeBody(back).card)).toContain(SUMMARY_MARK);
    }
    const audit = await services.round.figures.audit(LOAD_TERM, head.urn);
    expect(audit.length).toBe(Object.keys(answer).length);
    expect((await services.round.figures.read(LOAD_TERM, head.urn)).figures.size).toBe(
      Object.keys(answer).length,
    );
  });
});

describe('the opening timer firing twice at once after a host stopped in the middle of the fan-out', () => {
  let trust: LoadTrust;
  let connector: LocalConnector;
  const hosts: RunningLocalHost[] = [];

  beforeAll(async () => {
    trust = writeLoadTrust(40);
    connector = await startLocalConnector();
  });
  afterAll(async () => {
    await Promise.all(hosts.map((host) => host.stop()));
    await connector?.stop();
    trust?.remove();
  });

  it('prompts each head exactly once', async () => {
    const prefix = uniqueName('r').slice(0, 12);
    const bot = (): Services =>
      loadServices({
        connectionString: testConnectionString(),
        rosterDir: trust.rosterDir,
        serviceUrl: connector.serviceUrl,
        prefix,
        clock: tickingClock(LOAD_START),
      });

    // The first host opened the round and stopped part way through its fan-out: 15 academies claimed
    // and queued, 10 claimed but never queued (`pending`), 15 not reached at all.
    const stopped = bot();
    await stopped.ready();
    const roster = (await stopped.roster.current())!;
    await installHeads(stopped, trust, connector.serviceUrl);
    const asked = await academiesToAsk(stopped.round, roster, LOAD_TERM_REF);
    expect(asked.length).toBe(40);
    const round = openedRound(trust, asked.length);
    expect(await stopped.round.rounds.create(round)).toBe(true);
    await fanOutPrompts(stopped.round, roster, round, asked.slice(0, 15));
    for (const entry of asked.slice(15, 25)) {
      expect(
        await stopped.round.prompts.claim({
          term: LOAD_TERM,
          urn: entry.academy.urn,
          personEmail: entry.head!.email,
          state: 'pending',
          claimedAt: LOAD_START,
          remindedOn: [],
        }),
      ).toBe(true);
    }

    // Two hosts come up over the same storage, and the schedule fires on both at the same moment.
    const restarted = [bot(), bot()];
    await Promise.all(restarted.map((services) => services.ready()));
    const timer = { isPastDue: false, schedule: { adjustForDST: false }, scheduleStatus: {} } as Timer;
    await Promise.all(
      restarted.map(async (services) => {
        const schedule = functionDefinitions(services).find((d) => d.name === 'roundSchedule');
        if (schedule?.trigger !== 'timer') throw new Error('no roundSchedule timer');
        await schedule.handler(timer, new InvocationContext({ functionName: 'roundSchedule' }));
      }),
    );

    // Every academy's prompt is on the queue; a prompt queued by both firings carries the same id.
    const queue = new QueueClient(testConnectionString(), stopped.outboxQueueName);
    const ids = new Map<string, number>();
    for (;;) {
      const { receivedMessageItems } = await queue.receiveMessages({
        numberOfMessages: 32,
        visibilityTimeout: 2,
      });
      if (receivedMessageItems.length === 0) break;
      for (const item of receivedMessageItems) {
        const { id } = JSON.parse(Buffer.from(item.messageText, 'base64').toString()) as { id: string };
        ids.set(id, (ids.get(id) ?? 0) + 1);
      }
    }
    expect([...ids.keys()].sort()).toEqual(
      asked.map((entry) => promptMessageId(LOAD_TERM, entry.academy.urn)).sort(),
    );
    const prompts = await Promise.all(
      asked.map((entry) => one(restarted).round.prompts.get(LOAD_TERM, entry.academy.urn)),
    );
    expect(prompts.map((prompt) => prompt?.state)).toEqual(asked.map(() => 'queued'));

    // Both hosts deliver from the queue at once: each head gets exactly one card.
    for (const services of restarted) hosts.push(await startLoadHost(services, testConnectionString()));
    await eventually(() => connector.arrivals.length >= asked.length, 30_000);
    await eventually(async () => ((await queue.getProperties()).approximateMessagesCount ?? 0) === 0, 30_000);
    await new Promise((resolve) => setTimeout(resolve, 1500)); // room for a duplicate to show
    const perConversation = arrivalsPerConversation(connector.arrivals);
    expect([...perConversation.keys()].sort()).toEqual(asked.map((entry) => `a:${entry.academy.urn}`).sort());
    expect([...perConversation.values()].every((count) => count === 1)).toBe(true);
    expect(
      connector.arrivals.every(({ activity }) => JSON.stringify(activity).includes('submitFigures')),
    ).toBe(true);
  });
});

describe('the Open round click, answered before its fan-out runs', () => {
  let trust: LoadTrust;
  let connector: LocalConnector;
  const hosts: RunningLocalHost[] = [];

  beforeAll(async () => {
    trust = writeLoadTrust(60);
    connector = await startLocalConnector();
  });
  afterAll(async () => {
    await Promise.all(hosts.map((host) => host.stop()));
    await connector?.stop();
    trust?.remove();
  });

  it('answers with the fan-out still queued; the request delivered twice, on two hosts, prompts each head once', async () => {
    const prefix = uniqueName('c').slice(0, 12);
    const bot = (): Services =>
      loadServices({
        connectionString: testConnectionString(),
        rosterDir: trust.rosterDir,
        serviceUrl: connector.serviceUrl,
        prefix,
        clock: tickingClock(LOAD_START),
      });
    const services = bot();
    await services.ready();
    await installHeads(services, trust, connector.serviceUrl);
    // A host serving api/messages whose queue functions have not started: what the click's answer
    // leaves behind is still there to be looked at when the answer is back.
    const web = await startLoadHost(services, testConnectionString(), [], {
      only: (definition) => definition.trigger === 'http',
    });
    hosts.push(web);
    const answer = await postActivity(
      web.url,
      executeActivity(trust.executive.aad, connector.serviceUrl, { verb: 'openRound', term: LOAD_TERM }),
    );
    expect(answer.status).toBe(200);
    expect(JSON.stringify(invokeBody(answer).card)).toContain(
      'Round opened for autumn 2026: prompting 60 heads now',
    );
    const fanOutQueue = new QueueClient(testConnectionString(), services.fanOutQueueName);
    const outbox = new QueueClient(testConnectionString(), services.outboxQueueName);
    const { peekedMessageItems } = await fanOutQueue.peekMessages({ numberOfMessages: 32 });
    expect(
      peekedMessageItems.map(
        (item) => JSON.parse(Buffer.from(item.messageText, 'base64').toString()) as unknown,
      ),
    ).toEqual([expect.objectContaining({ term: LOAD_TERM, requestedBy: trust.executive.email })]);
    expect(await services.round.prompts.list(LOAD_TERM)).toEqual([]);
    expect((await outbox.getProperties()).approximateMessagesCount).toBe(0);
    expect(connector.arrivals).toEqual([]);

    // The queue delivers the request twice (a second copy of it), and two hosts run the queue functions.
    await fanOutQueue.sendMessage(peekedMessageItems[0]!.messageText);
    const second = bot();
    await second.ready();
    for (const host of [services, second]) hosts.push(await startLoadHost(host, testConnectionString()));
    await eventually(() => arrivalsPerConversation(connector.arrivals).size >= 60, 45_000);
    await eventually(async () => {
      const [left, requests] = await Promise.all([outbox.getProperties(), fanOutQueue.getProperties()]);
      return left.approximateMessagesCount === 0 && requests.approximateMessagesCount === 0;
    }, 30_000);
    await new Promise((resolve) => setTimeout(resolve, 1500)); // room for a duplicate to show
    const perConversation = arrivalsPerConversation(connector.arrivals);
    expect([...perConversation.keys()].sort()).toEqual(trust.heads.map((head) => `a:${head.urn}`).sort());
    expect([...perConversation.values()].every((count) => count === 1)).toBe(true);
    const prompts = await services.round.prompts.list(LOAD_TERM);
    // Beside the heads, the executive, who owns the trust figures and has no chat with the bot here.
    expect(prompts.map((prompt) => prompt.state)).toEqual([
      ...trust.heads.map(() => 'queued'),
      'noConversation',
    ]);
    expect(prompts.at(-1)?.urn).toBe(`owner:${trust.executive.email}`);
  });
});

describe('a host killed between claiming its deliveries and sending them', () => {
  let trust: LoadTrust;
  let connector: LocalConnector;
  let child: ChildProcess | undefined;
  let host: RunningLocalHost | undefined;

  beforeAll(async () => {
    trust = writeLoadTrust(20);
    connector = await startLocalConnector();
  });
  afterAll(async () => {
    child?.kill('SIGKILL');
    await host?.stop();
    await connector?.stop();
    trust?.remove();
  });

  it('ends with every head prompted exactly once after the queue delivers again', async () => {
    const prefix = uniqueName('k').slice(0, 12);
    const services = loadServices({
      connectionString: testConnectionString(),
      rosterDir: trust.rosterDir,
      serviceUrl: connector.serviceUrl,
      prefix,
      clock: tickingClock(LOAD_START),
    });
    await services.ready();
    const roster = (await services.roster.current())!;
    await installHeads(services, trust, connector.serviceUrl);
    const round = openedRound(trust, trust.heads.length);
    expect(await services.round.rounds.create(round)).toBe(true);
    expect((await fanOutPrompts(services.round, roster, round)).queued).toBe(20);

    // Teams takes the sends in but does not answer them yet; the host in its own process claims every
    // delivery and sends, and is killed before any send is accepted.
    connector.holding = true;
    child = spawn(process.execPath, ['--import', 'tsx', 'test/support/childHost.ts'], {
      env: {
        ...process.env,
        CHILD_STORAGE: testConnectionString(),
        CHILD_ROSTER_DIR: trust.rosterDir,
        CHILD_SERVICE_URL: connector.serviceUrl,
        CHILD_PREFIX: prefix,
        CHILD_START: LOAD_START,
        CHILD_VISIBILITY_SECONDS: '2',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const exited = new Promise((resolve) => child?.once('exit', resolve));
    await eventually(() => connector.held === 20, 45_000);
    const activities = TableClient.fromConnectionString(testConnectionString(), `${prefix}activities`, {
      allowInsecureConnection: true,
    });
    const claims: Record<string, unknown>[] = [];
    for await (const entity of activities.listEntities<Record<string, unknown>>()) claims.push(entity);
    const unsent = claims.filter((claim) => typeof claim.holder === 'string' && claim.sentAt === undefined);
    expect(unsent).toHaveLength(20);
    child.kill('SIGKILL');
    await exited;
    expect(connector.arrivals).toEqual([]);

    // Another host takes over: each message reappears once its lease lapses, and is sent once.
    connector.holding = false;
    host = await startLoadHost(services, testConnectionString(), [], { queueVisibilityTimeoutSeconds: 2 });
    const outbox = new QueueClient(testConnectionString(), services.outboxQueueName);
    await eventually(() => arrivalsPerConversation(connector.arrivals).size >= 20, 45_000);
    await eventually(async () => (await outbox.getProperties()).approximateMessagesCount === 0, 30_000);
    await new Promise((resolve) => setTimeout(resolve, 1500)); // room for a duplicate to show
    const perConversation = arrivalsPerConversation(connector.arrivals);
    expect([...perConversation.keys()].sort()).toEqual(trust.heads.map((head) => `a:${head.urn}`).sort());
    expect([...perConversation.values()].every((count) => count === 1)).toBe(true);
  });
});

/** The open round's record, as openRound writes it on the load day. */
function openedRound(trust: LoadTrust, academyCount: number): Round {
  return {
    term: LOAD_TERM,
    status: 'open',
    openedOn: LOAD_START.slice(0, 10),
    closesOn: '2026-12-12',
    openedAt: LOAD_START,
    openedBy: trust.executive.email,
    academyCount,
  };
}

function one(services: Services[]): Services {
  const first = services[0];
  if (!first) throw new Error('no services');
  return first;
}

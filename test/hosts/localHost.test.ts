import { QueueClient } from '@azure/storage-queue';

import { readRosterDir } from '../../src/adapters/files/readRosterDir';
import { type FunctionDefinition, functionDefinitions } from '../../src/hosts/functionDefinitions';
import { startLocalHost } from '../../src/hosts/local/localHost';
import { freePort } from '../../src/hosts/local/netPorts';
import { testServices } from '../support/services';
import { testConnectionString } from '../support/storage';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('the local host', () => {
  const services = testServices();
  let host: Awaited<ReturnType<typeof startLocalHost>>;
  let base: string;
  let ticks = 0;
  const warmUpsRun: string[] = [];

  beforeAll(async () => {
    const port = await freePort();
    const everySecond: FunctionDefinition = {
      name: 'tick',
      trigger: 'timer',
      schedule: '* * * * * *',
      handler: () => {
        ticks += 1;
        return Promise.resolve();
      },
    };
    // The poison queues are left unwatched here, so the test reads what lands there rather than racing
    // their handlers for it (those are tested in functionDefinitions.test.ts).
    const definitions = functionDefinitions(services).filter(
      (d) => d.trigger !== 'queue' || !d.queueName.endsWith('-poison'),
    );
    const warmUp: FunctionDefinition = {
      name: 'recordWarmUp',
      trigger: 'warmup',
      handler: (_warmup, context) => {
        warmUpsRun.push(context.functionName);
        return Promise.resolve();
      },
    };
    host = await startLocalHost({
      definitions: [...definitions, everySecond, warmUp],
      port,
      storageConnectionString: testConnectionString(),
      log: quiet,
    });
    base = `http://localhost:${port}`;
  });
  afterAll(() => host.stop());

  it('serves the bot endpoint on /api/messages', async () => {
    const roster = await readRosterDir('demo/roster');
    const executive = roster.ok ? roster.roster.people.find((p) => p.role === 'executive') : undefined;
    const response = await fetch(`${base}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        id: 'local-1',
        text: 'who am I',
        channelId: 'msteams',
        deliveryMode: 'expectReplies',
        serviceUrl: 'http://127.0.0.1:9/',
        from: { id: '29:exec', aadObjectId: executive?.aadObjectId },
        recipient: { id: '28:bot' },
        conversation: { id: 'a:local-chat', conversationType: 'personal' },
      }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { activities: { type: string; text?: string }[] };
    const answer = body.activities.find((a) => a.type === 'message');
    expect(answer?.text).toContain(`You are ${executive?.name}`);
  });

  it('serves the health check', async () => {
    const response = await fetch(`${base}/api/health`);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { status: string }).status).toBe('ok');
  });

  it.each([
    ['an unknown path', '/api/nothing', 'GET', 404],
    ['a wrong method', '/api/messages', 'GET', 405],
  ])('answers %s (%s %s) with %d', async (_case, path, method, status) => {
    const response = await fetch(`${base}${path}`, { method });
    expect(response.status).toBe(status);
    expect(((await response.json()) as { error: string }).error).toBeTruthy();
  });

  it('runs warm-up functions once when it starts, as Azure does on a new instance', async () => {
    await eventually(() => Promise.resolve(warmUpsRun.length > 0 ? true : undefined), 3000);
    expect(warmUpsRun).toEqual(['recordWarmUp']);
  });

  it('runs timer functions on their schedule', async () => {
    await eventually(() => Promise.resolve(ticks > 0 ? true : undefined), 3000);
  });

  it('feeds queued messages to the queue function, and one that is not JSON to the poison queue', async () => {
    await services.ready();
    const queue = new QueueClient(testConnectionString(), services.outboxQueueName);
    const poison = new QueueClient(testConnectionString(), `${services.outboxQueueName}-poison`);
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64');
    await queue.sendMessage(
      encode({
        id: 'q1',
        conversationKey: 'person:nobody@example.org',
        activity: { type: 'message', text: 'hi' },
      }),
    );
    await queue.sendMessage(Buffer.from('not json at all').toString('base64'));
    const poisoned = await eventually(async () => {
      if (!(await poison.exists())) return undefined;
      const peeked = await poison.peekMessages();
      return peeked.peekedMessageItems[0];
    }, 20_000);
    expect(Buffer.from(poisoned.messageText, 'base64').toString()).toBe('not json at all');
    await eventually(async () => {
      const props = await queue.getProperties();
      return props.approximateMessagesCount === 0 ? true : undefined;
    }, 20_000);
  });
});

describe('the local host at start', () => {
  /** A host with one warm-up, held until `release` is called, and one HTTP function saying whether it ended. */
  async function hostWithWarmUp(warmUpWaitMs: number) {
    let release: () => void = () => undefined;
    let warmedUp = false;
    const warmUp: FunctionDefinition = {
      name: 'slowWarmUp',
      trigger: 'warmup',
      handler: () =>
        new Promise<void>((resolve) => {
          release = () => {
            warmedUp = true;
            resolve();
          };
        }),
    };
    const probe: FunctionDefinition = {
      name: 'probe',
      trigger: 'http',
      route: 'probe',
      methods: ['GET'],
      handler: () => Promise.resolve({ jsonBody: { warmedUp } }),
    };
    const port = await freePort();
    const starting = startLocalHost({
      definitions: [warmUp, probe],
      port,
      storageConnectionString: testConnectionString(),
      log: quiet,
      warmUpWaitMs,
    });
    return { starting, release: () => release(), probeUrl: `http://localhost:${port}/api/probe` };
  }

  it('takes no traffic until its warm-up functions have run, as Azure does with an instance it adds', async () => {
    const { starting, release, probeUrl } = await hostWithWarmUp(30_000);
    let whileWarming: unknown;
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      whileWarming = await fetch(probeUrl).then(
        () => 'answered',
        () => 'refused',
      );
    } finally {
      release();
    }
    const host = await starting;
    try {
      // Still warming up, nothing listened; once warm, it answers.
      expect(whileWarming).toBe('refused');
      const answer = (await (await fetch(probeUrl)).json()) as { warmedUp: boolean };
      expect(answer.warmedUp).toBe(true);
    } finally {
      await host.stop();
    }
  });

  it('takes traffic anyway once a warm-up has run longer than warmUpWaitMs', async () => {
    const { starting, release, probeUrl } = await hostWithWarmUp(200);
    const host = await starting;
    try {
      const answer = (await (await fetch(probeUrl)).json()) as { warmedUp: boolean };
      expect(answer.warmedUp).toBe(false);
    } finally {
      release();
      await host.stop();
    }
  });
});

describe('the local host with timers left to runTimer (npm run demo)', () => {
  it('runs a timer function only when asked, never by its schedule', async () => {
    let ticks = 0;
    const failures: string[] = [];
    const host = await startLocalHost({
      definitions: [
        {
          name: 'tick',
          trigger: 'timer',
          schedule: '* * * * * *',
          handler: () => {
            ticks += 1;
            return Promise.resolve();
          },
        },
      ],
      port: await freePort(),
      storageConnectionString: testConnectionString(),
      log: { ...quiet, error: (message) => failures.push(message) },
      timers: 'manual',
    });
    try {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(ticks).toBe(0);
      await host.runTimer('tick');
      expect(ticks).toBe(1);
      await expect(host.runTimer('tock')).rejects.toThrow('No timer function is named tock.');
      expect(failures).toEqual([]);
    } finally {
      await host.stop();
    }
  });
});

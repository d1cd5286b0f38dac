/**
 * The bad-input suite: every case in cases.json is sent to the real product — the local HTTP host over
 * the real function list, on a real Azurite — or run through the command line, and must get exactly the
 * answer the case gives. For every case the storage tables are compared before and after (nothing may
 * be stored: a turn's only trace is the claim of its activity id, and only cases that run a turn may
 * leave one), and the host must still answer its health check afterwards. Add a case for every new
 * input a feature reads.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { TableClient, TableServiceClient } from '@azure/data-tables';
import { QueueClient } from '@azure/storage-queue';

import { reportInternalError, runCli } from '../../src/cli/main';
import { functionDefinitions } from '../../src/hosts/functionDefinitions';
import { startLocalHost } from '../../src/hosts/local/localHost';
import { freePort } from '../../src/hosts/local/netPorts';
import { testServices } from '../support/services';
import { testConnectionString } from '../support/storage';
import cases from './cases.json';

type Json = unknown;

interface EndpointCase {
  name: string;
  method?: string;
  path?: string;
  /** Exactly one way of giving the body. */
  body?: Json;
  raw?: string;
  base64?: string;
  /** An activity built on a template: the demo executive's personal chat, or a stranger's. */
  activity?: { from: 'executive' | 'stranger'; set?: Record<string, Json>; unset?: string[] };
  /** Fills a field with a long text: `{ "path": "text", "text": "x", "times": 100000 }`. */
  long?: { path: string; text: string; times: number };
  status: number;
  /** The exact `error` of the JSON answer. */
  error?: string;
  /** The exact JSON answer. */
  json?: Json;
  /** The exact texts of the bot's replies (expectReplies), in order. */
  replies?: string[];
  /** A turn ran: the claim of its activity id may be the one new row. */
  turn?: boolean;
}

interface CliCase {
  name: string;
  argv: string[];
  /** Files to create under {tmp}: text, or `{ "base64" }`, `{ "utf16le" }`, `{ "nfd": text }`. */
  files?: Record<string, string | { base64?: string; utf16le?: string; latin1?: string }>;
  folders?: string[];
  /** Named pipes (FIFOs) to create under {tmp} (after the roster copy): reading one never ends. */
  fifos?: string[];
  /** A copy of the demo roster at {tmp}/roster with these files replaced. */
  roster?: Record<string, string | { base64?: string; utf16le?: string; latin1?: string }>;
  exit: number;
  /** Lines that must each appear, exactly, in what the command wrote to standard error. */
  stderr: string[];
}

const ROOT = join(__dirname, '../..');
const SERVICE_URL = 'http://127.0.0.1:9/';
const EXECUTIVE = '00000000-0000-4000-8000-0000000000e1';

const services = testServices();
let base: string;
let stopHost: () => Promise<void>;
let executiveId = EXECUTIVE;

function setPath(target: Record<string, Json>, path: string, value: Json): void {
  const keys = path.split('.');
  let at: Record<string, Json> = target;
  for (const key of keys.slice(0, -1)) {
    if (typeof at[key] !== 'object' || at[key] === null) at[key] = {};
    at = at[key] as Record<string, Json>;
  }
  at[keys[keys.length - 1]!] = value;
}

function unsetPath(target: Record<string, Json>, path: string): void {
  const keys = path.split('.');
  let at: Record<string, Json> | undefined = target;
  for (const key of keys.slice(0, -1)) at = at?.[key] as Record<string, Json> | undefined;
  if (at) delete at[keys[keys.length - 1]!];
}

let nextId = 1;
function activityFor(spec: NonNullable<EndpointCase['activity']>): Record<string, Json> {
  const aadObjectId = spec.from === 'executive' ? executiveId : 'ffffffff-0000-4000-8000-000000000000';
  const activity: Record<string, Json> = {
    type: 'message',
    id: `bad-input-${nextId++}`,
    channelId: 'msteams',
    deliveryMode: 'expectReplies',
    serviceUrl: SERVICE_URL,
    // The same person and chat in every case, so the reference the first message stored stays the same.
    from: { id: `29:${spec.from}`, aadObjectId, name: spec.from },
    recipient: { id: '28:bot', name: 'Trust Plan' },
    conversation: { id: `a:${spec.from}-chat`, conversationType: 'personal' },
    text: 'help',
  };
  for (const [path, value] of Object.entries(spec.set ?? {})) setPath(activity, path, value);
  for (const path of spec.unset ?? []) unsetPath(activity, path);
  return activity;
}

function bodyOf(test: EndpointCase): BodyInit | undefined {
  if (test.raw !== undefined) return test.raw;
  if (test.base64 !== undefined) return Buffer.from(test.base64, 'base64');
  let body: Json = test.activity ? activityFor(test.activity) : test.body;
  if (test.long) {
    body = typeof body === 'object' && body !== null ? body : {};
    setPath(body as Record<string, Json>, test.long.path, test.long.text.repeat(test.long.times));
  }
  return body === undefined ? undefined : JSON.stringify(body);
}

/** Every row of every table of this test's services, and the outbox queue's length. */
async function snapshot(): Promise<{ tables: Record<string, unknown[]>; queued: number }> {
  const connection = testConnectionString();
  const prefix = services.config.storagePrefix;
  const tables: Record<string, unknown[]> = {};
  for await (const table of TableServiceClient.fromConnectionString(connection, {
    allowInsecureConnection: true,
  }).listTables()) {
    const name = table.name ?? '';
    if (!name.startsWith(prefix)) continue;
    const rows: unknown[] = [];
    const client = TableClient.fromConnectionString(connection, name, { allowInsecureConnection: true });
    for await (const entity of client.listEntities()) {
      const { etag: _etag, timestamp: _timestamp, ...content } = entity as Record<string, unknown>;
      rows.push(content);
    }
    tables[name] = rows;
  }
  const queue = new QueueClient(connection, services.outboxQueueName);
  const queued = (await queue.getProperties()).approximateMessagesCount ?? 0;
  return { tables, queued };
}

/** What a case may change: nothing, or (for a turn) one claim in the activity log. */
function withoutClaims(state: Awaited<ReturnType<typeof snapshot>>, turn: boolean): unknown {
  if (!turn) return state;
  const tables = Object.fromEntries(
    Object.entries(state.tables).filter(([name]) => !/activities$/i.test(name)),
  );
  return { ...state, tables };
}

async function stillUp(): Promise<void> {
  const response = await fetch(`${base}/api/health`);
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ status: 'ok' });
}

beforeAll(async () => {
  await services.ready();
  const roster = await services.roster.current();
  const executive = roster?.people.find((person) => person.role === 'executive' && person.aadObjectId);
  if (!executive?.aadObjectId) throw new Error('the demo roster has no executive with an object id');
  executiveId = executive.aadObjectId;
  const port = await freePort();
  const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
  const host = await startLocalHost({
    definitions: functionDefinitions(services),
    port,
    storageConnectionString: testConnectionString(),
    log: quiet,
  });
  base = `http://localhost:${port}`;
  stopHost = () => host.stop();
  // The executive's chat is stored once here; the cases then talk in it without changing it.
  const first = await fetch(`${base}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activityFor({ from: 'executive', set: { text: 'who am I' } })),
  });
  expect(first.status).toBe(200);
});
afterAll(() => stopHost());

const endpointCases = cases.endpoint as EndpointCase[];
const cliCases = cases.cli as CliCase[];

describe('the bot endpoint, given bad input', () => {
  it('has at least 60 cases, each named once', () => {
    expect(endpointCases.length).toBeGreaterThanOrEqual(60);
    expect(new Set(endpointCases.map((test) => test.name)).size).toBe(endpointCases.length);
  });

  it.each(endpointCases.map((test) => [test.name, test] as const))('%s', async (_name, test) => {
    const before = await snapshot();
    const body = bodyOf(test);
    const response = await fetch(`${base}${test.path ?? '/api/messages'}`, {
      method: test.method ?? 'POST',
      headers: { 'content-type': 'application/json' },
      ...(body !== undefined && { body }),
    });
    const answer = (await response.json()) as {
      error?: string;
      activities?: { type: string; text?: string }[];
    };
    expect({ status: response.status, error: answer.error }).toEqual({
      status: test.status,
      error: test.error,
    });
    if (test.json !== undefined) expect(answer).toEqual(test.json);
    if (test.replies !== undefined) {
      const texts = (answer.activities ?? []).filter((a) => a.type === 'message').map((a) => a.text);
      expect(texts).toEqual(test.replies);
    }
    expect(JSON.stringify(answer)).not.toMatch(/\s+at .+\(.+:\d+:\d+\)|TypeError|ReferenceError|RestError/);
    expect(withoutClaims(await snapshot(), test.turn === true)).toEqual(
      withoutClaims(before, test.turn === true),
    );
    await stillUp();
  });
});

function writeSpec(
  path: string,
  spec: string | { base64?: string; utf16le?: string; latin1?: string },
): void {
  if (typeof spec === 'string') writeFileSync(path, spec);
  else if (spec.base64 !== undefined) writeFileSync(path, Buffer.from(spec.base64, 'base64'));
  else if (spec.utf16le !== undefined) writeFileSync(path, Buffer.from(spec.utf16le, 'utf16le'));
  else if (spec.latin1 !== undefined) writeFileSync(path, Buffer.from(spec.latin1, 'latin1'));
}

describe('the command line, given bad input', () => {
  it('has at least 40 cases, each named once', () => {
    expect(cliCases.length).toBeGreaterThanOrEqual(40);
    expect(new Set(cliCases.map((test) => test.name)).size).toBe(cliCases.length);
  });

  it.each(cliCases.map((test) => [test.name, test] as const))('%s', async (_name, test) => {
    const tmp = mkdtempSync(join(tmpdir(), 'bad-input-'));
    for (const folder of test.folders ?? []) mkdirSync(join(tmp, folder), { recursive: true });
    for (const [name, spec] of Object.entries(test.files ?? {})) writeSpec(join(tmp, name), spec);
    if (test.roster) {
      mkdirSync(join(tmp, 'roster'));
      for (const file of readdirSync(join(ROOT, 'demo/roster'))) {
        writeFileSync(join(tmp, 'roster', file), readFileSync(join(ROOT, 'demo/roster', file)));
      }
      for (const [name, spec] of Object.entries(test.roster)) writeSpec(join(tmp, 'roster', name), spec);
    }
    for (const fifo of test.fifos ?? []) {
      rmSync(join(tmp, fifo), { force: true });
      execFileSync('mkfifo', [join(tmp, fifo)]);
    }
    const fill = (text: string) =>
      text
        .replaceAll('{tmp}', tmp)
        .replaceAll('{demoPlan}', join(ROOT, 'plans/demo-2025-2028.yaml'))
        .replaceAll('{demoRoster}', join(ROOT, 'demo/roster'))
        .replaceAll('{demoData}', join(ROOT, 'demo/data/observations.csv'));

    const before = await snapshot();
    let err = '';
    const code = await runCli(test.argv.map(fill), { out: () => undefined, err: (text) => (err += text) });
    const lines = err.split('\n');
    expect({ code, missing: test.stderr.map(fill).filter((line) => !lines.includes(line)) }).toEqual({
      code: test.exit,
      missing: [],
    });
    expect(err).not.toMatch(/^\s+at /m);
    expect(await snapshot()).toEqual(before);
    await stillUp();
  });
});

describe('the last resorts', () => {
  it('answers a turn that fails inside (its storage gone) with an apology, and stays up', async () => {
    const broken = testServices();
    await broken.ready();
    const port = await freePort();
    const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
    const host = await startLocalHost({
      definitions: functionDefinitions(broken),
      port,
      storageConnectionString: testConnectionString(),
      log: quiet,
    });
    try {
      const activities = `${broken.config.storagePrefix}activities`;
      await TableClient.fromConnectionString(testConnectionString(), activities, {
        allowInsecureConnection: true,
      }).deleteTable();
      const response = await fetch(`http://localhost:${port}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activityFor({ from: 'executive' })),
      });
      expect(response.status).toBe(200);
      const answer = (await response.json()) as { activities: { type: string; text?: string }[] };
      expect(answer.activities.filter((a) => a.type === 'message').map((a) => a.text)).toEqual([
        'Sorry, something went wrong on my side. Please try again in a minute.',
      ]);
      const health = await fetch(`http://localhost:${port}/api/health`);
      expect(health.status).toBe(200);
    } finally {
      await host.stop();
    }
  });

  it.each([
    [{}, false],
    [{ DEBUG: '1' }, true],
  ])('reports an error no command expected in one line, with exit 70 (env %j: stack %s)', (env, stack) => {
    let err = '';
    const error = new TypeError("Cannot read properties of undefined (reading 'x')\nsecond line");
    const code = reportInternalError(error, { out: () => undefined, err: (text) => (err += text) }, env);
    expect(code).toBe(70);
    expect(err.split('\n')[0]).toBe("Internal error: Cannot read properties of undefined (reading 'x')");
    expect(err).toContain(
      'This is a bug, not a problem with your files; please report it with the command you ran.',
    );
    expect(/^\s+at /m.test(err)).toBe(stack);
  });
});

/**
 * A generated trust for the load tests and benchmarks: N academies, each with a head who has a stored 1:1
 * conversation on a loopback connector, written as roster files to a temporary folder and loaded by the
 * product's own services (real Azurite, the real bot, the real local host).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { StorageRequestCounter } from '../../src/adapters/tableStorage/storageRequestCounter';
import { loadConfig } from '../../src/config';
import type { Metric } from '../../src/domain/metrics/metric';
import type { Academy } from '../../src/domain/roster/roster';
import { flattenRequested, requestedMetrics } from '../../src/domain/round/requestedMetrics';
import type { TermRef } from '../../src/domain/terms/term';
import { type FunctionDefinition, functionDefinitions } from '../../src/hosts/functionDefinitions';
import { type RunningLocalHost, startLocalHost } from '../../src/hosts/local/localHost';
import { freePort } from '../../src/hosts/local/netPorts';
import { createServices, type Services } from '../../src/hosts/services';

export const LOAD_TERM = '2026-27-autumn';
export const LOAD_TERM_REF: TermRef = { startYear: 2026, term: 'autumn' };
/** Inside the autumn window (11-24..12-12), after the schedule's hour, on no reminder day. */
export const LOAD_START = '2026-12-02T10:00:00Z';

export interface LoadHead {
  email: string;
  aad: string;
  urn: string;
}

export interface LoadTrust {
  rosterDir: string;
  executive: { email: string; aad: string };
  heads: LoadHead[];
  /** Removes the roster folder. */
  remove(): void;
}

const PHASES = ['primary', 'secondary', 'primary', 'special', 'allThrough'] as const;

function guid(n: number): string {
  return `10ad0000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

/** Writes trust.yaml, academies.csv and people.csv for `size` academies to a new temporary folder. */
export function writeLoadTrust(size: number): LoadTrust {
  const rosterDir = mkdtempSync(join(tmpdir(), 'load-trust-'));
  const heads: LoadHead[] = [];
  const academies = ['urn,name,phase,route,town,openedOn,joinedOn,tags'];
  const people = ['email,name,role,title,academyUrn,aadObjectId'];
  const executive = { email: 'ceo@load-trust.example', aad: guid(0) };
  people.push(`${executive.email},Casey Exec,executive,Chief Executive Officer,,${executive.aad}`);
  for (let index = 0; index < size; index++) {
    const urn = String(700000 + index);
    const phase = PHASES[index % PHASES.length] ?? 'primary';
    academies.push(
      `${urn},Academy ${index + 1},${phase},converter,Town ${index % 17},2015-09-01,2016-09-01,`,
    );
    const head = { email: `head${index + 1}@load-trust.example`, aad: guid(index + 1), urn };
    heads.push(head);
    people.push(`${head.email},Head ${index + 1},head,Headteacher,${urn},${head.aad}`);
  }
  writeFileSync(join(rosterDir, 'trust.yaml'), 'name: The Load Test Trust\nboardChannel: Board\n');
  writeFileSync(join(rosterDir, 'academies.csv'), `${academies.join('\n')}\n`);
  writeFileSync(join(rosterDir, 'people.csv'), `${people.join('\n')}\n`);
  return {
    rosterDir,
    executive,
    heads,
    remove: () => rmSync(rosterDir, { recursive: true, force: true }),
  };
}

export interface LoadServiceOptions {
  connectionString: string;
  rosterDir: string;
  /** The loopback connector the heads' conversations point at (ALLOWED_SERVICE_URLS). */
  serviceUrl: string;
  /** Table and queue prefix; two services with the same prefix are two hosts of one bot. */
  prefix: string;
  clock: () => Date;
  sendsPerSecond?: number;
  /** Counts the table requests the services send. */
  requestCounter?: StorageRequestCounter;
  /** STORAGE_MAX_RETRIES: a test that takes storage away need not wait out the SDK's backoff. */
  storageMaxRetries?: number;
}

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** The product's services over the given storage, roster and connector, as a host builds them. */
export function loadServices(options: LoadServiceOptions): Services {
  const config = loadConfig({
    AzureWebJobsStorage: options.connectionString,
    STORAGE_PREFIX: options.prefix,
    ROSTER_DIR: options.rosterDir,
    HISTORY_FILE: 'none',
    ALLOWED_SERVICE_URLS: options.serviceUrl,
    OUTBOX_SENDS_PER_SECOND: String(options.sendsPerSecond ?? 50),
    ...(options.storageMaxRetries !== undefined && {
      STORAGE_MAX_RETRIES: String(options.storageMaxRetries),
    }),
  });
  return createServices(config, {
    clock: options.clock,
    log: quiet,
    ...(options.requestCounter && { requestCounter: options.requestCounter }),
  });
}

/** Stores every head's 1:1 conversation on the connector, as their install of the app would. */
export async function installHeads(services: Services, trust: LoadTrust, serviceUrl: string): Promise<void> {
  const at = services.clock().toISOString();
  const queue = [...trust.heads];
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let head = queue.shift(); head; head = queue.shift()) {
        await services.conversations.save({
          key: `person:${head.email}`,
          kind: 'personal',
          personEmail: head.email,
          reference: {
            conversation: { id: `a:${head.urn}`, conversationType: 'personal' },
            serviceUrl,
            channelId: 'msteams',
            bot: { id: '28:bot' },
            user: { id: `29:${head.aad}`, aadObjectId: head.aad },
          },
          updatedAt: at,
        });
      }
    }),
  );
}

function sampleValue(metric: Metric): string {
  if (metric.options) return metric.options[metric.options.length - 1]?.value ?? '';
  if (metric.type === 'yesNo') return 'yes';
  if (metric.type === 'date') return '2026-11-20';
  return String(Math.round(((metric.min ?? 0) + (metric.max ?? 100)) / 2));
}

/** The metrics the plan asks the academy for in the load term. */
export function askedMetrics(services: Services, academy: Academy): Metric[] {
  const groups = requestedMetrics(services.round.plan, academy, LOAD_TERM_REF, services.round.calendar);
  return flattenRequested(groups).map(({ metric }) => metric);
}

/** A valid value for every figure the card asks (optional ones included): the full card. */
export function fullAnswer(services: Services, academy: Academy): Record<string, string> {
  return Object.fromEntries(askedMetrics(services, academy).map((m) => [`m_${m.id}`, sampleValue(m)]));
}

let nextActivity = 1;

/** An Action.Execute invoke from a head, as Teams posts it to api/messages. */
export function executeActivity(
  aad: string,
  serviceUrl: string,
  data: Record<string, unknown>,
  id = `load-${process.pid}-${nextActivity++}`,
): Record<string, unknown> {
  return {
    type: 'invoke',
    name: 'adaptiveCard/action',
    id,
    channelId: 'msteams',
    serviceUrl,
    from: { id: `29:${aad}`, name: 'Head', aadObjectId: aad },
    recipient: { id: '28:bot', name: 'Trust Plan' },
    conversation: { id: `a:personal-${aad}`, conversationType: 'personal' },
    replyToId: 'card-1',
    value: { action: { type: 'Action.Execute', verb: data.verb, data }, trigger: 'manual' },
  };
}

export interface PostAnswer {
  status: number;
  body: unknown;
}

/** POSTs an activity to the bot endpoint and reads the answer. */
export async function postActivity(url: string, activity: Record<string, unknown>): Promise<PostAnswer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: kept as text so a failing assertion shows it
  }
  return { status: response.status, body };
}

/** What an invoke answer carries: the replacing card, or a message. */
export function invokeBody(answer: PostAnswer): { card?: Record<string, unknown>; text?: string } {
  const body = answer.body as { type?: string; value?: unknown } | undefined;
  if (body?.type === 'application/vnd.microsoft.card.adaptive') {
    return { card: body.value as Record<string, unknown> };
  }
  if (body?.type === 'application/vnd.microsoft.activity.message' && typeof body.value === 'string') {
    return { text: body.value };
  }
  return {};
}

/** Starts the real local host over the services on a free port. */
export async function startLoadHost(
  services: Services,
  connectionString: string,
  extra: FunctionDefinition[] = [],
  options: {
    /** Which of the product's functions this host runs; all by default. */
    only?: (definition: FunctionDefinition) => boolean;
    queueVisibilityTimeoutSeconds?: number;
  } = {},
): Promise<RunningLocalHost> {
  return startLocalHost({
    definitions: [...functionDefinitions(services).filter(options.only ?? (() => true)), ...extra],
    port: await freePort(),
    storageConnectionString: connectionString,
    log: quiet,
    ...(options.queueVisibilityTimeoutSeconds !== undefined && {
      queueVisibilityTimeoutSeconds: options.queueVisibilityTimeoutSeconds,
    }),
  });
}

/** A clock that moves one millisecond at each reading, so every write has its own instant. */
export function tickingClock(start: string): () => Date {
  let at = new Date(start).getTime();
  return () => new Date(at++);
}

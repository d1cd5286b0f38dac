/**
 * The local host: serves the same function definitions as Azure Functions would, with a Node HTTP
 * server for HTTP triggers, node-cron for timers and a poller on Azurite's queues for queue triggers.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';

import { HttpRequest, type HttpResponseInit, InvocationContext, type Timer } from '@azure/functions';
import cron from 'node-cron';

import { startQueuePoller } from '../../adapters/storageQueue/queuePoller';
import { answerWithin } from '../../app/answerWithin';
import type { Logger } from '../../app/ports';
import { shortenUserText } from '../../app/quoteUserText';
import type { FunctionDefinition } from '../functionDefinitions';
import { assertPortFree } from './netPorts';

export interface LocalHostOptions {
  definitions: FunctionDefinition[];
  port: number;
  host?: string;
  storageConnectionString: string;
  log: Logger;
  /**
   * How long a received queue message stays invisible while it is handled (renewed at half of it), so
   * also how soon a message whose host stopped is delivered again. Default 30 s; tests shorten it.
   */
  queueVisibilityTimeoutSeconds?: number;
  /** The longest the warm-up functions hold back the host's traffic, in ms (default 5 s). */
  warmUpWaitMs?: number;
  /**
   * `cron` (the default) runs the timer functions on their schedules by the real clock; `manual` leaves
   * them to `runTimer`, for `npm run demo`, whose simulated days are not the real clock's.
   */
  timers?: 'cron' | 'manual';
}

export interface RunningLocalHost {
  url: string;
  /** Runs a timer function once now, as its schedule would (its failure is logged, as on a schedule). */
  runTimer(name: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The largest request body the local host reads, in bytes: well above any activity Teams sends (the bot
 * endpoint's own limit is lower). A larger body is read to its end and dropped, then answered 413, so the
 * client gets an answer rather than a reset connection.
 */
export const MAX_BODY_BYTES = 1024 * 1024;

const DEFAULT_WARM_UP_WAIT_MS = 5000;

/** Past this much, the sender is not waiting for an answer: the connection is closed. */
const MAX_DRAINED_BYTES = 64 * 1024 * 1024;

function invocationContext(
  functionName: string,
  log: Logger,
  triggerMetadata?: Record<string, unknown>,
): InvocationContext {
  return new InvocationContext({
    functionName,
    invocationId: randomUUID(),
    ...(triggerMetadata && { triggerMetadata }),
    logHandler: (level, ...args) => {
      const text = `[${functionName}] ${args.map(String).join(' ')}`;
      if (level === 'error' || level === 'critical') log.error(text);
      else if (level === 'warning') log.warn(text);
      else log.info(text);
    },
  });
}

/** The client closed the connection before its body arrived: there is nobody to answer. */
const HUNG_UP = Symbol('hung up');

/**
 * The body, undefined when it is over MAX_BODY_BYTES (the rest is read and dropped), or HUNG_UP when
 * the client went away mid-upload (an expected event on the internet, not a failure of the bot).
 */
async function readBody(req: http.IncomingMessage): Promise<Buffer | undefined | typeof HUNG_UP> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > MAX_DRAINED_BYTES) {
        req.destroy();
        return undefined;
      }
      if (size <= MAX_BODY_BYTES) chunks.push(chunk as Buffer);
    }
  } catch (error) {
    if (req.destroyed || (error as { code?: unknown }).code === 'ECONNRESET') return HUNG_UP;
    throw error;
  }
  return size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks);
}

function toHttpRequest(req: http.IncomingMessage, body: Buffer, baseUrl: string): HttpRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return new HttpRequest({
    method: req.method ?? 'GET',
    url: new URL(req.url ?? '/', baseUrl).toString(),
    headers,
    body: body.length > 0 ? { bytes: body } : undefined,
  });
}

async function writeResponse(res: http.ServerResponse, init: HttpResponseInit): Promise<void> {
  const headers = new Headers(init.headers);
  let body: string | undefined;
  if (init.jsonBody !== undefined) {
    body = JSON.stringify(init.jsonBody);
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  } else if (typeof init.body === 'string') {
    body = init.body;
  } else if (init.body !== undefined && init.body !== null) {
    body = await new Response(init.body as BodyInit).text();
  }
  res.writeHead(init.status ?? 200, Object.fromEntries(headers.entries()));
  res.end(body);
}

type TimerDefinition = Extract<FunctionDefinition, { trigger: 'timer' }>;

function timerInfo(): Timer {
  return {
    isPastDue: false,
    schedule: { adjustForDST: false },
    scheduleStatus: { last: '', next: '', lastUpdated: '' },
  };
}

/** Starts serving; rejects with a clear message when the port is taken. */
export async function startLocalHost(options: LocalHostOptions): Promise<RunningLocalHost> {
  const { definitions, log } = options;
  const host = options.host ?? '127.0.0.1';
  const baseUrl = `http://localhost:${options.port}`;
  await assertPortFree('bot', options.port, host);

  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', baseUrl);
      const route = url.pathname.replace(/^\/api\//, '');
      const definition = definitions.find(
        (d) => d.trigger === 'http' && d.route === route && url.pathname.startsWith('/api/'),
      );
      if (!definition || definition.trigger !== 'http') {
        await writeResponse(res, { status: 404, jsonBody: { error: `No function serves ${url.pathname}` } });
        return;
      }
      if (!definition.methods.includes((req.method ?? 'GET') as never)) {
        await writeResponse(res, {
          status: 405,
          jsonBody: { error: `${url.pathname} accepts ${definition.methods.join(', ')}` },
        });
        return;
      }
      try {
        const body = await readBody(req);
        if (body === HUNG_UP) {
          log.warn(
            `${definition.name}: the client closed the connection before its request arrived (${shortenUserText(req.method ?? '', 10)} ${shortenUserText(url.pathname, 80)}); nothing to answer.`,
          );
          res.destroy();
          return;
        }
        if (body === undefined) {
          await writeResponse(res, {
            status: 413,
            jsonBody: { error: `The request body is over ${MAX_BODY_BYTES / 1024} KB.` },
          });
          return;
        }
        const response = await definition.handler(
          toHttpRequest(req, body, baseUrl),
          invocationContext(definition.name, log),
        );
        await writeResponse(res, response);
      } catch (error) {
        log.error(`${definition.name} failed`, error);
        await writeResponse(res, {
          status: 500,
          jsonBody: { error: 'The function failed; see the bot log.' },
        });
      }
    })().catch((error: unknown) => {
      // The client went away mid-answer: nothing to answer, and the host must stay up.
      log.warn(`Could not answer ${shortenUserText(req.url ?? '/', 80)}: ${String(error)}`);
      res.destroy();
    });
  });
  // As Azure does with an instance it adds to the app, the warm-up functions run before any traffic
  // (HTTP, timers, queues) reaches it, so the first message does not pay for what they prepare. A warm-up
  // that takes longer than warmUpWaitMs (storage unreachable at start) no longer holds the host back. A
  // warm-up never throws (functionDefinitions.ts); stop() waits for it, so nothing runs after the stop.
  const warmUps = Promise.all(
    definitions.flatMap((definition) =>
      definition.trigger === 'warmup'
        ? [definition.handler({}, invocationContext(definition.name, log))]
        : [],
    ),
  );
  await answerWithin(warmUps, options.warmUpWaitMs ?? DEFAULT_WARM_UP_WAIT_MS);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, resolve);
  });

  const runTimerFunction = async (definition: TimerDefinition): Promise<void> => {
    try {
      await definition.handler(timerInfo(), invocationContext(definition.name, log));
    } catch (error) {
      log.error(`${definition.name} failed`, error);
    }
  };
  const timers = definitions.filter(
    (definition): definition is TimerDefinition => definition.trigger === 'timer',
  );
  const tasks =
    options.timers === 'manual'
      ? []
      : timers.map((definition) =>
          cron.schedule(definition.schedule, () => runTimerFunction(definition), {
            name: definition.name,
            noOverlap: true,
          }),
        );

  const pollers = definitions.flatMap((definition) => {
    if (definition.trigger !== 'queue') return [];
    return [
      startQueuePoller({
        connectionString: options.storageConnectionString,
        queueName: definition.queueName,
        handler: async (message, meta) => {
          // The queue trigger's metadata, as Azure Functions gives it.
          const triggerMetadata = {
            id: meta.id,
            dequeueCount: meta.dequeueCount,
            insertionTime: meta.insertedOn.toISOString(),
          };
          await definition.handler(message, invocationContext(definition.name, log, triggerMetadata));
        },
        // Same as host.json's queues settings, so local and Azure retry alike.
        maxDequeueCount: 5,
        retryDelaySeconds: 10,
        ...(definition.concurrency ?? { batchSize: 16, newBatchThreshold: 8 }),
        ...(options.queueVisibilityTimeoutSeconds !== undefined && {
          visibilityTimeoutSeconds: options.queueVisibilityTimeoutSeconds,
        }),
        log,
      }),
    ];
  });

  return {
    url: `${baseUrl}/api/messages`,
    async runTimer(name) {
      const definition = timers.find((candidate) => candidate.name === name);
      if (!definition) throw new Error(`No timer function is named ${name}.`);
      await runTimerFunction(definition);
    },
    async stop() {
      await warmUps.catch(() => undefined);
      await Promise.all(tasks.map((task) => Promise.resolve(task.stop())));
      await Promise.all(pollers.map((poller) => poller.stop()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

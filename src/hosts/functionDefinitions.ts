/**
 * The one list of functions the product runs. Both hosts read it: the Azure Functions entry registers
 * each with @azure/functions, the local host serves them with a Node HTTP server, node-cron and
 * Azurite's queue. Neither host holds logic of its own.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

import type {
  HttpMethod,
  HttpRequest,
  HttpResponseInit,
  InvocationContext,
  StorageQueueHandler,
  TimerHandler,
  WarmupHandler,
} from '@azure/functions';

import { readPublishedFile } from '../adapters/files/readPublishedFile';
import { processBotRequest } from '../adapters/teams/httpBridge';
import { answerWithin } from '../app/answerWithin';
import { deliverMessage } from '../app/deliverMessage';
import { importPublishedFiles } from '../app/importPublished';
import { reportUndeliverable } from '../app/reportUndeliverable';
import { fanOutRound, reportFailedFanOut } from '../app/round/fanOutRound';
import { runRoundSchedule } from '../app/round/runRoundSchedule';
import { warmUpCards } from '../app/round/warmUpCards';
import type { BotAuth } from '../config';
import { HEALTH_STORAGE_MS, type Services } from './services';

/** Our HTTP handlers always answer with a plain HttpResponseInit, which both hosts can write. */
export type HttpFunction = (request: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit>;

/**
 * How many messages of a queue the local host handles at once, in the runtime's terms: `batchSize`
 * received at a time, the next batch when `newBatchThreshold` are left in flight. Azure Functions takes
 * these from host.json for every queue alike.
 */
export interface QueueConcurrency {
  batchSize: number;
  newBatchThreshold: number;
}

export type FunctionDefinition =
  | { name: string; trigger: 'http'; route: string; methods: HttpMethod[]; handler: HttpFunction }
  | { name: string; trigger: 'timer'; schedule: string; handler: TimerHandler }
  /** Runs when an instance starts, before it takes traffic (Azure: on scale-out; locally: at start). */
  | { name: string; trigger: 'warmup'; handler: WarmupHandler }
  | {
      name: string;
      trigger: 'queue';
      queueName: string;
      handler: StorageQueueHandler;
      concurrency?: QueueConcurrency;
    };

/**
 * Enough outbox messages in flight to keep the sender at its rate: a batch of rate / 2, and the next one
 * fetched while a whole batch is still waiting, so between half a second and a second of sends are ready
 * at the rate limiter. Fetching later (at half a batch) left the sender idle on a busy machine, where
 * receiving a batch and a delivery's storage round trips take a few hundred milliseconds.
 */
export function outboxConcurrency(sendsPerSecond: number): QueueConcurrency {
  const batchSize = Math.min(32, Math.max(1, Math.ceil(sendsPerSecond / 2)));
  return { batchSize, newBatchThreshold: sendsPerSecond < 2 ? 0 : batchSize };
}

/** The queue's own id of the message an invocation handles (the trigger's metadata), when it says. */
function queueMessageId(context: InvocationContext): string | undefined {
  const id = context.triggerMetadata?.id;
  return typeof id === 'string' && id ? id : undefined;
}

/** The tenant a single-tenant bot serves; none in local anonymous mode (the playground's made-up tenant). */
export function servedTenant(auth: BotAuth): string | undefined {
  return auth.mode === 'anonymous' ? undefined : auth.tenantId;
}

/** How long a handled activity id is remembered; Teams re-sends within seconds, so two days is ample. */
const ACTIVITY_MEMORY_MS = 2 * 24 * 60 * 60 * 1000;

/** Builds the function list over the product's services. Schedules are NCRONTAB (with seconds), as Azure uses. */
export function functionDefinitions(services: Services): FunctionDefinition[] {
  return [
    {
      name: 'messages',
      trigger: 'http',
      route: 'messages',
      methods: ['POST'],
      handler: async (request) => {
        await services.ready();
        return processBotRequest(
          services.adapter,
          request,
          (context) => services.bot.run(context).then(() => undefined),
          {
            serviceUrls: services.serviceUrls,
            log: services.log,
            tenantId: servedTenant(services.config.bot),
          },
        );
      },
    },
    {
      name: 'health',
      trigger: 'http',
      route: 'health',
      methods: ['GET'],
      // Anyone can call it: it says whether the bot is up and reaches its storage, nothing about the trust;
      // details go to the log. Bounded: storage that hangs is answered 503 within HEALTH_STORAGE_MS.
      handler: async () => {
        try {
          const started = await answerWithin(
            services.ready().then(() => true),
            HEALTH_STORAGE_MS,
          );
          if (!started)
            throw new Error(`the bot did not start (storage failed, or took over ${HEALTH_STORAGE_MS} ms)`);
          await services.checkStorage();
          return { status: 200, jsonBody: { status: 'ok' } };
        } catch (error) {
          services.log.error('Health check failed', error);
          return { status: 503, jsonBody: { status: 'unavailable' } };
        }
      },
    },
    {
      name: 'deliverOutbox',
      trigger: 'queue',
      queueName: services.outboxQueueName,
      concurrency: outboxConcurrency(services.config.outboxSendsPerSecond),
      handler: async (message, context) => {
        await services.ready();
        const id = queueMessageId(context);
        await deliverMessage(services.delivery, message, id ? { queueMessageId: id } : {});
      },
    },
    {
      // The Functions runtime moves an outbox message here after host.json's maxDequeueCount failures.
      name: 'reportUndeliverable',
      trigger: 'queue',
      queueName: `${services.outboxQueueName}-poison`,
      handler: async (message) => {
        await services.ready();
        await reportUndeliverable(services, message);
      },
    },
    {
      // The open-round click and the schedule queue one request per round; the prompts are sent from here.
      name: 'fanOutRound',
      trigger: 'queue',
      queueName: services.fanOutQueueName,
      // One fan-out at a time per host: two of the same round would only find each other's claims.
      concurrency: { batchSize: 1, newBatchThreshold: 0 },
      handler: async (message) => {
        await services.ready();
        await fanOutRound(services.round, message);
      },
    },
    {
      // A fan-out request that failed maxDequeueCount times: the executives are told.
      name: 'reportFailedFanOut',
      trigger: 'queue',
      queueName: `${services.fanOutQueueName}-poison`,
      handler: async (message) => {
        await services.ready();
        await reportFailedFanOut(services.round, message);
      },
    },
    {
      // Hourly in UTC; the schedule itself works out the trust's local day and hour, and every step is
      // idempotent, so an hourly run opens, reminds and closes once per day (docs/round.md).
      name: 'roundSchedule',
      trigger: 'timer',
      schedule: '0 5 * * * *',
      handler: async () => {
        await services.ready();
        const roster = await services.roster.current();
        if (!roster) return;
        const run = await runRoundSchedule(services.round, roster);
        if (run.skipped) return;
        services.log.info(
          `Round schedule: opened ${run.opened.join(', ') || 'none'}, closed ${run.closed.join(', ') || 'none'}, ` +
            `${run.reminded} reminders, ${run.escalated} executives told who is missing.`,
        );
      },
    },
    {
      // The first card an instance builds compiles the templates' expressions (a few hundred ms); doing it
      // here keeps that off the first head's card and the start of a fan-out. Never fails the instance.
      name: 'warmUp',
      trigger: 'warmup',
      handler: async () => {
        try {
          await services.ready();
          const roster = await services.roster.current();
          if (!roster) return;
          const started = performance.now();
          const { cards } = warmUpCards(services.round, roster);
          services.log.info(
            `Warmed up: built ${cards} cards in ${Math.round(performance.now() - started)} ms.`,
          );
        } catch (error) {
          services.log.warn(`Warm-up skipped: ${error instanceof Error ? error.message : String(error)}`);
        }
      },
    },
    {
      // Nightly: the files an administrator dropped in PUBLISHED_DIR (docs/published-figures.md); a
      // file imported before writes nothing, so files may stay in the folder.
      name: 'importPublished',
      trigger: 'timer',
      schedule: '0 30 2 * * *',
      handler: async () => {
        const folder = services.config.publishedDir;
        if (folder === undefined) return;
        await services.ready();
        const roster = await services.roster.current();
        if (!roster) return;
        const { figures, rounds, calendar, settings } = services.round;
        const run = await importPublishedFiles(
          {
            figures,
            rounds,
            calendar,
            timeZone: settings.timeZone,
            clock: services.clock,
            log: services.log,
            listFiles: async () =>
              (await readdir(folder, { withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name),
            readFile: (name, source, context) => readPublishedFile(join(folder, name), source, context),
          },
          roster,
        );
        services.log.info(
          `Published files: ${run.imported.length} imported, ${run.refused.length} refused, from ${folder}.`,
        );
      },
    },
    {
      name: 'pruneActivityLog',
      trigger: 'timer',
      schedule: '0 17 3 * * *',
      handler: async () => {
        await services.ready();
        const removed = await services.activityLog.prune(
          new Date(services.clock().getTime() - ACTIVITY_MEMORY_MS),
        );
        services.log.info(`Forgot ${removed} handled activity ids older than two days.`);
      },
    },
  ];
}

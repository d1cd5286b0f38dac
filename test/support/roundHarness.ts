/**
 * The bot with the whole termly round over a real Azurite (its own tables and queue), driven through
 * botbuilder's TestAdapter, with a clock the test moves. People are the demo roster's.
 */
import { InvocationContext } from '@azure/functions';
import { QueueClient } from '@azure/storage-queue';
import type { TeamsAdapter } from '@microsoft/teams-ai/lib/TeamsAdapter';
import type { Activity, ResourceResponse, TurnContext } from 'botbuilder';
import { TestAdapter } from 'botbuilder';

import { decodeQueueMessage } from '../../src/adapters/storageQueue/queueMessageCodec';
import { createBotApplication } from '../../src/adapters/teams/botApplication';
import { roundComposer } from '../../src/app/round/composeRoundMessage';
import type { Metric } from '../../src/domain/metrics/metric';
import type { Roster } from '../../src/domain/roster/roster';
import { ownerRequests } from '../../src/domain/round/ownerRequests';
import { ownerFieldId } from '../../src/domain/round/ownerRound';
import { flattenRequested, requestedMetrics } from '../../src/domain/round/requestedMetrics';
import type { TermRef } from '../../src/domain/terms/term';
import { functionDefinitions } from '../../src/hosts/functionDefinitions';
import type { Services } from '../../src/hosts/services';
import { nodesOfType } from '../cards/cardTree';
import { testServices } from './services';
import { testConnectionString } from './storage';

export const BOT = { id: '28:bot', name: 'Trust Plan' };

/** Demo roster people by role, with their object ids (demo/roster/people.csv). */
export const DEMO = {
  ceo: { email: 'amara.okafor@thrive-demo.example', aad: '7e1d0000-0000-4000-8000-000000000001' },
  chair: { email: 'margaret.ellison@thrive-demo.example', aad: '7e1d0000-0000-4000-8000-000000000011' },
  headPms: {
    email: 'helen.marsh@thrive-demo.example',
    aad: '7e1d0000-0000-4000-8000-000000000021',
    urn: '990001',
  },
  headKms: {
    email: 'samuel.reid@thrive-demo.example',
    aad: '7e1d0000-0000-4000-8000-000000000022',
    urn: '990002',
  },
  admin: { email: 'chris.dunn@thrive-demo.example', aad: '7e1d0000-0000-4000-8000-000000000031' },
} as const;

export interface RoundHarness {
  services: Services;
  roster: Roster;
  adapter: TestAdapter;
  queue: QueueClient;
  /** The queue of fan-out requests (the open-round click and the schedule write to it). */
  fanOutQueue: QueueClient;
  /** Moves the clock to the instant. */
  setNow(instant: string): void;
  /**
   * Sends an activity and returns what the bot sent back (typing indicators left out); then runs the
   * fan-outs it queued, as the `fanOutRound` function would at once.
   */
  say(activity: Partial<Activity>): Promise<Partial<Activity>[]>;
  /** Sends an activity and returns what the bot sent back, leaving any fan-out it queued on its queue. */
  answer(activity: Partial<Activity>): Promise<Partial<Activity>[]>;
  /** Runs every queued fan-out request through the `fanOutRound` function; answers how many ran. */
  runFanOuts(): Promise<number>;
  /** A message from the person in their 1:1 chat. */
  message(aad: string, text: string): Partial<Activity>;
  /** An Action.Execute invoke from the person with the card's data. */
  execute(aad: string, data: Record<string, unknown>): Partial<Activity>;
  /**
   * An Action.Submit from the person: a message carrying the card's data, replying to the message that
   * carried the card (`cardId`). The bot's updateActivity of that message is among the replies, with that id.
   */
  submit(aad: string, data: Record<string, unknown>, cardId?: string): Partial<Activity>;
  /** Stores a 1:1 conversation reference for the person, as an install would. */
  install(email: string): Promise<void>;
  /** How many messages wait in the outbox queue. */
  queued(): Promise<number>;
}

/** botbuilder's TestAdapter, keeping each updateActivity (it only replaces messages of the current turn). */
class RecordingTestAdapter extends TestAdapter {
  readonly updated: Partial<Activity>[] = [];

  override updateActivity(
    context: TurnContext,
    activity: Partial<Activity>,
  ): Promise<ResourceResponse | void> {
    this.updated.push(activity);
    return super.updateActivity(context, activity);
  }
}

let nextId = 1;

/** `settings` override the test services' (e.g. HISTORY_FILE for the demo's history). */
export async function roundHarness(
  start = '2026-12-02T10:00:00Z',
  settings: Record<string, string> = {},
  options: {
    /**
     * Routes a failed turn to the bot's error route, as the hosts' adapter does; without it the failure
     * is thrown to the test.
     */
    errorRoute?: boolean;
    /** The bot as registered in Teams, which takes files in 1:1 chats (BotDeps.fileUploads). */
    fileUploads?: boolean;
  } = {},
): Promise<RoundHarness> {
  let now = new Date(start);
  const services = testServices(() => now, settings);
  await services.ready();
  const roster = await services.roster.current();
  if (!roster) throw new Error('the demo roster did not load');
  const adapter: RecordingTestAdapter = new RecordingTestAdapter(async (context) => {
    await app.run(context);
  });
  const app = createBotApplication({
    ...(options.errorRoute && { adapter: adapter as unknown as TeamsAdapter }),
    roster: services.roster,
    conversations: services.conversations,
    activityLog: services.activityLog,
    outbox: services.outbox,
    clock: () => now,
    log: services.log,
    round: services.round,
    board: services.board,
    serviceUrls: services.serviceUrls,
    ...(options.fileUploads && { fileUploads: true }),
  });
  const queue = new QueueClient(testConnectionString(), services.outboxQueueName);
  const fanOutQueue = new QueueClient(testConnectionString(), services.fanOutQueueName);
  const fanOutFunction = functionDefinitions(services).find((d) => d.name === 'fanOutRound');
  if (fanOutFunction?.trigger !== 'queue') throw new Error('no fanOutRound queue function');
  const runFanOuts = async (): Promise<number> => {
    let ran = 0;
    for (;;) {
      const { receivedMessageItems } = await fanOutQueue.receiveMessages({
        numberOfMessages: 32,
        visibilityTimeout: 30,
      });
      if (receivedMessageItems.length === 0) return ran;
      for (const item of receivedMessageItems) {
        const decoded = decodeQueueMessage(item.messageText);
        if (!decoded.ok) throw new Error(`unreadable fan-out request: ${decoded.reason}`);
        await fanOutFunction.handler(
          decoded.value,
          new InvocationContext({ functionName: 'fanOutRound', triggerMetadata: { id: item.messageId } }),
        );
        await fanOutQueue.deleteMessage(item.messageId, item.popReceipt);
        ran++;
      }
    }
  };
  const answer = async (activity: Partial<Activity>): Promise<Partial<Activity>[]> => {
    await adapter.processActivity(activity);
    const sent = adapter.activeQueue.splice(0).filter((reply) => reply.type !== 'typing');
    return [...adapter.updated.splice(0), ...sent];
  };
  const base = (aad: string): Partial<Activity> => ({
    id: `act-${nextId++}`,
    channelId: 'msteams',
    serviceUrl: 'http://127.0.0.1:9/',
    from: { id: `29:${aad}`, name: 'Someone', aadObjectId: aad },
    recipient: BOT,
    conversation: { id: `a:personal-${aad}`, conversationType: 'personal', isGroup: false, name: '' },
  });
  return {
    services,
    roster,
    adapter,
    queue,
    fanOutQueue,
    setNow: (instant) => {
      now = new Date(instant);
    },
    async say(activity) {
      const replies = await answer(activity);
      await runFanOuts();
      return replies;
    },
    answer,
    runFanOuts,
    message: (aad, text) => ({ ...base(aad), type: 'message', text }),
    execute: (aad, data) => ({
      ...base(aad),
      type: 'invoke',
      name: 'adaptiveCard/action',
      replyToId: 'card-1',
      value: { action: { type: 'Action.Execute', verb: data.verb, data }, trigger: 'manual' },
    }),
    submit: (aad, data, cardId = 'card-1') => ({
      ...base(aad),
      type: 'message',
      replyToId: cardId,
      value: data,
    }),
    async install(email) {
      await services.conversations.save({
        key: `person:${email}`,
        kind: 'personal',
        personEmail: email,
        reference: { conversation: { id: `a:${email}` }, serviceUrl: 'http://127.0.0.1:9/' },
        updatedAt: now.toISOString(),
      });
    },
    async queued() {
      const properties = await queue.getProperties();
      return properties.approximateMessagesCount ?? 0;
    },
  };
}

/** The card an Action.Submit put in place of the clicked one (updateActivity on its message), if any. */
export function updatedCard(
  replies: Partial<Activity>[],
  cardId = 'card-1',
): Record<string, unknown> | undefined {
  const update = replies.find((reply) => reply.id === cardId && reply.attachments);
  return update?.attachments?.[0]?.content as Record<string, unknown> | undefined;
}

/** The card an invoke answered with (it replaces the clicked card), or its message text. */
export function invokeAnswer(replies: Partial<Activity>[]): {
  card?: Record<string, unknown>;
  text?: string;
} {
  const response = replies.find((reply) => reply.type === 'invokeResponse');
  const body = (response?.value as { body?: { type?: string; value?: unknown } } | undefined)?.body;
  if (body?.type === 'application/vnd.microsoft.card.adaptive')
    return { card: body.value as Record<string, unknown> };
  if (typeof body?.value === 'string') return { text: body.value };
  throw new Error(`no invoke response in ${JSON.stringify(replies)}`);
}

/**
 * The data a button of the card sends (Action.Submit, found by its title or a pattern of it), with what
 * was typed merged in as the client does.
 */
export function pressed(
  card: unknown,
  title: string | RegExp,
  inputs: Record<string, string> = {},
): Record<string, unknown> {
  const button = nodesOfType(card, 'Action.Submit').find((action) =>
    typeof title === 'string' ? action.title === title : title.test(String(action.title)),
  );
  if (!button) {
    throw new Error(`no Action.Submit "${String(title)}" in ${JSON.stringify(card ?? {}).slice(0, 300)}`);
  }
  return { ...(button.data as Record<string, unknown>), ...inputs };
}

/** The owner's figures card for the term, as the round's fan-out composes it for them. */
export async function ownerPromptCard(
  h: RoundHarness,
  term: string,
  email: string,
): Promise<Record<string, unknown>> {
  const composed = await roundComposer(h.services.round)({ kind: 'ownerPrompt', term, email });
  if (composed.kind !== 'activity') throw new Error(composed.reason);
  return cardOf([composed.activity]);
}

/** The first card attachment of the replies. */
export function cardOf(replies: Partial<Activity>[]): Record<string, unknown> {
  const content = replies.flatMap((reply) => reply.attachments ?? [])[0]?.content as
    Record<string, unknown> | undefined;
  if (!content) throw new Error(`no card in ${JSON.stringify(replies)}`);
  return content;
}

/** A valid answer for a figure: the middle of its range, the first choice of its list, yes. */
function validInput(metric: Metric): string {
  return metric.type === 'grade' || metric.type === 'enum'
    ? (metric.options?.[0]?.value ?? '')
    : metric.type === 'yesNo'
      ? 'yes'
      : String(Math.round(((metric.min ?? 0) + (metric.max ?? 100)) / 2));
}

/**
 * A valid answer for every required figure of an academy's card in a round of the demo (autumn 2026
 * unless `term` says otherwise), as the card's inputs.
 */
export function validDemoInputs(
  h: RoundHarness,
  urn: string = DEMO.headPms.urn,
  term: TermRef = { startYear: 2026, term: 'autumn' },
): Record<string, string> {
  const academy = h.roster.academies.find((a) => a.urn === urn);
  if (!academy) throw new Error(`no academy ${urn} in the demo roster`);
  const { plan, calendar } = h.services.round;
  const requested = flattenRequested(requestedMetrics(plan, academy, term, calendar));
  const inputs: Record<string, string> = {};
  for (const { metric, required } of requested) {
    if (required) inputs[`m_${metric.id}`] = validInput(metric);
  }
  return inputs;
}

/** A valid answer for every figure an owner of trust figures is asked in the term, as their card's inputs. */
export function validOwnerInputs(h: RoundHarness, email: string, term: TermRef): Record<string, string> {
  const { plan, calendar } = h.services.round;
  const request = ownerRequests(plan, h.roster.academies, h.roster.people, term, calendar).find(
    (r) => r.owner.email === email,
  );
  if (!request) throw new Error(`${email} is asked for no trust figures in ${JSON.stringify(term)}`);
  const inputs: Record<string, string> = {};
  for (const { academy, metrics } of request.academies) {
    for (const { metric } of metrics) inputs[ownerFieldId('m_', academy.urn, metric.id)] = validInput(metric);
  }
  return inputs;
}

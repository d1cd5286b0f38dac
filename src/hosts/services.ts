/**
 * The composition root: builds every adapter from the configuration and hands them to the use cases.
 * Both hosts call it once; tests call it with their own Azurite and clock.
 */
// Deep imports: teams-ai's index loads its AI planner and tokenizers, which a turn of this bot never uses.
import type { Application } from '@microsoft/teams-ai/lib/Application';
import type { TeamsAdapter } from '@microsoft/teams-ai/lib/TeamsAdapter';
import type { TurnState } from '@microsoft/teams-ai/lib/TurnState';

import { boardBindingCard } from '../../cards/boardBindingCard';
import { boardDetailCard } from '../../cards/boardDetailCard';
import { boardSummaryCard } from '../../cards/boardSummaryCard';
import { figuresCard } from '../../cards/figuresCard';
import { figuresSummaryCard } from '../../cards/figuresSummaryCard';
import { reminderCard } from '../../cards/reminderCard';
import { roundClosedCard } from '../../cards/roundClosedCard';
import { roundConfirmCard } from '../../cards/roundConfirmCard';
import { roundProgressCard } from '../../cards/roundProgressCard';
import { HtmlPackRenderer } from '../adapters/document/HtmlPackRenderer';
import { loadNationalBenchmarksOrThrow } from '../adapters/files/loadNationalBenchmarks';
import { loadTrustPlan, type TrustPlan } from '../adapters/files/loadTrustPlan';
import { readObservationsFile } from '../adapters/files/readObservationsCsv';
import { readRosterDir } from '../adapters/files/readRosterDir';
import { QueueFanOutRequests } from '../adapters/storageQueue/QueueFanOutRequests';
import { QueueOutbox } from '../adapters/storageQueue/QueueOutbox';
import { createTableStores } from '../adapters/tableStorage/createTableStores';
import { withStorageDeadline } from '../adapters/tableStorage/storageDeadline';
import type { StorageRequestCounter } from '../adapters/tableStorage/storageRequestCounter';
import { createBotApplication } from '../adapters/teams/botApplication';
import { CloudAdapterSender } from '../adapters/teams/cloudAdapterSender';
import { botAppId, createTeamsAdapter } from '../adapters/teams/createTeamsAdapter';
import { lazyFreeFormQuestions } from '../adapters/teams/planner/lazyFreeFormQuestions';
import { createServiceUrlAllowList, type ServiceUrlAllowList } from '../adapters/teams/serviceUrlAllowList';
import type { BoardCards, BoardDeps } from '../app/board/boardDeps';
import type { BoardPackRenderer, BoardPackWriter } from '../app/board/boardPackFiles';
import { postBoardSummary, postOutcomeText } from '../app/board/postBoardSummary';
import type { DeliverDeps } from '../app/deliverMessage';
import type { ActivityLog, ConversationStore, Logger, RosterStore } from '../app/ports';
import { RateLimitedSender } from '../app/rateLimitedSender';
import {
  createRosterDirectory,
  type RosterDirectory,
  type SeedOutcome,
  seedRosterIfEmpty,
} from '../app/rosterDirectory';
import { roundComposer } from '../app/round/composeRoundMessage';
import { seedHistoryIfEmpty } from '../app/round/importFigures';
import { roundDeliveryObserver } from '../app/round/roundClosedCards';
import type { RoundCards, RoundDeps } from '../app/round/roundDeps';
import type { Config } from '../config';
import { importedSources } from '../domain/metrics/collection';
import { localTime } from '../domain/terms/localTime';

/** The card builders in cards/, as the round's use cases see them. */
export const ROUND_CARDS: RoundCards = {
  figures: figuresCard,
  summary: figuresSummaryCard,
  confirm: roundConfirmCard,
  reminder: reminderCard,
  progress: roundProgressCard,
  closed: roundClosedCard,
};

/** The board's card builders. */
export const BOARD_CARDS: BoardCards = {
  summary: boardSummaryCard,
  detail: boardDetailCard,
  bindConfirm: boardBindingCard,
};

export interface Services {
  config: Config;
  clock: () => Date;
  log: Logger;
  adapter: TeamsAdapter;
  /** The Bot Connector URLs the bot accepts, stores and calls (ALLOWED_SERVICE_URLS). */
  serviceUrls: ServiceUrlAllowList;
  bot: Application<TurnState>;
  roster: RosterDirectory;
  rosterStore: RosterStore;
  conversations: ConversationStore;
  activityLog: ActivityLog;
  outbox: QueueOutbox;
  outboxQueueName: string;
  /** The queue the open-round click and the schedule put fan-out requests on. */
  fanOuts: QueueFanOutRequests;
  fanOutQueueName: string;
  delivery: DeliverDeps;
  /** The termly round's use cases and their stores. */
  round: RoundDeps;
  /** The board summary and status: the round's deps, where summaries were posted, the sender. */
  board: BoardDeps;
  /**
   * Answers whether storage answers now, within HEALTH_STORAGE_MS: resolves, or throws (refused, missing
   * tables, or no answer in time). Reads one row, writes nothing.
   */
  checkStorage(): Promise<void>;
  /**
   * Creates tables and queues and loads the roster files when storage has no roster. Runs once;
   * later calls return the same promise. Every handler awaits it.
   */
  ready(): Promise<SeedOutcome>;
}

export interface ServiceOptions {
  clock: () => Date;
  log?: Logger;
  /** The plan and calendar, when the caller loaded them; otherwise read from PLAN_FILE / TERMS_FILE. */
  trustPlan?: TrustPlan;
  /** Counts every table request the stores send (benchmarks state their storage round trips with it). */
  requestCounter?: StorageRequestCounter;
  /** Where `board pack` writes (the local host's `.data/board-packs`); absent, the bot points to the CLI. */
  boardPacks?: BoardPackWriter;
  /** How the pack is rendered for Teams to take as a file; HTML without one (Azure has no Chromium). */
  boardPackRenderer?: BoardPackRenderer;
}

/** How long a health check waits for storage: a load balancer's probe gives up after a few seconds. */
export const HEALTH_STORAGE_MS = 3000;

export const consoleLogger: Logger = {
  info: (message) => console.log(message),
  warn: (message) => console.warn(message),
  error: (message, error) => console.error(message, error ?? ''),
};

export function createServices(config: Config, options: ServiceOptions): Services {
  const { clock } = options;
  const log = options.log ?? consoleLogger;
  const stores = createTableStores(config.storageConnectionString, {
    tablePrefix: config.storagePrefix,
    ...(options.requestCounter && { requestCounter: options.requestCounter }),
    maxRetries: config.storageMaxRetries,
    callTimeoutMs: config.storageTimeoutMs,
  });
  const outboxQueueName = `${config.storagePrefix.toLowerCase()}outbox`;
  const queueOptions = { callTimeoutMs: config.storageTimeoutMs };
  const outbox = new QueueOutbox(config.storageConnectionString, outboxQueueName, queueOptions);
  const fanOutQueueName = `${config.storagePrefix.toLowerCase()}fanout`;
  const fanOuts = new QueueFanOutRequests(config.storageConnectionString, fanOutQueueName, queueOptions);
  const adapter = createTeamsAdapter(config.bot);
  const serviceUrls = createServiceUrlAllowList(config.allowedServiceUrls);
  const appId = botAppId(config.bot);
  const roster = createRosterDirectory(stores.roster, clock);
  const trustPlan = options.trustPlan ?? loadTrustPlan(config.planFile, config.termsFile);
  const { calendar } = trustPlan;
  // The trust's settings may import more published files than the plan says (IMPORTED_SOURCES).
  const imported = importedSources(trustPlan.plan.imported, config.importedSources);
  const plan = imported ? { ...trustPlan.plan, imported } : trustPlan.plan;
  const round: RoundDeps = {
    plan,
    calendar,
    // benchmarks/national.csv with the trust's own file (NATIONAL_BENCHMARKS_FILE) over it.
    benchmarks: loadNationalBenchmarksOrThrow(config.benchmarksFile),
    roster,
    rounds: stores.rounds,
    figures: stores.figures,
    prompts: stores.prompts,
    owners: stores.owners,
    chatSessions: stores.chatSessions,
    evaluations: stores.evaluations,
    conversations: stores.conversations,
    outbox,
    fanOuts,
    cards: ROUND_CARDS,
    settings: config.round,
    clock,
    log,
  };
  // One rate limit for everything the process sends: the outbox's prompts and the board's posts.
  const sender = new RateLimitedSender(
    new CloudAdapterSender(adapter, appId, serviceUrls),
    config.outboxSendsPerSecond,
  );
  const board: BoardDeps = {
    round,
    posts: stores.boardPosts,
    bindings: stores.boardBinding,
    sender,
    cards: BOARD_CARDS,
    ...(options.boardPacks && { packs: options.boardPacks }),
    // Teams takes the pack as a file in a 1:1 chat: the host's renderer (the local one prints a PDF), else HTML.
    renderer: options.boardPackRenderer ?? new HtmlPackRenderer(),
  };
  // Every close (the executive's button or the schedule) posts the summary, or updates it in place.
  round.afterClose = async (closedRoster, closed) =>
    postOutcomeText(await postBoardSummary(board, closedRoster, closed), closedRoster.trust.boardChannel);
  const bot = createBotApplication({
    adapter,
    botAppId: appId,
    serviceUrls,
    roster,
    conversations: stores.conversations,
    activityLog: stores.activityLog,
    outbox,
    clock,
    log,
    round,
    board,
    // A registered bot talks to Teams, which takes files in a 1:1 chat; the local playground shows no
    // file consent card, so there the bot says where it wrote the pack.
    fileUploads: config.bot.mode !== 'anonymous',
    // Only with a configured model: without one nothing of the AI path is loaded or built.
    ...(config.ai && { freeForm: lazyFreeFormQuestions(config.ai, board, log) }),
  });

  /** The terms before the current one get their figures from HISTORY_FILE on a first start, so the demo has a past. */
  const seedHistory = async (): Promise<void> => {
    const historyFile = config.historyFile;
    const stored = historyFile ? await stores.roster.load() : undefined;
    if (!historyFile || !stored) return;
    const history = await seedHistoryIfEmpty({
      figures: stores.figures,
      clock,
      currentTerm: calendar.termContaining(localTime(clock(), config.round.timeZone).date),
      readHistory: () => readObservationsFile(historyFile, { roster: stored, calendar }),
    });
    if (history.kind === 'invalid') {
      log.error(`The history in ${historyFile} was not imported:\n  ${history.errors.join('\n  ')}`);
    } else if (history.kind === 'imported') {
      log.info(`Imported the figures of earlier terms from ${historyFile}.`);
    }
  };

  let readiness: Promise<SeedOutcome> | undefined;
  const ready = (): Promise<SeedOutcome> => {
    readiness ??= (async () => {
      await Promise.all([stores.createTables(), outbox.createQueue(), fanOuts.createQueue()]);
      const outcome = await seedRosterIfEmpty(stores.roster, () => readRosterDir(config.rosterDir));
      if (outcome.kind === 'invalid') {
        log.error(`The roster in ${config.rosterDir} was not loaded:\n  ${outcome.errors.join('\n  ')}`);
      }
      await seedHistory();
      return outcome;
    })();
    // A failed start (storage down) must not stick: the next call tries again.
    readiness.catch(() => (readiness = undefined));
    return readiness;
  };

  return {
    config,
    clock,
    log,
    checkStorage: () => withStorageDeadline(HEALTH_STORAGE_MS, () => stores.probe()),
    adapter,
    serviceUrls,
    bot,
    roster,
    rosterStore: stores.roster,
    conversations: stores.conversations,
    activityLog: stores.activityLog,
    outbox,
    outboxQueueName,
    fanOuts,
    fanOutQueueName,
    delivery: {
      conversations: stores.conversations,
      deliveries: stores.activityLog,
      sender,
      clock,
      log,
      compose: roundComposer(round),
      observe: roundDeliveryObserver(round),
    },
    round,
    board,
    ready,
  };
}

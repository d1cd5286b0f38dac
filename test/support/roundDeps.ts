import { loadNationalBenchmarksOrThrow } from '../../src/adapters/files/loadNationalBenchmarks';
import { loadTrustPlan } from '../../src/adapters/files/loadTrustPlan';
import type { TableStores } from '../../src/adapters/tableStorage/createTableStores';
import type { BoardDeps } from '../../src/app/board/boardDeps';
import type { FanOutRequests, Logger, Outbox } from '../../src/app/ports';
import type { RosterDirectory } from '../../src/app/rosterDirectory';
import type { RoundDeps } from '../../src/app/round/roundDeps';
import { loadConfig } from '../../src/config';
import { BOARD_CARDS, ROUND_CARDS } from '../../src/hosts/services';
import { RecordingSender } from './recordingSender';

/** The round's use cases over a test's own stores, with the demo plan and the default round settings. */
export function testRoundDeps(
  stores: TableStores,
  outbox: Outbox,
  fanOuts: FanOutRequests,
  roster: RosterDirectory,
  clock: () => Date,
  log: Logger,
): RoundDeps {
  const { plan, calendar } = loadTrustPlan('plans/demo-2025-2028.yaml');
  return {
    plan,
    calendar,
    benchmarks: loadNationalBenchmarksOrThrow(),
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
    settings: loadConfig({ AzureWebJobsStorage: 'UseDevelopmentStorage=true' }).round,
    clock,
    log,
  };
}

/** The board's use cases over the same stores, posting through a RecordingSender. */
export function testBoardDeps(stores: TableStores, round: RoundDeps): BoardDeps {
  return {
    round,
    posts: stores.boardPosts,
    bindings: stores.boardBinding,
    sender: new RecordingSender(),
    cards: BOARD_CARDS,
  };
}

import type { TeamsAdapter } from '@microsoft/teams-ai/lib/TeamsAdapter';

import type { BoardDeps } from '../../app/board/boardDeps';
import type { ActivityLog, ConversationStore, Logger, Outbox } from '../../app/ports';
import type { RosterDirectory } from '../../app/rosterDirectory';
import type { RoundDeps } from '../../app/round/roundDeps';
import type { FreeFormQuestions } from './planner/freeFormQuestions';
import type { ServiceUrlAllowList } from './serviceUrlAllowList';

/** What the Teams application works with: the use cases' deps and the stores a turn reads and writes. */
export interface BotDeps {
  roster: RosterDirectory;
  conversations: ConversationStore;
  activityLog: ActivityLog;
  outbox: Outbox;
  clock: () => Date;
  log: Logger;
  /** The termly round's use cases and what they work with. */
  round: RoundDeps;
  /** The board summary and status on demand. */
  board: BoardDeps;
  /**
   * The Bot Connector URLs the bot may store and call. The HTTP edge refuses other activities already;
   * this keeps a turn that arrives another way (tests, a future host) from storing or calling one.
   */
  serviceUrls: ServiceUrlAllowList;
  /**
   * Whether Teams takes files from the bot in 1:1 chats (a registered bot; the manifest's supportsFiles):
   * `board pack` then offers the document as a file. The local playground shows no file consent card.
   */
  fileUploads?: boolean;
  /** Absent in tests that drive the application through botbuilder's TestAdapter. */
  adapter?: TeamsAdapter;
  botAppId?: string;
  /**
   * Questions in people's own words, read by the configured language model; absent without one, and
   * then text that is no command gets the nearest commands.
   */
  freeForm?: FreeFormQuestions;
}

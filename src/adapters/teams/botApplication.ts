/**
 * The bot's Teams behaviour, wired onto teams-ai's Application. It translates Teams activities into
 * the use cases in src/app and their answers back into messages and cards; no decisions live here.
 * Each concern has its own file: installs and kept conversations (installRoutes), messages
 * (messageRoutes), card actions (cardActionRoutes), and what wraps every turn (turnGuards).
 */
// Deep imports: teams-ai's index loads its AI planner and tokenizers, which a turn of this bot never uses.
import { Application } from '@microsoft/teams-ai/lib/Application';
import { TurnState } from '@microsoft/teams-ai/lib/TurnState';
import type { TurnContext } from 'botbuilder';

import { TURN_STORAGE_BUDGET_MS, withStorageDeadline } from '../tableStorage/storageDeadline';
import type { BotDeps } from './botDeps';
import { addCardActionRoutes } from './cardActionRoutes';
import { addFileConsentRoutes } from './fileConsent';
import { addInstallRoutes } from './installRoutes';
import { addMessageRoutes } from './messageRoutes';
import { addErrorRoute, addRepeatGuard } from './turnGuards';

export type { BotDeps } from './botDeps';

/**
 * The application whose every turn has a storage deadline (storageDeadline.ts): Teams waits about 15 s for
 * a turn, so every table call of the turn, its error route included, is given up by then.
 */
class BoundedApplication extends Application<TurnState> {
  override run(context: TurnContext): Promise<boolean> {
    return withStorageDeadline(TURN_STORAGE_BUDGET_MS, () => super.run(context));
  }
}

/** Creates the Teams application: routes for installs, messages, card actions and errors. */
export function createBotApplication(deps: BotDeps): Application<TurnState> {
  const app = new BoundedApplication({
    adapter: deps.adapter,
    botAppId: deps.botAppId,
    removeRecipientMention: true,
    startTypingTimer: false,
    longRunningMessages: false,
  });
  addRepeatGuard(app, deps);
  addInstallRoutes(app, deps);
  addMessageRoutes(app, deps);
  addCardActionRoutes(app, deps);
  addFileConsentRoutes(app, deps);
  addErrorRoute(app, deps);
  return app;
}

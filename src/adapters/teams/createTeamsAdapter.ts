// A deep import: teams-ai's index loads its AI planner, which this bot never uses.
import { TeamsAdapter } from '@microsoft/teams-ai/lib/TeamsAdapter';

import type { BotAuth } from '../../config';

/**
 * The botbuilder CloudAdapter (as teams-ai's TeamsAdapter) for the configured credentials.
 * Anonymous mode accepts unauthenticated requests: only for the local playground, never in production
 * (loadConfig refuses to start production without credentials).
 */
export function createTeamsAdapter(auth: BotAuth): TeamsAdapter {
  switch (auth.mode) {
    case 'anonymous':
      return new TeamsAdapter({});
    case 'singleTenant':
      return new TeamsAdapter({
        MicrosoftAppId: auth.appId,
        MicrosoftAppPassword: auth.password,
        MicrosoftAppType: 'SingleTenant',
        MicrosoftAppTenantId: auth.tenantId,
      });
    case 'managedIdentity':
      return new TeamsAdapter({
        MicrosoftAppId: auth.appId,
        MicrosoftAppType: 'UserAssignedMSI',
        MicrosoftAppTenantId: auth.tenantId,
      });
  }
}

/** The bot's app id, or '' in anonymous mode (what CloudAdapter expects for proactive sends then). */
export function botAppId(auth: BotAuth): string {
  return auth.mode === 'anonymous' ? '' : auth.appId;
}

/**
 * What wraps every turn: a re-sent activity is handled once, and a failed turn still gets an answer.
 */
import type { Application } from '@microsoft/teams-ai/lib/Application';
import type { TurnState } from '@microsoft/teams-ai/lib/TurnState';
import type { Activity } from 'botbuilder';

import { shortenUserText } from '../../app/quoteUserText';
import { failedActionText } from '../../app/round/roundChat';
import { isOutcomeUnknown, OUTCOME_UNKNOWN_TEXT } from '../../app/storageFailure';
import { withStorageDeadline } from '../tableStorage/storageDeadline';
import type { BotDeps } from './botDeps';
import { activityKey, cardData, safely } from './turnHelpers';

/** Teams re-sends an activity it got no answer to within 15 s: handle each activity once. */
export function addRepeatGuard(app: Application<TurnState>, deps: BotDeps): void {
  app.turn('beforeTurn', async (context) => {
    // Card actions are idempotent by content (the same figures store once) and must always be answered:
    // a repeat that got no invoke response would show the head an error.
    if (context.activity.type === 'invoke') return true;
    const key = activityKey(context.activity);
    if (!key) return true;
    const first = await deps.activityLog.claim(key, deps.clock());
    if (!first) {
      deps.log.info(
        `Activity ${shortenUserText(context.activity.id ?? '', 80)} was already handled; ignoring the repeat.`,
      );
    }
    return first;
  });
}

/** How long the error route waits for storage: the turn's answer must still reach Teams in time. */
const ERROR_ROUTE_STORAGE_MS = 1000;

/** The last line of defence: it must not throw itself, whatever the activity or the failure. */
export function addErrorRoute(app: Application<TurnState>, deps: BotDeps): void {
  app.error(async (context, error) => {
    const activity = (context.activity ?? {}) as Partial<Activity>;
    // A proactive send runs as a turn too (continueConversationAsync): its failure belongs to the sender,
    // which must see Teams' answer (403/404 unreachable, 429/5xx retried), and nothing is said into the
    // conversation it could not reach.
    if (isProactiveTurn(activity)) throw error;
    await safely(() =>
      deps.log.error(
        `Turn failed for activity ${shortenUserText(String(activity.id ?? '(no id)'), 80)} ` +
          `(${shortenUserText(String(activity.type), 40)})`,
        error,
      ),
    );
    // A card action must get an invoke response: without one the adapter answers 501 and the head sees
    // the client's own error. It says whether anything was saved (docs/round.md).
    const isCardAction = activity.type === 'invoke' && activity.name === 'adaptiveCard/action';
    const told = await safely(() =>
      isCardAction
        ? context.sendActivity({
            type: 'invokeResponse',
            value: {
              status: 200,
              body: {
                statusCode: 200,
                type: 'application/vnd.microsoft.activity.message',
                value: failedActionText(
                  (activity.value as { action?: { data?: unknown } } | undefined)?.action?.data,
                  error,
                ),
              },
            },
          })
        : context.sendActivity(
            cardData(activity) !== undefined
              ? failedActionText(cardData(activity), error)
              : isOutcomeUnknown(error)
                ? OUTCOME_UNKNOWN_TEXT
                : 'Sorry, something went wrong on my side. Please try again in a minute.',
          ),
    );
    if (!told) await safely(() => deps.log.warn('Could not tell the sender that the turn failed.'));
    // Let Teams' re-send of this activity be handled rather than ignored as a repeat. Briefly: the turn's
    // storage budget may be spent, and storage may be what failed.
    await safely(() =>
      withStorageDeadline(ERROR_ROUTE_STORAGE_MS, async () => {
        const key = activityKey(context.activity);
        if (key) await deps.activityLog.release(key);
      }),
    );
  });
}

/** The continuation activity botbuilder makes for a proactive turn (ActivityEx.getContinuationActivity). */
function isProactiveTurn(activity: Partial<Activity>): boolean {
  return activity.type === 'event' && activity.name === 'ContinueConversation';
}

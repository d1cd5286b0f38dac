import type { Application } from '@microsoft/teams-ai/lib/Application';
import type { TurnState } from '@microsoft/teams-ai/lib/TurnState';
import type { TurnContext } from 'botbuilder';

import { confirmBoardChannel, isBoardBindingAction } from '../../app/board/boardBinding';
import { boardAction, isBoardAction } from '../../app/board/boardChat';
import { shortenUserText } from '../../app/quoteUserText';
import { roundAction } from '../../app/round/roundChat';
import type { BotDeps } from './botDeps';
import { conversationFor } from './conversationCapture';
import { identifySender } from './identifySender';
import { toActivity } from './turnHelpers';

/**
 * Universal actions: the card in the response replaces the card that was clicked, for the clicker.
 * Every verb, known or not, is answered: roundAction refuses what it does not know, so a stale or
 * forged card gets a message rather than the client's "something went wrong".
 */
export function addCardActionRoutes(app: Application<TurnState>, deps: BotDeps): void {
  app.adaptiveCards.actionExecute<Record<string, unknown>>(/.*/, async (context, _state, data) => {
    const { roster, known } = await identifySender(deps, context);
    if (!roster || !known) {
      deps.log.warn(
        `Refused a card action from someone not on the roster (${shortenUserText(context.activity.from.id, 80)})`,
      );
      return "I don't recognise you, so I can't take anything from this card.";
    }
    if (isBoardBindingAction(data)) {
      // A confirmation card posted before its button became an Action.Submit.
      const reply = await confirmBoardChannel(deps.board, roster, known, data, pressedIn(context, deps));
      return reply.kind === 'card' ? (reply.card.content as never) : reply.text;
    }
    if (isBoardAction(data)) {
      // The summary stays as it is for everyone: the detail comes as a new message (in a channel, in the
      // summary's thread), and the clicker is told so.
      const detail = await boardAction(deps.board, roster, known, data);
      if (detail.kind === 'text') return detail.text;
      await context.sendActivity(toActivity(detail));
      return 'Here is the detail, in a new message.';
    }
    const reply = await roundAction(deps.round, roster, known, data);
    if (reply.kind !== 'card') return reply.text;
    // The answer replaces the pressed card in its message (replyToId), which is recorded for the close.
    if (context.activity.replyToId) await reply.shown?.(context.activity.replyToId);
    return reply.card.content as never;
  });
}

/** The stored conversation key of where a card was pressed (for a channel, the channel's). */
export function pressedIn(context: TurnContext, deps: BotDeps): string | undefined {
  return conversationFor(context.activity, undefined, deps.clock())?.key;
}

/**
 * Messages from roster people: typed commands (the round's, the board's, help, who am I) and the
 * Action.Submit data of the cards' buttons, handed to the use cases in src/app.
 */
import type { Application } from '@microsoft/teams-ai/lib/Application';
import type { TurnState } from '@microsoft/teams-ai/lib/TurnState';

import { confirmBoardChannel, isBoardBindingAction } from '../../app/board/boardBinding';
import {
  BOARD_COMMANDS,
  boardAction,
  boardCommand,
  boardPackReplies,
  isBoardAction,
} from '../../app/board/boardChat';
import { parseCommand } from '../../app/commands';
import { roleLabel } from '../../app/helpFor';
import { chatReplyTo, ROUND_COMMANDS, roundAction, roundCommand } from '../../app/round/roundChat';
import type { BotDeps } from './botDeps';
import { pressedIn } from './cardActionRoutes';
import { closestCommandsReply } from './closestCommandsReply';
import { fileConsentCard, takesFiles } from './fileConsent';
import { helpReply } from './helpReply';
import { identifySender } from './identifySender';
import { remember } from './installRoutes';
import { ownWordsAnswerer } from './planner/statusActions';
import { replaceOrSend, sendReply, toActivity } from './turnHelpers';

/** Every message: strangers are told why nothing happens; roster people get their command's answer. */
export function addMessageRoutes(app: Application<TurnState>, deps: BotDeps): void {
  app.activity('message', async (context, state) => {
    const { roster, known } = await identifySender(deps, context);
    if (!roster) {
      await context.sendActivity(
        "I can't help yet: the trust's roster has not been loaded. Please ask your trust administrator to load it.",
      );
      return;
    }
    if (!known) {
      await context.sendActivity(
        `Hello! I don't recognise you, so I can't help yet: I work with the people on ${roster.trust.name}'s roster. ` +
          'If you should be on it, ask your trust administrator to add you with your work email.',
      );
      return;
    }
    await remember(deps, context, roster, known);

    // An Action.Submit (the fallback of every round button) arrives as a message carrying the card's data.
    const value = context.activity.value as Record<string, unknown> | undefined;
    if (!context.activity.text && value && typeof value === 'object' && typeof value.verb === 'string') {
      if (isBoardBindingAction(value)) {
        // An executive's answer replaces the confirmation card in the channel; a refusal leaves it there.
        await replaceOrSend(
          context,
          await confirmBoardChannel(deps.board, roster, known, value, pressedIn(context, deps)),
        );
        return;
      }
      if (isBoardAction(value)) {
        await context.sendActivity(toActivity(await boardAction(deps.board, roster, known, value)));
        return;
      }
      const reply = await roundAction(deps.round, roster, known, value);
      await replaceOrSend(context, reply);
      return;
    }

    // A command button (help, "did you mean", a status card's drill-downs) is an Action.Submit carrying the
    // command: it is read as if typed, on every client (Teams mobile and the Agents Playground included).
    const typed = context.activity.text || (typeof value?.command === 'string' ? value.command : '');

    // A head answering the round in chat: the message is the next answer.
    const answers = await chatReplyTo(deps.round, roster, known, typed);
    if (answers) {
      for (const reply of answers) await context.sendActivity(toActivity(reply));
      return;
    }

    const command = parseCommand(typed);
    if (command.kind === 'unknown') {
      // Only now, from a roster person who may read the plan's status, does text go to the model.
      const freeForm = ownWordsAnswerer(deps.freeForm, known);
      if (freeForm && command.text.trim()) {
        await freeForm.answer(context, state, { roster, known }, command.text);
        return;
      }
      await context.sendActivity(closestCommandsReply(command.text, known.person.role));
      return;
    }
    if (command.name === 'boardPack') {
      const askedIn = { takesFiles: takesFiles(deps, context) };
      for (const reply of await boardPackReplies(deps.board, roster, known, command.args, askedIn)) {
        await context.sendActivity(
          reply.kind === 'fileOffer' ? { attachments: [fileConsentCard(reply)] } : toActivity(reply),
        );
      }
      return;
    }
    if (BOARD_COMMANDS.has(command.name)) {
      for (const reply of await boardCommand(deps.board, roster, known, command.name, command.args)) {
        await context.sendActivity(toActivity(reply));
      }
      return;
    }
    if (ROUND_COMMANDS.has(command.name)) {
      for (const reply of await roundCommand(deps.round, roster, known, command.name, command.args)) {
        await sendReply(context, reply);
      }
      return;
    }
    switch (command.name) {
      case 'help':
        await context.sendActivity({ attachments: [helpReply(deps, roster, known)] });
        return;
      case 'whoami': {
        const { person, academy } = known;
        const where = academy ? ` at ${academy.name} (URN ${academy.urn})` : '';
        await context.sendActivity(
          `You are ${person.name}, ${person.title}: ${roleLabel(person.role)}${where}. Roster email: ${person.email}.`,
        );
        return;
      }
    }
  });
}

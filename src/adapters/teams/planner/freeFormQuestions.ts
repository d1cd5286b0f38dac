/**
 * Questions in people's own words ("which schools are behind on attendance?"), read by teams-ai's AI
 * system with the status planner. The model only chooses among the board's status commands
 * (statusActions.ts); each runs as the asker, so a head still sees their own academy only. The answer is
 * the cards those commands send, with at most one short text; when the model fails, the person is told
 * so and gets the nearest commands, as without a model.
 */
import { AI } from '@microsoft/teams-ai/lib/AI';
import type { Planner, PredictedSayCommand } from '@microsoft/teams-ai/lib/planners/Planner';
import type { TurnState } from '@microsoft/teams-ai/lib/TurnState';
import type { TurnContext } from 'botbuilder';

import { boardCommand } from '../../../app/board/boardChat';
import type { BoardDeps } from '../../../app/board/boardDeps';
import type { KnownPerson } from '../../../app/identifyPerson';
import type { Logger } from '../../../app/ports';
import { quoteUserText } from '../../../app/quoteUserText';
import type { Roster } from '../../../domain/roster/roster';
import { closestCommandsReply } from '../closestCommandsReply';
import { toActivity } from '../turnHelpers';
import { type PlannerFailure, type PlannerTurn, plannerTurnOf, startPlannerTurn } from './plannerTurn';
import { STATUS_ACTIONS, type StatusActionParameters } from './statusActions';

export interface FreeFormQuestions {
  /** Answers text that is no command, for a roster person; strangers never get this far. */
  answer(
    context: TurnContext,
    state: TurnState,
    asker: { roster: Roster; known: KnownPerson },
    text: string,
  ): Promise<void>;
}

/** The longest question the model is given; the start of a long message says what it is about. */
export const MAX_QUESTION_CHARACTERS = 500;
/** The one text the answer may carry beside the cards. */
const MAX_SAID_CHARACTERS = 200;
/** Actions one plan may run: an answer is a card or two, never a flood. */
const MAX_ACTIONS = 3;

const FAILURE_TEXT: Record<PlannerFailure, string> = {
  rateLimited:
    "I can't read questions in your own words just now: the language model is busy. Try again in a minute.",
  unreachable: "I couldn't reach the language model to read your question.",
  badPlan: "I couldn't turn your question into one of my answers.",
  unknownAction: "I couldn't turn your question into one of my answers.",
};

function failureOf(turn: PlannerTurn): PlannerFailure {
  if (turn.modelStatus === 'rate_limited') return 'rateLimited';
  if (turn.modelStatus === 'success') return 'badPlan';
  return 'unreachable';
}

/** The AI system over `planner`, with the status actions and the answers' limits. */
export function createFreeFormQuestions(
  planner: Planner<TurnState>,
  board: BoardDeps,
  log: Logger,
): FreeFormQuestions {
  // No looping: one plan per question, so one model call (and at most one repair) per message.
  const ai = new AI<TurnState>({ planner, allow_looping: false });

  for (const action of STATUS_ACTIONS) {
    ai.action<StatusActionParameters>(action.name, async (context, _state, parameters) => {
      const turn = plannerTurnOf(context);
      if (!turn) return AI.StopCommandName;
      const command = action.command(parameters ?? {});
      const key = `${command.name} ${command.args}`.toLowerCase();
      if (turn.ran.has(key) || turn.ran.size >= MAX_ACTIONS) return '';
      turn.ran.add(key);
      try {
        // The same function the typed command runs, as the asker: their role decides what they see.
        turn.replies.push(
          ...(await boardCommand(board, turn.roster, turn.known, command.name, command.args)),
        );
      } catch (error) {
        turn.error = error instanceof Error ? error : new Error(`A status action failed: ${String(error)}`);
        return AI.StopCommandName;
      }
      // No output: nothing for the model to continue from.
      return '';
    });
  }
  ai.action<PredictedSayCommand>(AI.SayCommandActionName, (context, _state, command) => {
    const turn = plannerTurnOf(context);
    const content = command.response?.content;
    if (turn && turn.said === undefined && typeof content === 'string' && content.trim()) {
      // Plain text on one line, markdown neutralised: the model's words are not the bot's formatting.
      turn.said = quoteUserText(content, MAX_SAID_CHARACTERS);
    }
    return Promise.resolve('');
  });
  ai.action(AI.UnknownActionName, (context) => {
    const turn = plannerTurnOf(context);
    if (turn) turn.failure = 'unknownAction';
    return Promise.resolve(AI.StopCommandName);
  });
  // The model's call failed (network, rate limit) or its plan stayed invalid after the repair.
  ai.action<Error | undefined>(AI.HttpErrorActionName, (context, _state, error) => {
    const turn = plannerTurnOf(context);
    if (turn && turn.error === undefined) {
      turn.failure ??= failureOf(turn);
      log.warn(
        `The language model gave no usable plan (${turn.failure}): ${(error?.message ?? '').slice(0, 200)}`,
      );
    }
    return Promise.resolve(AI.StopCommandName);
  });
  ai.action(AI.TooManyStepsActionName, (context) => {
    const turn = plannerTurnOf(context);
    if (turn) turn.failure ??= 'badPlan';
    return Promise.resolve(AI.StopCommandName);
  });

  return {
    async answer(context, state, { roster, known }, text) {
      const turn: PlannerTurn = { roster, known, replies: [], ran: new Set() };
      startPlannerTurn(context, turn);
      state.temp.input = text.slice(0, MAX_QUESTION_CHARACTERS);
      // The model takes a second or more: Teams shows the bot typing meanwhile.
      await context.sendActivity({ type: 'typing' });
      await ai.run(context, state);
      if (turn.error !== undefined) throw turn.error;
      if (turn.failure) {
        await context.sendActivity(closestCommandsReply(text, known.person.role, FAILURE_TEXT[turn.failure]));
        return;
      }
      if (turn.replies.length === 0) {
        // Nothing the commands could show: the model's sentence, or the nearest commands.
        await context.sendActivity(
          turn.said ? { text: turn.said } : closestCommandsReply(text, known.person.role),
        );
        return;
      }
      if (turn.said) await context.sendActivity({ text: turn.said });
      for (const reply of turn.replies) await context.sendActivity(toActivity(reply));
    },
  };
}

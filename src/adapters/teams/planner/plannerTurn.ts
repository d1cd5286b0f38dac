import type { PromptResponseStatus } from '@microsoft/teams-ai/lib/types/PromptResponse';
import type { TurnContext } from 'botbuilder';

import type { KnownPerson } from '../../../app/identifyPerson';
import type { ChatReply } from '../../../app/round/roundChat';
import type { Roster } from '../../../domain/roster/roster';

/** Why a question could not be answered through the model; each has its own message to the person. */
export type PlannerFailure = 'rateLimited' | 'unreachable' | 'badPlan' | 'unknownAction';

/** What one free-form question's turn has gathered, kept on the turn so the actions see who is asking. */
export interface PlannerTurn {
  /** Who asked: every action runs with this person's role and academies, whatever the model says. */
  roster: Roster;
  known: KnownPerson;
  /** The answers of the actions run so far, sent once the plan has run. */
  replies: ChatReply[];
  /** The actions already run, by name and arguments, so a plan that repeats one sends it once. */
  ran: Set<string>;
  /** The first SAY of the plan: the one short text the answer may carry. */
  said?: string;
  /** The status of the model's latest answer, to tell a rate limit from a network error or a bad plan. */
  modelStatus?: PromptResponseStatus;
  failure?: PlannerFailure;
  /** A failure of the bot's own (storage), raised after the plan like any other turn's failure. */
  error?: Error;
}

const PLANNER_TURN = Symbol('plannerTurn');

export function startPlannerTurn(context: TurnContext, turn: PlannerTurn): void {
  context.turnState.set(PLANNER_TURN, turn);
}

/** The turn's record; undefined when the planner runs outside a free-form question (it never should). */
export function plannerTurnOf(context: TurnContext): PlannerTurn | undefined {
  return context.turnState.get<PlannerTurn | undefined>(PLANNER_TURN);
}

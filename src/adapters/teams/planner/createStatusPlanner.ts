/**
 * The planner for free-form questions: teams-ai's ActionPlanner with the prompt in prompts/statusQuestion
 * and a chat model from the configuration (OpenAI or Azure OpenAI). Only built when a model is configured.
 */
import { join } from 'node:path';

import { OpenAIModel } from '@microsoft/teams-ai/lib/models/OpenAIModel';
import type { PromptCompletionModel } from '@microsoft/teams-ai/lib/models/PromptCompletionModel';
import { ActionPlanner } from '@microsoft/teams-ai/lib/planners/ActionPlanner';
import { PromptManager } from '@microsoft/teams-ai/lib/prompts/PromptManager';
import type { TurnState } from '@microsoft/teams-ai/lib/TurnState';

import type { AiSettings } from '../../../config';
import { CharacterTokenizer } from './CharacterTokenizer';
import { plannerTurnOf } from './plannerTurn';

/** The prompt's folder under the prompts folder. */
export const STATUS_PROMPT = 'statusQuestion';

/**
 * Teams gives up on a message it has no answer to within 15 s: one call of at most 6 s and one repair
 * of an invalid plan (another call) stay inside it, with the cards' storage reads after them.
 */
const MODEL_TIMEOUT_MS = 6000;
const MAX_REPAIR_ATTEMPTS = 1;

/** The configured chat model; no request is made until a question is asked. */
export function chatModel(settings: AiSettings): PromptCompletionModel {
  // No retries inside the client: a rate limit or outage is answered at once with the nearest commands.
  const clientOptions = { timeout: MODEL_TIMEOUT_MS, maxRetries: 0 };
  const json = { responseFormat: { type: 'json_object' as const }, maxRetries: 0, clientOptions };
  return settings.provider === 'openai'
    ? new OpenAIModel({ apiKey: settings.apiKey, defaultModel: settings.model, ...json })
    : new OpenAIModel({
        azureApiKey: settings.apiKey,
        azureEndpoint: settings.endpoint,
        azureDefaultDeployment: settings.deployment,
        // The first GA version with JSON mode (response_format json_object).
        azureApiVersion: '2024-06-01',
        ...json,
      });
}

/** Notes the status of each answer on the turn, so a failure can be told apart (PlannerTurn.modelStatus). */
function observed(model: PromptCompletionModel): PromptCompletionModel {
  return {
    async completePrompt(context, memory, functions, tokenizer, template) {
      const response = await model.completePrompt(context, memory, functions, tokenizer, template);
      const turn = plannerTurnOf(context);
      if (turn) turn.modelStatus = response.status;
      return response;
    },
  };
}

/** The ActionPlanner over `model`, with the status prompt read from `promptsFolder` (by default ./prompts). */
export function createStatusPlanner(
  model: PromptCompletionModel,
  promptsFolder = join(process.cwd(), 'prompts'),
): ActionPlanner<TurnState> {
  return new ActionPlanner<TurnState>({
    model: observed(model),
    prompts: new PromptManager({ promptsFolder }),
    defaultPrompt: STATUS_PROMPT,
    max_repair_attempts: MAX_REPAIR_ATTEMPTS,
    // Always given: teams-ai's default GPT tokenizer is left out of the bundle.
    tokenizer: new CharacterTokenizer(),
  });
}

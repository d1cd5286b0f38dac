import { existsSync } from 'node:fs';
import { join } from 'node:path';

import type { BoardDeps } from '../../../app/board/boardDeps';
import type { Logger } from '../../../app/ports';
import type { AiSettings } from '../../../config';
import type { FreeFormQuestions } from './freeFormQuestions';

/**
 * Free-form questions with the configured model, loaded on the first question: teams-ai's AI system,
 * the OpenAI client and the tokenizer cost a cold start dearly, and most turns are typed commands.
 * The prompt's folder is checked now, so a package without it fails at start-up, naming it.
 */
export function lazyFreeFormQuestions(
  settings: AiSettings,
  board: BoardDeps,
  log: Logger,
  promptsFolder = join(process.cwd(), 'prompts'),
): FreeFormQuestions {
  const prompt = join(promptsFolder, 'statusQuestion', 'config.json');
  if (!existsSync(prompt)) {
    throw new Error(
      `${prompt} is missing: the language model's prompt ships in the prompts folder (npm run package copies it).`,
    );
  }
  let loaded: Promise<FreeFormQuestions> | undefined;
  const load = async (): Promise<FreeFormQuestions> => {
    const [{ createFreeFormQuestions }, { chatModel, createStatusPlanner }] = await Promise.all([
      import('./freeFormQuestions'),
      import('./createStatusPlanner'),
    ]);
    return createFreeFormQuestions(createStatusPlanner(chatModel(settings), promptsFolder), board, log);
  };
  return {
    async answer(context, state, asker, text) {
      loaded ??= load();
      // A failed load is tried again on the next question rather than remembered.
      loaded.catch(() => (loaded = undefined));
      await (await loaded).answer(context, state, asker, text);
    },
  };
}

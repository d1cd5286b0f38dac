import type { Tokenizer } from '@microsoft/teams-ai/lib/tokenizers/Tokenizer';

/**
 * Counts each character as a token. teams-ai uses its tokenizer only to keep a prompt within
 * max_input_tokens; counting characters gives about four times the model's count for English, so the
 * budget in prompts/statusQuestion/config.json is in characters and errs on the safe side. It spares the
 * bundle gpt-tokenizer's 1.4 MB of tables (scripts/build.ts, LEFT_OUT).
 */
export class CharacterTokenizer implements Tokenizer {
  encode(text: string): number[] {
    return Array.from(text, (character) => character.codePointAt(0) ?? 0);
  }

  decode(tokens: number[]): string {
    return tokens.map((token) => String.fromCodePoint(token)).join('');
  }
}

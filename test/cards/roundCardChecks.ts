/** What every card of the round must be, checked the same way for each. */
import { adaptiveCardValidator } from '../support/schemas';
import { type CardNode, isRoundVerb, nodesOf, nodesOfType } from './cardTree';

const validate = adaptiveCardValidator();

/** Schema 1.5, nothing left unbound, no refresh, no client-side required inputs, fit for a phone. */
export function expectValidCard(content: CardNode): void {
  expectValidWithAnyText(content);
  expect(JSON.stringify(content)).not.toContain('${');
}

/** As expectValidCard, for cards whose data may itself contain "${". */
export function expectValidWithAnyText(content: CardNode): void {
  const valid = validate(content);
  expect(validate.errors ?? []).toEqual([]);
  expect(valid).toBe(true);
  expect(content.version).toBe('1.5');
  expect(content).not.toHaveProperty('refresh');
  expect(nodesOf(content).filter((node) => 'isRequired' in node)).toEqual([]);
  // A phone: one column, text that wraps, drop-downs rather than lists of radio buttons.
  const nodes = nodesOf(content);
  expect(nodes.filter((node) => ['ColumnSet', 'Column', 'Table'].includes(node.type as string))).toEqual([]);
  expect(nodesOfType(content, 'TextBlock').filter((block) => block.wrap !== true)).toEqual([]);
  for (const choiceSet of nodesOfType(content, 'Input.ChoiceSet')) {
    expect(choiceSet).toMatchObject({ style: 'compact', wrap: true });
  }
}

/**
 * Every Action.Execute carries a round verb, the same verb in its data, and falls back to an
 * Action.Submit with the same title and data. Returns the actions' data, in order.
 */
export function expectUniversalActions(content: CardNode): Record<string, unknown>[] {
  const executes = nodesOfType(content, 'Action.Execute');
  for (const action of executes) {
    expect(isRoundVerb(action.verb)).toBe(true);
    const data = action.data as Record<string, unknown>;
    expect(data.verb).toBe(action.verb);
    const fallback = action.fallback as CardNode;
    expect(fallback.type).toBe('Action.Submit');
    expect(fallback.title).toBe(action.title);
    expect(fallback.data).toEqual(data);
  }
  // Every Action.Submit is some Action.Execute's fallback: no button bypasses the verb routing.
  expect(nodesOfType(content, 'Action.Submit')).toHaveLength(executes.length);
  return executes.map((action) => action.data as Record<string, unknown>);
}

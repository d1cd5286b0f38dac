/** What every card of the round must be, checked the same way for each. */
import { adaptiveCardValidator } from '../support/schemas';
import { type CardNode, isRoundVerb, nodesOf, nodesOfType } from './cardTree';

const validate = adaptiveCardValidator();

/** Schema 1.5, nothing left unbound, no refresh, no client-side required inputs. */
export function expectValidCard(content: CardNode): void {
  const valid = validate(content);
  expect(validate.errors ?? []).toEqual([]);
  expect(valid).toBe(true);
  expect(content.version).toBe('1.5');
  expect(JSON.stringify(content)).not.toContain('${');
  expect(content).not.toHaveProperty('refresh');
  expect(nodesOf(content).filter((node) => 'isRequired' in node)).toEqual([]);
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

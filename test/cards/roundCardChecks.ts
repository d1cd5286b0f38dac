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
 * Every button carries a round verb in its data: an Action.Execute has it as its verb too and falls back
 * to an Action.Submit with the same title and data; any other Action.Submit stands alone (the head's
 * cards, which must work on Teams mobile). Returns each button's data, in order.
 */
export function expectRoundActions(content: CardNode): Record<string, unknown>[] {
  const fallbacks = new Set<CardNode>();
  const buttons: Record<string, unknown>[] = [];
  for (const action of nodesOf(content)) {
    if (action.type === 'Action.Execute') {
      expect(isRoundVerb(action.verb)).toBe(true);
      const data = action.data as Record<string, unknown>;
      expect(data.verb).toBe(action.verb);
      const fallback = action.fallback as CardNode;
      expect(fallback.type).toBe('Action.Submit');
      expect(fallback.title).toBe(action.title);
      expect(fallback.data).toEqual(data);
      fallbacks.add(fallback);
      buttons.push(data);
    } else if (action.type === 'Action.Submit' && !fallbacks.has(action)) {
      const data = action.data as Record<string, unknown>;
      expect(isRoundVerb(data.verb)).toBe(true);
      buttons.push(data);
    }
  }
  return buttons;
}

/** A head's card: every button an Action.Submit, none depending on Action.Execute (broken on Teams mobile). */
export function expectSubmitActions(content: CardNode): Record<string, unknown>[] {
  expect(nodesOfType(content, 'Action.Execute')).toEqual([]);
  return expectRoundActions(content);
}

/** Reading a rendered card in tests: every object in it, its actions, an element by id. */
import { ROUND_VERBS, type RoundVerb } from '../../src/app/round/roundViews';

export type CardNode = Record<string, unknown>;

/** Every object in the card, depth first, in document order. */
export function nodesOf(value: unknown): CardNode[] {
  const found: CardNode[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node !== null && typeof node === 'object') {
      found.push(node as CardNode);
      Object.values(node).forEach(visit);
    }
  };
  visit(value);
  return found;
}

export function nodesOfType(card: unknown, type: string): CardNode[] {
  return nodesOf(card).filter((node) => node.type === type);
}

/** The element with this id, and the list it sits in. */
export function elementById(card: unknown, id: string): { element: CardNode; siblings: CardNode[] } {
  for (const node of nodesOf(card)) {
    const items = node.items;
    if (!Array.isArray(items)) continue;
    const element = (items as CardNode[]).find((item) => item.id === id);
    if (element) return { element, siblings: items as CardNode[] };
  }
  throw new Error(`No element with id ${id} in the card`);
}

/** The text of a RichTextBlock's runs, joined. */
export function runText(block: CardNode | undefined): string {
  const inlines = (block?.inlines ?? []) as { text: string }[];
  return inlines.map((run) => run.text).join('');
}

export function isRoundVerb(verb: unknown): verb is RoundVerb {
  return typeof verb === 'string' && (ROUND_VERBS as readonly string[]).includes(verb);
}

/** The text a card shows (TextBlocks, TextRuns, facts, button titles), one string per piece. */
export function visibleTexts(card: unknown): string[] {
  return nodesOf(card).flatMap((node) => {
    if ((node.type === 'TextBlock' || node.type === 'TextRun') && typeof node.text === 'string')
      return [node.text];
    if (typeof node.title === 'string' && typeof node.value === 'string' && node.type === undefined)
      return [node.title, node.value];
    if (typeof node.type === 'string' && node.type.startsWith('Action.') && typeof node.title === 'string')
      return [node.title];
    return [];
  });
}

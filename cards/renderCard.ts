/**
 * Binds a card template (cards/*.json, imported as a module so the build carries it) to typed data
 * with adaptivecards-templating, giving the attachment Teams expects.
 */
import { Template } from 'adaptivecards-templating';

import { escapeMarkdown } from '../src/app/escapeMarkdown';

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

export interface CardAttachment {
  contentType: typeof ADAPTIVE_CARD_CONTENT_TYPE;
  content: Record<string, unknown>;
}

const templates = new WeakMap<object, Template>();

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Escapes, in place, every string Teams renders as markdown: a TextBlock's text and a FactSet's titles
 * and values. Done here, once, for every card, so no name, reason or typed text can plant a link,
 * emphasis or a heading whichever view it reaches; the templates put no markup of their own in those
 * places (bold is `weight`), and TextRun, which never renders markdown, is left as it is.
 */
function escapeMarkdownFields(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) escapeMarkdownFields(item);
    return;
  }
  if (!isRecord(node)) return;
  if (node.type === 'TextBlock' && typeof node.text === 'string') node.text = escapeMarkdown(node.text);
  if (node.type === 'FactSet' && Array.isArray(node.facts)) {
    for (const fact of node.facts) {
      if (!isRecord(fact)) continue;
      if (typeof fact.title === 'string') fact.title = escapeMarkdown(fact.title);
      if (typeof fact.value === 'string') fact.value = escapeMarkdown(fact.value);
    }
  }
  for (const [key, value] of Object.entries(node)) if (key !== 'facts') escapeMarkdownFields(value);
}

/** Expands the template with the data; every text shown as markdown comes out escaped. */
export function renderCard(templateJson: object, data: object): CardAttachment {
  let template = templates.get(templateJson);
  if (!template) {
    template = new Template(templateJson);
    templates.set(templateJson, template);
  }
  const content = template.expand({ $root: data }) as Record<string, unknown>;
  escapeMarkdownFields(content);
  return { contentType: ADAPTIVE_CARD_CONTENT_TYPE, content };
}

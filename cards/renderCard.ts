/**
 * Binds a card template (cards/*.json, imported as a module so the build carries it) to typed data
 * with adaptivecards-templating, giving the attachment Teams expects.
 */
import { Template } from 'adaptivecards-templating';

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

export interface CardAttachment {
  contentType: typeof ADAPTIVE_CARD_CONTENT_TYPE;
  content: Record<string, unknown>;
}

const templates = new WeakMap<object, Template>();

/** Expands the template with the data. */
export function renderCard(templateJson: object, data: object): CardAttachment {
  let template = templates.get(templateJson);
  if (!template) {
    template = new Template(templateJson);
    templates.set(templateJson, template);
  }
  const content = template.expand({ $root: data }) as Record<string, unknown>;
  return { contentType: ADAPTIVE_CARD_CONTENT_TYPE, content };
}

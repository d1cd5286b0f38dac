/**
 * Binds a card template from cards/*.json to typed data with adaptivecards-templating, giving the
 * attachment Teams expects. Templates are read once and kept.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { Template } from 'adaptivecards-templating';

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

export interface CardAttachment {
  contentType: typeof ADAPTIVE_CARD_CONTENT_TYPE;
  content: Record<string, unknown>;
}

const templates = new Map<string, Template>();

function template(name: string): Template {
  let found = templates.get(name);
  if (!found) {
    const file = path.join(__dirname, `${name}.json`);
    found = new Template(JSON.parse(readFileSync(file, 'utf8')) as object);
    templates.set(name, found);
  }
  return found;
}

/** Expands the named template (file `cards/<name>.json`) with the data. */
export function renderCard(name: string, data: object): CardAttachment {
  const content = template(name).expand({ $root: data }) as Record<string, unknown>;
  return { contentType: ADAPTIVE_CARD_CONTENT_TYPE, content };
}

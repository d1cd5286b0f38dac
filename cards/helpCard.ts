import type { HelpView } from '../src/app/helpFor';
import helpTemplate from './help.json';
import { type CardAttachment, renderCard } from './renderCard';

/** The help card: who the person is to the bot and what they can type. */
export function helpCard(view: HelpView): CardAttachment {
  const subtitle = [view.name, view.roleLabel, view.academyName].filter(Boolean).join(' · ');
  return renderCard(helpTemplate, { ...view, subtitle });
}

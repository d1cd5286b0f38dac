import type { HelpView } from '../src/app/helpFor';
import { buttonRows } from './buttonRows';
import helpTemplate from './help.json';
import { type CardAttachment, renderCard } from './renderCard';

/** The help card: who the person is to the bot and what they can type. */
export function helpCard(view: HelpView): CardAttachment {
  const subtitle = [view.name, view.roleLabel, view.academyName].filter(Boolean).join(' · ');
  // Each button sends its command as typed; in rows, so every title stays whole on a phone.
  const buttons = buttonRows(view.buttons.map(({ usage }) => ({ title: usage })));
  return renderCard(helpTemplate, { ...view, subtitle, buttonRows: buttons });
}

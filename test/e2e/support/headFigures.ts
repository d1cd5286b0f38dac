/**
 * The demo head's figures card in the playground: finding the form (not the read-only summary) and
 * filling it with valid figures, as the round and board tests both need.
 */
import type { Locator } from 'playwright-core';

import { chooseCardOption, fillCardNumber, type PlaygroundSession } from './browser';

/** The head's figures form for the term (not the read-only summary), by its subtitle. */
export function figuresForm(session: PlaygroundSession, termLabel: string): Locator {
  return session.page.locator('.ac-adaptiveCard').filter({ hasText: `Figures for ${termLabel}, due by` });
}

/** Fills every required figure of the demo head's card with a valid value, attendance aside. */
export async function fillValidFigures(card: Locator): Promise<void> {
  await fillCardNumber(card, /^Disadvantaged gap/, '8.5');
  await fillCardNumber(card, /^Persistent absence/, '14.2');
  await fillCardNumber(card, /^Teaching good or better/, '85');
  await chooseCardOption(card, /^Senior leadership judgement/, 'Good');
  await fillCardNumber(card, /^Single central record compliance/, '100');
  await fillCardNumber(card, /^Open safeguarding concerns/, '0');
  await fillCardNumber(card, /^Revenue reserves/, '6.1');
  await fillCardNumber(card, /^In-year balance/, '-120');
  // The summer term also asks for the year's results: any other required figure gets the middle of
  // the range its placeholder gives ("a whole number, 0 to 500", "-100 to 100 pts").
  const required = card.getByRole('textbox', { name: /· Required/ });
  for (let i = 0; i < (await required.count()); i++) {
    const input = required.nth(i);
    if ((await input.inputValue()) !== '') continue;
    const placeholder = (await input.getAttribute('placeholder')) ?? '';
    const [low = 0, high = 0] = (placeholder.match(/-?\d+(\.\d+)?/g) ?? []).map(Number);
    await input.click();
    await input.pressSequentially(String(Math.round((low + high) / 2)));
  }
}

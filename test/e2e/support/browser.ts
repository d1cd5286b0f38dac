/**
 * Drives the Microsoft 365 Agents Playground in Debian's Chromium through playwright-core, as a person
 * would: open it, type in the composer, read and fill Adaptive Cards. No browser is ever downloaded,
 * and the page may reach this machine only (its Fluent UI fonts from a CDN are refused at once).
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
/** Screenshots and other artifacts; git-ignored, kept by CI. */
export const RESULTS_DIR = path.resolve(__dirname, '../../../test-results');

const COMPOSER = '[contenteditable="true"][role="textbox"]';
const CARD = '.ac-adaptiveCard';

export interface PlaygroundSession {
  page: Page;
  context: BrowserContext;
  close(): Promise<void>;
}

function isLocal(url: string): boolean {
  try {
    const { hostname, protocol } = new URL(url);
    if (protocol === 'data:' || protocol === 'blob:' || protocol === 'about:') return true;
    return ['localhost', '127.0.0.1', '[::1]'].includes(hostname);
  } catch {
    return false;
  }
}

/**
 * Opens a playground in a fresh Chromium profile and waits until it has connected to the bot (before
 * that it shows its built-in "My Team" placeholder and sends nothing) and the bot has answered the
 * installationUpdate and conversationUpdate that opening the personal chat sends, so that whatever the
 * bot posts on install is already on the page.
 */
export async function openPlayground(
  url: string,
  options: { timeoutMs?: number } = {},
): Promise<PlaygroundSession> {
  const timeout = options.timeoutMs ?? 30_000;
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'playground-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
    viewport: { width: 1400, height: 900 },
    locale: 'en-GB',
    timezoneId: 'Europe/London',
  });
  const close = async (): Promise<void> => {
    await context.close().catch(() => undefined);
    rmSync(userDataDir, { recursive: true, force: true });
  };
  try {
    await context.route('**/*', (route) =>
      isLocal(route.request().url()) ? route.continue() : route.abort('internetdisconnected'),
    );
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(timeout);
    await page.goto(url);
    await page.getByText('Connected.', { exact: true }).first().waitFor({ timeout });
    await page.locator(COMPOSER).first().waitFor({ timeout });
    // The log panel lists each activity with the bot's HTTP status once the bot has answered it.
    await page
      .getByText(/^conversationUpdate \d{3}$/)
      .first()
      .waitFor({ timeout });
    return { page, context, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Switches to the personal chat with the bot (the view a playground opens on). */
export async function openPersonalChat(page: Page): Promise<void> {
  await page.locator('[role="treeitem"][aria-label="Personal Chat"]').click();
}

/**
 * Switches to a team channel, e.g. "Board". Selecting it makes the playground send the bot an
 * installationUpdate and a conversationUpdate for the channel, so the bot can capture its reference.
 */
export async function openChannel(page: Page, channel: string): Promise<void> {
  await page.locator(`[role="treeitem"][aria-label$=" - ${channel}"]`).click();
  await page.getByText('Start a new post').first().waitFor();
}

/**
 * Types a message in the composer and sends it with Enter. In a channel this starts a new post; pass
 * `mention` (the bot's name) there, because the playground, like Teams, gives the bot only the channel
 * messages that @mention it.
 */
export async function sendMessage(
  page: Page,
  text: string,
  options: { mention?: string } = {},
): Promise<void> {
  const composer = page.locator(COMPOSER).first();
  await composer.click();
  if (options.mention) {
    await page.keyboard.type('@');
    await page.getByRole('menuitem', { name: options.mention }).click();
    await page.keyboard.type(' ');
  }
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

/** Waits for a plain message (or any element) containing `text` and returns it. */
export async function waitForText(
  page: Page,
  text: string,
  options: { timeoutMs?: number } = {},
): Promise<Locator> {
  const found = page.getByText(text).last();
  await found.waitFor({ timeout: options.timeoutMs ?? 30_000 });
  return found;
}

/** How many Adaptive Cards on the page contain `textInCard` (all cards without it). */
export async function countCards(page: Page, textInCard?: string | RegExp): Promise<number> {
  const cards = page.locator(CARD);
  return (textInCard === undefined ? cards : cards.filter({ hasText: textInCard })).count();
}

/**
 * Waits for the newest Adaptive Card that contains `textInCard` and returns it. Pass `newerThan` (a
 * `countCards` taken before sending) to wait for a new card rather than accept one already shown.
 */
export async function waitForCard(
  page: Page,
  textInCard: string | RegExp,
  options: { timeoutMs?: number; newerThan?: number } = {},
): Promise<Locator> {
  const cards = page.locator(CARD).filter({ hasText: textInCard });
  const card = cards.nth(options.newerThan ?? 0);
  await card.waitFor({ timeout: options.timeoutMs ?? 30_000 });
  return cards.last();
}

/**
 * Types a value into a card's number field (an Input.Text, read on the server), found by its label, key by
 * key as a person types; the bot receives it as a string.
 */
export async function fillCardNumber(
  card: Locator,
  label: string | RegExp,
  value: number | string,
): Promise<void> {
  const input = card.getByRole('textbox', { name: label });
  await input.click();
  await input.press('ControlOrMeta+A');
  await input.press('Backspace');
  await input.pressSequentially(String(value));
}

/** A card's visible text, with runs of white space as one space. */
export async function textOf(card: Locator): Promise<string> {
  return (await card.innerText()).replace(/\s+/g, ' ');
}

/** `text` as a regular expression that matches it to the letter, to put in a larger pattern. */
export const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Sends a command in the chat open on the page and returns the new card whose text contains `title`. */
export async function ask(page: Page, command: string, title: string | RegExp): Promise<Locator> {
  const shown = await countCards(page, title);
  await sendMessage(page, command);
  return waitForCard(page, title, { newerThan: shown });
}

/** Clicks a card's action button by its title (an Action.Submit or Action.Execute). */
export async function clickCardButton(card: Locator, title: string | RegExp): Promise<void> {
  await card.getByRole('button', { name: title, exact: typeof title === 'string' }).click();
}

/** Saves a full-page screenshot as test-results/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, name.endsWith('.png') ? name : `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Runs a step in the browser, keeping a full-page screenshot named for it when it fails. */
export async function step(page: Page, name: string, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    await screenshot(page, `${name}-failed`).catch(() => undefined);
    throw error;
  }
}

/**
 * Saves a screenshot of one Adaptive Card as test-results/<name>.png, small enough for the docs: the
 * card alone, from its top or from `from` (an element in it, e.g. a field with an error), at most
 * `maxHeight` pixels tall. The chat scrolls inside its own pane, which clips a card taller than the
 * window, so the window is made tall enough for the whole card while the picture is taken.
 */
export async function cardScreenshot(
  card: Locator,
  name: string,
  options: { from?: Locator; maxHeight?: number; above?: number } = {},
): Promise<string> {
  const page = card.page();
  const viewport = page.viewportSize() ?? { width: 1400, height: 900 };
  const before = await card.boundingBox();
  if (!before) throw new Error(`The card for screenshot "${name}" is not on the page.`);
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name}.png`);
  await page.setViewportSize({ width: viewport.width, height: Math.ceil(before.height) + 400 });
  try {
    await card.scrollIntoViewIfNeeded();
    const box = await card.boundingBox();
    const fromBox = options.from ? await options.from.boundingBox() : undefined;
    if (!box || (options.from && !fromBox)) throw new Error(`Screenshot "${name}": the card moved away.`);
    // A little room above the element shown (`above` pixels), so its heading or label is in the picture.
    const top = fromBox ? Math.max(box.y, fromBox.y - (options.above ?? 48)) : box.y;
    const height = Math.min(options.maxHeight ?? box.height, box.y + box.height - top);
    await page.screenshot({ path: file, clip: { x: box.x, y: top, width: box.width, height } });
  } finally {
    await page.setViewportSize(viewport);
  }
  return file;
}

/** Picks an option of a card's compact Input.ChoiceSet, found by its label. */
export async function chooseCardOption(card: Locator, label: string | RegExp, option: string): Promise<void> {
  await card.getByRole('combobox', { name: label }).click();
  await card.page().getByRole('option', { name: option, exact: true }).click();
}

/** Where the guides' pictures are (docs/images); the e2e writes there only with UPDATE_DOC_IMAGES=1. */
export const DOC_IMAGES_DIR = path.resolve(__dirname, '../../../docs/images');

/**
 * Copies a screenshot taken in test-results/ to docs/images/<name>.png when UPDATE_DOC_IMAGES=1, so the
 * guides' pictures are retaken by one deliberate run and every other run leaves git's tree alone.
 */
export function keepForDocs(file: string, name: string): void {
  if (process.env.UPDATE_DOC_IMAGES !== '1') return;
  mkdirSync(DOC_IMAGES_DIR, { recursive: true });
  copyFileSync(file, path.join(DOC_IMAGES_DIR, `${name}.png`));
}

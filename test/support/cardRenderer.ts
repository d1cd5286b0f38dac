/**
 * Renders Adaptive Cards in Chromium as a Teams client's web view would: the adaptivecards 3 JS renderer
 * (loaded from node_modules, never the network) with Microsoft Teams' light host config from schemas/,
 * in a container as wide as a phone. One browser and one page serve every card of a test file.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { type Browser, chromium, type Page } from 'playwright-core';

import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/support/browser';

const ROOT = path.resolve(__dirname, '../..');
const RENDERER = path.join(ROOT, 'node_modules/adaptivecards/dist/adaptivecards.min.js');
const RENDERER_CSS = path.join(ROOT, 'node_modules/adaptivecards/dist/adaptivecards.css');
const HOST_CONFIG = path.join(ROOT, 'schemas/host-config-microsoft-teams-light.json');

/** A phone's chat column in CSS pixels (a small Android phone; iPhones are 375–430). */
export const PHONE_WIDTH = 360;

/** What the renderer logged about a card, in its own words. */
export interface RendererEvent {
  phase: 'Parse' | 'ToJSON' | 'Validation';
  event: string;
  message: string;
}

/** An element that sticks out of the phone's column, or whose content is wider than its box. */
export interface Overflow {
  element: string;
  text: string;
  left: number;
  right: number;
  scrollWidth: number;
  clientWidth: number;
}

export interface RenderedCard {
  /** Parse events and validation failures (a Chart.* the renderer does not know is one of them). */
  events: RendererEvent[];
  /** The card's text as shown (innerText: hidden elements left out). */
  text: string;
  /**
   * Characters of text a reader sees: `text` with each closed drop-down counted as the value it shows,
   * not its whole list of choices.
   */
  chars: number;
  /** The ids of the inputs in the DOM, in document order, each holding a real form control. */
  inputIds: string[];
  /** The text of each rendered FactSet, in document order. */
  factSets: string[];
  /** Titles of the rendered buttons, in document order. */
  buttons: string[];
  /** The card's rendered width, and whatever does not fit in the phone's column. */
  width: number;
  /** The card's rendered height, as a phone shows it (elements hidden until toggled take no room). */
  height: number;
  overflows: Overflow[];
}

export interface CardRenderer {
  render(card: object): Promise<RenderedCard>;
  /** Saves a picture of the card last rendered at `file` (a PNG path). */
  screenshot(file: string): Promise<void>;
  close(): Promise<void>;
}

const PAGE = `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><style>
  body { margin: 0; background: #f5f5f5; font-family: 'Segoe UI', Tahoma, Geneva, Verdana, sans-serif; }
  #phone { width: ${PHONE_WIDTH}px; background: #fff; }
</style></head><body><div id="phone"></div></body></html>`;

/** Starts Chromium with one page holding the renderer, ready to render cards one after another. */
export async function startCardRenderer(): Promise<CardRenderer> {
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
  });
  try {
    const page: Page = await browser.newPage({ viewport: { width: 480, height: 800 }, locale: 'en-GB' });
    // The page is built from strings and files: anything it asks of the network is refused.
    await page.route('**/*', (route) => route.abort('internetdisconnected'));
    await page.setContent(PAGE);
    await page.addStyleTag({ content: readFileSync(RENDERER_CSS, 'utf8') });
    await page.addScriptTag({ content: readFileSync(RENDERER, 'utf8') });
    // Run under tsx (npm run bench), functions handed to the page carry esbuild's __name helper calls.
    await page.addScriptTag({ content: 'window.__name = (target) => target;' });
    const hostConfig = JSON.parse(readFileSync(HOST_CONFIG, 'utf8')) as object;
    return {
      render: (card) => page.evaluate(renderInPage, { card, hostConfig }),
      screenshot: async (file) => {
        await page.locator('#phone').screenshot({ path: file });
      },
      close: () => browser.close(),
    };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

/** Runs in the page: parse, validate and render the card into #phone, then read what was drawn. */
function renderInPage({ card, hostConfig }: { card: object; hostConfig: object }): RenderedCard {
  // The renderer's global, typed only as far as this function uses it.
  interface AcEvent {
    phase: number;
    event: number;
    message: string;
  }
  interface AcCard {
    hostConfig: unknown;
    parse(json: object, context: unknown): void;
    validateProperties(): { validationEvents: AcEvent[] };
    render(): HTMLElement | undefined;
  }
  const ac = (window as unknown as Record<string, unknown>).AdaptiveCards as {
    AdaptiveCard: new () => AcCard;
    HostConfig: new (json: object) => unknown;
    SerializationContext: new (version: unknown) => { eventCount: number; getEventAt(i: number): AcEvent };
    Versions: Record<string, unknown>;
    ValidationEvent: Record<number, string>;
    ValidationPhase: Record<number, RendererEvent['phase']>;
  };
  const phone = document.getElementById('phone')!;
  phone.innerHTML = '';
  const adaptiveCard = new ac.AdaptiveCard();
  adaptiveCard.hostConfig = new ac.HostConfig(hostConfig);
  // Teams renders schema 1.5: parse as a 1.5 client does.
  const context = new ac.SerializationContext(ac.Versions.v1_5);
  adaptiveCard.parse(card, context);
  const logged: AcEvent[] = [];
  for (let i = 0; i < context.eventCount; i++) logged.push(context.getEventAt(i));
  logged.push(...adaptiveCard.validateProperties().validationEvents);
  const events = logged.map((e) => ({
    phase: ac.ValidationPhase[e.phase] ?? 'Parse',
    event: ac.ValidationEvent[e.event] ?? String(e.event),
    message: e.message,
  }));
  const rendered = adaptiveCard.render();
  if (rendered) phone.appendChild(rendered);

  const bounds = phone.getBoundingClientRect();
  const overflows: Overflow[] = [];
  for (const element of Array.from(phone.querySelectorAll<HTMLElement>('*'))) {
    const box = element.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue; // not displayed (hidden until toggled)
    const outside = box.left < bounds.left - 0.5 || box.right > bounds.right + 0.5;
    // Content wider than its box is cut off or scrolls sideways; a text input scrolling its own
    // value is how inputs work, so inputs are judged by their box only.
    const isControl = ['INPUT', 'TEXTAREA', 'SELECT'].includes(element.tagName);
    const clipped = !isControl && element.scrollWidth > element.clientWidth + 1 && element.clientWidth > 0;
    if (outside || clipped) {
      overflows.push({
        element: `${element.tagName.toLowerCase()}.${element.className}`,
        text: (element.innerText || element.getAttribute('aria-label') || '').slice(0, 80),
        left: Math.round(box.left - bounds.left),
        right: Math.round(box.right - bounds.left),
        scrollWidth: element.scrollWidth,
        clientWidth: element.clientWidth,
      });
    }
  }
  const inputIds = Array.from(phone.querySelectorAll<HTMLElement>('[id]'))
    .filter((element) => element.querySelector('input, select, textarea') !== null)
    .filter((element) => !element.classList.contains('ac-container')) // a container of inputs is not one
    .filter((element) => !element.id.startsWith('__ac-')) // the renderer's own generated ids
    .map((element) => element.id);
  const text = rendered?.innerText ?? '';
  const flat = (value: string): number => value.replace(/\s+/g, ' ').trim().length;
  // A closed drop-down shows its chosen value: its other choices are not read until it is opened.
  const unseen = Array.from(phone.querySelectorAll<HTMLSelectElement>('select')).reduce(
    (sum, select) => sum + flat(select.innerText) - flat(select.selectedOptions[0]?.text ?? ''),
    0,
  );
  return {
    events,
    text,
    chars: flat(text) - unseen,
    inputIds,
    factSets: Array.from(phone.querySelectorAll<HTMLElement>('.ac-factset')).map((set) => set.innerText),
    buttons: Array.from(phone.querySelectorAll<HTMLElement>('button')).map(
      (button) => button.getAttribute('aria-label') ?? button.innerText,
    ),
    width: Math.round(rendered?.getBoundingClientRect().width ?? 0),
    height: Math.round(rendered?.getBoundingClientRect().height ?? 0),
    overflows,
  };
}

/**
 * The product as `npm start` runs it, used through the playgrounds in Chromium: the executive asks for
 * help, a head is welcomed for their academy, and the board channel is remembered when it is opened.
 */
import { createTableStores } from '../../src/adapters/tableStorage/createTableStores';
import { loadLocalSettings } from '../../src/config';
import { azuriteConnectionString } from '../../src/hosts/local/azurite';
import {
  countCards,
  openChannel,
  openPlayground,
  type PlaygroundSession,
  screenshot,
  sendMessage,
  step,
  waitForCard,
} from './support/browser';
import { type RunningProduct, startProduct } from './support/product';

let product: RunningProduct | undefined;
const sessions: PlaygroundSession[] = [];

beforeAll(async () => {
  product = await startProduct();
}, 180_000);

afterAll(async () => {
  for (const session of sessions) await session.close();
  await product?.stop();
}, 60_000);

async function open(role: 'executive' | 'head' | 'trustee'): Promise<PlaygroundSession> {
  const session = await openPlayground(product!.playgroundUrl(role));
  sessions.push(session);
  return session;
}

/** The product's own Azurite, on the ports npm start reads from the same environment. */
function productStores() {
  const { blobPort, queuePort, tablePort } = loadLocalSettings(process.env, []).azurite;
  return createTableStores(
    azuriteConnectionString('127.0.0.1', { blob: blobPort, queue: queuePort, table: tablePort }),
  );
}

describe('help in the personal chat', () => {
  it('shows an executive what the bot can do for them', async () => {
    const session = await open('executive');
    await step(session.page, 'help-card', async () => {
      const shown = await countCards(session.page, 'What I can do for you');
      await sendMessage(session.page, 'help');
      const card = await waitForCard(session.page, 'What I can do for you', { newerThan: shown });

      expect(await card.innerText()).toMatch(/executive/i);
      await screenshot(session.page, 'help-card');
    });
  });
});

describe('a head opening the app', () => {
  it('is welcomed with what the bot will ask of their academy', async () => {
    const session = await open('head');
    await step(session.page, 'head-welcome', async () => {
      const card = await waitForCard(session.page, 'What I can do for you');
      const text = await card.innerText();
      expect(text).toMatch(/head of academy/);
      expect(text).toContain('The Philip Morant School and College');
      await screenshot(session.page, 'head-welcome');
    });
  });
});

describe('the board channel', () => {
  it('is remembered when the app is opened there, so summaries can be posted to it', async () => {
    const session = await open('trustee');
    await step(session.page, 'board-channel', async () => {
      await openChannel(session.page, 'Board');
      const stores = productStores();
      let board;
      for (let i = 0; i < 50 && !board; i++) {
        board = (await stores.conversations.list('channel')).find((c) => c.channelName === 'Board');
        if (!board) await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(board?.reference.serviceUrl).toMatch(/^http:\/\/localhost:\d+\/_connector/);
      expect(board?.unreachable).toBeUndefined();
    });
  });
});

/**
 * The product as `npm start` runs it, used through the playgrounds in Chromium: the executive asks for
 * help, a head is welcomed for their academy, and the board channel is remembered when it is opened.
 */
import { createTableStores } from '../../src/adapters/tableStorage/createTableStores';
import { azuriteConnectionString } from '../../src/hosts/local/azurite';
import {
  countCards,
  openChannel,
  openPlayground,
  type PlaygroundSession,
  screenshot,
  sendMessage,
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

/** The product's own Azurite: npm start's ports, unless the environment moved them. */
function productStores() {
  const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
  const connection = azuriteConnectionString('127.0.0.1', {
    blob: port('AZURITE_BLOB_PORT', 10000),
    queue: port('AZURITE_QUEUE_PORT', 10001),
    table: port('AZURITE_TABLE_PORT', 10002),
  });
  return createTableStores(connection);
}

describe('help in the personal chat', () => {
  it('shows an executive what the bot can do for them', async () => {
    const session = await open('executive');
    try {
      const shown = await countCards(session.page, 'What I can do for you');
      await sendMessage(session.page, 'help');
      const card = await waitForCard(session.page, 'What I can do for you', { newerThan: shown });

      expect(await card.innerText()).toMatch(/executive/i);
      await screenshot(session.page, 'help-card');
    } catch (error) {
      await screenshot(session.page, 'help-card-failed');
      throw error;
    }
  });
});

describe('a head opening the app', () => {
  it('is welcomed with what the bot will ask of their academy', async () => {
    const session = await open('head');
    try {
      const card = await waitForCard(session.page, 'What I can do for you');
      const text = await card.innerText();
      expect(text).toMatch(/head of academy/);
      expect(text).toContain('The Philip Morant School and College');
      await screenshot(session.page, 'head-welcome');
    } catch (error) {
      await screenshot(session.page, 'head-welcome-failed');
      throw error;
    }
  });
});

describe('the board channel', () => {
  it('is remembered when the app is opened there, so summaries can be posted to it', async () => {
    const session = await open('trustee');
    try {
      await openChannel(session.page, 'Board');
      const stores = productStores();
      let board;
      for (let i = 0; i < 50 && !board; i++) {
        board = (await stores.conversations.list('channel')).find((c) => c.channelName === 'Board');
        if (!board) await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(board?.reference.serviceUrl).toMatch(/^http:\/\/localhost:\d+\/_connector/);
      expect(board?.unreachable).toBeUndefined();
    } catch (error) {
      await screenshot(session.page, 'board-channel-failed');
      throw error;
    }
  });
});

/**
 * Smoke test: the product as `npm start` runs it, used through the executive's playground in Chromium.
 */
import {
  countCards,
  openPlayground,
  type PlaygroundSession,
  screenshot,
  sendMessage,
  waitForCard,
} from './support/browser';
import { type RunningProduct, startProduct } from './support/product';

describe('help in the personal chat', () => {
  let product: RunningProduct | undefined;
  let session: PlaygroundSession | undefined;

  beforeAll(async () => {
    product = await startProduct();
  }, 180_000);

  afterAll(async () => {
    await session?.close();
    await product?.stop();
  }, 60_000);

  it('shows an executive what the bot can do for them', async () => {
    session = await openPlayground(product!.playgroundUrl('executive'));

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

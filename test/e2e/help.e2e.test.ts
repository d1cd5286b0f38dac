/**
 * The product as `npm start` runs it, used through the playgrounds in Chromium: the executive asks for
 * help, a head is welcomed for their academy, and the board channel is remembered when it is opened.
 */
import { ask, openChannel, screenshot, step, waitForCard } from './support/browser';
import { productRun } from './support/productRun';
import { productStores } from './support/productStores';
import { until } from './support/until';

const run = productRun({ name: 'help' });

describe('help in the personal chat', () => {
  it('shows an executive what the bot can do for them', async () => {
    const session = await run.open('executive');
    await step(session.page, 'help-card', async () => {
      const card = await ask(session.page, 'help', 'What I can do for you');

      expect(await card.innerText()).toMatch(/executive/i);
      await screenshot(session.page, 'help-card');
    });
  });
});

describe('a head opening the app', () => {
  it('is welcomed with what the bot will ask of their academy', async () => {
    const session = await run.open('head');
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
    const session = await run.open('trustee');
    await step(session.page, 'board-channel', async () => {
      await openChannel(session.page, 'Board');
      const stores = productStores();
      const board = await until(
        'the Board channel to be stored',
        async () => (await stores.conversations.list('channel')).find((c) => c.channelName === 'Board'),
        10_000,
      );
      expect(board.reference.serviceUrl).toMatch(/^http:\/\/localhost:\d+\/_connector/);
      expect(board.unreachable).toBeUndefined();
    });
  });
});

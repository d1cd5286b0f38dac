/**
 * The board channel bound as in a real tenant, and sends Teams refuses told truthfully, through the
 * playgrounds `npm start -- --confirm-board-channel` runs (nothing is bound at start) and a fourth
 * playground started here on the bot's real endpoint: a head's own team, "Kingfisher Meadow staff", with
 * its own "Board" channel.
 *
 * - Samuel Reid, head of Kingfisher Meadow, opens the app in his team's playground (his chat is stored
 *   there) and then its Board channel: nothing is bound yet, so the bot asks there for an executive to
 *   confirm it, and his own press is refused.
 * - That playground is started again as Lucy Barker, another head, in the same team: Samuel's chat no
 *   longer exists there, and its connector answers 404 for it, as Teams does for a chat that is gone.
 * - The executive confirms the trust's Board channel; she is told the other team's Board is ignored.
 * - The round opens: Lucy's card arrives, Samuel's is refused, and `round` says he could not be reached.
 * - `post summary`: the summary is in the trust's Board channel, names who could not be reached, and
 *   nothing reaches the head's team's Board.
 * - `npm run cli -- roster check` on the product's Azurite shows the bound channel, the ignored one, and
 *   Samuel refused with 404.
 */
import path from 'node:path';

import type { Locator, Page } from 'playwright-core';

import { loadTrustPlan } from '../../src/adapters/files/loadTrustPlan';
import { termLabel } from '../../src/app/round/roundTerm';
import { loadLocalSettings, PLAYGROUND_COUNT, playgroundServiceUrls } from '../../src/config';
import {
  playgroundIds,
  type PlaygroundTeam,
  type PlaygroundUser,
  type RunningPlayground,
  startPlayground,
} from '../../src/hosts/local/playground';
import {
  ask,
  clickCardButton,
  countCards,
  openChannel,
  openPersonalChat,
  openPlayground,
  type PlaygroundSession,
  sendMessage,
  step,
  textOf,
  waitForCard,
  waitForText,
} from './support/browser';
import { figuresForm } from './support/headFigures';
import { productRun } from './support/productRun';
import { productStorage, productStores as stores, runCli } from './support/productStores';
import { roundForToday } from './support/roundForToday';
import { stepsInOrder, until } from './support/until';

const round = roundForToday(new Date(), loadTrustPlan('plans/demo-2025-2028.yaml').calendar);
const label = termLabel(round.term);
const SUMMARY_TITLE = `Risk summary: ${label}`;
const ASK_TITLE = "Post the board's risk summaries in this channel?";

const settings = loadLocalSettings(process.env, []);
/** The head's team's playground: the port after the three `npm start` runs. */
const IMPOSTOR_PORT = settings.playgroundPort + PLAYGROUND_COUNT;
/** The playgrounds' team `npm start` makes from the demo roster (demo/roster/trust.yaml). */
const TRUST_TEAM: PlaygroundTeam = { name: 'The Thrive Partnership Academy Trust', channels: ['Board'] };
const HEAD_TEAM: PlaygroundTeam = { name: 'Kingfisher Meadow staff', channels: ['Board'] };

/** Demo roster heads (demo/roster/people.csv), as the playground shows them. */
const samuel = head('Samuel Reid', 'samuel.reid', '22');
const lucy = head('Lucy Barker', 'lucy.barker', '23');
function head(name: string, user: string, n: string): PlaygroundUser {
  const aadObjectId = `7e1d0000-0000-4000-8000-0000000000${n}`;
  return { id: `user-${aadObjectId}`, name, email: `${user}@thrive-demo.example`, aadObjectId };
}

let headTeam: { playground: RunningPlayground; session?: PlaygroundSession } | undefined;

const connector = (port: number): string[] => [
  `http://localhost:${port}/_connector`,
  `http://127.0.0.1:${port}/_connector`,
];
const run = productRun({
  name: 'binding',
  env: {
    ...round.env,
    ALLOWED_SERVICE_URLS: [
      ...playgroundServiceUrls(settings.playgroundPort),
      ...connector(IMPOSTOR_PORT),
    ].join(','),
  },
  args: ['--confirm-board-channel'],
  playgrounds: ['executive'],
  playgroundTimeoutMs: 90_000,
  alongside: () => startHeadTeam(samuel),
});
const { done, after } = stepsInOrder();

function summaries(page: Page): Locator {
  return page.locator('.ac-adaptiveCard').filter({ hasText: SUMMARY_TITLE });
}

/** Starts the head's team's playground as `user` (a person opens it later). */
async function startHeadTeam(user: PlaygroundUser): Promise<RunningPlayground> {
  const playground = await startPlayground({
    botEndpoint: `http://localhost:${settings.botPort}/api/messages`,
    port: IMPOSTOR_PORT,
    currentUser: user,
    users: [],
    team: HEAD_TEAM,
    configDir: path.join(run.dir, 'head-team-playground'),
  });
  headTeam = { playground };
  return playground;
}

/** Opens the head's team's playground in Chromium. */
async function openHeadTeam(): Promise<PlaygroundSession> {
  headTeam!.session = await openPlayground(headTeam!.playground.url, { timeoutMs: 90_000 });
  return headTeam!.session;
}

async function stopHeadTeam(): Promise<void> {
  await headTeam?.session?.close();
  await headTeam?.playground.stop();
  headTeam = undefined;
}

afterAll(stopHeadTeam, 60_000);

describe('the board channel, bound by an executive, and refused sends, in the playgrounds', () => {
  it('asks in a head’s own team’s Board channel for an executive, and refuses the head’s Confirm', async () => {
    const page = (await openHeadTeam()).page;
    await step(page, 'binding-head-refused', async () => {
      await until('Samuel Reid’s chat to be stored', () =>
        stores().conversations.get(`person:${samuel.email}`),
      );
      await openChannel(page, 'Board');
      const question = await waitForCard(page, ASK_TITLE);
      await clickCardButton(question, 'Confirm board channel');
      await waitForText(page, 'Only an executive of the trust can confirm the board channel.');
      // The card stays for an executive, and nothing is bound.
      expect(await countCards(page, ASK_TITLE)).toBe(1);
      expect(await stores().boardBinding.get()).toBeUndefined();
    });
    done.add('refused');
  });

  it('another head opens the same team’s playground, where Samuel’s chat no longer exists', async () => {
    after('refused');
    await stopHeadTeam();
    await startHeadTeam(lucy);
    await openHeadTeam();
    await until('Lucy Barker’s chat to be stored', () => stores().conversations.get(`person:${lucy.email}`));
    done.add('restarted');
  });

  it('binds the trust’s Board channel on the executive’s Confirm, and tells her the other Board is ignored', async () => {
    after('restarted');
    const page = run.executive.page;
    await step(page, 'binding-executive-confirms', async () => {
      await openChannel(page, 'Board');
      const question = await waitForCard(page, ASK_TITLE);
      await clickCardButton(question, 'Confirm board channel');
      // The card is replaced in place by its answer, with no button left.
      const answered = await waitForCard(page, 'This channel is now the board channel');
      expect(await textOf(answered)).toContain('confirmed by Amara Okafor');
      expect(await countCards(page, ASK_TITLE)).toBe(0);
      const ids = playgroundIds(TRUST_TEAM, samuel);
      expect(await stores().boardBinding.get()).toMatchObject({
        teamId: ids.team,
        channelId: ids.channel('Board'),
        how: 'executive',
        by: 'amara.okafor@thrive-demo.example',
      });
      await openPersonalChat(page);
      const told = await waitForText(page, 'It is not the board channel, so nothing is posted there');
      expect(await told.innerText()).toContain(`"Board" in the team "${HEAD_TEAM.name}"`);
    });
    done.add('bound');
  });

  it('reports a head whose chat is gone (Teams answers 404) as not reached, never as prompted', async () => {
    after('bound');
    const page = run.executive.page;
    await step(page, 'truthful-open-round', async () => {
      const confirm = await ask(page, `open round ${round.typed}`, 'Heads to ask');
      await clickCardButton(confirm, 'Open round');
      await waitForCard(page, 'Round opened for');
    });
    // The playground answers: Lucy's card arrives in the head's team's playground...
    await figuresForm(headTeam!.session!, label).last().waitFor({ timeout: 30_000 });
    // ...and Samuel's chat, which it no longer holds, is refused.
    const gone = await until(
      'Samuel Reid’s chat to be marked unreachable',
      async () => (await stores().conversations.get(`person:${samuel.email}`))?.unreachable,
    );
    expect(gone.status).toBe(404);
    await step(page, 'truthful-round', async () => {
      const card = await ask(page, 'round', /of \d+ submitted/);
      const text = await textOf(card);
      expect(text).toMatch(/Could not be reached \(\d+\)/);
      expect(text).toContain('Kingfisher Meadow School — Samuel Reid (Teams answered 404)');
      expect(text).toContain('Willowbrook Primary Academy — Lucy Barker');
      expect(text).not.toContain('Willowbrook Primary Academy — Lucy Barker (Teams answered');
    });
    done.add('refused send');
  });

  it('posts the summary to the bound channel only, naming who could not be reached', async () => {
    after('refused send');
    const page = run.executive.page;
    await step(page, 'binding-summary', async () => {
      await sendMessage(page, 'post summary');
      await waitForText(page, `The ${label} summary (provisional) is posted in the Board channel.`);
      await openChannel(page, 'Board');
      const summary = summaries(page).last();
      await summary.waitFor({ timeout: 30_000 });
      const text = await textOf(summary);
      expect(text).toMatch(/Could not be reached \(\d+\)/);
      expect(text).toContain('Kingfisher Meadow School');
    });
    const binding = await stores().boardBinding.get();
    expect((await stores().boardPosts.get(round.termKey))?.conversationKey).toBe(binding?.conversationKey);
    // The head's team's Board, where the same channel still exists: no summary there.
    const other = headTeam!.session!.page;
    await step(other, 'binding-impostor-empty', async () => {
      await openChannel(other, 'Board');
      expect(await summaries(other).count()).toBe(0);
    });
    done.add('posted');
  });

  it('roster check shows the bound channel, the ignored one and the head Teams refused', async () => {
    after('posted');
    // It exits 1 while anyone cannot be messaged (most of the demo's people never opened the app).
    const check = await runCli(['roster', 'check'], { AzureWebJobsStorage: productStorage() }).catch(
      (error: { code?: number; stdout?: string; stderr?: string }) => error,
    );
    if (!check.stdout) throw new Error(`roster check printed nothing; its errors: ${check.stderr ?? ''}`);
    const out = check.stdout.replace(/\s+/g, ' ');
    const ids = playgroundIds(TRUST_TEAM, samuel);
    expect(out).toContain(
      `Board channel: channel "Board" (${ids.channel('Board')}) in team ${ids.team}, confirmed by amara.okafor@thrive-demo.example`,
    );
    expect(out).toContain('The bot can post there.');
    const other = playgroundIds(HEAD_TEAM, samuel);
    expect(out).toContain(
      `Other channels named "Board", ignored (nothing is posted there): "Board" (${other.channel('Board')}) in team "${HEAD_TEAM.name}" ${other.team}`,
    );
    expect(out).toContain(
      `Samuel Reid <${samuel.email}>, head, Kingfisher Meadow School Teams answered 404 on `,
    );
    expect('code' in check && check.code).toBe(1);
  });
});

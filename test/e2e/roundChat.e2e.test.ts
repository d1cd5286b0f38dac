/**
 * A head answers a whole round in the chat of their playground, one figure at a time (`answer in chat`),
 * and submits; the executive's `missing` then shows the academy as submitted, and `npm run cli -- export`
 * holds the figures with channel `chat`.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

import { loadTrustPlan } from '../../src/adapters/files/loadTrustPlan';
import { createTableStores } from '../../src/adapters/tableStorage/createTableStores';
import { termLabel } from '../../src/app/round/roundTerm';
import { loadLocalSettings } from '../../src/config';
import { azuriteConnectionString } from '../../src/hosts/local/azurite';
import {
  clickCardButton,
  countCards,
  openPlayground,
  type PlaygroundSession,
  RESULTS_DIR,
  sendMessage,
  step,
  waitForCard,
  waitForText,
} from './support/browser';
import { type RunningProduct, startProduct } from './support/product';
import { roundForToday } from './support/roundForToday';

const URN = '990001';
const ACADEMY = 'The Philip Morant School and College';

const round = roundForToday(new Date(), loadTrustPlan('plans/demo-2025-2028.yaml').calendar);
const label = termLabel(round.term);

/**
 * What the head replies to each question, by its label, typed as people type. The question is found by
 * its "· k of n ·" wherever it shows (the chat, or the playground's log panel, which shows the markdown).
 */
const REPLIES: [RegExp, string][] = [
  [/Disadvantaged gap/, '8.5'],
  [/Attendance\W/, '95.2%'],
  [/Persistent absence/, '14.2'],
  [/Teaching good or better/, '85'],
  [/Senior leadership judgement/, '2'],
  [/Single central record/, '100'],
  [/Open safeguarding concerns/, '0'],
  [/Revenue reserves/, '6.1'],
  [/In-year balance/, '\u2212£120k'],
];

/** The head's conversation, once their playground's install event has stored it. */
async function headInstalled(): Promise<void> {
  const { blobPort, queuePort, tablePort } = loadLocalSettings(process.env, []).azurite;
  const conversations = createTableStores(
    azuriteConnectionString('127.0.0.1', { blob: blobPort, queue: queuePort, table: tablePort }),
  ).conversations;
  const deadline = Date.now() + 15_000;
  while (!(await conversations.get('person:helen.marsh@thrive-demo.example'))) {
    if (Date.now() > deadline) throw new Error('Waited 15 s for the head’s conversation to be stored.');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

let product: RunningProduct | undefined;
let executive: PlaygroundSession | undefined;
let head: PlaygroundSession | undefined;

beforeAll(async () => {
  product = await startProduct({ env: round.env, runDir: path.join(RESULTS_DIR, 'e2e-chat-product') });
  head = await openPlayground(product.playgroundUrl('head'));
  executive = await openPlayground(product.playgroundUrl('executive'));
}, 240_000);

afterAll(async () => {
  await head?.close();
  await executive?.close();
  await product?.stop();
}, 60_000);

describe(`the ${label} round, answered in chat`, () => {
  it('takes every figure one at a time, submits, and shows the executive and the export', async () => {
    await headInstalled();
    const exec = executive!.page;
    await step(exec, 'chat-open', async () => {
      await sendMessage(exec, `open round ${round.typed}`);
      await clickCardButton(await waitForCard(exec, 'Heads to ask'), 'Open round');
      await waitForCard(exec, 'Round opened for');
    });

    const page = head!.page;
    await step(page, 'chat-answers', async () => {
      // The card arrives; the head prefers the chat.
      await waitForCard(page, `Figures for ${label}, due by`);
      await sendMessage(page, 'answer in chat');
      await waitForText(page, 'one figure at a time');
      for (let k = 1; k < 40; k++) {
        const question = page.getByText(new RegExp(`(· ${k} of \\d+ ·)|(\\(${k} of \\d+\\))`)).last();
        await question.waitFor({ timeout: 30_000 });
        const text = await question.innerText();
        if (/inspected this term\?/.test(text)) {
          await sendMessage(page, 'no');
          break;
        }
        const reply = REPLIES.find(([pattern]) => pattern.test(text))?.[1] ?? 'n/a not known yet';
        await sendMessage(page, reply);
      }
      await waitForText(page, 'Here is what will be stored');
      await waitForText(page, 'Attendance: 95.2%');
      await sendMessage(page, 'submit');
      await waitForText(page, `Submitted: ${ACADEMY}`);
      await waitForCard(page, 'Submitted by Helen Marsh');
    });

    await step(exec, 'chat-missing', async () => {
      const shown = await countCards(exec, /of \d+ submitted/);
      await sendMessage(exec, 'missing');
      const progress = await waitForCard(exec, /of \d+ submitted/, { newerThan: shown });
      expect(await progress.innerText()).toMatch(new RegExp(`Submitted \\(1\\)\\s+${ACADEMY} — Helen Marsh`));
    });

    // `npm run cli -- export --term T` runs this (package.json); called directly to keep npm's output out.
    const { stdout } = await promisify(execFile)(
      'npx',
      ['--no', 'tsx', 'src/cli/main.ts', 'export', '--term', round.termKey],
      { cwd: path.resolve(__dirname, '../..'), env: { ...process.env, FORCE_COLOR: '0' }, timeout: 60_000 },
    );
    const rows = stdout.trim().split('\n');
    expect(rows[0]).toBe('academy,term,metric,value,status,by,at,channel');
    const ours = rows.filter((row) => row.startsWith(`${URN},${round.termKey},`));
    expect(ours.length).toBeGreaterThanOrEqual(REPLIES.length);
    expect(ours.every((row) => row.endsWith(',chat'))).toBe(true);
    expect(ours.find((row) => row.includes(',attendance,'))).toMatch(/,attendance,95\.2,submitted,/);
    expect(ours.find((row) => row.includes(',inYearBalance,'))).toMatch(/,inYearBalance,-120,submitted,/);
  });
});

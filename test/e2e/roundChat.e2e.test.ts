/**
 * A head answers a whole round in the chat of their playground, one figure at a time (`answer in chat`),
 * and submits; the executive's `missing` then shows the academy as submitted, and `npm run cli -- export`
 * holds the figures with channel `chat`.
 */
import { loadTrustPlan } from '../../src/adapters/files/loadTrustPlan';
import { termLabel } from '../../src/app/round/roundTerm';
import { ask, clickCardButton, sendMessage, step, waitForCard, waitForText } from './support/browser';
import { productRun } from './support/productRun';
import { exportedRows, productStores } from './support/productStores';
import { roundForToday } from './support/roundForToday';
import { until } from './support/until';

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

const run = productRun({ name: 'chat', env: round.env, playgrounds: ['head', 'executive'] });

describe(`the ${label} round, answered in chat`, () => {
  it('takes every figure one at a time, submits, and shows the executive and the export', async () => {
    // The head's conversation, once their playground's install event has stored it.
    await until(
      'the head’s conversation to be stored',
      () => productStores().conversations.get('person:helen.marsh@thrive-demo.example'),
      15_000,
    );
    const exec = run.executive.page;
    await step(exec, 'chat-open', async () => {
      await clickCardButton(await ask(exec, `open round ${round.typed}`, 'Heads to ask'), 'Open round');
      await waitForCard(exec, 'Round opened for');
    });

    const page = run.head.page;
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
      const progress = await ask(exec, 'missing', /of \d+ submitted/);
      expect(await progress.innerText()).toMatch(new RegExp(`Submitted \\(1\\)\\s+${ACADEMY} — Helen Marsh`));
    });

    const ours = (await exportedRows(round.termKey)).filter((row) =>
      row.startsWith(`${URN},${round.termKey},`),
    );
    expect(ours.length).toBeGreaterThanOrEqual(REPLIES.length);
    expect(ours.every((row) => row.endsWith(',chat'))).toBe(true);
    expect(ours.find((row) => row.includes(',attendance,'))).toMatch(/,attendance,95\.2,submitted,/);
    expect(ours.find((row) => row.includes(',inYearBalance,'))).toMatch(/,inYearBalance,-120,submitted,/);
  });
});

/**
 * `npm run demo` as a person watches it: the demo walks the autumn 2026 round on its simulated clock
 * while the three playgrounds are open. The head's playground is taken over (`--take-over`): Helen Marsh
 * answers her card here, in Chromium, and the demo answers for the five heads without a playground. What
 * is checked is what the playgrounds show: every head prompted (the executive's `missing` as the round
 * opens), the executive's excusal answered in their chat, `status` during the round and after it, and
 * the summary in the Board channel with what the demo's script implies (demoScript.ts): everyone
 * submitted but Kingfisher Meadow, excused with its reason; Willowbrook's figure not available, with
 * the head's reason. The statuses shown are checked against the evaluation the close stored.
 *
 * Screenshots go to test-results/; with UPDATE_DOC_IMAGES=1 the guides' pictures in docs/images too.
 */
import type { Locator } from 'playwright-core';

import {
  capitalise,
  countsLine,
  RAG_WORDS,
  resultsOf,
  STATUS_WORDS,
} from '../../src/app/board/evaluationReading';
import type { Evaluation } from '../../src/domain/evaluation/evaluation';
import { DEMO_HEADS } from '../../src/hosts/local/demoScript';
import { DEMO_ACADEMIES } from '../support/demoAcademies';
import {
  ask,
  cardScreenshot,
  clickCardButton,
  escapeRegExp as escape,
  fillCardNumber,
  keepForDocs,
  openChannel,
  sendMessage,
  step,
  textOf,
  waitForCard,
  waitForText,
} from './support/browser';
import { figuresForm, fillValidFigures } from './support/headFigures';
import { productRun } from './support/productRun';
import { productStores as stores } from './support/productStores';
import { stepsInOrder } from './support/until';

const TERM = '2026-27-autumn';
const LABEL = 'autumn 2026';
const EXCUSED = DEMO_HEADS.find((head) => head.part === 'excused');
const NOT_AVAILABLE = DEMO_HEADS.find((head) => head.part === 'notAvailable');

// One playground at a time, each kept as soon as it is open, with room for a loaded machine.
const run = productRun({
  name: 'demo',
  entry: 'demo',
  args: ['--take-over'],
  playgrounds: ['executive', 'head', 'trustee'],
  playgroundTimeoutMs: 90_000,
  startTimeoutMs: 420_000,
});
beforeAll(() => openChannel(run.trustee.page, 'Board'));
const { done, after } = stepsInOrder();

/** Waits for a line of the demo's narration (its output), at most `timeoutMs`. */
async function narrated(pattern: RegExp, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const line = run
      .product()
      .output()
      .split('\n')
      .find((candidate) => pattern.test(candidate));
    if (line) return line;
    if (Date.now() > deadline) {
      throw new Error(
        `The demo did not say ${String(pattern)} within ${timeoutMs / 1000} s. Its output:\n${run.product().output().slice(-3000)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function picture(card: Locator, name: string, maxHeight?: number): Promise<void> {
  keepForDocs(await cardScreenshot(card, name, maxHeight ? { maxHeight } : {}), name);
}

describe('npm run demo: a whole term in the playgrounds', () => {
  it('prompts every head of the demo trust and every owner of trust figures when the round opens', async () => {
    const prompted = await narrated(/round is open: prompted 6 heads/, 120_000);
    expect(prompted).toMatch(/and [1-9] owners of trust figures \(.*Amara Okafor/);
    await step(run.executive.page, 'demo-missing', async () => {
      const card = await ask(run.executive.page, 'missing', `The ${LABEL} round`);
      const text = await textOf(card);
      for (const name of DEMO_ACADEMIES) expect(text).toContain(name);
      expect(text).not.toContain('Could not be reached');
      await picture(card, 'executive-missing');
    });
    await step(run.head.page, 'demo-head-prompted', async () => {
      // The card came before the playground was opened on a slow machine: the head asks for it again,
      // as a person would.
      const shown = await figuresForm(run.head, LABEL)
        .last()
        .waitFor({ timeout: 10_000 })
        .then(() => true)
        .catch(() => false);
      if (!shown) await sendMessage(run.head.page, 'figures');
      await figuresForm(run.head, LABEL).last().waitFor({ timeout: 60_000 });
    });
    done.add('prompted');
  });

  it('answers the executive’s status during the round with what is happening now', async () => {
    after('prompted');
    await step(run.executive.page, 'demo-status-open', async () => {
      const card = await ask(run.executive.page, 'status', `Status: ${LABEL} (round open)`);
      const text = await textOf(card);
      expect(text).toMatch(
        new RegExp(`The ${LABEL} round is open until 12 Dec 2026: \\d of [56] academies have submitted`),
      );
      expect(text).toContain('No round has closed yet');
      expect(text).toContain('missing');
    });
  });

  it('lets a person take over the head’s playground and submit there', async () => {
    after('prompted');
    await step(run.head.page, 'demo-head-submits', async () => {
      const card = figuresForm(run.head, LABEL).last();
      await fillCardNumber(card, /^Attendance/, '95.2');
      await fillValidFigures(card);
      await clickCardButton(card, 'Submit');
      const stored = await waitForCard(run.head.page, 'Submitted by Helen Marsh', { timeoutMs: 60_000 });
      await picture(stored, 'head-submitted', 700);
    });
    done.add('head');
  });

  it('has the owners send the trust’s own figures: the executive’s card answered in their playground', async () => {
    after('prompted');
    const amara = await narrated(/Amara Okafor \(Chief Executive Officer\) sent the Trust figures/, 180_000);
    expect(amara).toMatch(/: stored\.$/);
    for (const line of run
      .product()
      .output()
      .split('\n')
      .filter((l) => / sent the Trust figures /.test(l))) {
      expect(line).toMatch(/: stored\.$/);
    }
    await step(run.executive.page, 'demo-owner-submitted', async () => {
      const round = await textOf(await ask(run.executive.page, 'missing', `The ${LABEL} round`));
      const end = ['Draft saved', 'Not started', 'Excused'].map((t) => round.indexOf(t)).filter((i) => i > 0);
      const submitted = round.slice(round.indexOf('Submitted'), Math.min(round.length, ...end));
      expect(submitted).toMatch(/Trust figures \(.*\) — Amara Okafor/);
    });
  });

  it('shows the executive’s excusal answered in their chat', async () => {
    after('prompted');
    await step(run.executive.page, 'demo-excused', async () => {
      await waitForText(run.executive.page, `${DEMO_ACADEMIES[1]} (990002) is excused`, {
        timeoutMs: 180_000,
      });
    });
  });

  it('posts the summary to the Board channel when the round closes, as the script implies', async () => {
    after('head');
    await narrated(/The demo term is over/, 300_000);
    await step(run.trustee.page, 'demo-board-summary', async () => {
      const summaries = run.trustee.page
        .locator('.ac-adaptiveCard')
        .filter({ hasText: `Risk summary: ${LABEL}` });
      await summaries.first().waitFor({ timeout: 30_000 });
      expect(await summaries.count()).toBe(1);
      const text = await textOf(summaries.first());
      expect(text).not.toContain('provisional');
      expect(text).not.toContain('Could not be reached');
      expect(text).not.toContain('Sent no figures');
      // The trust's own figures came from their owners: none is listed as not supplied.
      expect(text).not.toMatch(/not supplied/i);
      expect(text).not.toContain("The trust's own figures");
      const excused = text.slice(text.indexOf('Excused'));
      expect(excused).toContain(DEMO_ACADEMIES[1]);
      expect(excused).toContain(EXCUSED?.reason?.split(';')[0]);
      // Each objective's line says the colour and the counts the close judged from what was answered.
      const judged = await stores().evaluations.get(TERM);
      expect(judged?.objectives.length).toBeGreaterThan(0);
      judged?.objectives.forEach((objective, index) => {
        const line = `${RAG_WORDS[objective.rag].label} ${index + 1}\\. .*?: ${escape(countsLine(objective.counts))}`;
        expect(text).toMatch(new RegExp(line));
      });
      // The headline counts the missed and at-risk targets the close stored.
      const results = resultsOf(judged);
      const missed = results.filter((result) => result.status === 'missed').length;
      const atRisk = results.filter((result) => result.status === 'atRisk').length;
      const targets =
        missed > 0 && atRisk > 0
          ? `${missed} targets? missed and ${atRisk} at risk`
          : missed > 0
            ? `${missed} targets? missed`
            : atRisk > 0
              ? `${atRisk} targets? at risk`
              : 'no target missed or at risk';
      expect(text).toMatch(new RegExp(`${escape(LABEL)}: ${targets}`, 'i'));
      await picture(summaries.first(), 'trustee-board-summary', 1400);
    });
    done.add('closed');
  });

  it('answers the executive’s status, missing and an academy’s status from what the close stored', async () => {
    after('closed');
    const evaluation: Evaluation | undefined = await stores().evaluations.get(TERM);
    expect(evaluation?.term).toBe(TERM);
    await step(run.executive.page, 'demo-status', async () => {
      const card = await ask(run.executive.page, 'status', `Status: ${LABEL}`);
      const text = await textOf(card);
      const results = resultsOf(evaluation);
      for (const status of ['met', 'onTrack', 'atRisk', 'missed', 'noData'] as const) {
        const count = results.filter((result) => result.status === status).length;
        expect(text).toMatch(new RegExp(`${escape(capitalise(STATUS_WORDS[status]))}: ${count}\\b`));
      }
      await picture(card, 'executive-status', 900);

      const round = await textOf(await ask(run.executive.page, 'missing', `The ${LABEL} round`));
      expect(round).toContain('5 of 5 submitted, 1 excused');
      expect(round).toMatch(/trust figures: (\d) of \1 owners? submitted/);

      const willowbrook = await textOf(
        await ask(run.executive.page, 'status willowbrook', `${DEMO_ACADEMIES[2]}: ${LABEL}`),
      );
      expect(willowbrook).toContain('not available');
      expect(willowbrook).toContain(NOT_AVAILABLE?.reason?.split(';')[0]);
    });
  });
});

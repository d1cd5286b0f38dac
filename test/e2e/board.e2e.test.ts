/**
 * The board as its people meet it, through the playgrounds `npm start` runs: the trustee opens the Board
 * channel (only the trustee's playground holds the board's team), the head submits (revenue reserves
 * marked not available, with a reason), the executive submits the trust figures they own on the owner's
 * card that came to their playground (and `missing` shows them sent), the executive posts
 * the provisional summary, closes the round, which updates that one message in place with the final
 * summary (within two screens, the academies that sent nothing first, no trust figure under an academy),
 * and posts it again (still one message); the trustee's drill-down shows the head's reason; then asks `status`, `status philip morant` and
 * `risks`, and the head's `status` shows their academy only.
 *
 * What the cards must say is read from the evaluation the product stored when the round closed (on its
 * own Azurite), so the statuses shown are checked against what was judged; a few are checked against
 * the figures the head typed. The steps build on each other and share one product start. Screenshots of
 * the summary in the Board channel and of a `status` answer are kept in test-results/ (docs/images/
 * board-summary.png and board-status.png come from them).
 */
import type { Locator, Page } from 'playwright-core';

import { loadTrustPlan } from '../../src/adapters/files/loadTrustPlan';
import {
  capitalise,
  isRisk,
  resultsOf,
  STATUS_WORDS,
  worstFirst,
} from '../../src/app/board/evaluationReading';
import { academiesThatSentNothing, RISKS_MAX_CHARACTERS } from '../../src/app/board/statusViews';
import { termLabel } from '../../src/app/round/roundTerm';
import type { Evaluation, TargetResult } from '../../src/domain/evaluation/evaluation';
import { getMetric } from '../../src/domain/metrics/metricCatalogue';
import { SUMMARY_MAX_CHARS } from '../cards/renderingCases';
import { DEMO_ACADEMIES } from '../support/demoAcademies';
import {
  ask,
  cardScreenshot,
  clickCardButton,
  countCards,
  escapeRegExp as escape,
  fillCardNumber,
  openChannel,
  screenshot,
  sendMessage,
  step,
  textOf,
  waitForCard,
  waitForText,
} from './support/browser';
import { figuresForm, fillValidFigures } from './support/headFigures';
import { productRun } from './support/productRun';
import { productStores as stores } from './support/productStores';
import { roundForToday } from './support/roundForToday';
import { stepsInOrder, until } from './support/until';

const PMS = { urn: '990001', name: 'The Philip Morant School and College' };
const OTHER_ACADEMIES = DEMO_ACADEMIES.filter((name) => name !== PMS.name);

/** What the head says instead of the revenue reserves figure. */
const RESERVES_REASON = 'awaiting year-end audit adjustments';

const round = roundForToday(new Date(), loadTrustPlan('plans/demo-2025-2028.yaml').calendar);
const label = termLabel(round.term);
const SUMMARY_TITLE = `Risk summary: ${label}`;

// The head opens the app first: its install event stores the conversation the prompt is sent to.
// Three Chromium profiles load their playgrounds at once: on a busy machine that takes more than 30 s.
const run = productRun({
  name: 'board',
  env: round.env,
  playgrounds: ['head', 'trustee', 'executive'],
  together: true,
  playgroundTimeoutMs: 90_000,
});
const { done, after } = stepsInOrder();

/** The summary cards in the trustee's Board channel. */
function summaries(page: Page): Locator {
  return page.locator('.ac-adaptiveCard').filter({ hasText: SUMMARY_TITLE });
}

/** "Title Status." as a status card shows a target: its line, then its status word and reason. */
function statusOf(result: TargetResult): RegExp {
  return new RegExp(`${escape(result.targetTitle)} ${escape(capitalise(STATUS_WORDS[result.status]))}\\.`);
}

/** An academy's detail: each target that applies with its status, the ones that do not apply counted in one line. */
function expectDetailOf(text: string, own: TargetResult[], name: string): void {
  const applying = own.filter((result) => result.status !== 'notApplicable');
  const notApplicable = own.length - applying.length;
  for (const result of applying) expect(text).toMatch(statusOf(result));
  if (notApplicable > 0)
    expect(text).toContain(
      `${notApplicable} of the plan's targets ${notApplicable === 1 ? 'is' : 'are'} for other kinds of school`,
    );
  for (const result of own.filter((r) => r.status === 'notApplicable'))
    expect(text).not.toMatch(statusOf(result));
  expect(text).toContain(name);
}

let evaluation: Evaluation | undefined;
let postedId: string | undefined;

describe(`the board, for the ${label} round, in the playgrounds`, () => {
  it('knows the Board channel once the trustee opens it', async () => {
    await step(run.trustee.page, 'board-channel', async () => {
      await openChannel(run.trustee.page, 'Board');
      const board = await until('the Board channel to be stored', async () =>
        (await stores().conversations.list('channel')).find((c) => c.channelName === 'Board'),
      );
      expect(board.reference.serviceUrl).toMatch(/^http:\/\/localhost:\d+\/_connector/);
    });
    done.add('channel');
  });

  it('gets the head’s figures for the round', async () => {
    after('channel');
    await step(run.executive.page, 'board-open-round', async () => {
      const confirm = await ask(run.executive.page, `open round ${round.typed}`, 'Heads to ask');
      await clickCardButton(confirm, 'Open round');
      await waitForCard(run.executive.page, 'Round opened for');
    });
    await step(run.head.page, 'board-head-submits', async () => {
      const card = figuresForm(run.head, label).last();
      await card.waitFor({ timeout: 30_000 });
      await fillCardNumber(card, /^Attendance/, '95.2');
      await fillValidFigures(card);
      // Revenue reserves cannot be given yet: the head says why instead.
      await fillCardNumber(card, /^Revenue reserves/, '');
      // The field's own "Can't give this yet?" and reason box are the first after it in the card.
      const reserves = card.getByRole('textbox', { name: /^Revenue reserves/ });
      await reserves.locator(`xpath=following::button[normalize-space()="Can't give this yet?"][1]`).click();
      await reserves
        .locator(`xpath=following::input[@placeholder="Can't give this yet? Say why"][1]`)
        .fill(RESERVES_REASON);
      await clickCardButton(card, 'Submit');
      await waitForCard(run.head.page, 'Submitted by Helen Marsh');
    });
    done.add('submitted');
  });

  it('brings the executive the card of the trust figures they own; they submit it there and missing shows them sent', async () => {
    after('submitted');
    const page = run.executive.page;
    await step(page, 'board-owner-submits', async () => {
      // The local product's executive owns the trust figures nobody else does (demo/roster/people.csv):
      // opening the round sent their card to this playground, one field per academy and figure.
      const academies = 1 + OTHER_ACADEMIES.length;
      const card = page
        .locator('.ac-adaptiveCard')
        .filter({ hasText: `Trust figures for ${academies} academies` })
        .filter({ has: page.getByRole('button', { name: 'Submit', exact: true }) })
        .last();
      await card.waitFor({ timeout: 60_000 });
      // Each empty figure gets the lowest whole number its placeholder allows (no governor vacancies); a
      // figure carried forward from last year is left as it is.
      const fields = card.getByRole('textbox');
      let filled = 0;
      for (let i = 0; i < (await fields.count()); i++) {
        const input = fields.nth(i);
        const placeholder = (await input.getAttribute('placeholder')) ?? '';
        if (!(await input.isVisible()) || (await input.inputValue()) !== '' || /say why/i.test(placeholder))
          continue;
        const [low = 0] = (placeholder.match(/-?\d+(\.\d+)?/g) ?? []).map(Number);
        await input.click();
        await input.pressSequentially(String(Math.ceil(Math.max(0, low))));
        filled++;
      }
      expect(filled).toBeGreaterThanOrEqual(academies);
      await clickCardButton(card, 'Submit');
      await waitForCard(page, 'Submitted by Amara Okafor', { timeoutMs: 60_000 });
      // missing counts the trust's figures as sent, and names their owner among those who submitted.
      const missing = await textOf(await ask(page, 'missing', `The ${label} round`));
      expect(missing).toContain('trust figures: 1 of 1 owner submitted');
      const from = missing.indexOf('Submitted (');
      expect(from).toBeGreaterThanOrEqual(0);
      const ends = ['Draft saved', 'Not started', 'Could not be reached', 'Excused (']
        .map((title) => missing.indexOf(title, from))
        .filter((at) => at > from);
      const submitted = missing.slice(from, ends.length > 0 ? Math.min(...ends) : undefined);
      expect(submitted).toMatch(/Trust figures \(.*\) — Amara Okafor/);
    });
    done.add('owner');
  });

  it('posts the open round’s summary to the Board channel, marked provisional', async () => {
    after('owner');
    await step(run.executive.page, 'board-post-provisional', async () => {
      await sendMessage(run.executive.page, 'post summary');
      await waitForText(
        run.executive.page,
        `The ${label} summary (provisional) is posted in the Board channel.`,
      );
    });
    await step(run.trustee.page, 'board-provisional', async () => {
      const card = summaries(run.trustee.page).last();
      await card.waitFor({ timeout: 30_000 });
      expect(await textOf(card)).toContain(`${SUMMARY_TITLE} (provisional)`);
      expect(await summaries(run.trustee.page).count()).toBe(1);
    });
    postedId = (await stores().boardPosts.get(round.termKey))?.activityId;
    expect(postedId).toBeTruthy();
    done.add('provisional');
  });

  it('closing the round replaces that message in place with the final summary', async () => {
    after('provisional');
    await step(run.executive.page, 'board-close', async () => {
      const confirm = await ask(run.executive.page, 'close round', `Close the ${label} round?`);
      await clickCardButton(confirm, 'Close round');
      await waitForText(run.executive.page, `The ${label} summary in the Board channel is updated in place.`);
    });
    evaluation = await stores().evaluations.get(round.termKey);
    expect(evaluation?.term).toBe(round.termKey);
    await step(run.trustee.page, 'board-summary', async () => {
      const page = run.trustee.page;
      const final = summaries(page).filter({ hasNotText: '(provisional)' });
      await final.first().waitFor({ timeout: 30_000 });
      expect(await summaries(page).count()).toBe(1);
      const text = await textOf(final.first());
      expect(text).not.toContain('Provisional');
      // Only the Philip Morant School's head opened the app: the other heads could not be asked. They
      // sent nothing, so they are the first exceptions, and the summary names each of them.
      const exceptions = await final
        .first()
        .locator('.ac-richTextBlock')
        .filter({ hasText: /^(Red|Amber) / })
        .allInnerTexts();
      const first = exceptions.slice(0, OTHER_ACADEMIES.length).map((line) => line.replace(/\s+/g, ' '));
      expect(
        first
          .map((line) => OTHER_ACADEMIES.find((name) => line.startsWith(`Red ${name} — sent no figures`)))
          .sort(),
      ).toEqual([...OTHER_ACADEMIES].sort());
      expect(text).toContain(`Could not be reached (${OTHER_ACADEMIES.length})`);
      // No figure the trust owes and has not supplied shows under an academy as if its head had failed.
      // The executive sent the trust's figures this term on her card: none of those is missing.
      const trustResults = resultsOf(evaluation).filter((result) => result.owner === 'trust');
      expect(trustResults.length).toBeGreaterThan(0);
      const trustMissing = new Set(
        trustResults
          .filter((result) => result.status === 'noData')
          .map((result) => getMetric(result.evidence.metricId)?.label ?? result.targetTitle),
      );
      for (const name of [PMS.name, ...OTHER_ACADEMIES])
        for (const measure of trustMissing) expect(text).not.toContain(`${name} — ${measure}`);
      expect(text).not.toMatch(/Trust — not supplied: [^.]*Local governing body vacancies/);
      expect(text).toContain('Exceptions, worst first');
      expect(text).toContain('Show academy');
      // Two screens: at most 3,000 characters as the trustee reads it (a closed drop-down shows its
      // chosen value only).
      const size = await final.first().evaluate((card: HTMLElement) => {
        const flat = (value: string): number => value.replace(/\s+/g, ' ').trim().length;
        const unseen = Array.from(card.querySelectorAll('select')).reduce(
          (sum, select) => sum + flat(select.innerText) - flat(select.selectedOptions[0]?.text ?? ''),
          0,
        );
        return { height: card.getBoundingClientRect().height, chars: flat(card.innerText) - unseen };
      });
      // The height bound is at a phone's 360 px (test/cards/cardsInChromium.test.ts); the playground draws
      // the chart and its own spacing at its own width, so its height is printed, not held.
      process.stdout.write(`Board summary in the playground: ${size.height} px, ${size.chars} characters.\n`);
      expect(size.chars).toBeLessThanOrEqual(SUMMARY_MAX_CHARS);
      // The channel as the trustee sees it, its newest post at the top (docs/images/board-summary.png),
      // and the whole card.
      await page.getByText('Start a new post').first().scrollIntoViewIfNeeded();
      await screenshot(page, 'board-summary');
      await cardScreenshot(final.first(), 'board-summary-card');
    });
    expect((await stores().boardPosts.get(round.termKey))?.activityId).toBe(postedId);
    done.add('closed');
  });

  it('the close replaces the head’s figures card in place: it says the round closed and whom to contact', async () => {
    after('closed');
    await step(run.head.page, 'board-head-card-closed', async () => {
      const card = await waitForCard(run.head.page, `The ${label} round has closed`);
      const text = await textOf(card);
      expect(text).toContain(`Figures for ${PMS.name}`);
      expect(text).toContain('Your figures were stored and can no longer be changed.');
      expect(text).toMatch(/please contact Amara Okafor/);
      // The submitted card became this one: no card with Submit or Edit is left in the head's chat.
      expect(await countCards(run.head.page, 'Submitted by Helen Marsh')).toBe(0);
      expect(await card.getByRole('button').count()).toBe(0);
    });
  });

  it('post summary again updates the same message, never a second copy', async () => {
    after('closed');
    await step(run.executive.page, 'board-repost', async () => {
      const before = await run.executive.page.getByText('is updated in place.').count();
      await sendMessage(run.executive.page, 'post summary');
      await until('the second “updated in place” answer', async () =>
        (await run.executive.page.getByText('is updated in place.').count()) > before ? true : undefined,
      );
    });
    expect(await summaries(run.trustee.page).count()).toBe(1);
    expect((await stores().boardPosts.get(round.termKey))?.activityId).toBe(postedId);
    done.add('reposted');
  });

  it('a trustee’s Show academy on the summary brings the chosen academy’s detail, the summary left as it is', async () => {
    after('closed');
    const other = { urn: '990002', name: 'Kingfisher Meadow School' };
    await step(run.trustee.page, 'board-drill-down', async () => {
      const page = run.trustee.page;
      const summary = summaries(page).last();
      // Another academy than the one the card offers first (the worst), chosen as a trustee would.
      const academies = summary.getByRole('combobox').first();
      await academies.click();
      await page.getByRole('option', { name: other.name, exact: true }).click();
      expect(await academies.inputValue()).toBe(other.name);
      const before = await countCards(page, `${other.name}: ${label}`);
      await clickCardButton(summary, 'Show academy');
      const detail = await waitForCard(page, `${other.name}: ${label}`, { newerThan: before });
      const text = await textOf(detail);
      const own = resultsOf(evaluation).filter(
        (result) => result.subject.kind === 'academy' && result.subject.urn === other.urn,
      );
      expect(own.length).toBeGreaterThan(0);
      expectDetailOf(text, own, other.name);
      for (const name of [PMS.name, ...OTHER_ACADEMIES.filter((n) => n !== other.name)])
        expect(text).not.toContain(name);
      // The summary itself is unchanged for everyone: still one, still final.
      expect(await summaries(page).count()).toBe(1);
      expect(await textOf(summaries(page).last())).toContain('Exceptions, worst first');
    });
  });

  it('the Philip Morant School’s drill-down shows the head’s reason for the figure not available', async () => {
    after('closed');
    await step(run.trustee.page, 'board-drill-down-reason', async () => {
      const page = run.trustee.page;
      const summary = summaries(page).last();
      const academies = summary.getByRole('combobox').first();
      await academies.click();
      await page.getByRole('option', { name: PMS.name, exact: true }).click();
      const before = await countCards(page, `${PMS.name}: ${label}`);
      await clickCardButton(summary, 'Show academy');
      const detail = await waitForCard(page, `${PMS.name}: ${label}`, { newerThan: before });
      expect(await textOf(detail)).toMatch(
        new RegExp(`Revenue reserves: not available — ${escape(RESERVES_REASON)} \\(Helen Marsh`),
      );
    });
  });

  it('answers the executive’s status with the stored statuses of the demo trust', async () => {
    after('closed');
    await step(run.executive.page, 'board-status', async () => {
      const card = await ask(run.executive.page, 'status', `Status: ${label}`);
      const text = await textOf(card);
      const results = resultsOf(evaluation);
      expect(results.length).toBeGreaterThan(0);
      for (const status of ['met', 'onTrack', 'atRisk', 'missed', 'noData'] as const) {
        const count = results.filter((result) => result.status === status).length;
        expect(text).toMatch(new RegExp(`${escape(capitalise(STATUS_WORDS[status]))}: ${count}\\b`));
      }
      for (const name of [PMS.name, ...OTHER_ACADEMIES]) expect(text).toContain(name);
      await cardScreenshot(card, 'board-status', { maxHeight: 900 });
    });
  });

  it('answers status philip morant with every target of that academy and its status', async () => {
    after('closed');
    await step(run.executive.page, 'board-status-pms', async () => {
      const card = await ask(run.executive.page, 'status philip morant', `${PMS.name}: ${label}`);
      const text = await textOf(card);
      const own = resultsOf(evaluation).filter(
        (result) => result.subject.kind === 'academy' && result.subject.urn === PMS.urn,
      );
      expect(own.length).toBeGreaterThan(0);
      expectDetailOf(text, own, PMS.name);
      // From what the head typed: 100% of the single central record, no open safeguarding concern.
      expect(text).toMatch(/Single central record 100% complete Met\./);
      expect(text).toMatch(/Attendance at least 95% by summer 2028 (Met|On track)\./);
      expect(text).toMatch(/No safeguarding concern about practice left open at the end of term Met\./);
      for (const name of OTHER_ACADEMIES) expect(text).not.toContain(name);
    });
  });

  it('answers risks with every target at risk, missed or without data, worst first', async () => {
    after('closed');
    await step(run.executive.page, 'board-risks', async () => {
      const card = await ask(run.executive.page, 'risks', `Risks: ${label}`);
      const text = await textOf(card);
      const risks = worstFirst(resultsOf(evaluation).filter(isRisk));
      expect(risks.length).toBeGreaterThan(0);
      expect(text).toMatch(
        new RegExp(`${risks.length} targets need attention in \\d+ academies, worst first\\.`),
      );
      // The academies that sent nothing first, one line each; never a row per figure they did not send.
      const silent = academiesThatSentNothing(risks, evaluation!.closedThrough);
      expect(silent.size).toBeGreaterThan(0);
      expect(silent.has(PMS.urn)).toBe(false);
      for (const academy of silent.values()) {
        expect(text).toContain(`${academy.name}: ${academy.figures} figures not sent`);
      }
      for (const risk of risks) {
        if (risk.subject.kind === 'academy' && silent.has(risk.subject.urn) && risk.status === 'noData')
          expect(text).not.toContain(`${risk.subject.name}: ${risk.targetTitle} No data.`);
      }
      expect(text).toContain(`Sent no figures (${silent.size})`);
      // The worst judged target next, with its academy and status word; the whole answer in two screens.
      const worst = risks.find((risk) => risk.subject.kind !== 'academy' || !silent.has(risk.subject.urn));
      if (worst) {
        const subject = worst.subject.kind === 'academy' ? worst.subject.name : 'Trust';
        expect(text).toMatch(
          new RegExp(
            `${escape(`${subject}: ${worst.targetTitle}`)}\\s+${escape(capitalise(STATUS_WORDS[worst.status]))}\\.`,
          ),
        );
      }
      expect(text.length).toBeLessThan(RISKS_MAX_CHARACTERS);
    });
  });

  it('answers every kind of command button as if the command were typed: help, did you mean, status, principles', async () => {
    after('closed');
    const page = run.executive.page;
    await step(page, 'board-command-buttons', async () => {
      // The help card's buttons (an Action.Submit carrying the command): "status" sends status.
      const help = await ask(page, 'help', 'What I can do for you');
      let shown = await countCards(page, `Status: ${label}`);
      await clickCardButton(help, 'status');
      const status = await waitForCard(page, `Status: ${label}`, { newerThan: shown });
      // The status card's buttons: Risks, and an objective's.
      shown = await countCards(page, `Risks: ${label}`);
      await clickCardButton(status, 'Risks');
      await waitForCard(page, `Risks: ${label}`, { newerThan: shown });
      shown = await countCards(page, /Objective 1: /);
      await clickCardButton(status, 'Objective 1');
      await waitForCard(page, /Objective 1: /, { newerThan: shown });
      // Did you mean: text that is no command gets the nearest read-only ones as buttons.
      const nearest = await ask(page, 'tea and rissks', 'Did you mean one of these?');
      shown = await countCards(page, `Risks: ${label}`);
      await clickCardButton(nearest, 'risks');
      await waitForCard(page, `Risks: ${label}`, { newerThan: shown });
      // The principles card's buttons open one principle.
      const principles = await ask(page, 'status principles', `Principles: ${label}`);
      const first = principles.getByRole('button').first();
      const principleTitle = (await first.innerText()).trim();
      expect(principleTitle.length).toBeGreaterThan(0);
      shown = await countCards(page, `Principle: ${principleTitle}`);
      await first.click();
      const one = await waitForCard(page, `Principle: ${principleTitle}`, { newerThan: shown });
      expect(await textOf(one)).toContain('All principles');
    });
  });

  it('shows a head’s status for their own academy only', async () => {
    after('closed');
    await step(run.head.page, 'board-head-status', async () => {
      const card = await ask(run.head.page, 'status', `${PMS.name}: ${label}`);
      const text = await textOf(card);
      expect(text).toContain(PMS.name);
      for (const name of OTHER_ACADEMIES) expect(text).not.toContain(name);
    });
  });
});

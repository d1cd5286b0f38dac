/**
 * The termly round as its people meet it, through the playgrounds `npm start` runs: the executive opens
 * the round, the head answers the figures card (a wrong value first), edits one figure, the executive
 * sees who has submitted, and storage holds the edited value with both versions in the audit trail.
 *
 * The steps run in order and build on each other; a step after a failed one says so rather than failing
 * for a reason of its own. Screenshots of the head's card (empty, with an error, submitted) are kept in
 * test-results/ (docs/images/round-card-*.png come from them).
 *
 * What was stored is read as a person would (`npm run cli -- export`, which finds the product's Azurite
 * as `npm start` runs it) and the audit trail through the product's FigureStore on that Azurite.
 */
import type { Locator } from 'playwright-core';

import { loadTrustPlan } from '../../src/adapters/files/loadTrustPlan';
import { termLabel } from '../../src/app/round/roundTerm';
import { formatDateLabel } from '../../src/domain/evaluation/formatForTrustees';
import { ask, cardScreenshot, clickCardButton, fillCardNumber, step, waitForCard } from './support/browser';
import { figuresForm as headFiguresForm, fillValidFigures } from './support/headFigures';
import { productRun } from './support/productRun';
import { exportedRows, productStores as stores } from './support/productStores';
import { roundForToday } from './support/roundForToday';
import { stepsInOrder, until } from './support/until';

const HEAD_EMAIL = 'helen.marsh@thrive-demo.example';
const URN = '990001';
const ACADEMY = 'The Philip Morant School and College';

const round = roundForToday(new Date(), loadTrustPlan('plans/demo-2025-2028.yaml').calendar);
const label = termLabel(round.term);

// The head opens the app first: its install event stores the conversation the prompt is sent to.
const run = productRun({ name: 'round', env: round.env, playgrounds: ['head', 'executive'] });
const { done, after } = stepsInOrder();

/** The head's figures form for the round (not the read-only summary). */
function figuresForm(): Locator {
  return headFiguresForm(run.head, label);
}

describe(`the ${label} round, in the playgrounds`, () => {
  it('knows the head once they have opened the app', async () => {
    const conversation = await until(
      'the head’s conversation to be stored',
      () => stores().conversations.get(`person:${HEAD_EMAIL}`),
      15_000,
    );
    expect(conversation.reference.serviceUrl).toMatch(/^http:\/\/localhost:\d+\/_connector/);
    done.add('installed');
  });

  it('opens when the executive types open round and confirms', async () => {
    after('installed');
    const page = run.executive.page;
    await step(page, 'round-open', async () => {
      const confirm = await ask(page, `open round ${round.typed}`, 'Heads to ask');
      const text = await confirm.innerText();
      expect(text).toContain(`Open the ${label} round?`);
      expect(text).toContain(`end of ${formatDateLabel(round.closesOn)}`);

      await clickCardButton(confirm, 'Open round');
      const opened = await waitForCard(page, 'Round opened for');
      expect(await opened.innerText()).toMatch(/Round opened for .+: prompting 1 head now/);
    });
    done.add('opened');
  });

  it('sends the head their figures card', async () => {
    after('opened');
    const page = run.head.page;
    await step(page, 'round-card', async () => {
      const card = figuresForm().last();
      await card.waitFor({ timeout: 30_000 });
      const text = await card.innerText();
      expect(text).toContain(ACADEMY);
      expect(text).toMatch(/Attendance \(%\) · Required/);
      await expect(card.getByRole('textbox', { name: /^Attendance/ }).inputValue()).resolves.toBe('');
      await cardScreenshot(card, 'round-card-empty', { maxHeight: 640 });
    });
    done.add('card');
  });

  it('shows an invalid figure’s error beside its field and keeps what was typed', async () => {
    after('card');
    const page = run.head.page;
    await step(page, 'round-card-error', async () => {
      const card = figuresForm().last();
      await fillValidFigures(card);
      await fillCardNumber(card, /^Attendance/, '140');
      await clickCardButton(card, 'Submit');

      const answered = figuresForm().filter({ hasText: 'nothing has been saved yet' });
      await answered.waitFor();
      // In place: the answer replaced the card that was clicked.
      expect(await figuresForm().count()).toBe(1);
      expect(await answered.innerText()).toContain('1 figure needs attention; nothing has been saved yet.');

      // Beside its field: right under the attendance input, before the next field.
      const attendance = answered.getByRole('textbox', { name: /^Attendance/ });
      const nextField = answered.getByRole('textbox', { name: /^Persistent absence/ });
      const error = answered.getByText('Enter a number from 0 to 100', { exact: true });
      const [input, message, next] = await Promise.all(
        [attendance, error, nextField].map(async (element) => (await element.boundingBox())!),
      );
      expect(message!.y).toBeGreaterThanOrEqual(input!.y + input!.height);
      expect(message!.y - (input!.y + input!.height)).toBeLessThan(40);
      expect(message!.y).toBeLessThan(next!.y);

      await expect(attendance.inputValue()).resolves.toBe('140');
      await expect(nextField.inputValue()).resolves.toBe('14.2');
      await cardScreenshot(answered, 'round-card-error', {
        from: answered.getByText('Pupils are in school', { exact: true }),
        above: 12,
        maxHeight: 380,
      });
      expect((await stores().figures.read(round.termKey, URN)).figures.size).toBe(0);
    });
    done.add('error');
  });

  it('stores the corrected figures and shows what was stored in place of the card', async () => {
    after('error');
    const page = run.head.page;
    await step(page, 'round-card-submitted', async () => {
      const card = figuresForm().last();
      await fillCardNumber(card, /^Attendance/, '94.1');
      await clickCardButton(card, 'Submit');

      const summary = await waitForCard(page, 'Submitted by Helen Marsh');
      expect(await figuresForm().count()).toBe(0);
      const text = await summary.innerText();
      expect(text).toMatch(/Attendance\s+94\.1%/);
      expect(text).toMatch(/In-year balance\s+−£120k/);
      expect(await summary.getByRole('textbox').count()).toBe(0);
      await cardScreenshot(summary, 'round-card-confirmed');
    });
    done.add('submitted');
  });

  it('lets the head edit one figure', async () => {
    after('submitted');
    const page = run.head.page;
    await step(page, 'round-card-edit', async () => {
      const summary = await waitForCard(page, 'Submitted by Helen Marsh');
      await clickCardButton(summary, 'Edit');
      const card = figuresForm().last();
      await card.waitFor();
      const attendance = card.getByRole('textbox', { name: /^Attendance/ });
      await expect(attendance.inputValue()).resolves.toBe('94.1');

      await fillCardNumber(card, /^Attendance/, '95.2');
      await clickCardButton(card, 'Submit');
      const edited = page.locator('.ac-adaptiveCard').filter({ hasText: /Attendance\s*95\.2%/ });
      await edited.waitFor();
      expect(await edited.innerText()).toContain('Submitted by Helen Marsh');
      expect(await figuresForm().count()).toBe(0);
    });
    done.add('edited');
  });

  it('shows the executive that the head has submitted', async () => {
    after('edited');
    const page = run.executive.page;
    await step(page, 'round-missing', async () => {
      const progress = await ask(page, 'missing', /of \d+ submitted/);
      expect(await progress.innerText()).toMatch(new RegExp(`Submitted \\(1\\)\\s+${ACADEMY} — Helen Marsh`));
    });
    done.add('missing');
  });

  it('exports the edited value', async () => {
    after('edited');
    const rows = await exportedRows(round.termKey);
    const attendance = rows.filter((line) => line.startsWith(`${URN},${round.termKey},attendance,`));
    expect(attendance).toHaveLength(1);
    expect(attendance[0]).toMatch(
      new RegExp(`^${URN},${round.termKey},attendance,95\\.2,submitted,${HEAD_EMAIL.replace(/\./g, '\\.')},`),
    );
  });

  it('keeps the edited value, and both versions in the audit trail', async () => {
    after('edited');
    const figures = stores().figures;
    const record = await figures.read(round.termKey, URN);
    expect(record.state).toBe('submitted');
    expect(record.figures.get('attendance')).toMatchObject({
      content: { value: 95.2 },
      channel: 'card',
      by: HEAD_EMAIL,
    });
    expect(record.figures.get('persistentAbsence')?.content).toEqual({ value: 14.2 });

    const audit = await figures.audit(round.termKey, URN, 'attendance');
    expect(audit.map(({ old, new: next, by, channel }) => ({ old, new: next, by, channel }))).toEqual([
      { old: undefined, new: { value: 94.1 }, by: HEAD_EMAIL, channel: 'card' },
      { old: { value: 94.1 }, new: { value: 95.2 }, by: HEAD_EMAIL, channel: 'card' },
    ]);
    expect(audit[0]!.at <= audit[1]!.at).toBe(true);
  });
});

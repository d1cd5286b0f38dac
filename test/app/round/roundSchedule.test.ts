/**
 * A whole term driven by a moving clock through the scheduled function, as both hosts run it: the round
 * opens on its calendar day, heads who have not submitted are reminded 5, 2 and 0 days before the close,
 * executives are told who is missing after the last reminder, and the round closes after its close day.
 * Everything is real but the clock: Azurite's tables and queue, the function list, the delivery.
 */
import type { ProactiveSender, SendOutcome } from '../../../src/app/ports';
import { DEMO, roundHarness } from '../../support/roundHarness';
import { roundSchedule, scheduleRuns } from '../../support/scheduleRuns';

const TERM = '2026-27-autumn';

/** Our own ProactiveSender port, recording what would reach Teams (the real one is tested against the playground). */
class RecordingSender implements ProactiveSender {
  readonly sent: { conversation: string; activity: Record<string, unknown> }[] = [];
  send(reference: Record<string, unknown>, activity: Record<string, unknown>): Promise<SendOutcome> {
    const conversation = (reference.conversation as { id: string }).id;
    this.sent.push({ conversation, activity });
    return Promise.resolve({ kind: 'sent' });
  }
  update(): Promise<SendOutcome> {
    return Promise.reject(new Error('delivery never updates a message'));
  }
}

describe('the round schedule over a term', () => {
  it('opens on the calendar day, reminds three times, escalates after the last, and closes', async () => {
    const h = await roundHarness('2026-11-20T09:00:00Z');
    for (const person of [DEMO.headPms, DEMO.headKms, DEMO.ceo]) await h.install(person.email);
    /** Runs the timer at the instant, twice as two hosts might, then the fan-outs and deliveries queued. */
    const at = scheduleRuns(h, new RecordingSender());
    const to = (email: string) => (sent: { conversation: string }) => sent.conversation === `a:${email}`;

    // Before the window opens (24 Nov), and on the opening day before 08:00 in London: nothing.
    expect(await at('2026-11-20T09:00:00Z')).toEqual([]);
    expect(await at('2026-11-24T07:30:00Z')).toEqual([]);
    expect(await h.services.round.rounds.get(TERM)).toBeUndefined();

    // Opening day, 09:00: each reachable head gets exactly one card, whichever host fired.
    const opening = await at('2026-11-24T09:00:00Z');
    expect(opening.filter(to(DEMO.headPms.email))).toHaveLength(1);
    expect(opening.filter(to(DEMO.headKms.email))).toHaveLength(1);
    // The executive owns the demo's trust figures: their card of them, once.
    const ownerCards = opening.filter(to(DEMO.ceo.email));
    expect(ownerCards).toHaveLength(1);
    expect(JSON.stringify(ownerCards[0]?.activity)).toContain('Trust figures for 6 academies');
    expect(JSON.stringify(opening[0]?.activity)).toContain('autumn 2026');
    expect((await h.services.round.rounds.get(TERM))?.openedBy).toBe('schedule');
    // The next hour's run prompts nobody again.
    expect(await at('2026-11-24T10:05:00Z')).toEqual([]);

    // Helen submits; Samuel does not.
    const academy = h.roster.academies.find((a) => a.urn === DEMO.headPms.urn);
    expect(academy).toBeDefined();
    await h.services.round.figures.write({
      urn: DEMO.headPms.urn,
      term: TERM,
      expectedVersion: undefined,
      state: 'submitted',
      submittedBy: DEMO.headPms.email,
      submittedAt: '2026-11-25T10:00:00.000Z',
      figures: [],
      audit: [],
    });

    // Reminders 5, 2 and 0 days before the close day (12 Dec): only Samuel, once each day.
    for (const day of ['2026-12-07', '2026-12-10', '2026-12-12']) {
      const sent = await at(`${day}T09:00:00Z`);
      expect(sent.filter(to(DEMO.headKms.email))).toHaveLength(1);
      expect(sent.filter(to(DEMO.headPms.email))).toHaveLength(0);
      expect(JSON.stringify(sent.find(to(DEMO.headKms.email))?.activity)).toContain('A reminder');
      // Later the same day: no second reminder.
      expect((await at(`${day}T15:00:00Z`)).filter(to(DEMO.headKms.email))).toHaveLength(0);
      // The owner of the trust figures, who has not sent them, is reminded like the heads.
      const toOwner = sent.filter(to(DEMO.ceo.email));
      const reminders = toOwner.filter((s) => JSON.stringify(s.activity).includes('trust figures are due'));
      expect(reminders).toHaveLength(1);
      if (day === '2026-12-12') {
        const told = toOwner.filter((s) => !reminders.includes(s));
        expect(told).toHaveLength(1);
        expect(JSON.stringify(told[0]?.activity)).toContain('Kingfisher Meadow School');
        expect(JSON.stringify(told[0]?.activity)).toContain('Trust figures (');
      }
    }
    // No reminder on a day that is not a reminder day.
    expect(await at('2026-12-11T09:00:00Z')).toEqual([]);
    expect((await h.services.round.rounds.get(TERM))?.status).toBe('open');

    // The day after the close day: the round closes and its evaluation is stored.
    await at('2026-12-13T09:00:00Z');
    expect((await h.services.round.rounds.get(TERM))?.status).toBe('closed');
    expect((await h.services.round.evaluations.get(TERM))?.closedThrough).toBe(TERM);
  });

  it.each([
    // 07:30 UTC is 08:30 in London in June (BST): the schedule's 08:00 has passed there.
    ['2027-06-22T07:30:00Z', true],
    // 07:30 UTC on the opening day of the autumn window is 07:30 in London (GMT): too early.
    ['2026-11-24T07:30:00Z', false],
    // 23:30 UTC on 21 June is 00:30 on 22 June in London: the right day, but the middle of the night.
    ['2027-06-21T23:30:00Z', false],
  ])('at %s opens the round: %s (days and hours on London clocks)', async (instant, opens) => {
    const h = await roundHarness(instant);
    await h.install(DEMO.headPms.email);
    await roundSchedule(h)();
    const rounds = await h.services.round.rounds.list();
    expect(rounds.length > 0).toBe(opens);
  });
});

/**
 * A whole term with heads and owners of trust figures, on a moving clock through the scheduled function
 * as both hosts run it, the people answering on the cards the round delivered (Action.Submit through
 * botbuilder's TestAdapter). The demo's summer 2027 round asks four owners (demo/roster/people.csv): the
 * round opens on its calendar day and prompts heads and owners; a head submits; Amara Okafor saves a
 * draft and submits later; Chris Dunn submits; Daniel Hughes is excused from his figures; Priya Shah
 * sends nothing, is reminded on each reminder day like the heads, and is named in the executives'
 * escalation after the last; the close stores the evaluation and posts the summary, which lists her
 * figure under the trust with her name and no trust figure under any academy.
 * Everything is real but the clock and the sender: Azurite's tables and queues, the function list. It
 * walks about 40 schedule runs: about 25 s alone, so it has its own timeout for a loaded machine.
 */
import { METRIC_CATALOGUE } from '../../../src/domain/metrics/metricCatalogue';
import { ownerFieldId } from '../../../src/domain/round/ownerRound';
import type { TermRef } from '../../../src/domain/terms/term';
import type { CardNode } from '../../cards/cardTree';
import { DEMO_ACADEMIES } from '../../support/demoAcademies';
import { RecordingSender } from '../../support/recordingSender';
import {
  cardOf,
  DEMO,
  pressed,
  roundHarness,
  updatedCard,
  validDemoInputs,
  validOwnerInputs,
} from '../../support/roundHarness';
import { scheduleRuns } from '../../support/scheduleRuns';

const SUMMER: TermRef = { startYear: 2026, term: 'summer' };
const TERM = '2026-27-summer';
const BOARD = '19:board@thread.tacv2';
const OWNERS = {
  amara: { email: DEMO.ceo.email, aad: DEMO.ceo.aad },
  daniel: { email: 'daniel.hughes@thrive-demo.example', aad: '7e1d0000-0000-4000-8000-000000000002' },
  priya: { email: 'priya.shah@thrive-demo.example', aad: '7e1d0000-0000-4000-8000-000000000003' },
  chris: { email: DEMO.admin.email, aad: DEMO.admin.aad },
};
/** The figures the trust supplies, by their labels: none may show under an academy in the summary. */
const TRUST_LABELS = METRIC_CATALOGUE.filter((metric) => metric.source === 'trust').map(
  (metric) => metric.label,
);

type Sent = RecordingSender['sent'][number];

function text(value: unknown): string {
  return JSON.stringify(value ?? {});
}

describe('a whole term with heads and owners of trust figures', () => {
  it('opens, prompts, takes answers, reminds, excuses, escalates and closes with the owners beside the heads', async () => {
    const h = await roundHarness('2027-06-21T09:00:00Z');
    for (const person of [DEMO.headPms, DEMO.headKms, ...Object.values(OWNERS)])
      await h.install(person.email);
    const sender = new RecordingSender();
    // The board channel, bound as an executive's confirmation leaves it; its posts are recorded too.
    h.services.board.sender = sender;
    await h.services.conversations.save({
      key: `channel:${BOARD}`,
      kind: 'channel',
      channelName: 'Board',
      teamId: 'team-1',
      reference: { conversation: { id: BOARD }, serviceUrl: 'http://127.0.0.1:9/' },
      updatedAt: '2027-06-01T00:00:00.000Z',
    });
    await h.services.board.bindings.bind({
      teamId: 'team-1',
      channelId: BOARD,
      conversationKey: `channel:${BOARD}`,
      how: 'configuration',
      by: 'test',
      at: '2027-06-01T00:00:00.000Z',
    });

    /** Runs the timer at the instant, twice as two hosts might, then the fan-outs and deliveries queued. */
    const at = scheduleRuns(h, sender);
    // A person's 1:1 chat: as installed, or as the bot stored it again when they wrote (the harness's id).
    const aadOf = new Map(
      [DEMO.headPms, DEMO.headKms, ...Object.values(OWNERS)].map((person) => [person.email, person.aad]),
    );
    const to = (email: string) => (sent: Sent) =>
      sent.conversation === `a:${email}` || sent.conversation === `a:personal-${aadOf.get(email)}`;
    /** The one card delivered to the person. */
    const cardTo = (sent: Sent[], email: string): CardNode => {
      const theirs = sent.filter(to(email));
      expect(theirs).toHaveLength(1);
      return cardOf([theirs[0]?.activity ?? {}]);
    };
    /** The person presses a button of a card they were sent; answers the card put in its place. */
    const press = async (
      aad: string,
      card: unknown,
      title: string,
      inputs: Record<string, string> = {},
    ): Promise<CardNode | undefined> => updatedCard(await h.say(h.submit(aad, pressed(card, title, inputs))));

    // The day before the window (22 Jun): nothing.
    expect(await at('2027-06-21T09:00:00Z')).toEqual([]);

    // Opening day: each reachable head and each owner gets exactly one card, the owners' of their figures.
    const opening = await at('2027-06-22T09:00:00Z');
    expect((await h.services.round.rounds.get(TERM))?.openedBy).toBe('schedule');
    const helenCard = cardTo(opening, DEMO.headPms.email);
    cardTo(opening, DEMO.headKms.email);
    const asked = {
      amara: 'Governance skills audit this year',
      daniel: 'Trust reviews completed',
      priya: 'Teacher turnover',
      chris: 'Energy use per pupil',
    };
    const cards = Object.fromEntries(
      (Object.keys(OWNERS) as (keyof typeof OWNERS)[]).map((key) => {
        const card = cardTo(opening, OWNERS[key].email);
        expect(text(card)).toContain('Trust figures for 6 academies');
        for (const [other, label] of Object.entries(asked))
          expect(text(card).includes(label)).toBe(other === key);
        return [key, card];
      }),
    ) as Record<keyof typeof OWNERS, CardNode>;
    expect(await at('2027-06-22T10:05:00Z')).toEqual([]);

    // 23 Jun: Helen submits on her card; Amara saves part of hers for later.
    h.setNow('2027-06-23T10:00:00Z');
    const helen = await press(
      DEMO.headPms.aad,
      helenCard,
      'Submit',
      validDemoInputs(h, DEMO.headPms.urn, SUMMER),
    );
    expect(text(helen)).toContain('Submitted by Helen Marsh');
    const amaraInputs = validOwnerInputs(h, OWNERS.amara.email, SUMMER);
    const auditField = ownerFieldId('m_', '990003', 'governanceSkillsAudit');
    const draft = await press(OWNERS.amara.aad, cards.amara, 'Save for later', {
      [auditField]: amaraInputs[auditField] ?? '',
    });
    expect(text(draft)).toContain('Saved for later');
    expect((await h.services.round.owners.read(TERM, OWNERS.amara.email)).state).toBe('draft');
    expect((await h.services.round.figures.read(TERM, '990003')).figures.size).toBe(0);

    // 24 Jun: Amara submits from her draft; Chris submits, one academy's figure not available.
    h.setNow('2027-06-24T10:00:00Z');
    const amara = await press(OWNERS.amara.aad, draft, 'Submit', amaraInputs);
    expect(text(amara)).toContain('Submitted by Amara Okafor');
    const energy = ownerFieldId('m_', '990005', 'energyUsePerPupil');
    const chris = await press(OWNERS.chris.aad, cards.chris, 'Submit', {
      ...validOwnerInputs(h, OWNERS.chris.email, SUMMER),
      [energy]: '',
      [ownerFieldId('na_', '990005', 'energyUsePerPupil')]: 'meter replaced in May; reading due in July',
    });
    expect(text(chris)).toContain('Submitted by Chris Dunn');
    for (const urn of ['990001', '990006']) {
      const figures = (await h.services.round.figures.read(TERM, urn)).figures;
      expect(figures.get('governanceSkillsAudit')).toMatchObject({ by: OWNERS.amara.email, channel: 'card' });
      expect(figures.get('energyUsePerPupil')).toMatchObject({ by: OWNERS.chris.email, channel: 'card' });
    }

    // 1 Jul: the executive excuses Daniel from his figure set.
    h.setNow('2027-07-01T10:00:00Z');
    const excused = await h.say(
      h.message(OWNERS.amara.aad, 'excuse Daniel Hughes the reviews move to the autumn term'),
    );
    expect(text(excused)).toContain('Daniel Hughes is excused from the summer 2027 trust figures');

    // Reminder days, 5, 2 and 0 days before the close day (10 Jul): Samuel and Priya once each, nobody else.
    for (const day of ['2027-07-05', '2027-07-08', '2027-07-10']) {
      const sent = await at(`${day}T09:00:00Z`);
      expect(sent.filter(to(DEMO.headKms.email))).toHaveLength(1);
      expect(text(sent.find(to(DEMO.headKms.email))?.activity)).toContain('A reminder');
      const toPriya = sent.filter(to(OWNERS.priya.email));
      expect(toPriya.map((s) => text(s.activity).includes('your summer 2027 trust figures are due'))).toEqual(
        [true, ...(day === '2027-07-10' ? [false] : [])],
      );
      for (const email of [DEMO.headPms.email, OWNERS.daniel.email, OWNERS.chris.email])
        expect(sent.filter(to(email))).toEqual(
          // Daniel is an executive: on the last day he is told who is missing, and nothing else.
          day === '2027-07-10' && email === OWNERS.daniel.email ? [expect.anything()] : [],
        );
      expect(sent.filter(to(OWNERS.amara.email))).toHaveLength(day === '2027-07-10' ? 1 : 0);
      expect((await at(`${day}T15:00:00Z`)).length).toBe(0);
    }

    // After the last reminder, each executive is told who is still missing: owners like heads.
    const escalation = sender.sent.filter(
      (s) => to(OWNERS.daniel.email)(s) && text(s.activity).includes('Still missing'),
    );
    expect(escalation).toHaveLength(1);
    const told = text(escalation[0]?.activity);
    expect(told).toContain('Still missing after the last reminder: 6');
    expect(told).toMatch(
      /Not started \(2\).*Kingfisher Meadow School — Samuel Reid.*Trust figures \(Teacher turnover; 6 academies\) — Priya Shah.*Could not be reached \(4\)/,
    );
    expect(told).toMatch(
      /Submitted \(3\).*Governance skills audit this year; 6 academies\) — Amara Okafor.*Energy use per pupil; 6 academies\) — Chris Dunn.*Not started/,
    );
    expect(told).toMatch(
      /Excused \(1\).*Trust figures \(Trust reviews completed; 6 academies\) — Daniel Hughes/,
    );

    // The day after the close day: the round closes, its evaluation is stored and the summary posted.
    const closing = await at('2027-07-11T09:00:00Z');
    expect((await h.services.round.rounds.get(TERM))?.status).toBe('closed');
    const evaluation = await h.services.round.evaluations.get(TERM);
    expect(evaluation?.closedThrough).toBe(TERM);
    const posted = closing.filter((s) => s.conversation === BOARD);
    expect(posted).toHaveLength(1);
    const summary = text(posted[0]?.activity);
    expect(summary).toContain('Risk summary: summer 2027');
    // All the exceptions, as the summary's "show all" brings them: the trust's missing figures are the
    // trust's, each with its owner, and none shows under an academy as if its head had not sent it.
    const all = text(
      cardOf(
        await h.say(h.submit(OWNERS.amara.aad, pressed(posted[0]?.activity, /^And \d+ more: show all$/))),
      ),
    );
    const trustLines = [...all.matchAll(/Trust — not supplied: ([^"]*)"/g)].map((match) => match[1]);
    // One line per owner, so a long line never loses a name; Amara Okafor sent her summer figure, but
    // not the autumn ones (none held: this test has no history), and the trust's reserves have no owner.
    expect(trustLines).toEqual([
      'Revenue reserves',
      'Local governing body vacancies (6 academies, Amara Okafor), Climate action plan in place (6 academies, Amara Okafor)',
      'Trust reviews completed (6 academies, Daniel Hughes)',
      'Teacher turnover (6 academies, Priya Shah)',
      'Energy use per pupil (1 academy, Chris Dunn)',
    ]);
    expect(all).not.toContain('Governance skills audit this year (');
    for (const academy of DEMO_ACADEMIES)
      for (const label of TRUST_LABELS) {
        expect(summary).not.toContain(`${academy} — ${label}`);
        expect(all).not.toContain(`${academy} — ${label}`);
      }
  }, 120_000);
});

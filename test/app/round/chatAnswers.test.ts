/**
 * A head answers the round in the chat, one figure at a time, through botbuilder's TestAdapter over a
 * real Azurite: every reply word, a wrong figure, switching to the card and back, a head of two
 * academies, a duplicate message. The walk's place is in Table Storage: each reply is a new turn.
 */
import type { Activity } from 'botbuilder';

import type { Roster } from '../../../src/domain/roster/roster';
import { flattenRequested, requestedMetrics } from '../../../src/domain/round/requestedMetrics';
import { type CardNode, nodesOfType } from '../../cards/cardTree';
import {
  cardOf,
  DEMO,
  invokeAnswer,
  type RoundHarness,
  roundHarness,
  updatedCard,
} from '../../support/roundHarness';

const TERM = '2026-27-autumn';
const PMS: string = DEMO.headPms.urn;
const KMS: string = DEMO.headKms.urn;
const HEAD = DEMO.headPms.aad;

function requestedOf(h: RoundHarness, urn: string) {
  const academy = h.roster.academies.find((a) => a.urn === urn);
  if (!academy) throw new Error(`no academy ${urn}`);
  return flattenRequested(
    requestedMetrics(
      h.services.round.plan,
      academy,
      { startYear: 2026, term: 'autumn' },
      h.services.round.calendar,
    ),
  );
}

async function open(h: RoundHarness): Promise<void> {
  await h.install(DEMO.headPms.email);
  invokeAnswer(await h.say(h.execute(DEMO.ceo.aad, { verb: 'openRound', term: TERM })));
}

/** What the bot said back to a message, as text. */
async function reply(h: RoundHarness, words: string): Promise<string> {
  const replies = await h.say(h.message(HEAD, words));
  return replies.map((activity) => activity.text ?? JSON.stringify(activity.attachments ?? [])).join('\n');
}

async function stored(h: RoundHarness, urn: string = PMS) {
  return h.services.round.figures.read(TERM, urn);
}

/** A valid reply for each required figure, in the walk's order, as a head would type it. */
function typedAnswer(metricType: string, options: { label: string }[] | undefined): string {
  if (metricType === 'grade' || metricType === 'enum') return options?.[1]?.label ?? '';
  if (metricType === 'yesNo') return 'yes';
  return '';
}

// A walk is a turn per reply, each a few storage round trips on Azurite: on a loaded machine the whole
// round in one test takes longer than jest's default 30 s.
describe('answering the round in chat', () => {
  it('walks every figure with its label, unit, range and last term, takes every reply word, and submits with channel chat', async () => {
    const h = await roundHarness('2026-12-02T10:00:00Z', { HISTORY_FILE: 'demo/data/observations.csv' });
    await open(h);
    const requested = requestedOf(h, PMS).filter(({ required }) => required);
    const first = await reply(h, 'answer in chat');
    expect(first).toContain('one figure at a time');
    expect(first).toContain(`**${requested[0]?.metric.label}**`);

    // A wrong figure: the card's own message, nothing kept, the same question stands.
    const attendance = requested.find(({ metric }) => metric.id === 'attendance');
    expect(attendance).toBeDefined();
    let said = first;
    let lastAttendance = Number.NaN;
    for (const { metric } of requested) {
      expect(said).toContain(`**${metric.label}**`);
      if (metric.id === 'attendance') {
        expect(said).toContain('From 0 to 100 %.');
        expect(said).toMatch(/Last term: .*\(summer 2026\)/);
        expect(await reply(h, '12,5')).toContain('Is that 12.5 or 125?');
        expect(await reply(h, '140')).toContain(
          'Enter a number from 0 to 100. Nothing was kept for Attendance',
        );
        expect(await reply(h, 'skip')).toContain('Attendance is required');
        said = await reply(h, '95.2%');
        continue;
      }
      if (metric.id === 'persistentAbsence') {
        // `back` returns to attendance, showing the answer so far; `same` keeps last term's instead.
        const back = await reply(h, 'back');
        expect(back).toContain('**Attendance**');
        expect(back).toContain('Your answer so far: 95.2%');
        lastAttendance = Number(/Last term: ([\d.]+)%/.exec(back)?.[1]);
        said = await reply(h, 'same');
        expect(said).toContain(`**${metric.label}**`);
        said = await reply(h, 'n/a figures come from the LA in January');
        continue;
      }
      const typed = typedAnswer(metric.type, metric.options);
      said = await reply(
        h,
        typed !== '' ? typed : String(Math.round(((metric.min ?? 0) + (metric.max ?? 100)) / 2)),
      );
    }
    // The inspection: no inspection this term, so no grades are asked.
    expect(said).toContain('inspected this term?');
    const review = await reply(h, 'no');
    expect(review).toContain('Here is what will be stored');
    expect(review).toContain(`- Attendance: ${lastAttendance}%`);
    expect(review).toContain('not available (figures come from the LA in January)');
    // `back` from the review goes to the inspection question; `skip` would not do for a required figure.
    expect(await reply(h, 'back')).toContain('inspected this term?');
    expect(await reply(h, 'no')).toContain('Here is what will be stored');
    const done = await h.say(h.message(HEAD, 'submit'));
    expect(done[0]?.text).toContain('Submitted');
    expect(JSON.stringify(cardOf(done))).toContain('Submitted by Helen Marsh');

    const record = await stored(h);
    expect(record.state).toBe('submitted');
    expect(record.figures.get('attendance')?.content).toEqual({ value: lastAttendance });
    expect(record.figures.get('persistentAbsence')?.content).toEqual({
      notAvailable: 'figures come from the LA in January',
    });
    const audit = await h.services.round.figures.audit(TERM, PMS);
    expect(audit.length).toBeGreaterThan(0);
    expect(new Set(audit.map((entry) => entry.channel))).toEqual(new Set(['chat']));
    // The walk is over: the next message is a command again.
    expect(await h.services.round.chatSessions.get(DEMO.headPms.email)).toBeUndefined();
  }, 120_000);

  it('skips an optional figure, and stop keeps the answers as a draft the card shows', async () => {
    const h = await roundHarness();
    await open(h);
    const first = requestedOf(h, PMS)[0]?.metric;
    expect(await reply(h, 'answer in chat')).toContain(`**${first?.label}**`);
    await reply(h, '9.5');
    const stopped = await reply(h, 'stop');
    expect(stopped).toContain('kept as a draft');
    expect((await stored(h)).state).toBe('draft');
    expect(await h.services.round.chatSessions.get(DEMO.headPms.email)).toBeUndefined();
    // The card finds the chat's draft.
    const card = cardOf(await h.say(h.message(HEAD, 'figures')));
    expect(JSON.stringify(card)).toContain('"value":"9.5"');

    // An optional figure (an inspection's grade) may be skipped; a required one may not.
    const resumed = await reply(h, 'answer in chat');
    expect(resumed).not.toContain(`**${first?.label}**`);
    let said = resumed;
    for (let i = 0; i < 20 && !said.includes('inspected this term?'); i++) {
      said = await reply(h, said.includes('Choose:') ? '1' : said.includes('Yes or no') ? 'yes' : '50');
    }
    const grade = await reply(h, 'yes');
    expect(grade).toContain('optional');
    expect(grade).toContain('**skip**');
    const next = await reply(h, 'skip');
    expect(next).not.toBe(grade);
  });

  it('switches to the card and back: the chat finds what the card saved, and the card what the chat kept', async () => {
    const h = await roundHarness();
    await open(h);
    const card = cardOf(await h.say(h.message(HEAD, 'figures')));
    const save = nodesOfType(card, 'Action.Submit').find((action) => action.title === 'Save for later');
    // Save for later on the card with attendance typed; the chat then starts after it.
    const first = requestedOf(h, PMS)[0]?.metric;
    updatedCard(
      await h.say(h.submit(HEAD, { ...(save?.data as Record<string, unknown>), [`m_${first?.id}`]: '9.6' })),
    );
    const chat = await reply(h, 'answer in chat');
    expect(chat).not.toContain(`**${first?.label}**`);
    expect(await reply(h, 'back')).toContain('Your answer so far: 9.6');
    await reply(h, '9.7');
    // The card pressed now is out of date (the chat saved since): it is refused and the current one shown.
    const submit = nodesOfType(card, 'Action.Submit').find((action) => action.title === 'Submit');
    const stale = updatedCard(
      await h.say(h.submit(HEAD, { ...(submit?.data as Record<string, unknown>), m_attendance: '90' })),
    );
    expect(JSON.stringify(stale)).toContain('This card is out of date');
    expect(JSON.stringify(stale)).toContain('"value":"9.7"');
    // The card's "Answer in chat" button picks the walk up.
    const button = nodesOfType(stale as CardNode, 'Action.Submit').find((a) => a.title === 'Answer in chat');
    const started = await h.say(h.submit(HEAD, button?.data as Record<string, unknown>));
    expect(started[0]?.text).toContain('one figure at a time');
  });

  it('asks a head of two academies which one first', async () => {
    const h = await roundHarness();
    const roster: Roster = {
      ...h.roster,
      people: h.roster.people.map((person) =>
        person.email === DEMO.headPms.email
          ? { ...person, academyUrns: [PMS, KMS] }
          : person.email === DEMO.headKms.email
            ? { ...person, role: 'executive' as const }
            : person,
      ),
    };
    await h.services.rosterStore.replace(roster);
    h.services.roster.refresh();
    await open(h);
    const asked = await reply(h, 'answer in chat');
    expect(asked).toContain('Which academy first?');
    expect(asked).toContain('1. The Philip Morant School and College');
    expect(asked).toContain('2. Kingfisher Meadow School');
    expect(await reply(h, 'the third one')).toContain("I'm not sure which academy you mean");
    const kms = await reply(h, 'kingfisher');
    expect(kms).toContain('for Kingfisher Meadow School');
    const first = requestedOf(h, KMS)[0]?.metric;
    expect(kms).toContain(`**${first?.label}**`);
    await reply(h, '9');
    expect((await stored(h, KMS)).draft?.inputs[`m_${first?.id}`]).toBe('9');
    expect((await stored(h, PMS)).draft).toBeUndefined();
  });

  it('handles a message Teams sends twice once, and answers commands mid-walk without losing the place', async () => {
    const h = await roundHarness();
    await open(h);
    await reply(h, 'answer in chat');
    const message: Partial<Activity> = h.message(HEAD, '93');
    const first = await h.say(message);
    expect(first[0]?.text).toContain('2 of');
    // The re-send carries the same activity id: nothing more is answered or kept.
    expect(await h.say(message)).toEqual([]);
    const session = await h.services.round.chatSessions.get(DEMO.headPms.email);
    expect(session?.position).toBe(1);
    // `help` is a command: answered as usual, and the walk waits where it was.
    const help = await h.say(h.message(HEAD, 'help'));
    expect(help[0]?.attachments).toHaveLength(1);
    expect((await h.services.round.chatSessions.get(DEMO.headPms.email))?.position).toBe(1);
  });

  it('refuses an inspection date after the term or before the academy opened, saying which days are allowed', async () => {
    const h = await roundHarness();
    await open(h);
    let said = await reply(h, 'answer in chat');
    for (let i = 0; i < 30 && !said.includes('inspected this term?'); i++) {
      said = await reply(h, said.includes('Choose:') ? '1' : said.includes('Yes or no') ? 'yes' : '50');
    }
    said = await reply(h, 'yes');
    for (let i = 0; i < 20 && !said.includes('**Ofsted inspection date**'); i++)
      said = await reply(h, 'skip');
    // PMS opened on 1 Nov 2011; autumn 2026 runs to 31 Dec 2026 in the default calendar.
    expect(said).toContain('A date, YYYY-MM-DD, from 1 Nov 2011 to 31 Dec 2026.');
    const allowed = 'enter a day from 1 Nov 2011, when the academy opened, to 31 Dec 2026';
    expect(await reply(h, '2027-03-01')).toContain(
      `1 Mar 2027 is after the end of autumn 2026 (31 Dec 2026), the term being answered: ${allowed}. Nothing was kept for Ofsted inspection date`,
    );
    expect(await reply(h, '2010-05-04')).toContain(
      `4 May 2010 is before the academy opened (1 Nov 2011): ${allowed}. Nothing was kept`,
    );
    expect((await stored(h)).draft?.inputs.m_ofstedInspectionDate ?? '').toBe('');
    expect(await reply(h, '2026-11-18')).not.toContain('Nothing was kept');
    expect((await stored(h)).draft?.inputs.m_ofstedInspectionDate).toBe('2026-11-18');
  });
});

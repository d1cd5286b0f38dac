/**
 * Names and typed text reach chat messages (not cards) as written, never as markdown: an academy named
 * like a link or with emphasis, a hostile "n/a" reason and an executive's hostile name are shown escaped
 * in the chat walk and the late-submission answer, while the bot's own **bold** words stay markdown.
 * TestAdapter over a real Azurite, with a copy of the demo roster.
 */
import { hostileRoster } from '../../support/hostileRoster';
import { DEMO, invokeAnswer, roundHarness, validDemoInputs } from '../../support/roundHarness';

const TERM = '2026-27-autumn';
// A link, emphasis (with an invisible character inside), code and underscores, all in one name.
const HOSTILE = '[Click](https://evil.example) **Mor\u200bant** `x` __u__';
const SHOWN = '\\[Click\\](https://evil.example) \\*\\*Morant\\*\\* \\`x\\` \\_\\_u\\_\\_';

const roster = hostileRoster({
  'academies.csv': [['The Philip Morant School and College', `"${HOSTILE}"`]],
  'people.csv': [['Amara Okafor', '_Amara_ [Okafor](https://evil.example)']],
});
afterAll(() => roster.remove());

describe('chat messages with hostile names', () => {
  it("shows a hostile academy's name and a hostile reason escaped in the chat walk, keeping the bot's own bold", async () => {
    const h = await roundHarness('2026-12-02T10:00:00Z', { ROSTER_DIR: roster.dir });
    expect(h.roster.academies.some((academy) => academy.name.startsWith('[Click]'))).toBe(true);
    await h.install(DEMO.headPms.email);
    invokeAnswer(await h.say(h.execute(DEMO.ceo.aad, { verb: 'openRound', term: TERM })));
    const said = async (words: string): Promise<string> =>
      (await h.say(h.message(DEMO.headPms.aad, words))).map((activity) => activity.text ?? '').join('\n');

    const intro = await said('answer in chat');
    expect(intro).toContain(`for ${SHOWN} here, one figure at a time`);
    expect(intro).not.toContain('[Click](');
    expect(intro).not.toContain('\u200b');
    expect(intro).toMatch(/\n\n\*\*[A-Z][^*\\]+\*\*/); // the question's own bold label

    // Attendance is the first figure: a hostile reason is kept, and shown escaped when asked again.
    await said('n/a see [here](https://evil.example) **now**');
    const back = await said('back');
    expect(back).toContain(
      'Your answer so far: not available (see \\[here\\](https://evil.example) \\*\\*now\\*\\*).',
    );

    const stopped = await said('stop');
    expect(stopped).toContain(`kept as a draft for ${SHOWN}, not submitted yet: type **answer in chat**`);
    expect(stopped).not.toContain(' **Morant**');
  }, 60_000);

  it("shows a hostile academy's name and a hostile reason escaped in the owner's chat walk", async () => {
    const h = await roundHarness('2026-12-02T10:00:00Z', { ROSTER_DIR: roster.dir });
    await h.install(DEMO.ceo.email);
    invokeAnswer(await h.say(h.execute(DEMO.ceo.aad, { verb: 'openRound', term: TERM })));
    const said = async (words: string): Promise<string> =>
      (await h.say(h.message(DEMO.ceo.aad, words))).map((activity) => activity.text ?? '').join('\n');

    const first = await said('answer in chat');
    expect(first).toContain(`**${SHOWN}: Local governing body vacancies**`);
    expect(first).not.toContain('[Click](');
    await said('n/a see [here](https://evil.example)');
    expect(await said('back')).toContain(
      'Your answer so far: not available (see \\[here\\](https://evil.example)).',
    );
  }, 60_000);

  it("names the round's contact escaped when figures come after the close", async () => {
    const h = await roundHarness('2026-12-02T10:00:00Z', { ROSTER_DIR: roster.dir });
    await h.install(DEMO.headPms.email);
    invokeAnswer(await h.say(h.execute(DEMO.ceo.aad, { verb: 'openRound', term: TERM })));
    invokeAnswer(await h.say(h.execute(DEMO.ceo.aad, { verb: 'closeRound', term: TERM })));
    const late = await h.answer(
      h.submit(DEMO.headPms.aad, {
        verb: 'submitFigures',
        term: TERM,
        urn: DEMO.headPms.urn,
        ...validDemoInputs(h),
      }),
    );
    const text = late.map((activity) => activity.text ?? '').join('\n');
    expect(text).toContain(
      'please contact \\_Amara\\_ \\[Okafor\\](https://evil.example) (amara.okafor@thrive-demo.example).',
    );
  }, 60_000);
});

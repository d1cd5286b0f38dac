/**
 * Names, reasons and typed text come from people and files, and Teams renders markdown in a TextBlock
 * and in a FactSet: every card the bot can send is built here from the demo trust with every academy,
 * person and the trust itself renamed to carry links, emphasis, headings and HTML, and no such markup may
 * reach a place where Teams would render it (renderCard escapes them all, in one place). A TextRun
 * renders no markdown at all: there a name must be exactly as typed (an escape would show its
 * backslashes), and the bot's own words must carry no markup (`**status**` would show its asterisks).
 */
import type { CardAttachment } from '../../cards/renderCard';
import type { Roster } from '../../src/domain/roster/roster';
import { type DemoTrust, loadDemoTrust, RENDERING_CASES } from './renderingCases';

const PLANTED = '# [Click me](http://evil.example) **urgent** _now_ ~~x~~ `code` <b>html</b> &amp;';

function hostile(name: string): string {
  return `${PLANTED} ${name}`;
}

function hostileTrust(demo: DemoTrust): DemoTrust {
  const roster: Roster = {
    trust: { ...demo.roster.trust, name: hostile(demo.roster.trust.name) },
    academies: demo.roster.academies.map((academy) => ({ ...academy, name: hostile(academy.name) })),
    people: demo.roster.people.map((person) => ({ ...person, name: hostile(person.name) })),
  };
  const academy = (urn: string) => roster.academies.find((entry) => entry.urn === urn)!;
  const person = (email: string) => roster.people.find((entry) => entry.email === email)!;
  return {
    ...demo,
    roster,
    pms: academy(demo.pms.urn),
    headOfPms: person(demo.headOfPms.email),
    executive: person(demo.executive.email),
  };
}

/** Markup Teams would act on: an unescaped markdown character, or a heading or list marker at a line's start. */
function unescapedMarkup(text: string): string | undefined {
  for (let index = 0; index < text.length; index++) {
    const character = text[index] ?? '';
    if (character === '\\') {
      index++;
      continue;
    }
    if ('`*_~[]<>&'.includes(character)) return `"${character}" at ${index} of ${JSON.stringify(text)}`;
  }
  const line = /^\s*(#|[-+]\s|\d+[.)]\s)/m.exec(text);
  return line ? `a line starting "${line[1] ?? ''}" in ${JSON.stringify(text)}` : undefined;
}

/** Every string of the card that Teams renders as markdown. */
function markdownStrings(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) {
    for (const item of node) markdownStrings(item, found);
  } else if (typeof node === 'object' && node !== null) {
    const record = node as Record<string, unknown>;
    if (record.type === 'TextBlock' && typeof record.text === 'string') found.push(record.text);
    if (record.type === 'FactSet' && Array.isArray(record.facts)) {
      for (const fact of record.facts as Record<string, unknown>[]) {
        if (typeof fact.title === 'string') found.push(fact.title);
        if (typeof fact.value === 'string') found.push(fact.value);
      }
    }
    for (const value of Object.values(record)) markdownStrings(value, found);
  }
  return found;
}

/** Every TextRun's text: Teams shows it as it is, markdown and all. */
function textRuns(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) {
    for (const item of node) textRuns(item, found);
  } else if (typeof node === 'object' && node !== null) {
    const record = node as Record<string, unknown>;
    if (record.type === 'TextRun' && typeof record.text === 'string') found.push(record.text);
    for (const value of Object.values(record)) textRuns(value, found);
  }
  return found;
}

/** Markup in a TextRun that would show as characters: an escape, emphasis, a link or inline code. */
function visibleMarkup(text: string): string | undefined {
  const found = /\\[\\`*_~[\]<>&#]|\*\*|__|~~|\]\(|`[^`]+`/.exec(text);
  return found ? `"${found[0]}" in ${JSON.stringify(text)}` : undefined;
}

/** Builders whose cards show an academy's, a person's or the trust's name. */
const SHOW_NAMES = ['figuresCard', 'figuresSummaryCard', 'helpCard', 'reminderCard', 'roundClosedCard'];

let demo: DemoTrust;
beforeAll(async () => {
  demo = hostileTrust(await loadDemoTrust());
});

const cases = Object.entries(RENDERING_CASES).flatMap(([builder, named]) =>
  Object.entries(named).map(([name, build]) => [`${builder}: ${name}`, build] as const),
);

describe('every card, with hostile names', () => {
  const planted = new Set<string>();
  afterAll(() => {
    // The hostile names did reach the cards that show names.
    expect([...planted].sort()).toEqual(expect.arrayContaining(SHOW_NAMES));
  });

  it.each(cases)('%s shows them as written', (name, build) => {
    const card: CardAttachment = build(demo).card;
    if (JSON.stringify(card).includes('evil.example')) planted.add(name.split(':')[0] ?? '');
    expect(markdownStrings(card.content).flatMap((text) => unescapedMarkup(text) ?? [])).toEqual([]);
  });
});

describe('every card’s TextRuns, with hostile names', () => {
  const asTyped = new Set<string>();
  afterAll(() => {
    // The names reached TextRuns as typed, in the cards that put names there.
    expect([...asTyped].sort()).toEqual(
      expect.arrayContaining([
        'figuresCard',
        'figuresSummaryCard',
        'reminderCard',
        'roundClosedCard',
        'roundProgressCard',
      ]),
    );
  });

  it.each(cases)('%s shows them as typed, and no markup of its own', (name, build) => {
    const runs = textRuns(build(demo).card.content);
    if (runs.some((text) => text.includes(PLANTED))) asTyped.add(name.split(':')[0] ?? '');
    // With the names, as typed, taken out, nothing may look like markup: what is left is the bot's own
    // words, or a name that was escaped or cut on its way.
    const ownWords = runs.map((text) => text.split(PLANTED).join(''));
    expect(ownWords.flatMap((text) => visibleMarkup(text) ?? [])).toEqual([]);
  });
});

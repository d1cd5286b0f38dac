import { helpCard } from '../../cards/helpCard';
import { CHANGING_COMMANDS, COMMANDS, commandText } from '../../src/app/commands';
import { helpFor } from '../../src/app/helpFor';
import type { Role, Trust } from '../../src/domain/roster/roster';
import { TEST_ROSTER } from '../support/rosterFixture';
import { adaptiveCardValidator } from '../support/schemas';
import { nodesOfType } from './cardTree';

const trust: Trust = { name: 'Test Trust', boardChannel: 'Board', fictional: true };

describe('help card', () => {
  const validate = adaptiveCardValidator();

  it.each<[Role, string]>([
    ['head', 'head of academy'],
    ['trustee', 'trustee'],
    ['executive', 'executive'],
    ['administrator', 'trust administrator'],
  ])('for a %s is a valid Adaptive Card 1.5 naming the role', (role, label) => {
    const card = helpCard(
      helpFor(
        {
          person: { email: 'p@t.example', name: 'Pat Person', role, title: 'Post' },
          academy: role === 'head' ? TEST_ROSTER.academies[0] : undefined,
        },
        trust,
      ),
    );
    expect(card.contentType).toBe('application/vnd.microsoft.card.adaptive');
    const valid = validate(card.content);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    const text = JSON.stringify(card.content);
    expect(text).toContain('What I can do for you');
    expect(text).toContain(`Pat Person · ${label}`);
    expect(text).not.toContain('${');
    if (role === 'head') expect(text).toContain('Hill Primary');
  });

  it('offers a tappable button per command, in rows that fit a phone, and says the data is a demo', () => {
    const card = helpCard(
      helpFor({ person: { email: 'p@t.example', name: 'Pat', role: 'executive', title: 'CEO' } }, trust),
    );
    // Buttons sit in rows of ActionSets at the end of the body: five on one row are cut short on a phone.
    expect(card.content.actions).toBeUndefined();
    const rows = nodesOfType(card.content, 'ActionSet').map(
      (set) => set.actions as { title: string; data: { command: string } }[],
    );
    expect(rows.map((row) => row.map((a) => a.title))).toEqual([
      ['help', 'who am I', 'missing'],
      ['round', 'status'],
    ]);
    // Commands with arguments to fill in, and commands that change something, stay typed; at most five.
    expect(rows.flat()[1]?.data).toEqual({ command: 'who am I' });
    expect(JSON.stringify(card.content)).toContain('Test Trust (demo data)');
  });

  it('gives the syntax of every command, and never a button that changes something', () => {
    const view = helpFor(
      { person: { email: 'p@t.example', name: 'Pat', role: 'executive', title: 'CEO' } },
      trust,
    );
    const usages = view.commands.map((command) => command.usage);
    expect(usages).toEqual(
      expect.arrayContaining([
        'excuse <academy> <reason>',
        'unexcuse <academy>',
        'trend <measure> [academy]',
        'objective <number or name>',
        'status [academy]',
        'open round [term]',
        'post summary [term]',
      ]),
    );
    for (const { usage } of view.buttons) {
      expect(usage).not.toMatch(/[<[]/);
      const command = COMMANDS.find((candidate) => commandText(candidate.usage) === usage);
      expect(command && CHANGING_COMMANDS.has(command.name)).toBe(false);
    }
  });

  it('adds the own-words line only when asked to, naming the example academy, and stays a valid card', () => {
    const exec = { person: { email: 'p@t.example', name: 'Pat', role: 'executive' as const, title: 'CEO' } };
    const withLine = helpCard(helpFor(exec, trust, { ownWords: { exampleAcademy: 'Hill Primary' } }));
    expect(validate(withLine.content)).toBe(true);
    const texts = nodesOfType(withLine.content, 'TextBlock').map((block) => String(block.text));
    expect(texts.filter((text) => text.startsWith('You can also ask in your own words'))).toEqual([
      expect.stringContaining('"how is Hill Primary doing?"'),
    ]);
    const without = nodesOfType(helpCard(helpFor(exec, trust)).content, 'TextBlock');
    expect(without.map((block) => String(block.text)).join(' ')).not.toContain('own words');
    // No empty block is left where the line would be.
    expect(without.filter((block) => !String(block.text).trim())).toEqual([]);
  });
});

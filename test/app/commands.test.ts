import fc from 'fast-check';

import { COMMANDS, commandsFor, parseCommand } from '../../src/app/commands';

describe('parseCommand', () => {
  it.each([
    ['help', 'help', ''],
    ['  HELP  ', 'help', ''],
    ['Help!', 'help', ''],
    ['?', 'help', ''],
    ['what can you do', 'help', ''],
    ['<at>Trust Plan</at> help', 'help', ''],
    ['help&nbsp;', 'help', ''],
    ['who am I', 'whoami', ''],
    ['Who am I?', 'whoami', ''],
    ['whoami', 'whoami', ''],
    ['help status', 'help', 'status'],
  ])('reads %j as %s', (text, name, args) => {
    expect(parseCommand(text)).toEqual({ kind: 'command', name, args });
  });

  it.each([['weather forecast'], ['hello'], [''], ['helpme']])('does not guess at %j', (text) => {
    expect(parseCommand(text)).toEqual({ kind: 'unknown', text: text.trim() });
  });

  // Names every plain object inherits: a lookup table that is an object literal would find them.
  it.each([
    ['constructor'],
    ['__proto__'],
    ['toString'],
    ['hasOwnProperty'],
    ['valueOf'],
    ['constructor me'],
  ])('takes %j for unknown text, not a property of Object.prototype', (text) => {
    expect(parseCommand(text)).toEqual({ kind: 'unknown', text });
  });

  it('reads any text as a known command or as unknown text, without throwing', () => {
    const names = new Set(COMMANDS.map((command) => command.name));
    fc.assert(
      fc.property(
        fc
          .array(
            fc.oneof(
              fc.string({ unit: 'binary' }),
              fc.constantFrom('<at>', '</at>', '?', '&nbsp;', 'help', 'who am i', '__proto__', '<b>'),
            ),
          )
          .map((parts) => parts.join(' ')),
        (text) => {
          const parsed = parseCommand(text);
          if (parsed.kind === 'command') return names.has(parsed.name) && typeof parsed.args === 'string';
          return parsed.kind === 'unknown' && parsed.text === text.trim();
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('commandsFor', () => {
  it('gives every role help, and only commands that list the role', () => {
    for (const role of ['head', 'trustee', 'executive', 'administrator'] as const) {
      const names = commandsFor(role).map((c) => c.name);
      expect(names).toContain('help');
      expect(names).toEqual(COMMANDS.filter((c) => c.roles.includes(role)).map((c) => c.name));
    }
  });
});

import fc from 'fast-check';

import {
  CHANGING_COMMANDS,
  closestCommands,
  COMMANDS,
  commandsFor,
  commandText,
  parseCommand,
} from '../../src/app/commands';

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

  // `status principles` and its near-misses: the principle asked about is what follows.
  it.each([
    ['status principles', ''],
    ['principles', ''],
    ['Principles?', ''],
    ['status of the principles', ''],
    ['status of principles', ''],
    ['what is the status of our principles?', ''],
    ['status principels', ''],
    ['staus principles', ''],
    ['status principals', ''],
    ['principels', ''],
    ['status principle employer of choice', 'employer of choice'],
    ['status of the principle Employer of choice, please', 'Employer of choice'],
    ['principle 3', '3'],
    ['status principle for governance', 'governance'],
  ])('reads %j as the principles command with %j', (text, args) => {
    expect(parseCommand(text)).toEqual({ kind: 'command', name: 'principles', args });
  });

  it.each([
    ['status', 'status', ''],
    ['status philip morant', 'status', 'philip morant'],
    ['status of Princes Park', 'status', 'Princes Park'],
  ])('leaves %j as %s %j', (text, name, args) => {
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

describe('commandText', () => {
  it.each([
    ['status [academy]', 'status'],
    ['trend <measure> [academy]', 'trend'],
    ['unexcuse <academy>', 'unexcuse'],
    ['who am I', 'who am I'],
  ])('sends %s as "%s"', (usage, text) => {
    expect(commandText(usage)).toBe(text);
  });

  it('reads unexcuse with its academy', () => {
    expect(parseCommand('unexcuse Kingfisher Meadow')).toEqual({
      kind: 'command',
      name: 'unexcuse',
      args: 'Kingfisher Meadow',
    });
  });
});

describe('closestCommands', () => {
  // Each of these once offered a command that acts (a button press on a guess): now only read-only ones.
  it.each([
    ['clse the rond now', 'closeRound'],
    ['opn round please', 'openRound'],
    ['remnd everyone', 'remind'],
    ['excuze oakhaven', 'excuse'],
    ['unexcuze oakhaven', 'unexcuse'],
    ['withdraw the excuse', 'unexcuse'],
    ['post summry', 'postSummary'],
  ])('never offers a command that changes anything for "%s" (not %s)', (text, changing) => {
    const offered = closestCommands(text, 'executive').map((command) => command.name);
    expect(offered).not.toContain(changing);
    for (const name of offered) expect(CHANGING_COMMANDS.has(name)).toBe(false);
  });

  it('offers no changing command for any word of any command, slipped or not', () => {
    const words = COMMANDS.flatMap((command) => command.usage.split(/\W+/)).filter((w) => w.length >= 3);
    for (const word of words) {
      for (const typed of [word, `${word}x`, word.slice(1)]) {
        const offered = closestCommands(typed, 'executive').map((command) => command.name);
        for (const name of offered) expect(CHANGING_COMMANDS.has(name)).toBe(false);
      }
    }
  });

  it('still offers the read-only commands close to what was typed', () => {
    expect(closestCommands('riks please', 'executive').map((command) => command.name)).toContain('risks');
  });
});

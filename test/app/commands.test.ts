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

  it.each([['status of everything'], ['hello'], [''], ['helpme']])('does not guess at %j', (text) => {
    expect(parseCommand(text)).toEqual({ kind: 'unknown', text: text.trim() });
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

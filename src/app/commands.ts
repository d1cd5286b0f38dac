/**
 * What people can type to the bot. Each command names the roles that may use it; help lists exactly
 * these, so the help card never promises a command that does not exist.
 */
import type { Role } from '../domain/roster/roster';

export type CommandName = 'help' | 'whoami';

export interface CommandInfo {
  name: CommandName;
  /** What to type, as shown on the help card. */
  usage: string;
  summary: string;
  roles: readonly Role[];
}

const EVERYONE: readonly Role[] = ['head', 'trustee', 'executive', 'administrator'];

export const COMMANDS: readonly CommandInfo[] = [
  { name: 'help', usage: 'help', summary: 'Show what I can do for you.', roles: EVERYONE },
  {
    name: 'whoami',
    usage: 'who am I',
    summary: 'Show what the trust roster says about you: name, role and academy.',
    roles: EVERYONE,
  },
];

export type ParsedCommand =
  { kind: 'command'; name: CommandName; args: string } | { kind: 'unknown'; text: string };

/**
 * Words people use for each command; matched case-insensitively after trimming punctuation. A Map, not
 * an object literal: typed text such as "constructor" or "__proto__" must not find Object.prototype.
 */
const ALIASES: ReadonlyMap<string, CommandName> = new Map<string, CommandName>([
  ['help', 'help'],
  ['?', 'help'],
  ['menu', 'help'],
  ['what can you do', 'help'],
  ['whoami', 'whoami'],
  ['who am i', 'whoami'],
  ['me', 'whoami'],
]);

/** Reads a chat message as a command. Unknown text is returned as such so the bot can say so kindly. */
export function parseCommand(text: string): ParsedCommand {
  const spaced = text
    .normalize('NFC')
    .replace(/<at>.*?<\/at>/gi, ' ') // a mention of the bot is not part of the command
    .replace(/<[^>]+>/g, ' ') // formatting arrives as HTML in Teams
    .replace(/&nbsp;/g, ' ')
    .trim()
    .replace(/\s+/g, ' ')
    .toLowerCase();
  // "Who am I?" and "help!" mean the command; a lone "?" is itself a command.
  const normalised = spaced.length > 1 ? spaced.replace(/[.!?]+$/, '') : spaced;
  const exact = ALIASES.get(normalised);
  if (exact) return { kind: 'command', name: exact, args: '' };
  const [first = '', ...rest] = normalised.split(' ');
  const byFirstWord = ALIASES.get(first);
  if (byFirstWord) return { kind: 'command', name: byFirstWord, args: rest.join(' ') };
  return { kind: 'unknown', text: text.trim() };
}

/** The commands one role may use, in catalogue order. */
export function commandsFor(role: Role): CommandInfo[] {
  return COMMANDS.filter((command) => command.roles.includes(role));
}

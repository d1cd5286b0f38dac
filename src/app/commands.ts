/**
 * What people can type to the bot. Each command names the roles that may use it; help lists exactly
 * these, so the help card never promises a command that does not exist.
 */
import type { Role } from '../domain/roster/roster';

export type CommandName =
  'help' | 'whoami' | 'figures' | 'openRound' | 'closeRound' | 'remind' | 'missing' | 'round' | 'excuse';

export interface CommandInfo {
  name: CommandName;
  /** What to type, as shown on the help card. */
  usage: string;
  summary: string;
  roles: readonly Role[];
}

const EVERYONE: readonly Role[] = ['head', 'trustee', 'executive', 'administrator'];
const EXECUTIVES: readonly Role[] = ['executive'];

export const COMMANDS: readonly CommandInfo[] = [
  { name: 'help', usage: 'help', summary: 'Show what I can do for you.', roles: EVERYONE },
  {
    name: 'whoami',
    usage: 'who am I',
    summary: 'Show what the trust roster says about you: name, role and academy.',
    roles: EVERYONE,
  },
  {
    name: 'figures',
    usage: 'figures',
    summary: "Bring back this term's figures card for your academy, to fill in or edit.",
    roles: ['head'],
  },
  {
    name: 'openRound',
    usage: 'open round',
    summary: "Open this term's round (or name one: open round 2026-27 spring) and prompt every head.",
    roles: EXECUTIVES,
  },
  {
    name: 'missing',
    usage: 'missing',
    summary: "Who has submitted, who has a draft, who hasn't started and who can't be reached.",
    roles: EXECUTIVES,
  },
  {
    name: 'remind',
    usage: 'remind',
    summary: 'Remind the heads who have not submitted, now.',
    roles: EXECUTIVES,
  },
  {
    name: 'excuse',
    usage: 'excuse <academy> <reason>',
    summary: 'Excuse an academy from the open round: no more reminders, not counted as missing.',
    roles: EXECUTIVES,
  },
  { name: 'round', usage: 'round', summary: 'The current round: term, dates and counts.', roles: EXECUTIVES },
  {
    name: 'closeRound',
    usage: 'close round',
    summary: 'Close the open round (after a confirmation) and evaluate the plan.',
    roles: EXECUTIVES,
  },
];

export type ParsedCommand =
  { kind: 'command'; name: CommandName; args: string } | { kind: 'unknown'; text: string };

/**
 * Words people use for each command, matched case-insensitively after trimming punctuation. A Map, so
 * text like "constructor" or "__proto__" is just an unknown word.
 */
const ALIASES: ReadonlyMap<string, CommandName> = new Map<string, CommandName>([
  ['help', 'help'],
  ['?', 'help'],
  ['menu', 'help'],
  ['what can you do', 'help'],
  ['whoami', 'whoami'],
  ['who am i', 'whoami'],
  ['me', 'whoami'],
  ['figures', 'figures'],
  ['my figures', 'figures'],
  ['card', 'figures'],
  ['my card', 'figures'],
  ['open round', 'openRound'],
  ['open the round', 'openRound'],
  ['start round', 'openRound'],
  ['close round', 'closeRound'],
  ['close the round', 'closeRound'],
  ['end round', 'closeRound'],
  ['remind', 'remind'],
  ['remind heads', 'remind'],
  ['send reminders', 'remind'],
  ['missing', 'missing'],
  ["who hasn't submitted", 'missing'],
  ['who has not submitted', 'missing'],
  ['who is missing', 'missing'],
  ['round', 'round'],
  ['round status', 'round'],
  ['excuse', 'excuse'],
]);

/** The longest alias, in words, so a command's arguments are never mistaken for part of it. */
const LONGEST_ALIAS = Math.max(...[...ALIASES.keys()].map((alias) => alias.split(' ').length));

/** Reads a chat message as a command. Unknown text is returned as such so the bot can say so kindly. */
export function parseCommand(text: string): ParsedCommand {
  const spaced = text
    .normalize('NFC')
    .replace(/<at>.*?<\/at>/gi, ' ') // a mention of the bot is not part of the command
    .replace(/<[^>]+>/g, ' ') // formatting arrives as HTML in Teams
    .replace(/&nbsp;/g, ' ')
    .trim()
    .replace(/\s+/g, ' ');
  // "Who am I?" and "help!" mean the command; a lone "?" is itself a command.
  const trimmed = spaced.length > 1 ? spaced.replace(/[.!?]+$/, '') : spaced;
  const words = trimmed.split(' ');
  const lower = words.map((word) => word.toLowerCase().replace(/[’]/g, "'"));
  for (let n = Math.min(LONGEST_ALIAS, words.length); n >= 1; n--) {
    const name = ALIASES.get(lower.slice(0, n).join(' '));
    if (name) return { kind: 'command', name, args: words.slice(n).join(' ') };
  }
  return { kind: 'unknown', text: text.trim() };
}

/** The commands one role may use, in catalogue order. */
export function commandsFor(role: Role): CommandInfo[] {
  return COMMANDS.filter((command) => command.roles.includes(role));
}

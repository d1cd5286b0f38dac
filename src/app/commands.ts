/**
 * What people can type to the bot. Each command names the roles that may use it; help lists exactly
 * these, so the help card never promises a command that does not exist.
 */
import { editDistance } from '../domain/roster/closestName';
import type { Role } from '../domain/roster/roster';

export type CommandName =
  | 'help'
  | 'whoami'
  | 'figures'
  | 'answerInChat'
  | 'openRound'
  | 'closeRound'
  | 'remind'
  | 'missing'
  | 'round'
  | 'excuse'
  | 'unexcuse'
  | 'status'
  | 'risks'
  | 'principles'
  | 'objective'
  | 'trend'
  | 'postSummary'
  | 'boardPack';

export interface CommandInfo {
  name: CommandName;
  /** What to type, as shown on the help card. */
  usage: string;
  summary: string;
  roles: readonly Role[];
}

const EVERYONE: readonly Role[] = ['head', 'trustee', 'executive', 'administrator'];
const EXECUTIVES: readonly Role[] = ['executive'];
/** Who may read the plan's status: heads for their own academies, trustees and executives for all. */
const READERS: readonly Role[] = ['head', 'trustee', 'executive'];

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
    name: 'answerInChat',
    usage: 'answer in chat',
    summary: "Answer this term's figures here in the chat, one at a time, instead of on the card.",
    roles: ['head'],
  },
  {
    name: 'openRound',
    usage: 'open round [term]',
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
  {
    name: 'unexcuse',
    usage: 'unexcuse <academy>',
    summary: 'Withdraw an excusal: the academy is asked and reminded again, and counted if it sends nothing.',
    roles: EXECUTIVES,
  },
  { name: 'round', usage: 'round', summary: 'The current round: term, dates and counts.', roles: EXECUTIVES },
  {
    name: 'closeRound',
    usage: 'close round',
    summary: 'Close the open round (after a confirmation) and evaluate the plan.',
    roles: EXECUTIVES,
  },
  {
    name: 'status',
    usage: 'status [academy]',
    summary: 'How the plan stands at the last closed term (or name an academy: status Philip Morant).',
    roles: READERS,
  },
  {
    name: 'risks',
    usage: 'risks',
    summary:
      'What needs attention, worst first: academies that sent nothing, targets missed or at risk, figures missing.',
    roles: READERS,
  },
  {
    name: 'principles',
    usage: 'status principles [principle]',
    summary:
      "How the trust stands against each of the plan's principles, with the targets and reasons (or name one: status principle employer of choice).",
    roles: READERS,
  },
  {
    name: 'objective',
    usage: 'objective <number or name>',
    summary: 'One objective of the plan across the academies.',
    roles: READERS,
  },
  {
    name: 'trend',
    usage: 'trend <measure> [academy]',
    summary: 'A measure over the last terms, as a chart with the figures beside it.',
    roles: READERS,
  },
  {
    name: 'postSummary',
    usage: 'post summary [term]',
    summary:
      "Post the board's risk summary to the board channel (or name a term); the open round's is provisional.",
    roles: EXECUTIVES,
  },
  {
    name: 'boardPack',
    usage: 'board pack [term]',
    summary: "Write the last closed term's board paper (or name a term) as a PDF, and say where it is.",
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
  ['answer in chat', 'answerInChat'],
  ['answer here', 'answerInChat'],
  ['answer in the chat', 'answerInChat'],
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
  ['unexcuse', 'unexcuse'],
  ['un-excuse', 'unexcuse'],
  ['withdraw excuse', 'unexcuse'],
  ['status', 'status'],
  ['overview', 'status'],
  ['how are we doing', 'status'],
  ['how is', 'status'],
  ['how are', 'status'],
  ['risks', 'risks'],
  ['risk', 'risks'],
  ['at risk', 'risks'],
  ['what is at risk', 'risks'],
  ['principles', 'principles'],
  ['principle', 'principles'],
  ['objective', 'objective'],
  ['objectives', 'objective'],
  ['trend', 'trend'],
  ['trends', 'trend'],
  ['post summary', 'postSummary'],
  ['post the summary', 'postSummary'],
  ['repost summary', 'postSummary'],
  ['summary', 'postSummary'],
  ['board pack', 'boardPack'],
  ['board paper', 'boardPack'],
  ['board papers', 'boardPack'],
]);

/**
 * Words people put before a command that do not change it ("please show me the status", "what's the
 * risks?"). Dropped from the start only, so a command's arguments keep them.
 */
const FILLER: ReadonlySet<string> = new Set([
  'please',
  'pls',
  'can',
  'could',
  'you',
  'show',
  'me',
  'give',
  'tell',
  'the',
  'what',
  "what's",
  'whats',
  'is',
  'are',
  'our',
  'hi',
  'hello',
  'hey',
  'bot',
]);

/** How many typing slips a word of this length may carry and still be read as the alias. */
function slipsAllowed(length: number): number {
  if (length < 5) return 0;
  return length < 9 ? 1 : 2;
}

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
  const trimmed = (spaced.length > 1 ? spaced.replace(/[.!?]+$/, '') : spaced).replace(/[,;:](?=\s|$)/g, '');
  const words = trimmed.split(' ');
  const lower = words.map((word) => word.toLowerCase().replace(/[’]/g, "'"));
  const exact = matchAlias(words, lower);
  if (exact) return principlesOfStatus(exact);
  // "Please show me the status of Saltmarsh": the same command once the polite words are dropped.
  let skip = 0;
  while (skip < lower.length - 1 && FILLER.has(lower[skip]?.replace(/[,;:]$/, '') ?? '')) skip++;
  const rest = words.slice(skip).map((word) => word.replace(/[,;:]$/, ''));
  const restLower = rest.map((word) => word.toLowerCase().replace(/[’]/g, "'"));
  const parsed = (skip > 0 ? matchAlias(rest, restLower) : undefined) ?? fuzzyAlias(rest, restLower);
  return parsed ? principlesOfStatus(parsed) : { kind: 'unknown', text: text.trim() };
}

/** Words between "status" and "principles" that do not change the question ("status of the principles"). */
const PRINCIPLE_JOINERS: ReadonlySet<string> = new Set(['of', 'on', 'for', 'against', 'the', 'our', 'all']);

/** "principles", "principle", and slips of them ("principels", "principals"). */
function isPrincipleWord(word: string): boolean {
  const lower = word.toLowerCase();
  return ['principles', 'principle'].some((wanted) => editDistance(lower, wanted) <= 2);
}

/**
 * "status principles", "status of the principles", "staus principels": the principles command, with
 * what follows as the principle asked about. Any other status question is left as it is.
 */
function principlesOfStatus(parsed: ParsedCommand): ParsedCommand {
  if (parsed.kind !== 'command' || parsed.name !== 'status') return parsed;
  const words = parsed.args.split(' ').filter(Boolean);
  let skip = 0;
  while (skip < words.length - 1 && PRINCIPLE_JOINERS.has(words[skip]?.toLowerCase() ?? '')) skip++;
  const first = words[skip];
  if (first === undefined || !isPrincipleWord(first)) return parsed;
  return { kind: 'command', name: 'principles', args: withoutJoiner(words.slice(skip + 1)).join(' ') };
}

function matchAlias(words: string[], lower: string[]): ParsedCommand | undefined {
  for (let n = Math.min(LONGEST_ALIAS, words.length); n >= 1; n--) {
    const name = ALIASES.get(lower.slice(0, n).join(' '));
    if (name) return { kind: 'command', name, args: withoutJoiner(words.slice(n)).join(' ') };
  }
  return undefined;
}

/** "status of Saltmarsh", "trend for attendance": the joining word is not part of the argument. */
function withoutJoiner(args: string[]): string[] {
  const polite = args.length > 0 && /^(please|pls|thanks|thank you)$/i.test(args[args.length - 1] ?? '');
  const kept = polite ? args.slice(0, -1) : args;
  return kept.length > 1 && /^(of|for|at|in|on|about)$/i.test(kept[0] ?? '') ? kept.slice(1) : kept;
}

/** Small misspellings of a command ("staus", "rsiks", "objectve"): the closest alias within its slips. */
function fuzzyAlias(words: string[], lower: string[]): ParsedCommand | undefined {
  let best: { name: CommandName; n: number; distance: number } | undefined;
  for (const [alias, name] of ALIASES) {
    const n = alias.split(' ').length;
    if (n > words.length) continue;
    const typed = lower.slice(0, n).join(' ');
    // A slip changes a letter or two: text much longer than the alias is not one (and stays cheap).
    if (Math.abs(typed.length - alias.length) > 2) continue;
    const distance = editDistance(typed, alias);
    if (distance > 0 && distance <= slipsAllowed(alias.length) && (!best || distance < best.distance)) {
      best = { name, n, distance };
    }
  }
  return best && { kind: 'command', name: best.name, args: withoutJoiner(words.slice(best.n)).join(' ') };
}

/**
 * Commands that change something (a round, a message to heads or the board, an excusal): never offered
 * as a guess at what unknown text meant, since a button press would act on a guess. Typed in full they work.
 */
export const CHANGING_COMMANDS: ReadonlySet<CommandName> = new Set<CommandName>([
  'openRound',
  'closeRound',
  'remind',
  'excuse',
  'unexcuse',
  'postSummary',
]);

/**
 * The commands closest to an unknown question, for buttons: by the fewest slips from any of their words
 * to any typed word, at most `limit`, only read-only commands the role may use.
 */
export function closestCommands(text: string, role: Role, limit = 3): CommandInfo[] {
  const typed = text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}' ]+/gu, ' ')
    .split(/\s+/)
    .filter((word) => word.length >= 3 && word.length <= 30 && !FILLER.has(word))
    // Only the start of a long message: the closest commands are about what was asked, not an essay.
    .slice(0, 20);
  const scored = commandsFor(role)
    .filter((command) => command.name !== 'help' && !CHANGING_COMMANDS.has(command.name))
    .map((command) => {
      const words = [...ALIASES]
        .filter(([, name]) => name === command.name)
        .flatMap(([alias]) => alias.split(' '));
      const distance = Math.min(
        99,
        ...typed.flatMap((word) =>
          words
            .filter((alias) => alias.length >= 3)
            .map((alias) =>
              alias.length >= 4 && word.startsWith(alias) ? 0 : editDistance(word, alias) / alias.length,
            ),
        ),
      );
      return { command, distance };
    })
    .filter((entry) => entry.distance <= 0.5)
    .sort((a, b) => a.distance - b.distance);
  return scored.slice(0, limit).map((entry) => entry.command);
}

/**
 * What a button sends for a command: its usage without the parts to fill in (`status [academy]` sends
 * `status`, `trend <measure> [academy]` sends `trend`, which then asks for the measure).
 */
export function commandText(usage: string): string {
  return usage.replace(/ [<[].*$/, '');
}

/** The commands one role may use, in catalogue order. */
export function commandsFor(role: Role): CommandInfo[] {
  return COMMANDS.filter((command) => command.roles.includes(role));
}

/**
 * The actions the language model may choose from: each is one of the board's status commands, run by
 * the same function the typed command runs (boardCommand), so the model adds no second implementation
 * and no way round the asker's role. prompts/statusQuestion/actions.json describes them to the model.
 */
import { type CommandName, COMMANDS } from '../../../app/commands';
import type { KnownPerson } from '../../../app/identifyPerson';

/** What the model passes: text in the person's own words; the commands' own lookups read it. */
export type StatusActionParameters = Partial<
  Record<'academy' | 'objective' | 'measure' | 'principle', unknown>
>;

export interface StatusAction {
  name: string;
  /** The board command it runs, with the arguments as a typed command would carry them. */
  command: (parameters: StatusActionParameters) => { name: CommandName; args: string };
}

/** A parameter as the text a command reads: a string or number only, on one line, bounded. */
function words(value: unknown): string {
  if (typeof value !== 'string' && typeof value !== 'number') return '';
  return String(value).replace(/\s+/g, ' ').trim().slice(0, 100);
}

export const STATUS_ACTIONS: readonly StatusAction[] = [
  // Two actions for `status`: teams-ai's validator refuses an action called with no arguments when it
  // declares any, so the trust's status takes none and one academy's requires the academy.
  { name: 'status', command: () => ({ name: 'status', args: '' }) },
  { name: 'academyStatus', command: (p) => ({ name: 'status', args: words(p.academy) }) },
  { name: 'risks', command: () => ({ name: 'risks', args: '' }) },
  // `status principles` and `status principle <name>`, split for the same reason as status.
  { name: 'principles', command: () => ({ name: 'principles', args: '' }) },
  { name: 'principle', command: (p) => ({ name: 'principles', args: words(p.principle) }) },
  { name: 'objective', command: (p) => ({ name: 'objective', args: words(p.objective) }) },
  {
    name: 'trend',
    command: (p) => ({ name: 'trend', args: [words(p.measure), words(p.academy)].filter(Boolean).join(' ') }),
  },
];

/**
 * Whether the person's text may go to the model: only when their role may run one of its actions. The
 * others (an administrator) get the nearest commands, and their text goes nowhere.
 */
function mayAskInOwnWords(known: KnownPerson): boolean {
  const names = new Set(STATUS_ACTIONS.map((action) => action.command({}).name));
  return COMMANDS.some((command) => names.has(command.name) && command.roles.includes(known.person.role));
}

/**
 * The answerer of questions in the person's own words (the bot's `freeForm`), when there is one (a
 * language model is configured) and the person may ask: what routes their text and what their help
 * card promises, decided in one place.
 */
export function ownWordsAnswerer<F>(freeForm: F | undefined, known: KnownPerson): F | undefined {
  return freeForm && mayAskInOwnWords(known) ? freeForm : undefined;
}

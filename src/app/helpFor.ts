import type { Role, Trust } from '../domain/roster/roster';
import { CHANGING_COMMANDS, commandsFor, commandText } from './commands';
import type { KnownPerson } from './identifyPerson';

/** What the help card shows; cards/helpCard.ts renders it. */
export interface HelpView {
  name: string;
  roleLabel: string;
  academyName?: string;
  /** One or two sentences on what the bot does for this role. */
  service: string;
  commands: { usage: string; summary: string }[];
  /**
   * Read-only commands that can be sent as they are (nothing to fill in), as buttons: at most five. A
   * command that changes something is typed, never a tap away on a card kept in the chat.
   */
  buttons: { usage: string }[];
  /** A line saying questions in the person's own words are answered too; '' when they are not. */
  ownWords: string;
  trustName: string;
}

export interface HelpOptions {
  /**
   * Set when the bot answers this person's questions in their own words (a language model is configured
   * and the role may read status): an academy to name in the example.
   */
  ownWords?: { exampleAcademy: string };
}

function ownWordsLine(exampleAcademy: string): string {
  return (
    `You can also ask in your own words, such as "which targets are at risk?" or "how is ${exampleAcademy} doing?". ` +
    "I answer with the same cards as the commands, and when I can't tell what you mean I show the closest commands."
  );
}

/** Teams shows at most a handful of a card's buttons on a phone; the rest stay typed commands. */
const MAX_BUTTONS = 5;

const ROLE_LABELS: Record<Role, string> = {
  head: 'head of academy',
  trustee: 'trustee',
  executive: 'executive',
  administrator: 'trust administrator',
};

function serviceFor({ person, academy }: KnownPerson, trust: Trust): string {
  switch (person.role) {
    case 'head':
      return (
        `Each term, when the round opens, I send you a card here asking for ${academy?.name ?? 'your academy'}'s ` +
        'figures. It takes a couple of minutes, and you can correct your answers until the round closes.'
      );
    case 'trustee':
      return `When a termly round closes I post the risk summary against the strategic plan to the ${trust.boardChannel} channel.`;
    case 'executive':
      return "I collect each academy's termly figures from its head and judge them against the trust's strategic plan.";
    case 'administrator':
      return 'The roster (academies, people, roles), the plan file and the term calendar are kept as files; see docs/roster-format.md.';
  }
}

/** What the help card shows a person: their role, what the bot does for them, and the commands they can use. */
export function helpFor(known: KnownPerson, trust: Trust, options: HelpOptions = {}): HelpView {
  return {
    name: known.person.name,
    roleLabel: ROLE_LABELS[known.person.role],
    academyName: known.academy?.name,
    service: serviceFor(known, trust),
    commands: commandsFor(known.person.role).map(({ usage, summary }) => ({ usage, summary })),
    buttons: commandsFor(known.person.role)
      .filter(({ name, usage }) => !usage.includes('<') && !CHANGING_COMMANDS.has(name))
      .slice(0, MAX_BUTTONS)
      .map(({ usage }) => ({ usage: commandText(usage) })),
    ownWords: options.ownWords ? ownWordsLine(options.ownWords.exampleAcademy) : '',
    trustName: trust.fictional ? `${trust.name} (demo data)` : trust.name,
  };
}

export function roleLabel(role: Role): string {
  return ROLE_LABELS[role];
}

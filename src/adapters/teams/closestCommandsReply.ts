import type { Activity } from 'botbuilder';

import { boardDetailCard } from '../../../cards/boardDetailCard';
import { closestCommands, commandText } from '../../app/commands';
import { quoteUserText } from '../../app/quoteUserText';
import type { Role } from '../../domain/roster/roster';

/**
 * The answer to text that is no command: it says so (or says `why`, when the question could not be read
 * another way), with the nearest commands the role may use as buttons.
 */
export function closestCommandsReply(text: string, role: Role, why?: string): Partial<Activity> {
  const quoted = quoteUserText(text);
  const closest = closestCommands(text, role);
  const said = why
    ? `${why} ${closest.length > 0 ? 'Here are the nearest commands, or type' : 'Type'} **help** to see what I can do.`
    : quoted
      ? `Sorry, I don't know "${quoted}". Type **help** to see what I can do.`
      : 'Type **help** to see what I can do.';
  return {
    text: said,
    // The nearest commands as buttons: one click sends the command as if typed.
    ...(closest.length > 0 && {
      attachments: [
        boardDetailCard({
          title: 'Did you mean one of these?',
          subtitle: '',
          lines: [],
          sections: [],
          buttons: closest.map(({ usage }) => ({ title: usage, text: commandText(usage) })),
        }),
      ],
    }),
  };
}

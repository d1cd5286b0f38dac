import type { Activity } from 'botbuilder';

import { boardDetailCard } from '../../../cards/boardDetailCard';
import { closestCommands } from '../../app/commands';
import { quoteUserText } from '../../app/quoteUserText';
import type { Role } from '../../domain/roster/roster';

/** The answer to text that is no command: it says so, with the nearest commands the role may use as buttons. */
export function closestCommandsReply(text: string, role: Role): Partial<Activity> {
  const quoted = quoteUserText(text);
  const closest = closestCommands(text, role);
  return {
    text: quoted
      ? `Sorry, I don't know "${quoted}". Type **help** to see what I can do.`
      : 'Type **help** to see what I can do.',
    // The nearest commands as buttons: one click sends the command as if typed.
    ...(closest.length > 0 && {
      attachments: [
        boardDetailCard({
          title: 'Did you mean one of these?',
          subtitle: '',
          lines: [],
          sections: [],
          buttons: closest.map(({ usage }) => ({ title: usage, text: usage.replace(/ <.*$/, '') })),
        }),
      ],
    }),
  };
}

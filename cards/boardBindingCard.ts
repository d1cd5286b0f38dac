import type { BoardBindingView } from '../src/app/board/boardBinding';
import bindingTemplate from './boardBinding.json';
import { type CardAttachment, renderCard } from './renderCard';

/**
 * Asks, in a channel named like the board's, for an executive to confirm it as the board channel (an
 * Action.Submit, which every Teams client sends); once answered, the card that replaces it says what the
 * channel is now and has no button.
 */
export function boardBindingCard(view: BoardBindingView): CardAttachment {
  // TextRuns only: names show as written, never as markdown.
  if (view.answered) {
    return renderCard(bindingTemplate, {
      title: view.answered.bound ? 'This is the board channel' : 'Not the board channel',
      explanation: view.answered.text,
    });
  }
  return renderCard(bindingTemplate, {
    title: `Post the board's risk summaries in this channel?`,
    explanation:
      `The app was added to ${view.teamName ? `the team "${view.teamName}"` : 'this team'}, which has a channel named ` +
      `"${view.channelName}". Every summary carries every academy's figures, so nothing is posted here until an ` +
      'executive confirms that this is the board channel.',
    ...(view.action && { action: view.action }),
  });
}

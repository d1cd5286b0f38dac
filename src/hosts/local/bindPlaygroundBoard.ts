/**
 * The local product's board channel: the playgrounds' team is made up by `npm start`, so its Board
 * channel is bound as configuration (no executive is asked to confirm it), by the ids every playground
 * uses. A binding already stored (an earlier start) is kept; one to another channel is reported.
 */
import { describeBinding, isBoundChannel } from '../../app/board/boardBinding';
import type { BoardBinding } from '../../app/ports';
import type { Services } from '../services';
import { playgroundIds, type PlaygroundTeam } from './playground';

export async function bindPlaygroundBoard(
  services: Pick<Services, 'board' | 'clock' | 'log'>,
  team: PlaygroundTeam,
  boardChannel: string,
): Promise<BoardBinding> {
  // The ids depend on the team only (the current user changes only the personal chat's).
  const ids = playgroundIds(team, { id: '', name: '', email: '', aadObjectId: '' });
  const channelId = ids.channel(boardChannel);
  const wanted: BoardBinding = {
    teamId: ids.team,
    channelId,
    conversationKey: `channel:${channelId}`,
    channelName: boardChannel,
    how: 'configuration',
    by: 'npm start (the playgrounds’ team)',
    at: services.clock().toISOString(),
  };
  const bound = await services.board.bindings.bind(wanted);
  const same = isBoundChannel(bound, {
    key: wanted.conversationKey,
    kind: 'channel',
    channelId,
    teamId: ids.team,
    reference: {},
    updatedAt: wanted.at,
  });
  if (!same) {
    services.log.warn(
      `The board channel stored in this data folder is not the playgrounds' (${describeBinding(bound)}); ` +
        'summaries go there. Start with --in-memory, or delete .data, to use the playgrounds’ Board channel.',
    );
  }
  return bound;
}

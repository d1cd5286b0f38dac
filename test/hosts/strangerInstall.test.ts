/**
 * Installs by someone who is not on the roster, through the real local host and a real local Teams
 * client (the Agents Playground's mock Bot Connector answers the member and channel lookups): the bot
 * keeps a chat or team only when the lookup finds a roster person in it, and finds the board channel
 * among the team's channels.
 */
import { boardChannelState } from '../../src/app/board/boardBinding';
import { functionDefinitions } from '../../src/hosts/functionDefinitions';
import { bindPlaygroundBoard } from '../../src/hosts/local/bindPlaygroundBoard';
import { startLocalHost } from '../../src/hosts/local/localHost';
import { freePort } from '../../src/hosts/local/netPorts';
import {
  playgroundIds,
  type PlaygroundUser,
  type RunningPlayground,
  startPlayground,
} from '../../src/hosts/local/playground';
import type { Services } from '../../src/hosts/services';
import { testServices } from '../support/services';
import { testConnectionString, uniqueName } from '../support/storage';

const STRANGER: PlaygroundUser = {
  id: 'user-stranger',
  name: 'Sam Stranger',
  email: 'sam@elsewhere.example',
  aadObjectId: 'ffffffff-0000-4000-8000-00000000aaaa',
  givenName: 'Sam',
  surname: 'Stranger',
};
const TEAM = { name: 'The Thrive Partnership Academy Trust', channels: ['Board'] };

describe('a stranger adding the bot, with a roster person among the members', () => {
  let playground: RunningPlayground;
  let services: Services;
  let endpoint: string;
  let stopHost: () => Promise<void>;

  beforeAll(async () => {
    const port = await freePort();
    const playgroundPort = await freePort();
    endpoint = `http://localhost:${port}/api/messages`;
    services = testServices(undefined, {
      ALLOWED_SERVICE_URLS: `http://localhost:${playgroundPort}/_connector,http://127.0.0.1:${playgroundPort}/_connector`,
    });
    await services.ready();
    const executive = (await services.roster.current())?.people.find((p) => p.role === 'executive');
    if (!executive?.aadObjectId) throw new Error('the demo roster has no executive with an object id');
    playground = await startPlayground({
      botEndpoint: endpoint,
      port: playgroundPort,
      currentUser: STRANGER,
      users: [
        { id: 'user-exec', name: executive.name, email: executive.email, aadObjectId: executive.aadObjectId },
      ],
      team: TEAM,
      configDir: `test-results/${uniqueName('stranger')}`,
    });
    const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
    const host = await startLocalHost({
      definitions: functionDefinitions(services),
      port,
      storageConnectionString: testConnectionString(),
      log: quiet,
    });
    stopHost = () => host.stop();
  }, 60_000);
  afterAll(async () => {
    await stopHost();
    await playground.stop();
  });

  async function install(conversation: Record<string, unknown>, channelData?: Record<string, unknown>) {
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'conversationUpdate',
        id: uniqueName('install'),
        channelId: 'msteams',
        serviceUrl: playground.serviceUrl,
        from: { id: STRANGER.id, aadObjectId: STRANGER.aadObjectId, name: STRANGER.name },
        recipient: { id: '28:bot', name: 'Trust Plan' },
        membersAdded: [{ id: '28:bot' }],
        conversation,
        ...(channelData && { channelData }),
      }),
    });
    expect(response.status).toBe(200);
  }

  it('keeps the group chat: the member lookup finds the executive in it', async () => {
    const ids = playgroundIds(TEAM, STRANGER);
    await install({ id: ids.groupChat, conversationType: 'groupChat', isGroup: true });
    const groups = await services.conversations.list('groupChat');
    expect(groups.map((g) => g.key)).toEqual([`group:${ids.groupChat}`]);
  });

  it('keeps the team and finds the board channel among its channels, pinned to the team', async () => {
    const ids = playgroundIds(TEAM, STRANGER);
    await install(
      { id: ids.team, conversationType: 'channel', isGroup: true },
      { team: { id: ids.team, name: TEAM.name }, channel: { id: ids.team } },
    );
    const channels = await services.conversations.list('channel');
    const board = channels.find((channel) => channel.channelName === 'Board');
    expect(board).toMatchObject({ key: `channel:${ids.channel('Board')}`, teamId: ids.team });
    // Found by its name, it is not bound by it: nothing is bound until an executive confirms it.
    expect((await boardChannelState(services.board)).kind).toBe('unbound');
  });

  it('posts to the playgrounds’ Board channel once npm start binds it as configuration', async () => {
    const ids = playgroundIds(TEAM, STRANGER);
    const bound = await bindPlaygroundBoard(services, TEAM, 'Board');
    expect(bound).toMatchObject({ teamId: ids.team, channelId: ids.channel('Board'), how: 'configuration' });
    const state = await boardChannelState(services.board);
    expect(state.kind === 'bound' && state.conversation.key).toBe(`channel:${ids.channel('Board')}`);
  });
});

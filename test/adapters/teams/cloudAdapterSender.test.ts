/**
 * Proactive sends through botbuilder's CloudAdapter to a real local Teams client: the Agents
 * Playground's Bot Connector.
 */
import { CloudAdapterSender } from '../../../src/adapters/teams/cloudAdapterSender';
import { createTeamsAdapter } from '../../../src/adapters/teams/createTeamsAdapter';
import { createServiceUrlAllowList } from '../../../src/adapters/teams/serviceUrlAllowList';
import { freePort } from '../../../src/hosts/local/netPorts';
import { type RunningPlayground, startPlayground } from '../../../src/hosts/local/playground';
import { uniqueName } from '../../support/storage';

const USER = {
  id: 'user-exec',
  name: 'Cal Exec',
  email: 'ceo@trust.example',
  aadObjectId: '00000000-0000-0000-0000-0000000000e1',
  givenName: 'Cal',
  surname: 'Exec',
};

describe('CloudAdapterSender against the Agents Playground', () => {
  let playground: RunningPlayground;
  let sender: CloudAdapterSender;
  /** A connector address that is allowed but where nothing listens. */
  let closed: string;

  beforeAll(async () => {
    playground = await startPlayground({
      // Nothing needs to answer: the playground only calls the bot when a browser opens a chat.
      botEndpoint: `http://127.0.0.1:${await freePort()}/api/messages`,
      port: await freePort(),
      currentUser: USER,
      users: [],
      team: { name: 'Test Trust', channels: ['Board'] },
      configDir: `test-results/${uniqueName('sender')}`,
    });
    closed = `http://127.0.0.1:${await freePort()}/_connector`;
    sender = new CloudAdapterSender(
      createTeamsAdapter({ mode: 'anonymous' }),
      '',
      createServiceUrlAllowList([playground.serviceUrl, closed]),
    );
  }, 60_000);
  afterAll(() => playground.stop());

  function reference(conversationId: string): Record<string, unknown> {
    return {
      channelId: 'msteams',
      serviceUrl: playground.serviceUrl,
      conversation: { id: conversationId, conversationType: 'personal' },
      user: { id: USER.id, aadObjectId: USER.aadObjectId },
    };
  }

  it('delivers a message into the personal chat and returns its id', async () => {
    const outcome = await sender.send(reference(`a:personal-${USER.aadObjectId}`), {
      type: 'message',
      text: 'Hello from a test',
    });
    expect(outcome.kind).toBe('sent');
    expect(outcome.kind === 'sent' && outcome.activityId).toBeTruthy();
  });

  it('updates a message it sent in place (the board summary re-posted), keeping its id', async () => {
    const conversation = reference(`a:personal-${USER.aadObjectId}`);
    const sent = await sender.send(conversation, { type: 'message', text: 'First version' });
    const activityId = sent.kind === 'sent' ? sent.activityId : undefined;
    if (!activityId) throw new Error('the playground returned no activity id');
    expect(
      await sender.update(conversation, activityId, { type: 'message', text: 'Second version' }),
    ).toEqual({
      kind: 'sent',
      activityId,
    });
  });

  it('reports an update in a conversation the client does not know (404) as unreachable', async () => {
    const outcome = await sender.update(reference('a:no-such-chat'), 'no-such-id', {
      type: 'message',
      text: 'x',
    });
    expect(outcome).toMatchObject({ kind: 'unreachable', status: 404 });
  });

  it('reports a conversation the client does not know (404) as unreachable rather than retrying', async () => {
    const outcome = await sender.send(reference('a:no-such-chat'), { type: 'message', text: 'x' });
    expect(outcome).toEqual({
      kind: 'unreachable',
      status: 404,
      detail: expect.stringContaining('not found') as string,
    });
  });

  it('throws a retryable error naming the status when the connector cannot be reached', async () => {
    await expect(
      sender.send({ ...reference('a:x'), serviceUrl: closed }, { type: 'message', text: 'x' }),
    ).rejects.toThrow('The queue will retry it');
  });

  it('never calls a stored reference whose serviceUrl is not allowed, and reports it unreachable', async () => {
    const outcome = await sender.send(
      { ...reference(`a:personal-${USER.aadObjectId}`), serviceUrl: 'http://198.51.100.7/_connector' },
      { type: 'message', text: 'x' },
    );
    expect(outcome).toEqual({
      kind: 'unreachable',
      status: 403,
      detail: expect.stringContaining('not in ALLOWED_SERVICE_URLS') as string,
    });
  });
});

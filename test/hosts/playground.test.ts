import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { parse } from 'yaml';

import type { Person } from '../../src/domain/roster/roster';
import { freePort, PortInUseError } from '../../src/hosts/local/netPorts';
import {
  guidFromText,
  PLAYGROUND_OTHER_USERS,
  playgroundConfig,
  PlaygroundConfigError,
  playgroundIds,
  PlaygroundStartError,
  type PlaygroundUser,
  playgroundUsersFromRoster,
  type RunningPlayground,
  startPlayground,
} from '../../src/hosts/local/playground';
import { isLoopbackHost } from '../../src/hosts/local/playgroundProcess';

const user = (n: number, name = `Person ${n}`): PlaygroundUser => ({
  id: `user-${n}`,
  name,
  email: `p${n}@trust.example`,
  aadObjectId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
});
const team = { name: 'Demo Trust', channels: ['Board'] };

describe('playgroundConfig', () => {
  it('writes users in the playground’s own shape, names split into given name and surname', () => {
    const config = playgroundConfig({ currentUser: user(1, 'Amara Okafor'), users: [], team });
    expect(config.version).toBe('0.1.1');
    expect(config.currentUser).toEqual({
      id: 'user-1',
      name: 'Amara Okafor',
      userPrincipleName: 'p1@trust.example',
      aadObjectId: '00000000-0000-4000-8000-000000000001',
      givenName: 'Amara',
      surname: 'Okafor',
      email: 'p1@trust.example',
    });
  });

  it.each([
    { given: 0, kept: [], visitors: 5 },
    { given: 3, kept: ['user-2', 'user-3', 'user-4'], visitors: 2 },
    { given: 5, kept: ['user-2', 'user-3', 'user-4', 'user-5', 'user-6'], visitors: 0 },
    { given: 9, kept: ['user-2', 'user-3', 'user-4', 'user-5', 'user-6'], visitors: 0 },
  ])('always lists exactly five other users ($given given)', ({ given, kept, visitors }) => {
    const others = Array.from({ length: given }, (_, i) => user(i + 2));
    const config = playgroundConfig({ currentUser: user(1), users: others, team });
    expect(config.users).toHaveLength(PLAYGROUND_OTHER_USERS);
    expect(config.users.slice(0, kept.length).map((u) => u.id)).toEqual(kept);
    expect(config.users.filter((u) => u.id.startsWith('user-visitor-'))).toHaveLength(visitors);
  });

  it('leaves out the current user and duplicates from the other users', () => {
    const config = playgroundConfig({
      currentUser: user(1),
      users: [user(1), user(2), user(2), { ...user(3), aadObjectId: user(1).aadObjectId }],
      team,
    });
    const ids = [config.currentUser.id, ...config.users.map((u) => u.id)];
    expect(new Set(ids).size).toBe(ids.length);
    expect(config.users[0]?.id).toBe('user-2');
    expect(config.users[1]?.id).toBe('user-visitor-1');
  });

  it.each([
    { channels: ['Board'], expected: ['Board'] },
    { channels: ['General', 'Board'], expected: ['Board'] },
    { channels: [], expected: [] },
  ])('makes channels $channels (General always exists)', ({ channels, expected }) => {
    const config = playgroundConfig({ currentUser: user(1), users: [], team: { ...team, channels } });
    expect(config.team.channels.map((c) => c.name)).toEqual(expected);
  });

  it.each([
    {
      options: { team: { ...team, channels: ['Board', 'Finance'] } },
      message: /one channel besides General/,
    },
    { options: { team, bot: { id: '28:x', name: 'B'.repeat(43) } }, message: /at most 42 characters/ },
  ])('refuses what the playground would refuse: $message', ({ options, message }) => {
    expect(() => playgroundConfig({ currentUser: user(1), users: [], ...options })).toThrow(
      PlaygroundConfigError,
    );
    expect(() => playgroundConfig({ currentUser: user(1), users: [], ...options })).toThrow(message);
  });

  it('gives every playground the same team and channel, and each person their own personal chat', () => {
    const asExecutive = playgroundConfig({ currentUser: user(1), users: [user(2)], team });
    const asHead = playgroundConfig({ currentUser: user(2), users: [user(1)], team });
    expect(asHead.team).toEqual(asExecutive.team);
    expect(asHead.tenantId).toBe(asExecutive.tenantId);
    expect(asHead.personalChat.id).not.toBe(asExecutive.personalChat.id);
    expect(asExecutive.team.channels[0]?.id).toBe(playgroundIds(team, user(1)).channel('Board'));
  });
});

describe('playgroundUsersFromRoster', () => {
  const person = (n: number, role: Person['role'], aadObjectId?: string): Person => ({
    email: `p${n}@trust.example`,
    name: `Person ${n}`,
    role,
    title: role,
    ...(aadObjectId ? { aadObjectId } : {}),
  });

  it('maps each person to a user with their aadObjectId, alternating roles', () => {
    const people = [
      person(1, 'executive', 'aad-1'),
      person(2, 'executive', 'aad-2'),
      person(3, 'trustee', 'aad-3'),
      person(4, 'head', 'aad-4'),
      person(5, 'head', 'aad-5'),
    ];
    const users = playgroundUsersFromRoster(people);
    expect(users.map((u) => u.aadObjectId)).toEqual(['aad-1', 'aad-3', 'aad-4', 'aad-2', 'aad-5']);
    expect(users[0]).toEqual({
      id: 'user-aad-1',
      name: 'Person 1',
      email: 'p1@trust.example',
      aadObjectId: 'aad-1',
    });
  });

  it('gives someone without an aadObjectId a stable one made from their email', () => {
    const [first] = playgroundUsersFromRoster([person(1, 'head')]);
    expect(first?.aadObjectId).toBe(guidFromText('person p1@trust.example'));
    expect(first?.aadObjectId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('drops duplicate emails and keeps only the roles asked for', () => {
    const people = [
      person(1, 'head', 'a'),
      { ...person(1, 'head', 'b'), email: 'P1@trust.example' },
      person(2, 'trustee', 'c'),
    ];
    expect(playgroundUsersFromRoster(people).map((u) => u.aadObjectId)).toEqual(['a', 'c']);
    expect(playgroundUsersFromRoster(people, { roles: ['trustee'] }).map((u) => u.aadObjectId)).toEqual([
      'c',
    ]);
  });
});

describe('isLoopbackHost', () => {
  it.each([
    ['localhost', true],
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['::1', true],
    ['[::1]', true],
    ['::ffff:127.0.0.1', true],
    [undefined, true],
    ['169.254.169.254', false],
    ['dc.services.visualstudio.com', false],
    ['10.0.0.1', false],
    ['localhost.example.com', false],
  ])('%s → %s', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });
});

/** A stand-in bot that records what the playground posts to it. */
async function startRecordingBot(): Promise<{
  url: string;
  activities: Record<string, unknown>[];
  close(): Promise<void>;
}> {
  const activities: Record<string, unknown>[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      if (body) activities.push(JSON.parse(body) as Record<string, unknown>);
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/messages`,
    activities,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('startPlayground (the real playground)', () => {
  let configDir: string;
  let bot: Awaited<ReturnType<typeof startRecordingBot>>;
  let playground: RunningPlayground | undefined;
  const output: string[] = [];

  beforeAll(async () => {
    configDir = mkdtempSync(path.join(os.tmpdir(), 'playground-test-'));
    bot = await startRecordingBot();
  });

  afterAll(async () => {
    await playground?.stop();
    await bot.close();
    rmSync(configDir, { recursive: true, force: true });
  });

  it('starts with the config it was given, on this machine only, and reaches nothing outside it', async () => {
    const port = await freePort();
    playground = await startPlayground({
      botEndpoint: bot.url,
      port,
      currentUser: user(1, 'Amara Okafor'),
      users: [user(2), user(3)],
      team,
      configDir,
      onOutput: (line) => output.push(line),
    });

    expect(playground.url).toBe(`http://localhost:${port}`);
    expect(parse(readFileSync(playground.configPath, 'utf8'))).toMatchObject({
      currentUser: { name: 'Amara Okafor' },
    });
    const loaded = (await (await fetch(`http://127.0.0.1:${port}/_internal/v1/config`)).json()) as {
      config: { currentUser: { aadObjectId: string }; teams: { channels: { name: string }[] }[] };
    };
    expect(loaded.config.currentUser.aadObjectId).toBe(user(1).aadObjectId);
    expect(loaded.config.teams[0]?.channels.map((c) => c.name)).toEqual(['General', 'Board']);
    expect(output.join('\n')).not.toMatch(/refused an outbound connection|Telemetry:/);
  }, 60_000);

  it('sends the bot an installationUpdate and a conversationUpdate when the personal chat is opened', async () => {
    if (!playground) throw new Error('the playground did not start');
    const personalChat = playgroundIds(team, user(1)).personalChat;
    const port = new URL(playground.url).port;
    const response = await fetch(
      `http://127.0.0.1:${port}/_debug/conversation/${encodeURIComponent(personalChat)}/installation`,
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' },
    );
    expect(response.status).toBe(200);
    for (let waited = 0; bot.activities.length < 2 && waited < 5000; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(bot.activities.map((a) => a.type)).toEqual(['installationUpdate', 'conversationUpdate']);
    expect(bot.activities[0]).toMatchObject({
      action: 'add',
      channelId: 'msteams',
      serviceUrl: playground.serviceUrl,
      from: { id: 'user-1', aadObjectId: user(1).aadObjectId },
      conversation: { id: personalChat, conversationType: 'personal' },
      channelData: { tenant: { id: playgroundConfig({ currentUser: user(1), users: [], team }).tenantId } },
    });
  }, 30_000);

  it('refuses a port that is taken, naming it', async () => {
    if (!playground) throw new Error('the playground did not start');
    const port = Number(new URL(playground.url).port);
    await expect(
      startPlayground({ botEndpoint: bot.url, port, currentUser: user(1), users: [], team, configDir }),
    ).rejects.toThrow(PortInUseError);
  });

  it('gives up on a playground that is not ready in time, stopping it and saying why', async () => {
    const port = await freePort();
    const starting = startPlayground({
      botEndpoint: bot.url,
      port,
      currentUser: user(1),
      users: [],
      team,
      configDir: path.join(configDir, 'slow'),
      startTimeoutMs: 1,
    });
    await expect(starting).rejects.toThrow(PlaygroundStartError);
    await expect(starting).rejects.toThrow(`The Agents Playground on port ${port} was not ready within`);
    await expect(fetch(`http://127.0.0.1:${port}/_debug/ping`)).rejects.toThrow();
  });

  it('stops, freeing its port', async () => {
    if (!playground) throw new Error('the playground did not start');
    const url = playground.url;
    await playground.stop();
    playground = undefined;
    await expect(fetch(`${url}/_debug/ping`)).rejects.toThrow();
  });
});

import { createTables } from '../../src/adapters/tableStorage/createTableStores';
import type { StoredConversation } from '../../src/app/ports';
import { rosterReachability } from '../../src/app/rosterReachability';
import { runCli } from '../../src/cli/main';
import type { Roster } from '../../src/domain/roster/roster';
import type { Services } from '../../src/hosts/services';
import { testServices } from '../support/services';
import { testConnectionString, uniqueName } from '../support/storage';

function capture(): {
  io: { out: (t: string) => void; err: (t: string) => void };
  out: () => string;
  err: () => string;
} {
  let out = '';
  let err = '';
  return {
    io: { out: (text) => (out += text), err: (text) => (err += text) },
    out: () => out,
    err: () => err,
  };
}

function personal(email: string): StoredConversation {
  return {
    key: `person:${email}`,
    kind: 'personal',
    personEmail: email,
    reference: { conversation: { id: `a:${email}` } },
    updatedAt: '2026-11-20T09:00:00.000Z',
  };
}

async function seeded(): Promise<{ services: Services; roster: Roster; env: Record<string, string> }> {
  const services = testServices();
  await services.ready();
  const roster = await services.roster.current();
  if (!roster) throw new Error('the demo roster did not load');
  const env = { AzureWebJobsStorage: testConnectionString(), STORAGE_PREFIX: services.config.storagePrefix };
  return { services, roster, env };
}

describe('npm run cli -- roster check', () => {
  it('lists everyone without a stored conversation, and those Teams refused, against storage', async () => {
    const { services, roster, env } = await seeded();
    const [first, second, ...rest] = roster.people;
    if (!first || !second) throw new Error('the demo roster is too small');
    for (const person of [first, second, ...rest.slice(1)])
      await services.conversations.save(personal(person.email));
    await services.conversations.markUnreachable(
      `person:${second.email}`,
      403,
      'Forbidden',
      new Date('2026-11-21T08:00:00Z'),
    );
    const missing = rest[0];

    const run = capture();
    const code = await runCli(['roster', 'check'], run.io, env);
    expect(code).toBe(1);
    expect(run.out()).toContain(
      `${roster.trust.name}: ${roster.people.length - 2} of ${roster.people.length} people can be messaged.`,
    );
    expect(run.out()).toContain(`${second.name} <${second.email}>`);
    expect(run.out()).toContain('Teams answered 403 on 2026-11-21: the app was removed');
    expect(run.out()).toContain(`${missing?.name} <${missing?.email}>`);
    expect(run.out()).toContain('no conversation stored: the app is not installed for them');
    expect(run.out()).not.toContain(`${first.name} <${first.email}>`);
    expect(run.out()).toContain(
      `Board channel: none bound yet. Add the app to the board's team: the bot asks in its "${roster.trust.boardChannel}" channel`,
    );
  });

  it('says so and succeeds when everyone, and the board channel, can be messaged', async () => {
    const { services, roster, env } = await seeded();
    for (const person of roster.people) await services.conversations.save(personal(person.email));
    await services.conversations.save({
      key: 'channel:19:board@thread.tacv2',
      kind: 'channel',
      channelName: roster.trust.boardChannel,
      teamId: '19:trust-board@thread.tacv2',
      reference: { conversation: { id: '19:board@thread.tacv2' } },
      updatedAt: '2026-11-20T09:00:00.000Z',
    });
    await services.board.bindings.bind({
      teamId: '19:trust-board@thread.tacv2',
      channelId: '19:board@thread.tacv2',
      conversationKey: 'channel:19:board@thread.tacv2',
      channelName: roster.trust.boardChannel,
      how: 'executive',
      by: 'amara.okafor@thrive-demo.example',
      at: '2026-11-20T09:30:00.000Z',
    });
    const run = capture();
    expect(await runCli(['roster', 'check'], run.io, env)).toBe(0);
    expect(run.out()).toContain(`${roster.people.length} of ${roster.people.length} people can be messaged.`);
    expect(run.out()).not.toContain('Cannot be messaged yet');
    expect(run.out()).toContain(
      `Board channel: channel "${roster.trust.boardChannel}" (19:board@thread.tacv2) in team 19:trust-board@thread.tacv2, ` +
        'confirmed by amara.okafor@thrive-demo.example on 2026-11-20.\n  The bot can post there.',
    );
  });

  it('shows which channel is bound and lists a second channel of that name elsewhere as ignored', async () => {
    const { services, roster, env } = await seeded();
    for (const person of roster.people) await services.conversations.save(personal(person.email));
    const channel = (id: string, teamId: string, teamName: string): StoredConversation => ({
      key: `channel:${id}`,
      kind: 'channel',
      channelName: roster.trust.boardChannel,
      channelId: id,
      teamId,
      teamName,
      reference: { conversation: { id } },
      updatedAt: '2026-11-20T09:00:00.000Z',
    });
    await services.conversations.save(
      channel('19:board@thread.tacv2', '19:trust@thread.tacv2', 'Trust board'),
    );
    await services.conversations.save(channel('19:head@thread.tacv2', '19:head@thread.tacv2', 'Staff room'));
    await services.board.bindings.bind({
      teamId: '19:trust@thread.tacv2',
      channelId: '19:board@thread.tacv2',
      conversationKey: 'channel:19:board@thread.tacv2',
      how: 'configuration',
      by: 'npm start',
      at: '2026-11-20T09:30:00.000Z',
    });
    const run = capture();
    expect(await runCli(['roster', 'check'], run.io, env)).toBe(0);
    expect(run.out()).toContain(
      'Board channel: channel (19:board@thread.tacv2) in team 19:trust@thread.tacv2, bound by npm start (configuration) on 2026-11-20.',
    );
    expect(run.out()).toContain(
      `Other channels named "${roster.trust.boardChannel}", ignored (nothing is posted there):\n` +
        `  "${roster.trust.boardChannel}" (19:head@thread.tacv2) in team "Staff room" 19:head@thread.tacv2\n`,
    );
  });

  it('narrows the list to one role', async () => {
    const { roster, env } = await seeded();
    const heads = roster.people.filter((p) => p.role === 'head');
    const run = capture();
    await runCli(['roster', 'check', '--role', 'head'], run.io, env);
    expect(run.out()).toContain(`0 of ${heads.length} people can be messaged.`);
    expect(run.out()).not.toMatch(/, executive/);
  });

  it.each([
    [
      'an unknown role',
      ['--role', 'governor'],
      /--role must be one of head, trustee, executive, administrator/,
    ],
    ['an unexpected argument', ['everyone'], /unexpected argument "everyone"/],
  ])('refuses %s with the usage', async (_case, args, message) => {
    const run = capture();
    expect(
      await runCli(['roster', 'check', ...args], run.io, { AzureWebJobsStorage: testConnectionString() }),
    ).toBe(2);
    expect(run.err()).toMatch(message);
    expect(run.err()).toContain('Usage:');
  });

  it.each([
    ['no storage settings', {}, /AzureWebJobsStorage: is required/],
    [
      'storage the bot never started on',
      { STORAGE_PREFIX: 'empty0' },
      /TableNotFound[\s\S]*first time it starts/,
    ],
  ])('explains %s', async (_case, extra, message) => {
    const env = 'STORAGE_PREFIX' in extra ? { AzureWebJobsStorage: testConnectionString(), ...extra } : extra;
    const run = capture();
    expect(await runCli(['roster', 'check'], run.io, env)).toBe(1);
    expect(run.err()).toMatch(message);
  });
});

it('explains storage whose tables exist but hold no roster yet', async () => {
  const prefix = uniqueName('e').slice(0, 12);
  await createTables(testConnectionString(), { tablePrefix: prefix });
  const run = capture();
  expect(
    await runCli(['roster', 'check'], run.io, {
      AzureWebJobsStorage: testConnectionString(),
      STORAGE_PREFIX: prefix,
    }),
  ).toBe(1);
  expect(run.err()).toContain(
    'Storage holds no roster yet: the bot loads ROSTER_DIR the first time it starts.',
  );
});

describe('rosterReachability', () => {
  it('reports an undelivered message against a person who can still be messaged', async () => {
    const { roster } = await seeded();
    const person = roster.people[0];
    if (!person) throw new Error('empty roster');
    const undelivered = {
      messageId: 'm1',
      at: '2026-11-21T08:00:00.000Z',
      detail: 'it kept failing to send',
    };
    const report = rosterReachability(roster, [{ ...personal(person.email), undelivered }]);
    expect(report.people[0]?.reachability).toEqual({ kind: 'reachable', lastUndelivered: undelivered });
    expect(report.people[1]?.reachability).toEqual({ kind: 'noConversation' });
  });
});

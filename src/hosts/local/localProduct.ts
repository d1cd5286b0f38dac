/**
 * The whole product on this machine, as `npm start` runs it and `npm run demo` reuses it: Azurite, the
 * services over the given clock, the bot's local host, the playgrounds' board channel (unless an
 * executive is to confirm it: `--confirm-board-channel`), and one Agents Playground per role. Each part
 * started is pushed onto `running` as soon as it is up, so the caller can stop what did come up when a
 * later part fails.
 */
import path from 'node:path';

import { FileBoardPackWriter, PackRenderer } from '../../adapters/document/FileBoardPackWriter';
import type { SeedOutcome } from '../../app/rosterDirectory';
import { type Config, loadConfig, type LocalSettings } from '../../config';
import type { Person, Roster } from '../../domain/roster/roster';
import { functionDefinitions } from '../functionDefinitions';
import { consoleLogger, createServices, type Services } from '../services';
import { startAzurite } from './azurite';
import { bindPlaygroundBoard } from './bindPlaygroundBoard';
import { type RunningLocalHost, startLocalHost } from './localHost';
import {
  type PlaygroundTeam,
  type PlaygroundUser,
  playgroundUsersFromRoster,
  type RunningPlayground,
  startPlayground,
} from './playground';
import type { Stoppable } from './stopInOrder';

export const ROLE_PORT_OFFSET = { executive: 0, head: 1, trustee: 2 } as const;
export type PlaygroundRole = keyof typeof ROLE_PORT_OFFSET;

/** A playground and the roster person it shows the chat as. */
export interface RolePlayground {
  role: PlaygroundRole;
  person: Person;
  user: PlaygroundUser;
  playground: RunningPlayground;
}

export interface LocalProduct {
  config: Config;
  services: Services;
  roster: Roster;
  seeded: SeedOutcome;
  host: RunningLocalHost;
  team: PlaygroundTeam;
  playgrounds: RolePlayground[];
  /** The lines `npm start` prints once everything is up. */
  readyLines(): string[];
}

export interface LocalProductOptions {
  settings: LocalSettings;
  env: NodeJS.ProcessEnv;
  clock: () => Date;
  /** Where each started part goes, to be stopped newest first. */
  running: Stoppable[];
  /** `manual`: the timer functions run only when asked (the demo's simulated days). */
  timers?: 'cron' | 'manual';
  /** Where each playground sends what its user does (the demo's relay); the bot's endpoint otherwise. */
  playgroundBotEndpoint?: (role: PlaygroundRole) => string;
}

function firstWithRole(roster: Roster, role: Person['role']): Person | undefined {
  return roster.people.find((person) => person.role === role && person.aadObjectId);
}

/**
 * The other users a playground knows (it takes five). The head's lists the other heads first, the
 * executive's the owners of trust figures: its connector then accepts messages to their own chats, which
 * `npm run demo` sends there.
 */
function othersFor(
  role: PlaygroundRole,
  current: PlaygroundUser,
  users: readonly PlaygroundUser[],
  roster: Roster,
): PlaygroundUser[] {
  const others = users.filter((candidate) => candidate !== current);
  if (role === 'trustee') return others;
  const first = new Set(
    roster.people
      .filter((p) => (role === 'head' ? p.role === 'head' : (p.owns?.length ?? 0) > 0))
      .map((p) => p.email.toLowerCase()),
  );
  const isFirst = (user: PlaygroundUser): boolean => first.has(user.email.toLowerCase());
  return [...others.filter(isFirst), ...others.filter((user) => !isFirst(user))];
}

/** Starts every part; throws with what to fix when one cannot start (what did start is in `running`). */
export async function startLocalProduct(options: LocalProductOptions): Promise<LocalProduct> {
  const { settings, running } = options;
  const { botPort, playgroundPort, dataDir, inMemory, azurite: azuritePorts } = settings;
  const azurite = await startAzurite({
    inMemory,
    location: path.join(dataDir, 'azurite'),
    ...azuritePorts,
  });
  running.push({ name: 'Azurite', stop: () => azurite.stop() });

  const config = loadConfig({ ...options.env, AzureWebJobsStorage: azurite.connectionString });
  if (config.bot.mode === 'anonymous') {
    console.log('No MicrosoftAppId set: the bot runs in local anonymous mode (for the playground only).');
  }
  const services = createServices(config, {
    clock: options.clock,
    log: consoleLogger,
    boardPacks: new FileBoardPackWriter(path.join(dataDir, 'board-packs'), { fallbackToHtml: true }),
    boardPackRenderer: new PackRenderer({ fallbackToHtml: true }),
  });
  const seeded = await services.ready();
  const roster = await services.roster.current();
  if (!roster)
    throw new Error(
      `No roster could be loaded from ${config.rosterDir}; fix the errors above and start again.`,
    );

  const host = await startLocalHost({
    definitions: functionDefinitions(services),
    port: botPort,
    storageConnectionString: azurite.connectionString,
    log: consoleLogger,
    ...(options.timers && { timers: options.timers }),
  });
  running.push({ name: 'bot', stop: () => host.stop() });

  const users = playgroundUsersFromRoster(roster.people);
  const team = { name: roster.trust.name, channels: [roster.trust.boardChannel] };
  // With --confirm-board-channel the channel waits, as in a real tenant, for an executive's confirmation.
  if (settings.boardBinding === 'start') await bindPlaygroundBoard(services, team, roster.trust.boardChannel);
  const playgrounds: RolePlayground[] = [];
  for (const role of ['executive', 'head', 'trustee'] as const) {
    const person = firstWithRole(roster, role);
    const user = person && users.find((candidate) => candidate.aadObjectId === person.aadObjectId);
    if (!person || !user) continue;
    const playground = await startPlayground({
      botEndpoint: options.playgroundBotEndpoint?.(role) ?? host.url,
      port: playgroundPort + ROLE_PORT_OFFSET[role],
      currentUser: user,
      users: othersFor(role, user, users, roster),
      team,
      configDir: path.join(dataDir, 'playground', role),
    });
    running.push({ name: `playground (${role})`, stop: () => playground.stop() });
    playgrounds.push({ role, person, user, playground });
  }

  return {
    config,
    services,
    roster,
    seeded,
    host,
    team,
    playgrounds,
    readyLines: () => [
      '',
      'Trust plan bot is ready',
      `  Bot endpoint:  ${host.url}`,
      `  Storage:       Azurite ${inMemory ? '(in memory: nothing is kept)' : `(data in ${path.join(dataDir, 'azurite')})`}`,
      `  Roster:        ${roster.trust.name}: ${roster.academies.length} academies, ${roster.people.length} people` +
        (seeded.kind === 'loaded' ? ` (loaded from ${config.rosterDir})` : ''),
      'Open a playground to talk to the bot (type "help"):',
      ...playgrounds.map(
        ({ role, person, playground }) =>
          `  ${playground.url.padEnd(24)} as ${person.name}, ${person.title} (${role})`,
      ),
      ...(settings.boardBinding === 'executive'
        ? [
            `The ${roster.trust.boardChannel} channel is not bound: open it as the executive and press Confirm board channel.`,
          ]
        : []),
      'Press Ctrl-C to stop everything.',
      '',
    ],
  };
}

/**
 * `npm start`: brings up the whole product locally — Azurite, the bot, its scheduler and queue
 * worker, the demo roster, and one Agents Playground per role to talk to it — and stops all of it on
 * Ctrl-C. `npm start -- --in-memory` keeps nothing on disk.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

import { FileBoardPackWriter } from '../../adapters/document/FileBoardPackWriter';
import { loadConfig, loadLocalSettings } from '../../config';
import type { Person, Roster } from '../../domain/roster/roster';
import { functionDefinitions } from '../functionDefinitions';
import { consoleLogger, createServices } from '../services';
import { startAzurite } from './azurite';
import { bindPlaygroundBoard } from './bindPlaygroundBoard';
import { startLocalHost } from './localHost';
import { playgroundUsersFromRoster, startPlayground } from './playground';
import { stopInOrder, type Stoppable } from './stopInOrder';

const ROLE_PORT_OFFSET = { executive: 0, head: 1, trustee: 2 } as const;

function firstWithRole(roster: Roster, role: Person['role']): Person | undefined {
  return roster.people.find((person) => person.role === role && person.aadObjectId);
}

async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const running: Stoppable[] = [];
  const stopParts = stopInOrder(running, (message, error) => console.error(message, error));
  const stopAll = async (code: number): Promise<never> => {
    await stopParts();
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  try {
    const {
      botPort,
      playgroundPort,
      dataDir,
      inMemory,
      azurite: azuritePorts,
    } = loadLocalSettings(process.env, process.argv);
    const azurite = await startAzurite({
      inMemory,
      location: path.join(dataDir, 'azurite'),
      ...azuritePorts,
    });
    running.push({ name: 'Azurite', stop: () => azurite.stop() });

    const config = loadConfig({ ...process.env, AzureWebJobsStorage: azurite.connectionString });
    if (config.bot.mode === 'anonymous') {
      console.log('No MicrosoftAppId set: the bot runs in local anonymous mode (for the playground only).');
    }
    const services = createServices(config, {
      clock: () => new Date(),
      log: consoleLogger,
      boardPacks: new FileBoardPackWriter(path.join(dataDir, 'board-packs'), { fallbackToHtml: true }),
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
    });
    running.push({ name: 'bot', stop: () => host.stop() });

    const users = playgroundUsersFromRoster(roster.people);
    const team = { name: roster.trust.name, channels: [roster.trust.boardChannel] };
    await bindPlaygroundBoard(services, team, roster.trust.boardChannel);
    const lines: string[] = [];
    for (const role of ['executive', 'head', 'trustee'] as const) {
      const person = firstWithRole(roster, role);
      const currentUser = person && users.find((user) => user.aadObjectId === person.aadObjectId);
      if (!person || !currentUser) continue;
      const port = playgroundPort + ROLE_PORT_OFFSET[role];
      const playground = await startPlayground({
        botEndpoint: host.url,
        port,
        currentUser,
        users: users.filter((user) => user !== currentUser),
        team,
        configDir: path.join(dataDir, 'playground', role),
      });
      running.push({ name: `playground (${role})`, stop: () => playground.stop() });
      lines.push(`  ${playground.url.padEnd(24)} as ${person.name}, ${person.title} (${role})`);
    }

    console.log(
      [
        '',
        'Trust plan bot is ready',
        `  Bot endpoint:  ${host.url}`,
        `  Storage:       Azurite ${inMemory ? '(in memory: nothing is kept)' : `(data in ${path.join(dataDir, 'azurite')})`}`,
        `  Roster:        ${roster.trust.name}: ${roster.academies.length} academies, ${roster.people.length} people` +
          (seeded.kind === 'loaded' ? ` (loaded from ${config.rosterDir})` : ''),
        'Open a playground to talk to the bot (type "help"):',
        ...lines,
        'Press Ctrl-C to stop everything.',
        '',
      ].join('\n'),
    );
  } catch (error) {
    console.error(error instanceof Error ? `\nCould not start: ${error.message}` : error);
    await stopAll(1);
  }
}

void main();

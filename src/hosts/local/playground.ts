/**
 * Starts the Microsoft 365 Agents Playground (the local Teams-like client and mock Bot Connector) for
 * the local host: one playground shows the chat as one person, so `npm start` runs one per role, each
 * on its own port, all pointing at the same bot.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { stringify } from 'yaml';

import type { Person, Role } from '../../domain/roster/roster';
import { assertPortFree, PortInUseError } from './netPorts';
import { READY_PREFIX } from './playgroundProcess';
import { stopChild } from './stopChild';

/** A mock Teams user. `aadObjectId` is what the bot matches against the roster. */
export interface PlaygroundUser {
  /** The user's channel id (`from.id`); unique within one playground. */
  id: string;
  name: string;
  email: string;
  aadObjectId: string;
  givenName?: string;
  surname?: string;
}

export interface PlaygroundTeam {
  name: string;
  /** Channels besides General, which always exists. The playground supports only one. */
  channels: string[];
}

export interface PlaygroundOptions {
  /** The bot's messaging endpoint, e.g. http://localhost:3978/api/messages. */
  botEndpoint: string;
  port: number;
  /** The person the chat is shown as. */
  currentUser: PlaygroundUser;
  /** The other members of the team and the group chat; the playground shows exactly five (see below). */
  users: PlaygroundUser[];
  team: PlaygroundTeam;
  /** Where the generated config file and the playground's log go; created if missing. */
  configDir: string;
  onOutput?: (line: string) => void;
  /** Defaults to a fixed made-up tenant, the same for every playground, as for one real trust. */
  tenantId?: string;
  bot?: { id: string; name: string };
  /** Address to listen on; this machine only by default, as the mock connector has no authentication. */
  host?: string;
  startTimeoutMs?: number;
}

export interface RunningPlayground {
  /** Where a person opens it, e.g. http://localhost:26150. */
  url: string;
  /** The playground's mock Bot Connector: the `serviceUrl` of every activity it sends. */
  serviceUrl: string;
  configPath: string;
  logPath: string;
  stop(): Promise<void>;
}

/** Thrown when the options cannot make a config the playground accepts; the message says what to change. */
export class PlaygroundConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlaygroundConfigError';
  }
}

/** Thrown when the playground does not come up; carries its last output, which says why. */
export class PlaygroundStartError extends Error {
  constructor(
    readonly port: number,
    message: string,
    readonly output: string,
  ) {
    super(`${message}\n--- its last output ---\n${output.trim() || '(none)'}`);
    this.name = 'PlaygroundStartError';
  }
}

/** The playground's config schema (0.1.1) requires exactly this many users besides the current one. */
export const PLAYGROUND_OTHER_USERS = 5;
const BOT_NAME_MAX = 42;
export const DEFAULT_TENANT_ID = 'f1c7e000-0000-4000-8000-000000000001';
export const DEFAULT_BOT = { id: '28:f1c7e000-0000-4000-8000-0000000b0700', name: 'Trust Plan Bot' };
const CONFIG_FILE = '.m365agentsplayground.yml';
const LOG_FILE = 'playground.log';

/** Environment for the playground's process: no browser, no telemetry, no colour codes in its output. */
export const PLAYGROUND_ENV: Readonly<Record<string, string>> = {
  TEAMSAPPTESTER_BROWSER: 'none',
  APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
  APPLICATIONINSIGHTS_STATSBEAT_DISABLED_ALL: 'true',
  FORCE_COLOR: '0',
};

/** The playground's config file, in its own shape (note its `userPrincipleName` spelling). */
export interface PlaygroundConfig {
  version: '0.1.1';
  tenantId: string;
  bot: { id: string; name: string };
  currentUser: PlaygroundConfigUser;
  users: PlaygroundConfigUser[];
  personalChat: { id: string };
  groupChat: { id: string; name: string };
  team: { id: string; name: string; aadGroupId: string; channels: { id: string; name: string }[] };
}

interface PlaygroundConfigUser {
  id: string;
  name: string;
  userPrincipleName: string;
  aadObjectId: string;
  givenName: string;
  surname: string;
  email: string;
}

/** A stable GUID-shaped id from a text, for mock ids that must not change between runs. */
export function guidFromText(text: string): string {
  const hex = createHash('sha256').update(text).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'x'
  );
}

function splitName(name: string): { givenName: string; surname: string } {
  const words = name.trim().split(/\s+/);
  return { givenName: words[0] ?? name, surname: words.length > 1 ? words.slice(1).join(' ') : '' };
}

function configUser(user: PlaygroundUser): PlaygroundConfigUser {
  const split = splitName(user.name);
  return {
    id: user.id,
    name: user.name,
    userPrincipleName: user.email,
    aadObjectId: user.aadObjectId,
    givenName: user.givenName ?? split.givenName,
    surname: user.surname ?? split.surname,
    email: user.email,
  };
}

function visitor(n: number): PlaygroundUser {
  return {
    id: `user-visitor-${n}`,
    name: `Visitor ${n}`,
    email: `visitor${n}@playground.invalid`,
    aadObjectId: guidFromText(`playground visitor ${n}`),
  };
}

/**
 * The teams and chat ids a playground uses. They depend only on the team, the channel and the current
 * user, so every playground shows the same team and channel (as one real trust would) and a stored
 * conversation reference stays valid when `npm start` runs again.
 */
export function playgroundIds(team: PlaygroundTeam, currentUser: PlaygroundUser) {
  const teamSlug = slug(team.name);
  return {
    personalChat: `a:personal-${currentUser.aadObjectId}`,
    groupChat: `19:group-${teamSlug}@thread.v2`,
    /** The team's id, which is also its General channel's conversation id, as in Teams. */
    team: `19:general-${teamSlug}@thread.tacv2`,
    channel: (name: string) => `19:${slug(name)}-${teamSlug}@thread.tacv2`,
    aadGroupId: guidFromText(`team ${team.name}`),
  };
}

/**
 * Builds the playground's config. Its schema wants exactly five users besides the current one: the
 * first five distinct ones are kept and any shortfall is made up with visitors; at most one channel
 * besides General.
 */
export function playgroundConfig(
  options: Pick<PlaygroundOptions, 'currentUser' | 'users' | 'team' | 'tenantId' | 'bot'>,
): PlaygroundConfig {
  const { currentUser, team } = options;
  const bot = options.bot ?? DEFAULT_BOT;
  if (bot.name.length > BOT_NAME_MAX) {
    throw new PlaygroundConfigError(
      `The bot's name must be at most ${BOT_NAME_MAX} characters: "${bot.name}".`,
    );
  }
  const channels = team.channels.filter((name) => name.trim().toLowerCase() !== 'general');
  if (channels.length > 1) {
    throw new PlaygroundConfigError(
      `The Agents Playground supports one channel besides General; got ${channels.join(', ')}.`,
    );
  }

  const seen = new Set([currentUser.id]);
  const others: PlaygroundUser[] = [];
  for (const user of options.users) {
    if (seen.has(user.id) || user.aadObjectId === currentUser.aadObjectId) continue;
    seen.add(user.id);
    others.push(user);
  }
  for (let n = 1; others.length < PLAYGROUND_OTHER_USERS; n++) {
    if (!seen.has(visitor(n).id)) others.push(visitor(n));
  }

  const ids = playgroundIds(team, currentUser);
  return {
    version: '0.1.1',
    tenantId: options.tenantId ?? DEFAULT_TENANT_ID,
    bot,
    currentUser: configUser(currentUser),
    users: others.slice(0, PLAYGROUND_OTHER_USERS).map(configUser),
    personalChat: { id: ids.personalChat },
    groupChat: { id: ids.groupChat, name: 'Group Chat' },
    team: {
      id: ids.team,
      name: team.name,
      aadGroupId: ids.aadGroupId,
      channels: channels.map((name) => ({ id: ids.channel(name), name })),
    },
  };
}

/**
 * Maps roster people to mock users: id `user-<aadObjectId>`, the roster's aadObjectId (or, for someone
 * without one, a stable id made from their email, so the bot can only match them by email).
 * People are ordered so that roles alternate (executive, trustee, head, ...), because a playground
 * shows only the first five users besides its current one; duplicates (same email) are dropped.
 */
export function playgroundUsersFromRoster(
  people: readonly Person[],
  opts: { roles?: readonly Role[] } = {},
): PlaygroundUser[] {
  const byRole = new Map<Role, Person[]>();
  const emails = new Set<string>();
  for (const person of people) {
    const email = person.email.toLowerCase();
    if (emails.has(email) || (opts.roles && !opts.roles.includes(person.role))) continue;
    emails.add(email);
    byRole.set(person.role, [...(byRole.get(person.role) ?? []), person]);
  }
  const queues = [...byRole.values()];
  const ordered: Person[] = [];
  for (let i = 0; ordered.length < emails.size; i++) {
    for (const queue of queues) {
      const person = queue[i];
      if (person) ordered.push(person);
    }
  }
  return ordered.map((person) => {
    const aadObjectId = person.aadObjectId ?? guidFromText(`person ${person.email.toLowerCase()}`);
    return { id: `user-${aadObjectId}`, name: person.name, email: person.email, aadObjectId };
  });
}

/** Runs the launcher as TypeScript under tsx when this file is TypeScript, and as plain JS once built. */
function launcherCommand(): string[] {
  const extension = path.extname(__filename);
  const launcher = path.join(__dirname, `playgroundProcess${extension}`);
  return extension === '.ts' ? ['--require', require.resolve('tsx/cjs'), launcher] : [launcher];
}

/**
 * Writes the playground's config into `configDir` and starts it as a child process. Resolves once it
 * serves its page and has loaded the config; rejects with PortInUseError when the port is taken and
 * with PlaygroundStartError (carrying its output) when it exits or stalls first.
 */
export async function startPlayground(options: PlaygroundOptions): Promise<RunningPlayground> {
  const config = playgroundConfig(options);
  const host = options.host ?? '127.0.0.1';
  await assertPortFree('Agents Playground', options.port, host);
  mkdirSync(options.configDir, { recursive: true });
  const configPath = path.resolve(options.configDir, CONFIG_FILE);
  const logPath = path.resolve(options.configDir, LOG_FILE);
  writeFileSync(
    configPath,
    `# Written by npm start for the Microsoft 365 Agents Playground on port ${options.port}; ` +
      `rewritten on every start.\n${stringify(config)}`,
  );

  const child = spawn(
    process.execPath,
    [
      ...launcherCommand(),
      '--port',
      String(options.port),
      '--app-endpoint',
      options.botEndpoint,
      '--host',
      host,
    ],
    {
      cwd: options.configDir,
      env: {
        ...process.env,
        ...PLAYGROUND_ENV,
        M365_AGENTS_PLAYGROUND_CONFIG_PATH: configPath,
        M365_AGENTS_PLAYGROUND_LOGFILE: logPath,
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  try {
    await waitUntilReady(child, options);
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  return {
    url: `http://localhost:${options.port}`,
    serviceUrl: `http://localhost:${options.port}/_connector`,
    configPath,
    logPath,
    stop: () => stopChild(child),
  };
}

function waitUntilReady(child: ChildProcess, options: PlaygroundOptions): Promise<void> {
  const { port } = options;
  const timeoutMs = options.startTimeoutMs ?? 60_000;
  return new Promise((resolve, reject) => {
    let output = '';
    let ready = false;
    const fail = (error: Error): void => {
      clearTimeout(timer);
      reject(error);
    };
    const timer = setTimeout(
      () =>
        fail(
          new PlaygroundStartError(
            port,
            `The Agents Playground on port ${port} was not ready within ${timeoutMs / 1000} s.`,
            output,
          ),
        ),
      timeoutMs,
    );
    const onData = (chunk: Buffer): void => {
      const text = chunk.toString();
      output = (output + text).slice(-4000);
      for (const line of text.split('\n')) {
        if (!line.trim()) continue;
        options.onOutput?.(line);
        const listening = /^Listening on (\d+)/.exec(line);
        if (listening && Number(listening[1]) !== port) fail(new PortInUseError('Agents Playground', port));
        if (line.startsWith(READY_PREFIX) && !ready) {
          ready = true;
          clearTimeout(timer);
          resolve();
        }
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('error', fail);
    child.once('exit', (code, signal) => {
      const how = signal ? `was stopped by ${signal}` : `exited with code ${code ?? 'null'}`;
      if (!ready)
        fail(
          new PlaygroundStartError(
            port,
            `The Agents Playground on port ${port} ${how} before it was ready.`,
            output,
          ),
        );
      else options.onOutput?.(`The Agents Playground on port ${port} ${how}.`);
    });
  });
}

/**
 * `roster check`: against storage (the same settings as the bot: AzureWebJobsStorage or
 * AzureWebJobsStorage__accountName, STORAGE_PREFIX), lists every roster person the bot cannot message
 * yet, so the administrator knows who to install the app for before a round opens (docs/deploy.md).
 */
import { readGiasExtract } from '../adapters/files/readGiasExtract';
import { readRosterDir } from '../adapters/files/readRosterDir';
import { createTableStores } from '../adapters/tableStorage/createTableStores';
import { TableStorageError } from '../adapters/tableStorage/TableStorageError';
import { describeBinding } from '../app/board/boardBinding';
import { shortenUserText } from '../app/quoteUserText';
import { rosterReachability } from '../app/rosterReachability';
import { ConfigError, loadConfig } from '../config';
import { formatRosterError } from '../domain/roster/parseRoster';
import { compareWithRegister, describeDifference } from '../domain/roster/registerComparison';
import { type Role, ROLES, type Roster } from '../domain/roster/roster';
import { type CliIo, EXIT_INVALID_INPUT, EXIT_OK, UsageError } from './cliIo';

type Env = Record<string, string | undefined>;

/**
 * `roster check --gias FILE`: where the roster (its files with `--roster DIR`, otherwise the stored one)
 * disagrees with GIAS's register. Exit 0 when they agree, 1 when they do not or the file is refused.
 */
async function checkAgainstRegister(path: string, roster: Roster, io: CliIo): Promise<number> {
  const read = await readGiasExtract(
    path,
    roster.academies.map((academy) => academy.urn),
  );
  if (!read.ok) {
    io.err(`${read.error}\nNothing was compared.\n`);
    return EXIT_INVALID_INPUT;
  }
  const differences = compareWithRegister(roster.academies, read.rosterRows, read.trustRows, read.trustCode);
  const trust = read.trustRows[0]?.trustName ?? read.rosterRows.find((row) => row.trustCode)?.trustName;
  io.out(
    `${roster.trust.name}: ${roster.academies.length} academies in the roster, checked against ${read.records} establishments in ${path}` +
      `${read.trustCode ? ` (the trust in GIAS: ${trust ?? ''} ${read.trustCode})` : ' (none of them is in a trust in GIAS)'}.\n`,
  );
  if (differences.length === 0) {
    io.out('The roster agrees with GIAS.\n');
    return EXIT_OK;
  }
  io.out(
    `\n${differences.length} difference${differences.length === 1 ? '' : 's'} (correct academies.csv, or check GIAS):\n`,
  );
  for (const difference of differences) io.out(`  ${describeDifference(difference)}\n`);
  return EXIT_INVALID_INPUT;
}

/** Runs `roster check [--role ROLE]`; exit 0 when everyone can be messaged, 1 when someone cannot. */
export async function rosterCheckCommand(args: readonly string[], io: CliIo, env: Env): Promise<number> {
  let role: Role | undefined;
  let gias: string | undefined;
  let rosterDir: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--role') {
      const value = args[++i];
      if (!ROLES.includes(value as Role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
      role = value as Role;
    } else if (arg === '--gias' || arg === '--roster') {
      const value = args[++i];
      if (!value || value.startsWith('--')) throw new UsageError(`${arg} needs a path`);
      if (arg === '--gias') gias = value;
      else rosterDir = value;
    } else {
      throw new UsageError(`unexpected argument "${arg ?? ''}"`);
    }
  }
  if (rosterDir !== undefined && gias === undefined)
    throw new UsageError(
      '--roster DIR goes with --gias FILE (the reachability check reads the stored roster)',
    );
  if (gias !== undefined && rosterDir !== undefined) {
    const read = await readRosterDir(rosterDir);
    if (!read.ok) {
      io.err(`${read.errors.map((error) => formatRosterError(error)).join('\n')}\n`);
      return EXIT_INVALID_INPUT;
    }
    return checkAgainstRegister(gias, read.roster, io);
  }

  let config;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.err(`${error.message}\nroster check reads the bot's own storage settings.\n`);
    return EXIT_INVALID_INPUT;
  }
  const stores = createTableStores(config.storageConnectionString, {
    tablePrefix: config.storagePrefix,
    maxRetries: config.storageMaxRetries,
    callTimeoutMs: config.storageTimeoutMs,
  });
  let roster;
  try {
    roster = await stores.roster.load();
  } catch (error) {
    if (!(error instanceof TableStorageError)) throw error;
    io.err(`${error.message}\nThe bot creates its tables and loads the roster the first time it starts.\n`);
    return EXIT_INVALID_INPUT;
  }
  if (!roster) {
    io.err(
      'Storage holds no roster yet: the bot loads ROSTER_DIR the first time it starts. Start it once (or check ' +
        'STORAGE_PREFIX and the storage settings point at the bot’s account).\n',
    );
    return EXIT_INVALID_INPUT;
  }
  if (gias !== undefined) return checkAgainstRegister(gias, roster, io);
  const report = rosterReachability(
    roster,
    await stores.conversations.list(),
    await stores.boardBinding.get(),
  );
  const people = report.people.filter((entry) => role === undefined || entry.person.role === role);
  const cannot = people.filter((entry) => entry.reachability.kind !== 'reachable');

  const where = (entry: (typeof people)[number]): string =>
    `${entry.person.name} <${entry.person.email}>, ${entry.person.role}${entry.academyName ? `, ${entry.academyName}` : ''}`;
  io.out(
    `${roster.trust.name}: ${people.length - cannot.length} of ${people.length} people can be messaged.\n`,
  );
  if (cannot.length > 0) {
    io.out('\nCannot be messaged yet (install the app for them, or ask them to message the bot):\n');
    for (const entry of cannot) {
      const why =
        entry.reachability.kind === 'unreachable'
          ? `Teams answered ${entry.reachability.status} on ${entry.reachability.since.slice(0, 10)}: the app was removed`
          : 'no conversation stored: the app is not installed for them';
      io.out(`  ${where(entry)}\n    ${why}\n`);
    }
  }
  const undelivered = people.filter(
    (entry) => entry.reachability.kind === 'reachable' && entry.reachability.lastUndelivered,
  );
  if (undelivered.length > 0) {
    io.out('\nA message to them was not delivered even after retries (the executives were told):\n');
    for (const entry of undelivered) {
      const last = entry.reachability.kind === 'reachable' ? entry.reachability.lastUndelivered : undefined;
      io.out(`  ${where(entry)}\n    ${last?.messageId ?? ''} on ${last?.at.slice(0, 10) ?? ''}\n`);
    }
  }
  const board = report.boardChannel;
  const postable = board.binding !== undefined && board.stored && !board.unreachable;
  if (board.binding) {
    io.out(`\nBoard channel: ${describeBinding(board.binding)}.\n`);
    io.out(
      postable
        ? '  The bot can post there.\n'
        : `  ${board.unreachable ? 'Teams refused a post there: the app was removed from its team' : 'Its conversation is not stored yet'}; add the app to that team.\n`,
    );
  } else {
    io.out(
      `\nBoard channel: none bound yet. Add the app to the board's team: the bot asks in its "${board.name}" ` +
        'channel for an executive to confirm it (docs/deploy.md).\n',
    );
  }
  if (board.others.length > 0) {
    io.out(
      board.binding
        ? `\nOther channels named "${board.name}", ignored (nothing is posted there):\n`
        : `\nChannels named "${board.name}" waiting for an executive to confirm one:\n`,
    );
    for (const other of board.others) {
      io.out(
        `  "${shortenUserText(other.channelName ?? '', 80)}" (${shortenUserText(other.channelId ?? 'id unknown', 200)}) in team ` +
          `${other.teamName ? `"${shortenUserText(other.teamName, 80)}" ` : ''}${shortenUserText(other.teamId ?? '(unknown)', 200)}\n`,
      );
    }
  }
  return cannot.length === 0 && postable ? EXIT_OK : EXIT_INVALID_INPUT;
}

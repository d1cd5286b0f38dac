/**
 * The board's status on demand for a generated trust of 50 academies (bench/generateTrust.ts) on
 * Azurite, with one year (3 closed rounds) and with three years (9 closed rounds) of stored history:
 * every closed term's figures imported, its round closed and its evaluation stored as closing stores it,
 * and this term's round open. `status`, `status <academy>` and `risks` go through the command router the
 * bot uses (parseCommand, then boardCommand), as an executive; per turn the time (p50/p95) and the
 * storage round trips, counted on the wire, side by side for both histories. Goal: the same round trips
 * for both (the answers read what the closed rounds stored, never the history), p95 ≤ 100 ms. Then the
 * summary card for the latest term: building and serialising it (time) and its size (goal ≤ 80 KB).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

import { createTableStores } from '../src/adapters/tableStorage/createTableStores';
import { StorageRequestCounter } from '../src/adapters/tableStorage/storageRequestCounter';
import { boardCommand } from '../src/app/board/boardChat';
import type { BoardDeps } from '../src/app/board/boardDeps';
import { summaryActivity } from '../src/app/board/postBoardSummary';
import { summaryView } from '../src/app/board/summaryView';
import { parseCommand } from '../src/app/commands';
import type { KnownPerson } from '../src/app/identifyPerson';
import { evaluateRound } from '../src/app/round/closeRound';
import { importFigures } from '../src/app/round/importFigures';
import type { ChatReply } from '../src/app/round/roundChat';
import type { Evaluation } from '../src/domain/evaluation/evaluation';
import type { Observation } from '../src/domain/evaluation/observation';
import type { Roster } from '../src/domain/roster/roster';
import type { Round } from '../src/domain/round/round';
import { formatTermKey } from '../src/domain/terms/termCalendar';
import { loadServices } from '../test/support/loadTrust';
import type { Benchmark } from './benchmark';
import { generateTrust } from './generateTrust';
import { quantile, withAzurite } from './withAzurite';

const ACADEMIES = 50;
/** Timed turns per command and history, after the warm-up ones. */
const TURNS = 40;
const WARM_UP = 5;
/** Builds of the summary card timed. */
const BUILDS = 20;
const NOW = '2026-12-02T10:00:00Z';
/** This term's round, open while the questions are asked (so `status` shows its progress too). */
const OPEN_TERM = '2026-27-autumn';
const EXECUTIVE = { email: 'ceo@generated-trust.example', aad: '9e1d0000-0000-4000-8000-000000000001' };

/** The generated trust as roster files, with an executive to ask the questions. */
function writeRoster(roster: Roster): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'status-bench-'));
  const academies = ['urn,name,phase,route,town,openedOn,joinedOn,tags'];
  for (const a of roster.academies)
    academies.push(`${a.urn},${a.name},${a.phase},${a.route},${a.town},${a.openedOn},${a.joinedOn},`);
  writeFileSync(
    join(dir, 'trust.yaml'),
    `name: ${roster.trust.name}\nboardChannel: Board\nfictional: true\n`,
  );
  writeFileSync(join(dir, 'academies.csv'), `${academies.join('\n')}\n`);
  writeFileSync(
    join(dir, 'people.csv'),
    `email,name,role,title,academyUrn,aadObjectId\n${EXECUTIVE.email},Casey Exec,executive,Chief Executive Officer,,${EXECUTIVE.aad}\n`,
  );
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

interface History {
  label: string;
  deps: BoardDeps;
  counter: StorageRequestCounter;
  roster: Roster;
  known: KnownPerson;
  latest: Round;
}

/**
 * Stores `terms` closed terms (the newest of the generated trust's nine) as closing leaves them: the
 * figures (imported, as the demo's history is), the round closed, the evaluation stored; then opens this
 * term's round. The board reads it all through stores that count their requests.
 */
async function storeHistory(
  connectionString: string,
  rosterDir: string,
  observations: readonly Observation[],
  terms: number,
): Promise<History> {
  const prefix = `status${terms}`;
  const services = loadServices({
    connectionString,
    rosterDir,
    serviceUrl: 'http://127.0.0.1:9/',
    prefix,
    clock: () => new Date(NOW),
  });
  await services.ready();
  const roster = await services.roster.current();
  const person = roster?.people.find((p) => p.email === EXECUTIVE.email);
  if (!roster || !person) throw new Error('the generated roster did not load');
  const allTerms = [...new Set(observations.map((o) => formatTermKey(o.term)))].sort(termOrder);
  const kept = new Set(allTerms.slice(-terms));
  await importFigures(
    services.round.figures,
    observations.filter((o) => kept.has(formatTermKey(o.term))),
    NOW,
  );
  let latest: Round | undefined;
  for (const term of [...kept].sort(termOrder)) {
    const dates = services.round.calendar.termDates(parseTerm(term));
    await services.round.rounds.create({
      term,
      status: 'open',
      openedOn: dates.start,
      closesOn: dates.end,
      openedBy: 'bench',
      openedAt: `${dates.start}T08:00:00.000Z`,
      academyCount: roster.academies.length,
    });
    await services.round.rounds.close(term, `${dates.end}T16:00:00.000Z`, 'bench');
    latest = await services.round.rounds.get(term);
    if (!latest) throw new Error(`the ${term} round was not stored`);
    await services.round.evaluations.save(term, await evaluateRound(services.round, roster, latest));
  }
  await services.round.rounds.create({
    term: OPEN_TERM,
    status: 'open',
    openedOn: '2026-11-24',
    closesOn: '2026-12-12',
    openedBy: EXECUTIVE.email,
    openedAt: '2026-11-24T08:00:00.000Z',
    academyCount: roster.academies.length,
  });
  const counter = new StorageRequestCounter();
  const counted = createTableStores(connectionString, { tablePrefix: prefix, requestCounter: counter });
  const deps: BoardDeps = {
    ...services.board,
    round: {
      ...services.round,
      rounds: counted.rounds,
      figures: counted.figures,
      evaluations: counted.evaluations,
      conversations: counted.conversations,
    },
    posts: counted.boardPosts,
  };
  return {
    label: `${terms / 3} year${terms === 3 ? '' : 's'} (${terms} closed terms)`,
    deps,
    counter,
    roster,
    known: { person },
    latest: latest!,
  };
}

const TERM_INDEX = { autumn: 0, spring: 1, summer: 2 } as const;

function parseTerm(key: string): { startYear: number; term: 'autumn' | 'spring' | 'summer' } {
  const [year, , term] = key.split('-') as [string, string, 'autumn' | 'spring' | 'summer'];
  return { startYear: Number(year), term };
}

function termOrder(a: string, b: string): number {
  const x = parseTerm(a);
  const y = parseTerm(b);
  return x.startYear - y.startYear || TERM_INDEX[x.term] - TERM_INDEX[y.term];
}

interface Turns {
  times: number[];
  /**
   * CPU time of this process per turn (Azurite runs in its own): the bot's own work, which a machine
   * shared with other jobs does not inflate the way it does the time on the clock.
   */
  cpuTimes: number[];
  trips: Set<number>;
  /** The largest answer, in bytes (Teams takes about 100 KB a message, 80 KB recommended). */
  bytes: number;
}

/** One typed question through the router, as the bot answers it; throws unless it is a card. */
async function ask(
  history: History,
  text: string,
  expect: string,
): Promise<{ ms: number; cpuMs: number; trips: number; bytes: number }> {
  const parsed = parseCommand(text);
  if (parsed.kind !== 'command') throw new Error(`"${text}" is not a command`);
  history.counter.reset();
  const cpuStart = process.cpuUsage();
  const started = performance.now();
  const replies: ChatReply[] = await boardCommand(
    history.deps,
    history.roster,
    history.known,
    parsed.name,
    parsed.args,
  );
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuStart);
  const trips = history.counter.count;
  const first = replies[0];
  if (first?.kind !== 'card' || !JSON.stringify(first.card).includes(expect)) {
    throw new Error(`"${text}" did not answer with ${expect}: ${JSON.stringify(replies).slice(0, 300)}`);
  }
  return {
    ms,
    cpuMs: (cpu.user + cpu.system) / 1000,
    trips,
    bytes: Buffer.byteLength(JSON.stringify(replies), 'utf8'),
  };
}

const statusBenchmark: Benchmark = {
  name: `Status on demand: ${ACADEMIES} academies on Azurite, one and three years of stored history`,
  async run() {
    const { roster: generated, observations } = generateTrust(ACADEMIES);
    const files = writeRoster(generated);
    try {
      return await withAzurite(600_000, async (connectionString) => {
        const histories = [
          await storeHistory(connectionString, files.dir, observations, 3),
          await storeHistory(connectionString, files.dir, observations, 9),
        ];
        const academy = (n: number): { urn: string; name: string } => {
          const a = generated.academies[n % generated.academies.length]!;
          return { urn: a.urn, name: a.name };
        };
        const questions: [string, (n: number) => [string, string]][] = [
          ['status', () => ['status', 'Status: summer 2026']],
          ['status <academy>', (n) => [`status ${academy(n).urn}`, `${academy(n).name}: summer 2026`]],
          ['risks', () => ['risks', 'Risks: summer 2026']],
        ];
        const results = new Map<string, Turns>();
        // Interleaved (each turn asked of both histories in turn), so a busy moment hits both alike.
        for (let n = 0; n < WARM_UP + TURNS; n++) {
          for (const [name, question] of questions) {
            for (const history of histories) {
              const [text, expect] = question(n);
              const { ms, cpuMs, trips, bytes } = await ask(history, text, expect);
              if (n < WARM_UP) continue;
              const key = `${name}|${history.label}`;
              const turns = results.get(key) ?? {
                times: [],
                cpuTimes: [],
                trips: new Set<number>(),
                bytes: 0,
              };
              turns.times.push(ms);
              turns.cpuTimes.push(cpuMs);
              turns.trips.add(trips);
              turns.bytes = Math.max(turns.bytes, bytes);
              results.set(key, turns);
            }
          }
        }
        const lines = [
          `${TURNS} turns per command and history after ${WARM_UP} warm-up turns, as an executive, this term's round open ` +
            `(machine load average ${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} cores)`,
          `${'command'.padEnd(18)}${histories.map((h) => h.label.padEnd(60)).join('')}`,
        ];
        let sameTrips = true;
        let worstP95 = 0;
        let largest = 0;
        for (const [name] of questions) {
          const cells = histories.map((history) => {
            const turns = results.get(`${name}|${history.label}`)!;
            const p95 = quantile(turns.times, 0.95);
            worstP95 = Math.max(worstP95, p95);
            largest = Math.max(largest, turns.bytes);
            return {
              trips: [...turns.trips].sort((a, b) => a - b).join(' or '),
              text:
                `${[...turns.trips].sort((a, b) => a - b).join(' or ')} trips, p50 ${quantile(turns.times, 0.5).toFixed(0)} ms, ` +
                `p95 ${p95.toFixed(0)} ms (CPU p50 ${quantile(turns.cpuTimes, 0.5).toFixed(0)} ms), ${(turns.bytes / 1024).toFixed(0)} KB`,
            };
          });
          if (new Set(cells.map((cell) => cell.trips)).size > 1) sameTrips = false;
          lines.push(`${name.padEnd(18)}${cells.map((cell) => cell.text.padEnd(60)).join('')}`);
        }
        lines.push(
          `round trips the same for both histories: ${sameTrips ? 'yes' : 'NO'} (goal: the same); ` +
            `worst p95 ${worstP95.toFixed(1)} ms (goal ≤ 100 ms: ${worstP95 <= 100 ? 'met' : 'not met'}); ` +
            `largest answer ${(largest / 1024).toFixed(0)} KB (Teams: ≤ 80 KB recommended)`,
        );

        // What a turn's time is made of: reading one stored evaluation (query and JSON parse).
        const reads: number[] = [];
        let jsonBytes = 0;
        for (let n = 0; n < 20; n++) {
          const started = performance.now();
          const stored = await histories[1]!.deps.round.evaluations.get(histories[1]!.latest.term);
          reads.push(performance.now() - started);
          jsonBytes = Buffer.byteLength(JSON.stringify(stored), 'utf8');
        }
        lines.push(
          `reading one stored evaluation (${(jsonBytes / 1024).toFixed(0)} KB of JSON): p50 ${quantile(reads, 0.5).toFixed(1)} ms, p95 ${quantile(reads, 0.95).toFixed(1)} ms`,
        );

        // The summary card of the latest closed term, from the longer history.
        const history = histories[1]!;
        const deps = history.deps.round;
        const closed = (await deps.rounds.list()).filter((round) => round.status === 'closed');
        const stored = await Promise.all(closed.slice(0, 6).map((round) => deps.evaluations.get(round.term)));
        const [evaluation, ...earlier] = stored.filter((e): e is Evaluation => e !== undefined);
        if (!evaluation) throw new Error('no stored evaluation to summarise');
        const build = (): number => {
          const view = summaryView({
            evaluation,
            ...(earlier[0] && { previous: earlier[0] }),
            history: [...earlier].reverse(),
          });
          const activity = { type: 'message', attachments: [history.deps.cards.summary(view)] };
          return Buffer.byteLength(JSON.stringify(activity), 'utf8');
        };
        build();
        const buildTimes: number[] = [];
        let bytes = 0;
        for (let n = 0; n < BUILDS; n++) {
          const started = performance.now();
          bytes = build();
          buildTimes.push(performance.now() - started);
        }
        history.counter.reset();
        const started = performance.now();
        const posted = await summaryActivity(history.deps, history.roster, history.latest);
        const withReads = performance.now() - started;
        lines.push(
          `summary card, ${evaluation.results.length} results: built and serialised in p50 ` +
            `${quantile(buildTimes, 0.5).toFixed(1)} ms, p95 ${quantile(buildTimes, 0.95).toFixed(1)} ms; ` +
            `${(bytes / 1024).toFixed(1)} KB (goal ≤ 80 KB: ${bytes <= 80 * 1024 ? 'met' : 'not met'}); ` +
            `with its reads (${history.counter.count} round trips) ${withReads.toFixed(0)} ms, ${((posted?.bytes ?? 0) / 1024).toFixed(1)} KB`,
        );
        return lines;
      });
    } finally {
      files.remove();
    }
  },
};

export default statusBenchmark;

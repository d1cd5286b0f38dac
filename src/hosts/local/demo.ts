/**
 * `npm run demo`: the local product as `npm start` brings it up (in memory), on a simulated clock, walking
 * the demo trust's autumn 2026 round in about two minutes (demoScript.ts says who answers how). The
 * round opens by the schedule, every head is prompted, the heads answer, reminders go, the round closes
 * and the summary appears in the Board channel — each step in the three playgrounds as it happens. The
 * heads without a playground of their own are answered through the bot's endpoint, as Teams would deliver
 * them (demoTeamsClient.ts); so are the owners of the trust's own figures, the executive in their playground
 * included. Everything passes the demo's relay (connectorRelay.ts), as it would Teams' channel service. The
 * playgrounds stay up afterwards; Ctrl-C stops everything.
 *
 * `npm run demo -- --take-over`: the demo leaves the head's playground (Helen Marsh) to you, and waits
 * before the round closes until you have submitted there (at most ten minutes).
 */
import { existsSync } from 'node:fs';

import { STALE_CARD_TEXT } from '../../app/round/headFigures';
import { ownersOfRound } from '../../app/round/ownerFigures';
import { ownerFiguresLine } from '../../app/round/ownerProgress';
import { termLabel } from '../../app/round/roundTerm';
import { loadLocalSettings, PLAYGROUND_COUNT, playgroundServiceUrls } from '../../config';
import type { Academy, Person } from '../../domain/roster/roster';
import { trustFigureOwners } from '../../domain/roster/trustFigureOwners';
import type { TermRef } from '../../domain/terms/term';
import { formatTermKey } from '../../domain/terms/termCalendar';
import { type ConnectorRelay, type RelayedMessage, startConnectorRelay } from './connectorRelay';
import { DEMO_HEADS, demoAnswers, type DemoHead, demoOwnerAnswers, excuseText } from './demoScript';
import { cardOf, type DemoConversation, DemoTeamsClient, submitData, textOf } from './demoTeamsClient';
import { type LocalProduct, ROLE_PORT_OFFSET, startLocalProduct } from './localProduct';
import { playgroundIds, type PlaygroundUser, playgroundUsersFromRoster } from './playground';
import { createSimulatedClock, type SimulatedClock } from './simulatedClock';
import { stopInOrder, type Stoppable } from './stopInOrder';

/** The demo's term: its round opens on 24 Nov and closes at the end of 12 Dec (the default window). */
export const DEMO_TERM: TermRef = { startYear: 2026, term: 'autumn' };
/** The simulated clock starts the day before the round opens (Europe/London is on UTC in winter). */
const DEMO_START = '2026-11-23T09:00:00Z';
/** The daily schedule runs five minutes past ROUND_SCHEDULE_HOUR, as the hourly timer does. */
const SCHEDULE_TIME = 'T08:05:00Z';
const FIRST_DAY = '2026-11-24';
const LAST_DAY = '2026-12-13';

/** Real seconds a simulated day lasts: longer when something happens, so it can be watched. */
const QUIET_DAY_MS = 2000;
const BUSY_DAY_MS = 6000;

/** The settings the demo's script depends on: the demo trust, its plan and history, England's defaults. */
export const DEMO_ENV: Readonly<Record<string, string>> = {
  ROSTER_DIR: 'demo/roster',
  PLAN_FILE: 'plans/demo-2025-2028.yaml',
  HISTORY_FILE: 'demo/data/observations.csv',
  TRUST_TIME_ZONE: 'Europe/London',
  ROUND_WINDOWS: 'autumn=11-24..12-12',
  ROUND_REMINDER_DAYS: '5,2,0',
  ROUND_SCHEDULE_HOUR: '8',
};
const UNSET_FOR_DEMO = ['TERMS_FILE', 'PUBLISHED_DIR', 'STORAGE_PREFIX'];

interface Actor {
  person: Person;
  user: PlaygroundUser;
  conversation: DemoConversation;
}

function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function say(clock: SimulatedClock, line: string): void {
  const day = clock.now().toLocaleDateString('en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    timeZone: 'Europe/London',
  });
  console.log(`[demo ${day}] ${line}`);
}

/** Whether a message is the figures card as a form (it has Submit), not what was stored. */
function isFiguresForm(message: RelayedMessage): boolean {
  const card = cardOf(message);
  return card !== undefined && submitData(card, 'Submit')?.verb === 'submitFigures';
}

/** Whether a message is an owner's figures card as a form: about no one academy. */
function isOwnerForm(message: RelayedMessage): boolean {
  const card = cardOf(message);
  return isFiguresForm(message) && !(card && submitData(card, 'Submit')?.urn);
}

class DemoTerm {
  private readonly term = formatTermKey(DEMO_TERM);
  private readonly label = termLabel(DEMO_TERM);
  private readonly actors = new Map<string, Actor>();
  /** Everyone who owns trust figures, by email: the executive in their playground, the others by chat. */
  private readonly owners = new Map<string, Actor>();
  private executive!: Actor;

  constructor(
    private readonly product: LocalProduct,
    private readonly relay: ConnectorRelay,
    private readonly client: DemoTeamsClient,
    private readonly clock: SimulatedClock,
    private readonly takeOver: boolean,
  ) {}

  private academy(urn: string): Academy {
    const academy = this.product.roster.academies.find((candidate) => candidate.urn === urn);
    if (!academy) throw new Error(`The demo roster has no academy ${urn}.`);
    return academy;
  }

  private actor(urn: string): Actor {
    const actor = this.actors.get(urn);
    if (!actor) throw new Error(`The demo has no head for ${urn}.`);
    return actor;
  }

  /**
   * Installs the app for everyone the demo acts for, as Teams does: the executive's and the head's chats
   * in their playgrounds, the Board channel of the trustee's, and a chat of their own for every other head.
   */
  async install(): Promise<void> {
    const { roster, team, playgrounds } = this.product;
    const users = playgroundUsersFromRoster(roster.people);
    const userOf = (person: Person): PlaygroundUser => {
      const user = users.find((candidate) => candidate.email === person.email);
      if (!user) throw new Error(`${person.name} has no user in the playgrounds.`);
      return user;
    };
    const shown = (role: 'executive' | 'head' | 'trustee') => {
      const found = playgrounds.find((playground) => playground.role === role);
      if (!found) throw new Error(`No ${role} playground was started.`);
      return found;
    };
    const personal = (user: PlaygroundUser, role: 'executive' | 'head'): DemoConversation => ({
      id: playgroundIds(team, user).personalChat,
      serviceUrl: this.relay.serviceUrl(role),
      kind: 'personal',
    });

    const executive = shown('executive');
    this.executive = {
      person: executive.person,
      user: executive.user,
      conversation: personal(executive.user, 'executive'),
    };
    await this.client.install(this.executive.user, this.executive.conversation);

    const trustee = shown('trustee');
    const ids = playgroundIds(team, trustee.user);
    await this.client.install(trustee.user, {
      id: ids.channel(roster.trust.boardChannel),
      serviceUrl: this.relay.serviceUrl('trustee'),
      kind: 'channel',
      channel: {
        name: roster.trust.boardChannel,
        team: { id: ids.team, name: team.name, aadGroupId: ids.aadGroupId },
      },
    });

    const head = shown('head');
    for (const entry of DEMO_HEADS) {
      const person = roster.people.find((p) => p.role === 'head' && p.academyUrn === entry.urn);
      if (!person) throw new Error(`The demo roster has no head for ${entry.urn}.`);
      const user = userOf(person);
      const conversation =
        person.email === head.person.email
          ? personal(user, 'head')
          : {
              id: await this.client.createPersonalChat(this.relay.serviceUrl('head'), user),
              serviceUrl: this.relay.serviceUrl('head'),
              kind: 'personal' as const,
            };
      await this.client.install(user, conversation);
      this.actors.set(entry.urn, { person, user, conversation });
    }

    // The owners of trust figures: each with a chat at the executive's playground, whose users they are.
    for (const person of new Set(trustFigureOwners(roster.people).values())) {
      if (person.email === this.executive.person.email) {
        this.owners.set(person.email, this.executive);
        continue;
      }
      const user = userOf(person);
      const serviceUrl = this.relay.serviceUrl('executive');
      const conversation: DemoConversation = {
        id: await this.client.createPersonalChat(serviceUrl, user),
        serviceUrl,
        kind: 'personal',
      };
      await this.client.install(user, conversation);
      this.owners.set(person.email, { person, user, conversation });
    }
    say(
      this.clock,
      `The app is installed for ${this.actors.size} heads, the executive, ${this.owners.size - 1} other owners of trust figures and the Board channel.`,
    );
  }

  private async schedule(): Promise<void> {
    await this.product.host.runTimer('roundSchedule');
  }

  /** Waits for every head's card and every owner's, each seen passing the relay. */
  private async waitForPrompts(): Promise<void> {
    const seen = (actor: Actor, form: (message: RelayedMessage) => boolean, name: string) =>
      this.relay.waitFor(actor.conversation.id, form, 60_000).then(
        () => name,
        () => undefined,
      );
    const [heads, owners] = await Promise.all([
      Promise.all([...this.actors].map(([urn, actor]) => seen(actor, isFiguresForm, this.academy(urn).name))),
      Promise.all(
        (await this.ownerRequests()).map(({ owner }) => seen(this.owner(owner), isOwnerForm, owner.name)),
      ),
    ]);
    const names = (list: (string | undefined)[]) => list.filter((name): name is string => name !== undefined);
    say(
      this.clock,
      `The ${this.label} round is open: prompted ${names(heads).length} heads (${names(heads).join(', ')}) ` +
        `and ${names(owners).length} owners of trust figures (${names(owners).join(', ')}).`,
    );
  }

  /** What the open round asks each owner of trust figures. */
  private async ownerRequests() {
    const round = await this.product.services.round.rounds.get(this.term);
    return round ? ownersOfRound(this.product.services.round, this.product.roster, round) : [];
  }

  private owner(person: Person): Actor {
    const actor = this.owners.get(person.email);
    if (!actor) throw new Error(`The demo has no chat for ${person.name}, an owner of trust figures.`);
    return actor;
  }

  /** The head's current figures card: the last form the bot sent them, or one asked for with `figures`. */
  private async form(actor: Actor): Promise<RelayedMessage> {
    const last = this.relay.messages(actor.conversation.id).reverse().find(isFiguresForm);
    if (last) return last;
    const before = this.relay.messages(actor.conversation.id).length;
    await this.client.say(actor.user, actor.conversation, 'figures');
    return this.relay.waitFor(
      actor.conversation.id,
      (message) =>
        isFiguresForm(message) && this.relay.messages(actor.conversation.id).indexOf(message) >= before,
    );
  }

  /**
   * Presses Submit with `typed` and waits for the card the bot put in its place. A card the bot found out
   * of date (the record changed since it was drawn, e.g. an owner's trust figures stored for the academy)
   * comes back current, and the head presses Submit on it again, as a person would.
   */
  private async submit(actor: Actor, typed: Record<string, string>): Promise<RelayedMessage> {
    let form = await this.form(actor);
    for (let attempt = 1; ; attempt++) {
      const revision = form.revision;
      await this.client.submit(actor.user, actor.conversation, form, 'Submit', typed);
      const answer = await this.relay.waitFor(
        actor.conversation.id,
        (message) => message.id === form.id && message.revision > revision,
      );
      if (attempt > 1 || !isFiguresForm(answer) || !textOf(answer).includes(STALE_CARD_TEXT)) return answer;
      say(this.clock, `${actor.person.name}'s card was out of date; it came back current and is sent again.`);
      form = answer;
    }
  }

  private async answers(entry: DemoHead): Promise<Record<string, string>> {
    const typed = await demoAnswers(this.product.services.round, this.academy(entry.urn), DEMO_TERM, entry);
    // A figure not available is left blank beside its reason (the card would still show last term's).
    for (const key of Object.keys(typed)) if (key.startsWith('na_')) typed[`m_${key.slice(3)}`] = '';
    return typed;
  }

  private async submitted(urn: string): Promise<boolean> {
    return (await this.product.services.round.figures.read(this.term, urn)).state === 'submitted';
  }

  /** A head answers their card as their part in the script says. */
  async answer(entry: DemoHead): Promise<void> {
    const actor = this.actor(entry.urn);
    const name = `${actor.person.name} (${this.academy(entry.urn).name})`;
    if (await this.submitted(entry.urn)) {
      say(this.clock, `${name} has already submitted, in the playground.`);
      return;
    }
    const typed = await this.answers(entry);
    if (entry.part === 'corrects' && entry.metricId && entry.wrong) {
      const refused = await this.submit(actor, { ...typed, [`m_${entry.metricId}`]: entry.wrong });
      say(
        this.clock,
        `${name} typed ${entry.wrong} for ${entry.metricId}: ${
          isFiguresForm(refused) ? 'the card came back with the error beside it' : 'it was stored'
        }.`,
      );
      await pause(2000);
    }
    const stored = await this.submit(actor, typed);
    const outcome = isFiguresForm(stored) ? 'the card came back with errors' : 'stored';
    const extra =
      entry.part === 'notAvailable'
        ? `, ${entry.metricId ?? 'a figure'} not available: ${entry.reason ?? ''}`
        : '';
    say(
      this.clock,
      `${name} submitted${entry.part === 'afterReminder' ? ' after the reminder' : ''}${extra}: ${outcome}.`,
    );
  }

  /**
   * Each owner of trust figures answers the card the round sent them (the latest passing the relay):
   * every figure they are asked, for every academy.
   */
  async answerOwners(): Promise<void> {
    for (const request of await this.ownerRequests()) {
      const actor = this.owner(request.owner);
      const name = `${request.owner.name} (${request.owner.title})`;
      const form = await this.relay
        .waitFor(actor.conversation.id, isOwnerForm, 10_000)
        .catch(() => undefined);
      if (!form) {
        say(this.clock, `${name} has no card for the trust's figures to answer.`);
        continue;
      }
      const typed = await demoOwnerAnswers(this.product.services.round, request, DEMO_TERM);
      const revision = form.revision;
      await this.client.submit(actor.user, actor.conversation, form, 'Submit', typed);
      const stored = await this.relay
        .waitFor(actor.conversation.id, (m) => m.id === form.id && m.revision > revision)
        .catch(() => undefined);
      const outcome = !stored
        ? 'no answer'
        : isFiguresForm(stored)
          ? 'the card came back with errors'
          : 'stored';
      say(this.clock, `${name} sent the ${ownerFiguresLine(request)}: ${outcome}.`);
    }
  }

  async excuse(entry: DemoHead): Promise<void> {
    const academy = this.academy(entry.urn);
    const before = this.relay.messages(this.executive.conversation.id).length;
    await this.client.say(this.executive.user, this.executive.conversation, excuseText(entry, academy.name));
    const reply = await this.relay
      .waitFor(
        this.executive.conversation.id,
        (m) => this.relay.messages(m.conversationId).indexOf(m) >= before,
        15_000,
      )
      .catch(() => undefined);
    say(
      this.clock,
      `${this.executive.person.name} excused ${academy.name}: ${reply ? textOf(reply).trim().slice(0, 120) : 'no answer'}.`,
    );
  }

  /** Waits (the clock held) until the head answers in their playground, for `--take-over`. */
  private async waitForPlayground(entry: DemoHead): Promise<void> {
    const actor = this.actor(entry.urn);
    say(
      this.clock,
      `Waiting for ${actor.person.name} to submit in the head's playground (up to 10 minutes)…`,
    );
    const deadline = Date.now() + 10 * 60_000;
    while (Date.now() < deadline && !(await this.submitted(entry.urn))) await pause(1000);
  }

  /** Every simulated day from the round's opening to the morning after it closes. */
  async run(): Promise<void> {
    const byPart = (part: DemoHead['part']): DemoHead[] => DEMO_HEADS.filter((entry) => entry.part === part);
    const playgroundHead = this.product.playgrounds.find((p) => p.role === 'head')?.person.academyUrn;
    const answerUnlessTakenOver = async (entry: DemoHead): Promise<void> => {
      if (this.takeOver && entry.urn === playgroundHead) return;
      await this.answer(entry);
    };
    const onTime = byPart('onTime');
    const days: Record<string, () => Promise<void>> = {
      [FIRST_DAY]: () => this.waitForPrompts(),
      '2026-11-25': async () => {
        for (const entry of onTime.filter((e) => e.urn !== playgroundHead))
          await answerUnlessTakenOver(entry);
      },
      '2026-11-26': async () => {
        for (const entry of byPart('corrects')) await this.answer(entry);
      },
      '2026-11-27': async () => {
        for (const entry of byPart('notAvailable')) await this.answer(entry);
        await this.answerOwners();
      },
      '2026-11-30': async () => {
        for (const entry of byPart('excused')) await this.excuse(entry);
      },
      '2026-12-01': async () => {
        for (const entry of onTime.filter((e) => e.urn === playgroundHead))
          await answerUnlessTakenOver(entry);
      },
      '2026-12-08': async () => {
        for (const entry of byPart('afterReminder')) await this.answer(entry);
      },
      '2026-12-12': async () => {
        if (!this.takeOver) return;
        for (const entry of DEMO_HEADS.filter((e) => e.urn === playgroundHead))
          await this.waitForPlayground(entry);
      },
    };
    for (let day = FIRST_DAY; day <= LAST_DAY; day = addDays(day, 1)) {
      this.clock.jumpTo(new Date(`${day}${SCHEDULE_TIME}`));
      const run = days[day];
      const reminded = await this.remindersOf(() => this.schedule());
      if (reminded.length > 0) say(this.clock, `Reminders went to ${reminded.join(', ')}.`);
      if (day === LAST_DAY) break;
      if (run) {
        this.clock.jumpTo(new Date(`${day}T10:00:00Z`));
        await run();
      }
      await pause(run || reminded.length > 0 ? BUSY_DAY_MS : QUIET_DAY_MS);
    }
    await this.showSummary();
  }

  /** Runs the schedule; answers which heads got a reminder card from it. */
  private async remindersOf(step: () => Promise<void>): Promise<string[]> {
    const counts = new Map(
      [...this.actors].map(([urn, a]) => [urn, this.relay.messages(a.conversation.id).length]),
    );
    await step();
    await pause(1500);
    return [...this.actors]
      .filter(([urn, actor]) =>
        this.relay
          .messages(actor.conversation.id)
          .slice(counts.get(urn) ?? 0)
          .some((message) => /remind/i.test(textOf(message))),
      )
      .map(([, actor]) => actor.person.name);
  }

  private async showSummary(): Promise<void> {
    const posted = await this.product.services.board.posts.get(this.term);
    say(
      this.clock,
      posted?.activityId
        ? `The round closed; the ${this.label} risk summary is in the Board channel (the trustee's playground).`
        : `The round closed, but no summary was posted: see the bot's log above.`,
    );
  }
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
    const settings = {
      ...loadLocalSettings(process.env, process.argv),
      inMemory: true,
      boardBinding: 'start' as const,
    };
    const relayPort = settings.playgroundPort + PLAYGROUND_COUNT;
    const relayPrefix = `http://localhost:${relayPort}/`;
    const env: NodeJS.ProcessEnv = { ...process.env, ...DEMO_ENV };
    for (const name of UNSET_FOR_DEMO) delete env[name];
    env.ALLOWED_SERVICE_URLS = [
      ...(process.env.ALLOWED_SERVICE_URLS?.split(',') ?? playgroundServiceUrls(settings.playgroundPort)),
      relayPrefix,
    ].join(',');
    env.OUTBOX_SENDS_PER_SECOND ??= '5';

    const clock = createSimulatedClock(new Date(DEMO_START));
    // The relay first: the playgrounds send to the bot through it (their ports are known before they start).
    const targets = Object.fromEntries(
      Object.entries(ROLE_PORT_OFFSET).map(([role, offset]) => [
        role,
        `http://localhost:${settings.playgroundPort + offset}`,
      ]),
    );
    const relay = await startConnectorRelay(
      relayPort,
      targets,
      `http://localhost:${settings.botPort}/api/messages`,
    );
    running.push({ name: 'demo connector relay', stop: () => relay.stop() });
    const product = await startLocalProduct({
      settings,
      env,
      clock: () => clock.now(),
      running,
      timers: 'manual',
      playgroundBotEndpoint: (role) => relay.botEndpoint(role),
    });
    console.log(product.readyLines().join('\n'));

    const takeOver = process.argv.includes('--take-over');
    console.log(
      [
        `The demo walks the ${termLabel(DEMO_TERM)} round on a simulated clock, a day every few seconds.`,
        'Watch it in the playgrounds above: the round and its answers as the executive, the head’s card,',
        'and the summary in the Board channel as the trustee. Type "status" as the executive at any time.',
        takeOver
          ? 'You answer as the head (--take-over): fill in the card in the head’s playground.'
          : 'Answer the card in the head’s playground first if you like: the demo then leaves that head to you.',
        '',
      ].join('\n'),
    );
    const demo = new DemoTerm(product, relay, new DemoTeamsClient(product.host.url, relay), clock, takeOver);
    await demo.install();
    // Time to open the playgrounds before the round opens.
    await pause(10_000);
    await demo.run();
    console.log(
      '\nThe demo term is over. The playgrounds stay up: ask "status" or "risks". Ctrl-C stops everything.',
    );
  } catch (error) {
    console.error(error instanceof Error ? `\nThe demo stopped: ${error.message}` : error);
    await stopAll(1);
  }
}

if (require.main === module) void main();

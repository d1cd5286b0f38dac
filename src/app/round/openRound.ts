/**
 * Opening a round: the executive's preview and confirmation, the round record, and the fan-out of one
 * prompt per academy through the outbox queue.
 *
 * Nobody is prompted twice: each academy's prompt is claimed in the prompt log (insert-if-absent) before
 * its queue message is written, and the message id is the same for every attempt, so a second opener, a
 * re-clicked button or a second host finds the claim and moves on, and the delivery's own claim on the
 * message id sends it at most once. A claim left `pending` (the host stopped between claim and queue) is
 * resumed by the next fan-out of the same round.
 */
import { formatDateLabel } from '../../domain/evaluation/formatForTrustees';
import type { Academy, Person, Roster } from '../../domain/roster/roster';
import { requestedMetrics } from '../../domain/round/requestedMetrics';
import type { PromptRecord, Round } from '../../domain/round/round';
import type { TermRef } from '../../domain/terms/term';
import { formatTermKey } from '../../domain/terms/termCalendar';
import type { CardAttachment, RoundDeps } from './roundDeps';
import { academiesInTrust, headOf } from './roundPeople';
import { datesOf, termLabel, termOf, trustNow } from './roundTerm';

/** How many academies' prompts are prepared at once: storage round trips overlap, Azurite stays calm. */
const FAN_OUT_CONCURRENCY = 8;

export interface AskedAcademy {
  academy: Academy;
  head?: Person;
  /** The head has a stored 1:1 conversation that has not answered 403/404. */
  reachable: boolean;
}

/** The academies a round for the term asks: in the trust by the close day, and with figures to give. */
export async function academiesToAsk(
  deps: RoundDeps,
  roster: Roster,
  term: TermRef,
): Promise<AskedAcademy[]> {
  const { closesOn } = datesOf(deps, term);
  const asked = academiesInTrust(roster, closesOn).filter(
    (academy) => requestedMetrics(deps.plan, academy, term, deps.calendar).length > 0,
  );
  return Promise.all(
    asked.map(async (academy) => {
      const head = headOf(academy.urn, roster);
      const conversation = head ? await deps.conversations.get(`person:${head.email}`) : undefined;
      return { academy, head, reachable: Boolean(conversation && !conversation.unreachable) };
    }),
  );
}

export type OpenPreview = { kind: 'confirm'; card: CardAttachment } | { kind: 'message'; text: string };

function unreachableNote(asked: readonly AskedAcademy[]): string | undefined {
  const without = asked.filter((entry) => !entry.head);
  const unreachable = asked.filter((entry) => entry.head && !entry.reachable);
  const parts: string[] = [];
  if (unreachable.length > 0) {
    parts.push(
      `${unreachable.length} ${unreachable.length === 1 ? 'head' : 'heads'} can't be messaged yet (the app is not installed for them): ` +
        unreachable.map((entry) => `${entry.head?.name ?? ''} (${entry.academy.name})`).join(', '),
    );
  }
  if (without.length > 0) {
    parts.push(`No head on the roster for: ${without.map((entry) => entry.academy.name).join(', ')}`);
  }
  return parts.length > 0 ? `${parts.join('. ')}.` : undefined;
}

/** What an executive sees before opening: the term, the close date and who will be asked. */
export async function previewOpen(deps: RoundDeps, roster: Roster, term: TermRef): Promise<OpenPreview> {
  const key = formatTermKey(term);
  const existing = await deps.rounds.get(key);
  if (existing) return { kind: 'message', text: alreadyText(existing) };
  const dates = datesOf(deps, term);
  const today = trustNow(deps).date;
  if (dates.closesOn < today) {
    return {
      kind: 'message',
      text: `The ${termLabel(term)} round would have closed on ${formatDateLabel(dates.closesOn)}, which has passed, so it can't be opened now.`,
    };
  }
  const open = await otherOpenRound(deps, key);
  if (open) return { kind: 'message', text: stillOpenText(open, term) };
  const asked = await academiesToAsk(deps, roster, term);
  if (asked.length === 0) {
    return {
      kind: 'message',
      text: `The plan asks no academy for figures in ${termLabel(term)}, so there is no round to open.`,
    };
  }
  const heads = new Set(asked.flatMap((entry) => (entry.head ? [entry.head.email] : [])));
  const note = unreachableNote(asked);
  return {
    kind: 'confirm',
    card: deps.cards.confirm({
      verb: 'openRound',
      term: key,
      termLabel: termLabel(term),
      facts: [
        { title: 'Term', value: termLabel(term) },
        { title: 'Closes', value: `end of ${formatDateLabel(dates.closesOn)}` },
        {
          title: 'Heads to ask',
          value: `${heads.size} (${asked.length} ${asked.length === 1 ? 'academy' : 'academies'})`,
        },
        { title: 'Reminders', value: reminderText(deps) },
      ],
      ...(note ? { note } : {}),
      buttonTitle: 'Open round',
    }),
  };
}

function reminderText(deps: RoundDeps): string {
  const days = [...deps.settings.reminderDays].sort((a, b) => b - a);
  if (days.length === 0) return 'none';
  return `${days.map((d) => (d === 0 ? 'on the close day' : `${d} ${d === 1 ? 'day' : 'days'} before`)).join(', ')}`;
}

/**
 * Another term's round that is still open. The chat commands (figures, missing, remind, excuse, close
 * round) act on the open round, so a second one would leave the first out of reach until it closes by
 * itself: one round is open at a time.
 */
async function otherOpenRound(deps: RoundDeps, key: string): Promise<Round | undefined> {
  return (await deps.rounds.list()).find((round) => round.status === 'open' && round.term !== key);
}

function stillOpenText(open: Round, term: TermRef): string {
  return (
    `The ${termLabel(open.term)} round is still open (it closes at the end of ${formatDateLabel(open.closesOn)}), ` +
    `so the ${termLabel(term)} round can't be opened yet. Type **close round** to close it first.`
  );
}

function alreadyText(round: Round): string {
  return round.status === 'open'
    ? `The ${termLabel(round.term)} round is already open (since ${formatDateLabel(round.openedOn)}); it closes at the end of ${formatDateLabel(round.closesOn)}. Type **missing** to see who has answered.`
    : `The ${termLabel(round.term)} round has already run and closed on ${formatDateLabel(round.closedAt?.slice(0, 10) ?? round.closesOn)}.`;
}

export type OpenOutcome =
  | { kind: 'opened'; round: Round; fanOut: FanOutResult }
  | { kind: 'alreadyOpen'; round: Round; fanOut: FanOutResult; text: string }
  | { kind: 'refused'; text: string };

/** Opens the round for the term (once, whoever asks first) and prompts every academy's head. */
export async function openRound(
  deps: RoundDeps,
  roster: Roster,
  term: TermRef,
  by: string,
): Promise<OpenOutcome> {
  const key = formatTermKey(term);
  const dates = datesOf(deps, term);
  const today = trustNow(deps).date;
  const existing = await deps.rounds.get(key);
  if (existing?.status === 'closed') return { kind: 'refused', text: alreadyText(existing) };
  if (!existing && dates.closesOn < today) {
    return {
      kind: 'refused',
      text: `The ${termLabel(term)} round's close date has passed; it can't be opened now.`,
    };
  }
  const open = existing ? undefined : await otherOpenRound(deps, key);
  if (open) return { kind: 'refused', text: stillOpenText(open, term) };
  if (existing) {
    // Resume a fan-out a stopped host left half done; prompts already queued are not queued again.
    return {
      kind: 'alreadyOpen',
      round: existing,
      fanOut: await fanOutPrompts(deps, roster, existing),
      text: alreadyText(existing),
    };
  }
  const asked = await academiesToAsk(deps, roster, term);
  const round: Round = {
    term: key,
    status: 'open',
    openedOn: today,
    closesOn: dates.closesOn,
    openedAt: deps.clock().toISOString(),
    openedBy: by,
    academyCount: asked.length,
  };
  if (!(await deps.rounds.create(round))) {
    const winner = (await deps.rounds.get(key)) ?? round;
    return {
      kind: 'alreadyOpen',
      round: winner,
      fanOut: await fanOutPrompts(deps, roster, winner),
      text: alreadyText(winner),
    };
  }
  deps.log.info(`Round ${key} opened by ${by}: ${asked.length} academies, closes ${dates.closesOn}.`);
  return { kind: 'opened', round, fanOut: await fanOutPrompts(deps, roster, round, asked) };
}

export interface FanOutResult {
  queued: number;
  /** Already prompted by an earlier fan-out. */
  already: number;
  noConversation: string[];
  noHead: string[];
}

/** The outbox message id of an academy's prompt in a round: the same at every attempt. */
export function promptMessageId(term: string, urn: string): string {
  return `prompt:${term}:${urn}`;
}

/** Queues one prompt per asked academy that has not been prompted yet. Safe to run again at any time. */
export async function fanOutPrompts(
  deps: RoundDeps,
  roster: Roster,
  round: Round,
  known?: readonly AskedAcademy[],
): Promise<FanOutResult> {
  const term = round.term;
  const asked = known ?? (await academiesToAsk(deps, roster, termOf(round)));
  const result: FanOutResult = { queued: 0, already: 0, noConversation: [], noHead: [] };
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < asked.length) {
      const entry = asked[next++];
      if (entry) await promptOne(deps, term, entry, result);
    }
  };
  await Promise.all(Array.from({ length: Math.min(FAN_OUT_CONCURRENCY, asked.length) }, worker));
  return result;
}

async function promptOne(
  deps: RoundDeps,
  term: string,
  entry: AskedAcademy,
  result: FanOutResult,
): Promise<void> {
  const { academy, head } = entry;
  const record: PromptRecord = {
    term,
    urn: academy.urn,
    ...(head ? { personEmail: head.email } : {}),
    state: 'pending',
    claimedAt: deps.clock().toISOString(),
    remindedOn: [],
  };
  if (!(await deps.prompts.claim(record))) {
    const existing = await deps.prompts.get(term, academy.urn);
    // Only a claim whose queue message may never have been written is taken up again.
    if (existing?.state !== 'pending' && !(existing?.state === 'noConversation' && entry.reachable)) {
      result.already++;
      return;
    }
  }
  if (!head) {
    await deps.prompts.update(term, academy.urn, { state: 'noHead' });
    result.noHead.push(academy.name);
    return;
  }
  if (!entry.reachable) {
    await deps.prompts.update(term, academy.urn, { state: 'noConversation' });
    result.noConversation.push(`${head.name} (${academy.name})`);
    return;
  }
  await deps.outbox.enqueue({
    id: promptMessageId(term, academy.urn),
    conversationKey: `person:${head.email}`,
    activity: {},
    compose: { kind: 'figuresPrompt', term, urn: academy.urn },
  });
  await deps.prompts.update(term, academy.urn, { state: 'queued', queuedAt: deps.clock().toISOString() });
  result.queued++;
}

/**
 * Opening a round: the executive's preview and confirmation, the round record, and the fan-out of one
 * prompt per academy through the outbox queue.
 *
 * Opening writes the round record and queues one fan-out request; the queue-triggered `fanOutRound`
 * function then runs `fanOutPrompts`, so the executive's click is answered at once however large the
 * trust (Teams waits 15 s for it).
 *
 * Nobody is prompted twice: each academy's prompt is claimed in the prompt log (insert-if-absent) before
 * its queue message is written, and the message id is the same for every attempt, so a second fan-out,
 * a re-clicked button or a second host finds the claim and moves on, and the delivery's own claim on the
 * message id sends it at most once. A claim left `pending` (the host stopped between claim and queue) is
 * resumed by the next fan-out of the same round.
 */
import { formatDateLabel } from '../../domain/evaluation/formatForTrustees';
import type { Academy, Person, Roster } from '../../domain/roster/roster';
import { requestedMetrics } from '../../domain/round/requestedMetrics';
import type { PromptRecord, Round } from '../../domain/round/round';
import type { TermRef } from '../../domain/terms/term';
import { addTerms, compareTerms, formatTermKey } from '../../domain/terms/termCalendar';
import type { PromptUpdate, StoredConversation } from '../ports';
import { ownersOfRound } from './ownerFigures';
import type { CardAttachment, RoundDeps } from './roundDeps';
import { academiesInTrust, headOf } from './roundPeople';
import { currentTerm, datesOf, termLabel, termOf, trustNow } from './roundTerm';

/**
 * Prompts claimed, queued and recorded together: one transaction of claims and one of outcomes per
 * chunk (a transaction holds at most 100), so the first heads' cards are on their way while the later
 * chunks are still being written.
 */
const FAN_OUT_CHUNK = 100;
/**
 * Queue messages written at once within a chunk: the queue has no batch write. One at a time writes
 * 50–170 a second on Azurite sharing two cores with the bot (50 in the first two seconds, while the first
 * deliveries keep it busiest), ahead of the sends (Teams allows 50 a second; the outbox worker holds a
 * second of them in hand), and leaves storage free to answer those deliveries' reads and claims at once:
 * with four at once, the first second lost up to a fifth of its prompts to those waits, and the send
 * rate's window never gives a lost second back.
 */
const ENQUEUE_CONCURRENCY = 1;

export interface AskedAcademy {
  academy: Academy;
  head?: Person;
  /** The head has a stored 1:1 conversation that has not answered 403/404. */
  reachable: boolean;
  /** That conversation, when reachable: its reference travels in the prompt's queue message. */
  conversation?: StoredConversation;
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
  // One read of every 1:1 conversation rather than one per head.
  const conversations = new Map(
    (await deps.conversations.list('personal')).map((conversation) => [conversation.key, conversation]),
  );
  return asked.map((academy) => {
    const head = headOf(academy.urn, roster);
    const conversation = head ? conversations.get(`person:${head.email}`) : undefined;
    return conversation && !conversation.unreachable
      ? { academy, head, reachable: true, conversation }
      : { academy, head, reachable: false };
  });
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

/**
 * Why a round for the term can't be opened today, or undefined when it can. A round opens for the current
 * term, or for the next one early when the executive confirms it on the card that warns about it
 * (`early`); any other term is refused whoever asks (a typed command, a crafted card, the schedule): a
 * round for a term years ahead, once closed, would be the latest closed term for good.
 */
function termRefusal(deps: RoundDeps, term: TermRef, early: boolean): string | undefined {
  const current = currentTerm(deps);
  const order = compareTerms(term, current);
  const only = `Rounds open for the current term (${termLabel(current)}), or early for the next one (${termLabel(addTerms(current, 1))}).`;
  if (order < 0) {
    return `The ${termLabel(term)} term is over (it ended on ${formatDateLabel(deps.calendar.termDates(term).end)}), so its round can't be opened now. ${only}`;
  }
  if (order > 1 || (order === 1 && !early)) {
    const starts = formatDateLabel(deps.calendar.termDates(term).start);
    return order > 1
      ? `The ${termLabel(term)} term has not started (it starts on ${starts}), so its round can't be opened. ${only}`
      : `The ${termLabel(term)} term has not started (it starts on ${starts}). To open its round early, type **open round ${formatTermKey(term).slice(0, 7)} ${term.term}** and confirm on the card.`;
  }
  return undefined;
}

/** The warning on the card that opens the next term's round before the term starts. */
function earlyWarning(deps: RoundDeps, term: TermRef): string {
  const starts = formatDateLabel(deps.calendar.termDates(term).start);
  return (
    `The ${termLabel(term)} term has not started: it starts on ${starts}. Opening its round now asks heads ` +
    `for the ${termLabel(term)} figures early, and no other round can open until this one closes.`
  );
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
  const early = compareTerms(term, currentTerm(deps)) === 1;
  const refused = termRefusal(deps, term, early);
  if (refused) return { kind: 'message', text: refused };
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
  const note = [early ? earlyWarning(deps, term) : undefined, unreachableNote(asked)]
    .filter(Boolean)
    .join(' ');
  return {
    kind: 'confirm',
    card: deps.cards.confirm({
      verb: 'openRound',
      term: key,
      ...(early ? { early: true } : {}),
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
  /** Opened now; the fan-out is queued. `asked` is who it will prompt, as known at the opening. */
  | { kind: 'opened'; round: Round; asked: AskedAcademy[] }
  /** Already open; a fan-out is queued again, which finishes any a stopped host left and repeats nothing. */
  | { kind: 'alreadyOpen'; round: Round; text: string }
  | { kind: 'refused'; text: string };

/**
 * Opens the round for the term (once, whoever asks first) and queues its fan-out: every academy's head
 * is prompted by the `fanOutRound` function, not by this call. Only the current term's round opens, or
 * the next term's when `early` says the executive confirmed the card that warned about it.
 */
export async function openRound(
  deps: RoundDeps,
  roster: Roster,
  term: TermRef,
  by: string,
  options: { early?: boolean } = {},
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
  const refused = existing ? undefined : termRefusal(deps, term, options.early === true);
  if (refused) {
    deps.log.warn(`Refused to open the ${key} round for ${by}: ${refused}`);
    return { kind: 'refused', text: refused };
  }
  const open = existing ? undefined : await otherOpenRound(deps, key);
  if (open) return { kind: 'refused', text: stillOpenText(open, term) };
  if (existing) {
    // Resume a fan-out a stopped host left half done; prompts already queued are not queued again.
    await requestFanOut(deps, existing, by);
    return { kind: 'alreadyOpen', round: existing, text: alreadyText(existing) };
  }
  const asked = await academiesToAsk(deps, roster, term);
  const round = openedRound(deps, term, by, asked.length);
  if (!(await deps.rounds.create(round))) {
    const winner = (await deps.rounds.get(key)) ?? round;
    await requestFanOut(deps, winner, by);
    return { kind: 'alreadyOpen', round: winner, text: alreadyText(winner) };
  }
  deps.log.info(`Round ${key} opened by ${by}: ${asked.length} academies, closes ${dates.closesOn}.`);
  await requestFanOut(deps, round, by);
  return { kind: 'opened', round, asked };
}

/** The record of a round opened now for the term, by `by` (a roster email, or `schedule`). */
export function openedRound(
  deps: Pick<RoundDeps, 'clock' | 'settings'>,
  term: TermRef,
  by: string,
  academyCount: number,
): Round {
  return {
    term: formatTermKey(term),
    status: 'open',
    openedOn: trustNow(deps).date,
    closesOn: datesOf(deps, term).closesOn,
    openedAt: deps.clock().toISOString(),
    openedBy: by,
    academyCount,
  };
}

/** Queues a request to fan out the round's prompts (the `fanOutRound` function runs it). */
export async function requestFanOut(deps: RoundDeps, round: Round, by: string): Promise<void> {
  const at = deps.clock().toISOString();
  await deps.fanOuts.enqueue({
    id: `fanout:${round.term}:${at}`,
    term: round.term,
    requestedBy: by,
    requestedAt: at,
  });
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

/** Only a claim whose queue message may never have been written is taken up again. */
function mayResume(existing: PromptRecord, entry: AskedAcademy): boolean {
  return existing.state === 'pending' || (existing.state === 'noConversation' && entry.reachable);
}

interface PendingPrompt {
  entry: AskedAcademy;
  /** The record's version when it exists (a resumed claim); undefined: not claimed yet. */
  version?: string;
}

/**
 * Queues one prompt per asked academy that has not been prompted yet. Safe to run again at any time,
 * and on two hosts at once: the prompt log is read once, the missing claims are made in transactions
 * of up to 100, and the outcomes recorded the same way, each conditional on the version read.
 */
export async function fanOutPrompts(
  deps: RoundDeps,
  roster: Roster,
  round: Round,
  known?: readonly AskedAcademy[],
): Promise<FanOutResult> {
  const term = round.term;
  const [asked, logged] = await Promise.all([
    known ?? academiesToAsk(deps, roster, termOf(round)),
    deps.prompts.list(term),
  ]);
  const loggedByUrn = new Map(logged.map((record) => [record.urn, record]));
  const result: FanOutResult = { queued: 0, already: 0, noConversation: [], noHead: [] };
  const pending: PendingPrompt[] = [];
  for (const entry of asked) {
    const existing = loggedByUrn.get(entry.academy.urn);
    if (!existing) pending.push({ entry });
    else if (mayResume(existing, entry)) pending.push({ entry, version: existing.version });
    else result.already++;
  }
  for (let start = 0; start < pending.length; start += FAN_OUT_CHUNK) {
    await fanOutChunk(deps, term, pending.slice(start, start + FAN_OUT_CHUNK), result);
  }
  await promptOwners(deps, roster, round, result);
  return result;
}

/** The outbox message id of an owner's prompt in a round: the same at every attempt. */
export function ownerPromptMessageId(term: string, email: string): string {
  return `prompt:${term}:owner:${email}`;
}

/** The prompt log's key of an owner's prompt: beside the academies' URNs, never one of them. */
export function ownerPromptKey(email: string): string {
  return `owner:${email}`;
}

/**
 * Queues each owner's card (their trust figures across the academies), claimed in the prompt log under
 * `owner:<email>` like an academy's prompt, so a second fan-out queues nothing again and a claim a
 * stopped host left `pending` is queued by the next one (the delivery sends a message id once).
 */
async function promptOwners(
  deps: RoundDeps,
  roster: Roster,
  round: Round,
  result: FanOutResult,
): Promise<void> {
  const owners = ownersOfRound(deps, roster, round);
  if (owners.length === 0) return;
  const conversations = new Map(
    (await deps.conversations.list('personal')).map((conversation) => [conversation.key, conversation]),
  );
  for (const { owner } of owners) {
    const key = `person:${owner.email}`;
    const conversation = conversations.get(key);
    const reachable = conversation !== undefined && !conversation.unreachable;
    const urn = ownerPromptKey(owner.email);
    const claimed = await deps.prompts.claim({
      term: round.term,
      urn,
      personEmail: owner.email,
      state: reachable ? 'pending' : 'noConversation',
      claimedAt: deps.clock().toISOString(),
      remindedOn: [],
    });
    if (!claimed) {
      const existing = await deps.prompts.get(round.term, urn);
      if (
        !existing ||
        !(existing.state === 'pending' || (existing.state === 'noConversation' && reachable))
      ) {
        result.already++;
        continue;
      }
    }
    if (!reachable) {
      result.noConversation.push(`${owner.name} (trust figures)`);
      continue;
    }
    await deps.outbox.enqueue({
      id: ownerPromptMessageId(round.term, owner.email),
      conversationKey: key,
      activity: {},
      compose: { kind: 'ownerPrompt', term: round.term, email: owner.email },
      reference: conversation.reference,
    });
    await deps.prompts.update(round.term, urn, { state: 'queued', queuedAt: deps.clock().toISOString() });
    result.queued++;
  }
}

async function fanOutChunk(
  deps: RoundDeps,
  term: string,
  chunk: readonly PendingPrompt[],
  result: FanOutResult,
): Promise<void> {
  const claimedAt = deps.clock().toISOString();
  const fresh = chunk.filter((item) => item.version === undefined);
  const records = fresh.map(({ entry }): PromptRecord => {
    const { academy, head } = entry;
    return {
      term,
      urn: academy.urn,
      ...(head ? { personEmail: head.email } : {}),
      // Nothing is queued for these, so the claim is also their outcome.
      state: !head ? 'noHead' : entry.reachable ? 'pending' : 'noConversation',
      claimedAt,
      remindedOn: [],
    };
  });
  const claimed = records.length > 0 ? await deps.prompts.claimAll(records) : new Map<string, string>();
  const toPrompt: PendingPrompt[] = [];
  const updates: PromptUpdate[] = [];
  const note = (entry: AskedAcademy, version: string | undefined): void => {
    const { academy, head } = entry;
    if (!head) {
      result.noHead.push(academy.name);
      if (version !== undefined) updates.push({ urn: academy.urn, version, changes: { state: 'noHead' } });
    } else if (!entry.reachable) {
      result.noConversation.push(`${head.name} (${academy.name})`);
      if (version !== undefined) {
        updates.push({ urn: academy.urn, version, changes: { state: 'noConversation' } });
      }
    } else {
      toPrompt.push({ entry, version });
    }
  };
  for (const item of fresh) {
    const version = claimed.get(item.entry.academy.urn);
    if (version !== undefined) {
      // Claimed now: a pending claim is queued below; the others are recorded already.
      if (item.entry.head && item.entry.reachable) toPrompt.push({ entry: item.entry, version });
      else note(item.entry, undefined);
      continue;
    }
    // Another fan-out claimed it between our read and our claim: resume it only if it may need it.
    const existing = await deps.prompts.get(term, item.entry.academy.urn);
    if (existing && mayResume(existing, item.entry)) note(item.entry, existing.version ?? '');
    else result.already++;
  }
  for (const item of chunk) if (item.version !== undefined) note(item.entry, item.version);

  let next = 0;
  const queuedAt = (): string => deps.clock().toISOString();
  const worker = async (): Promise<void> => {
    while (next < toPrompt.length) {
      const item = toPrompt[next++];
      if (!item?.entry.head) continue;
      const { academy, head } = item.entry;
      await deps.outbox.enqueue({
        id: promptMessageId(term, academy.urn),
        conversationKey: `person:${head.email}`,
        activity: {},
        compose: { kind: 'figuresPrompt', term, urn: academy.urn },
        ...(item.entry.conversation ? { reference: item.entry.conversation.reference } : {}),
      });
      updates.push({
        urn: academy.urn,
        version: item.version ?? '',
        changes: { state: 'queued', queuedAt: queuedAt() },
      });
      result.queued++;
    }
  };
  const settled = await Promise.allSettled(
    Array.from({ length: Math.min(ENQUEUE_CONCURRENCY, toPrompt.length) }, worker),
  );
  // What was queued is recorded even when another write failed, so the retry does not queue it again.
  if (updates.length > 0) await deps.prompts.updateAll(term, updates);
  const failed = settled.find((outcome) => outcome.status === 'rejected');
  if (failed) throw failed.reason;
}

/**
 * An owner of trust figures answers the round in the chat, as a head does (chatAnswers.ts): the bot asks
 * for each of their figures academy by academy ("Oak Academy: Local governing body vacancies · 3 of 12")
 * and the owner replies with the figure, `same` (last term's), `n/a <reason>`, `skip` (refused: every
 * trust figure is required), `back` or `stop`; at the end it shows what will be stored and asks to submit.
 *
 * Everything goes through the owner card's paths: each answer is checked by validateFigures (the same
 * messages), kept in the owner's draft (saveOwnerDraft: the card shows it), and the submission is
 * submitOwnerFigures with channel `chat`: one record and audit per academy and figure, `by` the owner.
 * Where the owner is in the walk is their ChatSession (`owner: true`), as a head's is.
 */
import { parseMetricValue } from '../../domain/metrics/parseMetricValue';
import type { Academy, Person, Roster } from '../../domain/roster/roster';
import { ownerFieldId, type OwnerTermRecord } from '../../domain/round/ownerRound';
import type { RequestedMetric } from '../../domain/round/requestedMetrics';
import type { Round } from '../../domain/round/round';
import { REASON_PREFIX, VALUE_PREFIX } from '../../domain/round/validateFigures';
import { md, ownMarkdown } from '../escapeMarkdown';
import type { ChatSession } from '../ports';
import type { ChatAnswerReply } from './chatAnswers';
import {
  answerSoFarLine,
  CHAT_WORDS,
  lastTermLine,
  rangeLine,
  readChatAnswer,
  replyWordsLine,
} from './chatAnswerWords';
import { contentText, inputText } from './figuresViews';
import { previousFigures } from './headFigures';
import {
  type OwnerContext,
  ownerContext,
  saveOwnerDraft,
  showOwnerFigures,
  submitOwnerFigures,
} from './ownerFigures';
import type { RoundDeps } from './roundDeps';
import { latestRound } from './roundProgress';
import { termLabel } from './roundTerm';

/** One question: one academy's figure. */
interface Step {
  academy: Academy;
  requested: RequestedMetric;
  valueId: string;
  reasonId: string;
}

interface Walk {
  round: Round;
  steps: Step[];
  /** The answers so far, by the owner card's field ids: what is stored, with the owner's draft over it. */
  inputs: Record<string, string>;
}

const text = (value: string): ChatAnswerReply => ({ kind: 'text', text: value });

async function walkFor(deps: RoundDeps, context: OwnerContext, owner: OwnerTermRecord): Promise<Walk> {
  const records = new Map((await deps.figures.term(context.round.term)).map((r) => [r.urn, r]));
  const steps: Step[] = [];
  const inputs: Record<string, string> = {};
  for (const { academy, metrics } of context.request.academies) {
    for (const requested of metrics) {
      const step = {
        academy,
        requested,
        valueId: ownerFieldId(VALUE_PREFIX, academy.urn, requested.metric.id),
        reasonId: ownerFieldId(REASON_PREFIX, academy.urn, requested.metric.id),
      };
      steps.push(step);
      const content = records.get(academy.urn)?.figures.get(requested.metric.id)?.content;
      if (content && 'value' in content) inputs[step.valueId] = inputText(content.value);
      else if (content) inputs[step.reasonId] = content.notAvailable;
    }
  }
  return { round: context.round, steps, inputs: { ...inputs, ...(owner.draft?.inputs ?? {}) } };
}

function answered(walk: Walk, step: Step): boolean {
  return (walk.inputs[step.valueId] ?? '') !== '' || (walk.inputs[step.reasonId] ?? '') !== '';
}

async function lastTerm(deps: RoundDeps, walk: Walk, step: Step) {
  return (await previousFigures(deps, step.academy.urn, walk.round.term)).get(step.requested.metric.id);
}

async function question(deps: RoundDeps, walk: Walk, position: number): Promise<string> {
  const step = walk.steps[position];
  if (!step) return review(walk);
  const { metric } = step.requested;
  const last = await lastTerm(deps, walk, step);
  return [
    md`**${step.academy.name}: ${metric.label}**${metric.unit ? ` (${metric.unit})` : ''} · ${position + 1} of ${walk.steps.length} · required`,
    [
      rangeLine(step.requested),
      lastTermLine(step.requested, last),
      answerSoFarLine({ value: walk.inputs[step.valueId] ?? '', reason: walk.inputs[step.reasonId] ?? '' }),
    ]
      .filter((part) => part !== '')
      .join(' '),
    replyWordsLine(step.requested, last !== undefined),
  ].join('\n\n');
}

function review(walk: Walk): string {
  const lines = walk.steps.map((step) => {
    const { metric } = step.requested;
    const value = walk.inputs[step.valueId] ?? '';
    const reason = walk.inputs[step.reasonId] ?? '';
    const parsed = value !== '' ? parseMetricValue(metric, value) : undefined;
    const shown =
      reason !== ''
        ? md`not available (${reason})`
        : parsed?.ok
          ? contentText(metric, { value: parsed.value })
          : value
            ? md`${value}`
            : '(not answered)';
    return md`- ${step.academy.name}: ${metric.label}: ${ownMarkdown(shown)}`;
  });
  return [
    `Here are the trust figures that will be stored for ${termLabel(walk.round.term)}:`,
    lines.join('\n'),
    'Reply **submit** to store these, **back** to change the last one, or **stop** to keep them as a draft.',
  ].join('\n\n');
}

/** The owner's round and record, or why they cannot answer; undefined when the round asks them nothing. */
async function ownerWalk(
  deps: RoundDeps,
  roster: Roster,
  person: Person,
): Promise<{ context: OwnerContext; walk: Walk } | { reply: string } | undefined> {
  const round = await latestRound(deps);
  if (!round || round.status !== 'open') {
    return { reply: "No round is open just now. I'll send you the card here when the next one opens." };
  }
  const found = await ownerContext(deps, roster, person, round.term);
  if (!found.ok) return undefined;
  const owner = await deps.owners.read(round.term, person.email);
  return { context: found.context, walk: await walkFor(deps, found.context, owner) };
}

/**
 * Starts an owner's walk (`answer in chat`); undefined when the open round asks them for no trust figures
 * (the caller answers as for anyone else).
 */
export async function startOwnerChatAnswers(
  deps: RoundDeps,
  roster: Roster,
  person: Person,
): Promise<ChatAnswerReply[] | undefined> {
  const found = await ownerWalk(deps, roster, person);
  if (!found) return undefined;
  if ('reply' in found) return [text(found.reply)];
  const { walk } = found;
  const open = walk.steps.findIndex((step) => !answered(walk, step));
  const position = open === -1 ? walk.steps.length : open;
  await saveSession(deps, person, walk, position);
  const count = found.context.request.academies.length;
  const intro =
    `Answering your ${termLabel(walk.round.term)} trust figures here, academy by academy (${walk.steps.length} ` +
    `figures for ${count} ${count === 1 ? 'academy' : 'academies'}). Your answers are kept as you go, and your card shows them too.`;
  return [text(`${intro}\n\n${await question(deps, walk, position)}`)];
}

async function saveSession(deps: RoundDeps, person: Person, walk: Walk, position: number): Promise<void> {
  await deps.chatSessions.save({
    personEmail: person.email,
    term: walk.round.term,
    position,
    owner: true,
    updatedAt: deps.clock().toISOString(),
  });
}

/** Answers one reply of an owner answering in chat. */
export async function ownerChatAnswer(
  deps: RoundDeps,
  roster: Roster,
  person: Person,
  current: ChatSession,
  reply: string,
): Promise<ChatAnswerReply[]> {
  const said = reply.trim();
  const found = await ownerWalk(deps, roster, person);
  if (!found || 'reply' in found || found.walk.round.term !== current.term) {
    await deps.chatSessions.clear(person.email);
    return [
      text(
        `The ${termLabel(current.term)} round no longer asks you for trust figures here, so I stopped asking.`,
      ),
    ];
  }
  const { walk } = found;
  const position = Math.min(current.position, walk.steps.length);
  if (CHAT_WORDS.stop.test(said)) {
    await deps.chatSessions.clear(person.email);
    return [
      text(
        'Stopped. Your answers are kept as a draft, not submitted yet: type **answer in chat** to carry on here, or **figures** for the card.',
      ),
    ];
  }
  if (CHAT_WORDS.back.test(said)) {
    const back = Math.max(0, position - 1);
    await saveSession(deps, person, walk, back);
    return [text(await question(deps, walk, back))];
  }
  const step = walk.steps[position];
  if (!step) return submitReply(deps, roster, person, walk, said);
  const { metric } = step.requested;
  const read = readChatAnswer(step.requested, said, {
    last: await lastTerm(deps, walk, step),
    example: 'n/a the clerk is recruiting',
    name: md`${step.academy.name}: ${metric.label}`,
  });
  if (read.kind === 'reply') return [text(read.text)];
  const { answer } = read;
  walk.inputs[step.valueId] = answer.value;
  walk.inputs[step.reasonId] = answer.reason;
  const saved = await saveOwnerDraft(deps, roster, person, walk.round.term, walk.inputs);
  if (saved.kind !== 'draftSaved') {
    return [text('Your answers were being saved elsewhere at the same moment; please send that again.')];
  }
  await saveSession(deps, person, walk, position + 1);
  return [text(await question(deps, walk, position + 1))];
}

async function submitReply(
  deps: RoundDeps,
  roster: Roster,
  person: Person,
  walk: Walk,
  said: string,
): Promise<ChatAnswerReply[]> {
  if (!CHAT_WORDS.submit.test(said)) return [text(review(walk))];
  const data: Record<string, string> = {};
  for (const step of walk.steps) {
    data[step.valueId] = walk.inputs[step.valueId] ?? '';
    data[step.reasonId] = walk.inputs[step.reasonId] ?? '';
  }
  const outcome = await submitOwnerFigures(
    deps,
    roster,
    person,
    walk.round.term,
    data,
    undefined,
    undefined,
    'chat',
  );
  if (outcome.kind === 'invalid') {
    // An earlier answer or the card left something to fix: go back to the first figure that needs it.
    const index = walk.steps.findIndex((step) =>
      outcome.errors.get(step.academy.urn)?.has(step.requested.metric.id),
    );
    const step = walk.steps[index];
    const message = step ? outcome.errors.get(step.academy.urn)?.get(step.requested.metric.id) : undefined;
    await saveSession(deps, person, walk, Math.max(0, index));
    return [
      text(
        `${message ?? 'Something needs attention'}. Nothing has been stored yet.\n\n${await question(deps, walk, Math.max(0, index))}`,
      ),
    ];
  }
  if (outcome.kind !== 'stored') {
    if (outcome.kind !== 'busy') await deps.chatSessions.clear(person.email);
    return [text('text' in outcome ? outcome.text : 'Please type **submit** again.')];
  }
  await deps.chatSessions.clear(person.email);
  const summary = await showOwnerFigures(deps, roster, person, walk.round.term);
  return [
    text(`Submitted: your ${termLabel(walk.round.term)} trust figures are stored.`),
    ...(summary.kind === 'card' ? [{ kind: 'card' as const, card: summary.card }] : []),
  ];
}

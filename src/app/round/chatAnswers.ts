/**
 * A head answers the round in the chat itself, one figure at a time: the bot asks for each requested
 * figure (label, unit, range, last term's value) and the head replies with the figure, `same` (last
 * term's), `n/a <reason>`, `skip` (optional figures only), `back` or `stop`. At the end it shows what will
 * be stored and asks to submit.
 *
 * Everything goes through the card's own paths: each answer is checked by validateFigures (the same
 * messages), kept in the academy's draft (the card shows it, and the chat finds what the card saved), and
 * the submission is submitFigures with channel `chat` in the audit. Where the head is in the walk is a
 * ChatSession in storage: on Azure Functions no memory survives between two replies.
 */
import { formatDateLabel } from '../../domain/evaluation/formatForTrustees';
import { INSPECTION_METRIC_IDS } from '../../domain/metrics/metricCatalogue';
import { parseMetricValue } from '../../domain/metrics/parseMetricValue';
import type { Academy, Person, Roster } from '../../domain/roster/roster';
import {
  flattenRequested,
  type RequestedMetric,
  requestedMetrics,
} from '../../domain/round/requestedMetrics';
import type { AcademyTermRecord, Round, StoredFigure } from '../../domain/round/round';
import {
  type DateBounds,
  dateBoundsFor,
  MAX_REASON_LENGTH,
  MAX_VALUE_LENGTH,
  REASON_PREFIX,
  validateFigures,
  VALUE_PREFIX,
} from '../../domain/round/validateFigures';
import { md, ownMarkdown } from '../escapeMarkdown';
import type { ChatSession } from '../ports';
import { updateFigureRecord } from '../updateFigureRecord';
import {
  answerSoFarLine,
  CHAT_WORDS,
  type ChatFigureAnswer,
  lastTermLine,
  rangeLine,
  readChatAnswer,
  replyWordsLine,
} from './chatAnswerWords';
import { contentText, inputText } from './figuresViews';
import { type HeadOutcome, previousFigures, submitFigures } from './headFigures';
import type { CardAttachment, RoundDeps } from './roundDeps';
import { academiesLedBy } from './roundPeople';
import { latestRound } from './roundProgress';
import { termLabel, termOf } from './roundTerm';

export type ChatAnswerReply = { kind: 'text'; text: string } | { kind: 'card'; card: CardAttachment };

/** One question of the walk: a requested figure, or whether the academy was inspected this term. */
type Step = { kind: 'figure'; requested: RequestedMetric } | { kind: 'inspected' };

/**
 * The questions in order: every figure but an inspection's grades, then (when the plan asks for them)
 * "inspected this term?", and the grades only after a yes, as on the card.
 */
function stepsOf(requested: readonly RequestedMetric[]): Step[] {
  const regular = requested.filter(({ metric }) => !INSPECTION_METRIC_IDS.has(metric.id));
  const inspection = requested.filter(({ metric }) => INSPECTION_METRIC_IDS.has(metric.id));
  return [
    ...regular.map((entry): Step => ({ kind: 'figure', requested: entry })),
    ...(inspection.length > 0 ? [{ kind: 'inspected' } as const] : []),
    ...inspection.map((entry): Step => ({ kind: 'figure', requested: entry })),
  ];
}

interface Walk {
  round: Round;
  academy: Academy;
  requested: RequestedMetric[];
  steps: Step[];
  record: AcademyTermRecord;
  /** What the head has answered so far, as the card's inputs: the draft, or else what is stored. */
  inputs: Record<string, string>;
  previous: ReadonlyMap<string, StoredFigure>;
  /** The days a date answer may fall on: from the academy's opening to the end of the term. */
  dates: DateBounds;
}

/** The card's inputs as they stand: the draft when there is one, else the stored figures. */
function workingInputs(
  record: AcademyTermRecord,
  requested: readonly RequestedMetric[],
): Record<string, string> {
  if (record.draft) return { ...record.draft.inputs };
  const inputs: Record<string, string> = {};
  for (const { metric } of requested) {
    const content = record.figures.get(metric.id)?.content;
    if (!content) continue;
    if ('value' in content) inputs[VALUE_PREFIX + metric.id] = inputText(content.value);
    else inputs[REASON_PREFIX + metric.id] = content.notAvailable;
  }
  return inputs;
}

/** A figure's answer as the card's inputs hold it. */
function answerOf(inputs: Readonly<Record<string, string>>, metricId: string): ChatFigureAnswer {
  return { value: inputs[VALUE_PREFIX + metricId] ?? '', reason: inputs[REASON_PREFIX + metricId] ?? '' };
}

function answered(inputs: Readonly<Record<string, string>>, metricId: string): boolean {
  const { value, reason } = answerOf(inputs, metricId);
  return value !== '' || reason !== '';
}

async function walkFor(deps: RoundDeps, round: Round, academy: Academy): Promise<Walk> {
  const requested = flattenRequested(requestedMetrics(deps.plan, academy, termOf(round), deps.calendar));
  const [record, previous] = await Promise.all([
    deps.figures.read(round.term, academy.urn),
    previousFigures(deps, academy.urn, round.term),
  ]);
  return {
    round,
    academy,
    requested,
    steps: stepsOf(requested),
    record,
    inputs: workingInputs(record, requested),
    previous,
    dates: dateBoundsFor(academy, termOf(round), deps.calendar),
  };
}

/** Where a walk starts: the first question not answered yet, or the review when all are. */
function firstOpenStep(walk: Walk): number {
  const inspectedAlready = walk.requested.some(
    ({ metric }) => INSPECTION_METRIC_IDS.has(metric.id) && answered(walk.inputs, metric.id),
  );
  const index = walk.steps.findIndex((step) =>
    step.kind === 'inspected'
      ? !inspectedAlready
      : step.requested.required && !answered(walk.inputs, step.requested.metric.id),
  );
  return index === -1 ? walk.steps.length : index;
}

/** The question for the step, with what the head may reply. */
function question(walk: Walk, position: number): string {
  const step = walk.steps[position];
  if (!step) return review(walk);
  const count = `${position + 1} of ${walk.steps.length}`;
  if (step.kind === 'inspected') {
    return [
      md`**Was ${walk.academy.name} inspected this term?** (${count})`,
      'Reply **yes** to give the inspection grades, or **no** to go on. **back** or **stop** as before.',
    ].join('\n\n');
  }
  const { metric, required } = step.requested;
  const unit = metric.unit ? ` (${metric.unit})` : '';
  const lines = [
    md`**${metric.label}**${ownMarkdown(unit)} · ${count} · ${required ? 'required' : 'optional'}`,
    [
      rangeLine(step.requested, walk.dates),
      lastTermLine(step.requested, walk.previous.get(metric.id)),
      answerSoFarLine(answerOf(walk.inputs, metric.id)),
    ]
      .filter((part) => part !== '')
      .join(' '),
    replyWordsLine(step.requested, walk.previous.has(metric.id)),
  ];
  return lines.filter((line) => line !== '').join('\n\n');
}

/** What will be stored, figure by figure, and the question to submit. */
function review(walk: Walk): string {
  const lines: string[] = [];
  for (const { metric, required } of walk.requested) {
    const value = walk.inputs[VALUE_PREFIX + metric.id] ?? '';
    const reason = walk.inputs[REASON_PREFIX + metric.id] ?? '';
    if (reason !== '') lines.push(md`- ${metric.label}: not available (${reason})`);
    else if (value !== '') {
      const parsed = parseMetricValue(metric, value);
      lines.push(md`- ${metric.label}: ${parsed.ok ? contentText(metric, { value: parsed.value }) : value}`);
    } else if (required) lines.push(md`- ${metric.label}: (not answered)`);
  }
  return [
    md`Here is what will be stored for ${walk.academy.name}, ${termLabel(walk.round.term)}:`,
    lines.join('\n'),
    'Reply **submit** to store these, **back** to change the last one, or **stop** to keep them as a draft.',
  ].join('\n\n');
}

/** Keeps the walk's answers as the academy's draft, as Save for later on the card does. */
async function saveAnswers(deps: RoundDeps, person: Person, walk: Walk): Promise<boolean> {
  const inputs: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [key, value] of Object.entries(walk.inputs)) {
    const limit = key.startsWith(REASON_PREFIX) ? MAX_REASON_LENGTH : MAX_VALUE_LENGTH;
    inputs[key] = value.trim().slice(0, limit);
  }
  const update = await updateFigureRecord(
    deps.figures,
    { term: walk.round.term, urn: walk.academy.urn },
    (record) => {
      const draft = { inputs, savedBy: person.email, savedAt: deps.clock().toISOString() };
      return {
        kind: 'write',
        change: {
          ...(record.state === 'submitted' ? {} : { state: 'draft' as const }),
          figures: [],
          audit: [],
          draft,
        },
        result: undefined,
      };
    },
  );
  return update.kind === 'written';
}

function session(
  deps: RoundDeps,
  person: Person,
  walk: Walk,
  position: number,
  inspected?: boolean,
): ChatSession {
  return {
    personEmail: person.email,
    term: walk.round.term,
    urn: walk.academy.urn,
    position,
    ...(inspected !== undefined ? { inspected } : {}),
    updatedAt: deps.clock().toISOString(),
  };
}

const text = (value: string): ChatAnswerReply => ({ kind: 'text', text: value });

/** The open round, or a reply saying there is none. */
async function openRound(deps: RoundDeps): Promise<Round | undefined> {
  const round = await latestRound(deps);
  return round?.status === 'open' ? round : undefined;
}

/**
 * Starts answering in chat (`answer in chat`, or the button on the card or reminder, which names the
 * academy). A head of several academies is asked which one first.
 */
export async function startChatAnswers(
  deps: RoundDeps,
  roster: Roster,
  person: Person,
  target: { term?: string; urn?: string } = {},
): Promise<ChatAnswerReply[]> {
  const round = await openRound(deps);
  if (!round || (target.term !== undefined && target.term !== round.term)) {
    return [text("No round is open just now. I'll send you the card here when the next one opens.")];
  }
  const academies = academiesLedBy(person, roster);
  if (academies.length === 0) return [text('The roster does not name an academy you lead.')];
  const chosen = target.urn ? academies.find((academy) => academy.urn === target.urn) : academies[0];
  if (!chosen) {
    return [text('This card is not for an academy you lead. Type **answer in chat** for your own figures.')];
  }
  if (!target.urn && academies.length > 1) {
    await deps.chatSessions.save({
      personEmail: person.email,
      term: round.term,
      choosing: academies.map((academy) => academy.urn),
      position: 0,
      updatedAt: deps.clock().toISOString(),
    });
    const list = academies.map((academy, index) => md`${index + 1}. ${academy.name}`).join('\n');
    return [text(`Which academy first?\n\n${list}\n\nReply with the number or the name, or **stop**.`)];
  }
  return begin(deps, person, round, chosen);
}

async function begin(
  deps: RoundDeps,
  person: Person,
  round: Round,
  academy: Academy,
): Promise<ChatAnswerReply[]> {
  const walk = await walkFor(deps, round, academy);
  if (walk.requested.length === 0) {
    await deps.chatSessions.clear(person.email);
    return [text(md`The plan needs no figures from ${academy.name} for ${termLabel(round.term)}.`)];
  }
  const position = firstOpenStep(walk);
  await deps.chatSessions.save(session(deps, person, walk, position));
  const intro =
    md`Answering ${termLabel(round.term)} for ${academy.name} here, one figure at a time (due by the end of ` +
    `${formatDateLabel(round.closesOn)}). Your answers are kept as you go, and the card shows them too.`;
  return [text(`${intro}\n\n${question(walk, position)}`)];
}

/** Whether the person is answering in chat now, so their next message is an answer. */
export async function chatSessionOf(deps: RoundDeps, person: Person): Promise<ChatSession | undefined> {
  return person.role === 'head' ? deps.chatSessions.get(person.email) : undefined;
}

/** Answers one reply of a head who is answering in chat. */
export async function chatAnswer(
  deps: RoundDeps,
  roster: Roster,
  person: Person,
  current: ChatSession,
  reply: string,
): Promise<ChatAnswerReply[]> {
  const said = reply.trim();
  const round = await openRound(deps);
  if (!round || round.term !== current.term) {
    await deps.chatSessions.clear(person.email);
    return [text(`The ${termLabel(current.term)} round is no longer open, so I stopped asking.`)];
  }
  const academies = academiesLedBy(person, roster);
  if (current.urn === undefined) return choose(deps, person, round, academies, current, said);
  const academy = academies.find((candidate) => candidate.urn === current.urn);
  if (!academy) {
    await deps.chatSessions.clear(person.email);
    return [text('The roster no longer names you head of that academy, so I stopped asking.')];
  }
  const walk = await walkFor(deps, round, academy);
  const position = Math.min(current.position, walk.steps.length);
  const step = walk.steps[position];

  if (CHAT_WORDS.stop.test(said)) {
    await deps.chatSessions.clear(person.email);
    return [
      text(
        md`Stopped. Your answers are kept as a draft for ${academy.name}, not submitted yet: type **answer in chat** ` +
          'to carry on here, or **figures** for the card.',
      ),
    ];
  }
  if (CHAT_WORDS.back.test(said)) {
    const back = previousStep(walk, position, current.inspected);
    await deps.chatSessions.save({ ...current, position: back, updatedAt: deps.clock().toISOString() });
    return [text(question(walk, back))];
  }
  if (!step) return reviewReply(deps, roster, person, walk, current, said);
  if (step.kind === 'inspected') {
    const yes = CHAT_WORDS.yes.test(said);
    if (!yes && !CHAT_WORDS.no.test(said)) {
      return [text(`Please reply **yes** or **no**.\n\n${question(walk, position)}`)];
    }
    const inspected = yes;
    const next = inspected ? position + 1 : walk.steps.length;
    await deps.chatSessions.save(session(deps, person, walk, next, inspected));
    return [text(question(walk, next))];
  }
  return figureReply(deps, person, walk, current, position, step.requested, said);
}

/** The step before `position`, passing over the inspection's grades when there was no inspection. */
function previousStep(walk: Walk, position: number, inspected: boolean | undefined): number {
  let back = Math.max(0, position - 1);
  while (back > 0 && inspected === false) {
    const step = walk.steps[back];
    if (step?.kind !== 'figure' || !INSPECTION_METRIC_IDS.has(step.requested.metric.id)) break;
    back--;
  }
  return back;
}

async function choose(
  deps: RoundDeps,
  person: Person,
  round: Round,
  academies: readonly Academy[],
  current: ChatSession,
  said: string,
): Promise<ChatAnswerReply[]> {
  if (CHAT_WORDS.stop.test(said)) {
    await deps.chatSessions.clear(person.email);
    return [text('Stopped. Type **answer in chat** to start again, or **figures** for the cards.')];
  }
  const offered = (current.choosing ?? []).flatMap((urn) =>
    academies.filter((academy) => academy.urn === urn),
  );
  const wanted = said.toLowerCase();
  const byNumber = /^\d+$/.test(said) ? offered[Number(said) - 1] : undefined;
  const byName = offered.filter((academy) => academy.name.toLowerCase().includes(wanted));
  const chosen = byNumber ?? (wanted !== '' && byName.length === 1 ? byName[0] : undefined);
  if (!chosen) {
    const list = offered.map((academy, index) => md`${index + 1}. ${academy.name}`).join('\n');
    return [text(`I'm not sure which academy you mean. Reply with its number:\n\n${list}`)];
  }
  return begin(deps, person, round, chosen);
}

async function figureReply(
  deps: RoundDeps,
  person: Person,
  walk: Walk,
  current: ChatSession,
  position: number,
  requested: RequestedMetric,
  said: string,
): Promise<ChatAnswerReply[]> {
  const { metric } = requested;
  const read = readChatAnswer(requested, said, {
    last: walk.previous.get(metric.id),
    dates: walk.dates,
    example: 'n/a results not published yet',
    name: md`${metric.label}`,
  });
  if (read.kind === 'reply') return [text(read.text)];
  const { answer } = read;
  const valueId = VALUE_PREFIX + metric.id;
  const reasonId = REASON_PREFIX + metric.id;
  walk.inputs[valueId] = answer.value;
  walk.inputs[reasonId] = answer.reason;
  if (!(await saveAnswers(deps, person, walk))) {
    return [text('Your answers were being saved elsewhere at the same moment; please send that again.')];
  }
  const next = position + 1;
  await deps.chatSessions.save({ ...current, position: next, updatedAt: deps.clock().toISOString() });
  return [text(question(walk, next))];
}

async function reviewReply(
  deps: RoundDeps,
  roster: Roster,
  person: Person,
  walk: Walk,
  current: ChatSession,
  said: string,
): Promise<ChatAnswerReply[]> {
  if (!CHAT_WORDS.submit.test(said)) return [text(review(walk))];
  const checked = validateFigures(walk.requested, new Map(Object.entries(walk.inputs)), walk.dates);
  if (!checked.ok) {
    // The card or an earlier answer left something to fix: go back to the first figure that needs it.
    const index = walk.steps.findIndex(
      (step) => step.kind === 'figure' && checked.errors.has(step.requested.metric.id),
    );
    const step = walk.steps[index];
    const message = step?.kind === 'figure' ? checked.errors.get(step.requested.metric.id) : undefined;
    await deps.chatSessions.save({ ...current, position: index, updatedAt: deps.clock().toISOString() });
    return [
      text(
        `${message ?? 'Something needs attention'}. Nothing has been stored yet.\n\n${question(walk, index)}`,
      ),
    ];
  }
  const data: Record<string, unknown> = {};
  for (const { metric } of walk.requested) {
    data[VALUE_PREFIX + metric.id] = walk.inputs[VALUE_PREFIX + metric.id] ?? '';
    data[REASON_PREFIX + metric.id] = walk.inputs[REASON_PREFIX + metric.id] ?? '';
  }
  const outcome: HeadOutcome = await submitFigures(
    deps,
    roster,
    person,
    { term: walk.round.term, urn: walk.academy.urn },
    data,
    'chat',
  );
  if (outcome.kind !== 'card') {
    if (outcome.kind !== 'busy') await deps.chatSessions.clear(person.email);
    return [text(outcome.text)];
  }
  await deps.chatSessions.clear(person.email);
  const others = academiesLedBy(person, roster).filter((academy) => academy.urn !== walk.academy.urn);
  const next =
    others.length > 0
      ? md` Type **answer in chat** to answer for ${ownMarkdown(others.map((a) => md`${a.name}`).join(' or '))} next.`
      : '';
  return [
    text(
      md`Submitted: ${walk.academy.name}'s ${termLabel(walk.round.term)} figures are stored.${ownMarkdown(next)}`,
    ),
    { kind: 'card', card: outcome.card },
  ];
}

/**
 * What a head and an owner of trust figures may reply when answering the round in chat (chatAnswers.ts,
 * ownerChatAnswers.ts), read the same way for both: the figure, a choice's number, `same` (last term's),
 * `n/a <reason>`, `skip` (optional figures only), and the question's line saying what is accepted.
 *
 * Each answer is checked with the card's own validation (validateFigures), so the chat and the card give
 * the same messages.
 */
import { formatDateLabel } from '../../domain/evaluation/formatForTrustees';
import type { RequestedMetric } from '../../domain/round/requestedMetrics';
import type { StoredFigure } from '../../domain/round/round';
import {
  type DateBounds,
  REASON_PREFIX,
  validateFigures,
  VALUE_PREFIX,
} from '../../domain/round/validateFigures';
import { md } from '../escapeMarkdown';
import { contentText, inputText } from './figuresViews';
import { termLabel } from './roundTerm';

export const CHAT_WORDS = {
  same: /^same$/i,
  skip: /^skip$/i,
  back: /^back$/i,
  stop: /^stop$/i,
  submit: /^submit$/i,
  yes: /^(yes|y)$/i,
  no: /^(no|n)$/i,
  notAvailable: /^n\s*\/\s*a\b\s*[:,-]?\s*(.*)$/is,
};

/** One figure as the card's inputs hold it: a value, or the reason it is not available. */
export interface ChatFigureAnswer {
  value: string;
  reason: string;
}

/** What a reply means for one figure: an answer to keep, or what to say back instead. */
export type ReadChatAnswer = { kind: 'answer'; answer: ChatFigureAnswer } | { kind: 'reply'; text: string };

/**
 * Reads one reply to a figure's question and checks it as the card would. `last` is last term's figure
 * (for `same`); `example` is the n/a example shown when the reason is missing; `name` says which figure
 * nothing was kept for.
 */
export function readChatAnswer(
  requested: RequestedMetric,
  said: string,
  options: { last?: StoredFigure; dates?: DateBounds; example: string; name: string },
): ReadChatAnswer {
  const { metric, required } = requested;
  let answer: ChatFigureAnswer;
  if (CHAT_WORDS.skip.test(said)) {
    if (required) {
      return {
        kind: 'reply',
        text: `${metric.label} is required: reply with the figure, or **n/a** and the reason it can't be given yet.`,
      };
    }
    return { kind: 'answer', answer: { value: '', reason: '' } };
  }
  if (CHAT_WORDS.same.test(said)) {
    const { last } = options;
    if (!last || !('value' in last.content)) {
      return {
        kind: 'reply',
        text: `There is no figure from last term to repeat for ${metric.label}. Reply with this term's.`,
      };
    }
    answer = { value: inputText(last.content.value), reason: '' };
  } else {
    const notAvailable = CHAT_WORDS.notAvailable.exec(said);
    if (notAvailable) {
      const reason = (notAvailable[1] ?? '').trim();
      if (reason === '') {
        return { kind: 'reply', text: `Say why it is not available, e.g. **${options.example}**.` };
      }
      answer = { value: '', reason };
    } else {
      answer = { value: optionByNumber(requested, said) ?? said, reason: '' };
    }
  }
  const checked = validateFigures(
    [requested],
    new Map([
      [VALUE_PREFIX + metric.id, answer.value],
      [REASON_PREFIX + metric.id, answer.reason],
    ]),
    options.dates,
  );
  if (!checked.ok) {
    const message = checked.errors.get(metric.id) ?? 'Enter a valid value';
    return { kind: 'reply', text: `${message}. Nothing was kept for ${options.name}; please reply again.` };
  }
  return { kind: 'answer', answer };
}

/** A choice answered by its number in the list the question gave ("2" for Good); undefined otherwise. */
function optionByNumber(requested: RequestedMetric, said: string): string | undefined {
  const { metric } = requested;
  if ((metric.type !== 'grade' && metric.type !== 'enum') || !/^\d{1,2}$/.test(said)) return undefined;
  return metric.options?.[Number(said) - 1]?.value;
}

/** What the question says is accepted: the choices, yes or no, the days a date may fall on, or the range. */
export function rangeLine(requested: RequestedMetric, dates?: DateBounds): string {
  const { metric } = requested;
  if (metric.type === 'grade' || metric.type === 'enum') {
    const options = (metric.options ?? []).map((option, index) => `${index + 1} ${option.label}`);
    return `Choose: ${options.join(', ')} (the number or the words).`;
  }
  if (metric.type === 'yesNo') return 'Yes or no.';
  if (metric.type === 'date') {
    return dates
      ? `A date, YYYY-MM-DD, from ${formatDateLabel(dates.opened)} to ${formatDateLabel(dates.termEnd)}.`
      : 'A date, YYYY-MM-DD.';
  }
  if (metric.min === undefined || metric.max === undefined) return '';
  const whole = metric.type === 'count' ? 'A whole number, ' : '';
  return `${whole || 'From '}${metric.min} to ${metric.max}${metric.unit ? ` ${metric.unit}` : ''}.`;
}

/** "Last term: 12 (summer 2026)." when there is a figure from last term. */
export function lastTermLine(requested: RequestedMetric, last: StoredFigure | undefined): string {
  return last ? `Last term: ${contentText(requested.metric, last.content)} (${termLabel(last.term)}).` : '';
}

/** "Your answer so far: …" when the figure has been answered (in chat or on the card). */
export function answerSoFarLine(answer: ChatFigureAnswer): string {
  if (answer.value !== '') return md`Your answer so far: ${answer.value}.`;
  if (answer.reason !== '') return md`Your answer so far: not available (${answer.reason}).`;
  return '';
}

/** The question's last line: what may be replied. */
export function replyWordsLine(requested: RequestedMetric, hasLast: boolean): string {
  return `Reply with the figure${hasLast ? ', **same**' : ''}, **n/a** and the reason${
    requested.required ? '' : ', **skip**'
  }, **back** or **stop**.`;
}

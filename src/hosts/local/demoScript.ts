/**
 * What happens in the demo's term, head by head: most answer on time, one only after a reminder, one
 * sends an impossible figure and corrects it, one says a figure is not available and why, and the
 * executive excuses one; the owners of the trust's own figures answer theirs (demoOwnerAnswers).
 * `npm run demo` plays it through the bot's real endpoint; the board pack's test plays the same script
 * through the bot in-process, so both show the same term.
 */
import type { RoundDeps } from '../../app/round/roundDeps';
import type { MetricValue } from '../../domain/metrics/parseMetricValue';
import type { Academy } from '../../domain/roster/roster';
import type { OwnerRequest } from '../../domain/round/ownerRequests';
import { ownerFieldId } from '../../domain/round/ownerRound';
import {
  flattenRequested,
  type RequestedMetric,
  requestedMetrics,
} from '../../domain/round/requestedMetrics';
import { VALUE_PREFIX } from '../../domain/round/validateFigures';
import type { TermRef } from '../../domain/terms/term';
import { addTerms, formatTermKey } from '../../domain/terms/termCalendar';

export type DemoPart = 'onTime' | 'afterReminder' | 'corrects' | 'notAvailable' | 'excused';

export interface DemoHead {
  urn: string;
  part: DemoPart;
  /** For `corrects` and `notAvailable`: the figure concerned. */
  metricId?: string;
  /** For `corrects`: what is typed first (out of range), before the right figure. */
  wrong?: string;
  /** For `notAvailable`: the head's reason; for `excused`: the executive's. */
  reason?: string;
}

/** The demo trust's six heads (demo/roster/people.csv), in roster order. */
export const DEMO_HEADS: readonly DemoHead[] = [
  { urn: '990001', part: 'onTime' },
  {
    urn: '990002',
    part: 'excused',
    reason: 'head on long-term leave; the deputy sends figures next term',
  },
  {
    urn: '990003',
    part: 'notAvailable',
    metricId: 'persistentAbsence',
    reason: 'new MIS being set up; the figure comes after the data migration in January',
  },
  { urn: '990004', part: 'corrects', metricId: 'attendance', wrong: '921' },
  { urn: '990005', part: 'afterReminder' },
  { urn: '990006', part: 'onTime' },
];

/** The executive's words excusing an academy, as typed in chat. */
export function excuseText(head: DemoHead, academyName: string): string {
  return `excuse ${academyName} ${head.reason ?? 'excused for this term'}`;
}

function middle(requested: RequestedMetric): string {
  const { metric } = requested;
  if (metric.type === 'grade' || metric.type === 'enum') return metric.options?.[1]?.value ?? '';
  if (metric.type === 'yesNo') return 'yes';
  const min = metric.min ?? 0;
  const max = metric.max ?? 100;
  return String(Math.round((min + max) / 2));
}

/**
 * A term moves a little: last term's figure nudged by a fixed step in the metric's better direction for
 * even-numbered academies and its worse for odd ones, so the demo shows movement both ways.
 */
function nudged(requested: RequestedMetric, last: MetricValue, urn: string): string {
  const { metric } = requested;
  if (typeof last !== 'number') return String(last);
  const better = metric.higherIsBetter === false ? -1 : 1;
  const direction = Number(urn.slice(-1)) % 2 === 0 ? better : -better;
  const step = metric.type === 'count' ? 1 : Math.max(0.1, Math.abs(last) * 0.02);
  let value = last + direction * step;
  if (metric.min !== undefined) value = Math.max(metric.min, value);
  if (metric.max !== undefined) value = Math.min(metric.max, value);
  return metric.type === 'count' ? String(Math.round(value)) : String(Math.round(value * 10) / 10);
}

/**
 * The card's inputs as the head sends them (`m_<metric>`, `na_<metric>`): every required figure from
 * last term's (the card is pre-filled with them) or the middle of its range, optional ones left blank
 * (or given too, with `everyFigure`, as an owner of the trust's figures gives them).
 */
export function demoInputs(
  head: DemoHead,
  requested: readonly RequestedMetric[],
  lastValues: ReadonlyMap<string, MetricValue>,
  everyFigure = false,
): Record<string, string> {
  const inputs: Record<string, string> = {};
  for (const entry of requested) {
    if (!entry.required && !everyFigure) continue;
    const last = lastValues.get(entry.metric.id);
    inputs[`m_${entry.metric.id}`] = last === undefined ? middle(entry) : nudged(entry, last, head.urn);
  }
  if (head.part === 'notAvailable' && head.metricId) {
    delete inputs[`m_${head.metricId}`];
    inputs[`na_${head.metricId}`] = head.reason ?? 'not available yet';
  }
  return inputs;
}

/**
 * What the head types on the demo term's card, read from the product's own storage: the figures their
 * academy is asked for, each from its latest value in the three terms before (as demoInputs makes it).
 */
export async function demoAnswers(
  round: Pick<RoundDeps, 'plan' | 'calendar' | 'figures'>,
  academy: Academy,
  term: TermRef,
  head: DemoHead,
): Promise<Record<string, string>> {
  const requested = flattenRequested(requestedMetrics(round.plan, academy, term, round.calendar));
  return demoInputs(head, requested, await latestValues(round, academy.urn, term));
}

/** Each measure's latest value for the academy in the three terms before `term`. */
async function latestValues(
  round: Pick<RoundDeps, 'figures'>,
  urn: string,
  term: TermRef,
): Promise<Map<string, MetricValue>> {
  const earlier = [3, 2, 1].map((back) => formatTermKey(addTerms(term, -back)));
  const lastValues = new Map<string, MetricValue>();
  for (const figure of await round.figures.history(urn, earlier)) {
    // Oldest term first, so the latest figure of each measure is the one kept.
    if ('value' in figure.content) lastValues.set(figure.metricId, figure.content.value);
  }
  return lastValues;
}

/**
 * What an owner of trust figures types on their card (field ids `m_<urn>_<metric>`): every figure they
 * are asked, academy by academy, each moved a little from its latest value as a head's are.
 */
export async function demoOwnerAnswers(
  round: Pick<RoundDeps, 'figures'>,
  request: OwnerRequest,
  term: TermRef,
): Promise<Record<string, string>> {
  const typed: Record<string, string> = {};
  for (const { academy, metrics } of request.academies) {
    const values = await latestValues(round, academy.urn, term);
    const inputs = demoInputs({ urn: academy.urn, part: 'onTime' }, metrics, values, true);
    for (const [key, value] of Object.entries(inputs)) {
      typed[ownerFieldId(VALUE_PREFIX, academy.urn, key.slice(VALUE_PREFIX.length))] = value;
    }
  }
  return typed;
}

/**
 * An owner's side of a round as data: the owner of trust figures answers for many academies on one card,
 * but the figures are stored academy by academy (each academy's record for the term is one partition,
 * written in one transaction). So the owner's answer is first kept whole, as the `pending` submission of
 * the owner's own record, and then applied academy by academy; applying it again stores nothing twice
 * (an unchanged figure is not written), so a failure part way is finished by a retry or the next read.
 */
import type { RequestedMetric } from './requestedMetrics';
import type { Draft, FigureContent, SubmissionState } from './round';
import { REASON_PREFIX, VALUE_PREFIX } from './validateFigures';

/** One validated figure of an owner's submission. */
export interface OwnerFigure {
  urn: string;
  metricId: string;
  content: FigureContent;
}

/** An owner's validated answer, kept whole until every academy's record holds it. */
export interface OwnerSubmission {
  /** When it was submitted: the audit time of every figure it changes, however often it is applied. */
  at: string;
  figures: OwnerFigure[];
  /** How it came: the owner's card (the default), or their answers in chat. */
  channel?: 'card' | 'chat';
}

/** An executive excused the owner from this round's figures: no reminders, not counted as missing. */
export interface OwnerExcusal {
  reason: string;
  by: string;
  at: string;
}

/** Everything stored about one owner in one term. */
export interface OwnerTermRecord {
  term: string;
  /** The owner's roster email. */
  email: string;
  state: SubmissionState;
  submittedAt?: string;
  /** What was typed, by the owner card's field ids (ownerFieldId), as typed. */
  draft?: Draft;
  excused?: OwnerExcusal;
  /** A submission not yet applied to every academy (a write failed part way). */
  pending?: OwnerSubmission;
  /** The storage version read (an ETag, opaque); undefined when nothing was stored yet. */
  version?: string;
  /**
   * Another version with exactly this content ('' for nothing stored), when the last change only moved the
   * version on: storage fenced off a write whose answer was lost. A card drawn from it is not stale.
   */
  sameAs?: string;
}

/** Separates the academy from the metric in the owner card's field ids: `m_990001_governorVacancies`. */
const URN_SEPARATOR = '_';

/** The owner card's field id of one academy's figure: the head card's id with the URN in it. */
export function ownerFieldId(
  prefix: typeof VALUE_PREFIX | typeof REASON_PREFIX,
  urn: string,
  metricId: string,
): string {
  return `${prefix}${urn}${URN_SEPARATOR}${metricId}`;
}

/**
 * One academy's inputs from an owner card, under the head card's field ids (`m_<metricId>`), so the head
 * card's validation reads them unchanged.
 */
export function academyInputs(inputs: ReadonlyMap<string, string>, urn: string): Map<string, string> {
  const academy = new Map<string, string>();
  for (const prefix of [VALUE_PREFIX, REASON_PREFIX] as const) {
    const start = `${prefix}${urn}${URN_SEPARATOR}`;
    for (const [key, value] of inputs) {
      if (key.startsWith(start)) academy.set(prefix + key.slice(start.length), value);
    }
  }
  return academy;
}

/** The owner card's field ids for what an owner is asked: each academy's figures, value and reason. */
export function ownerFieldIds(
  academies: ReadonlyArray<{ urn: string; metrics: readonly RequestedMetric[] }>,
): Set<string> {
  return new Set(
    academies.flatMap(({ urn, metrics }) =>
      metrics.flatMap(({ metric }) => [
        ownerFieldId(VALUE_PREFIX, urn, metric.id),
        ownerFieldId(REASON_PREFIX, urn, metric.id),
      ]),
    ),
  );
}

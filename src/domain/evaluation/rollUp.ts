/**
 * Roll-ups: status counts and the worst colour, per academy, per objective and for the trust's own
 * targets, so the board sees where to look before reading the lines.
 */
import type { Rag, RollUp, TargetResult, TargetStatus } from './evaluation';

const RAG_BY_STATUS: Record<TargetStatus, Rag> = {
  met: 'green',
  onTrack: 'green',
  atRisk: 'amber',
  // A figure missing once its round has closed is a risk in itself.
  noData: 'amber',
  missed: 'red',
  notDue: 'grey',
  notApplicable: 'grey',
};

/** Red over amber over green over grey; a lookup rather than indexOf, as every result is counted four times. */
const RAG_RANK: Record<Rag, number> = { grey: 0, green: 1, amber: 2, red: 3 };

/** The usual colour of a status; rules may override it (a missing national figure is grey). */
export function ragOf(status: TargetStatus): Rag {
  return RAG_BY_STATUS[status];
}

/** A roll-up of no results: every count 0, grey. */
export function emptyRollUp(): RollUp {
  return {
    counts: { met: 0, onTrack: 0, atRisk: 0, missed: 0, notDue: 0, noData: 0, notApplicable: 0 },
    rag: 'grey',
  };
}

/** Within one colour, the more serious status first. */
const STATUS_SEVERITY: Record<TargetStatus, number> = {
  missed: 6,
  atRisk: 5,
  noData: 4,
  onTrack: 3,
  met: 2,
  notDue: 1,
  notApplicable: 0,
};

/** How bad a result is: by colour, then (within a colour) by status. */
export function severityOf(rag: Rag, status: TargetStatus): number {
  return RAG_RANK[rag] * 10 + STATUS_SEVERITY[status];
}

/**
 * A roll-up being counted, with the severity of its worst result so far: an evaluation counts every
 * result into four roll-ups, and comparing with a number saves working the worst one out again each time.
 */
export interface RollUpTally {
  rollUp: RollUp;
  /** severityOf the worst result counted; −1 before any. */
  worst: number;
}

export function tallyOf(rollUp: RollUp): RollUpTally {
  return { rollUp, worst: rollUp.worst === undefined ? -1 : severityOf(rollUp.rag, rollUp.worst) };
}

/**
 * Counts one more result, of the given colour and status and their `severity`, into the tally's
 * roll-up. The worst result has the worst colour too (severity orders by colour first), so the roll-up's
 * colour is the worst result's.
 */
export function countInto(tally: RollUpTally, status: TargetStatus, rag: Rag, severity: number): void {
  const { rollUp } = tally;
  rollUp.counts[status]++;
  if (severity > tally.worst) {
    tally.worst = severity;
    rollUp.worst = status;
    rollUp.rag = rag;
  }
}

const STATUSES = Object.keys(STATUS_SEVERITY) as TargetStatus[];

/**
 * Adds everything counted into `from` to `into`, as if each of its results had been counted there: the
 * counts add up, and the worse of the two worst results is the worst. A severity names one colour and
 * one status, so which tally saw a result first does not matter.
 */
export function mergeInto(into: RollUpTally, from: RollUpTally): void {
  const counts = into.rollUp.counts;
  const added = from.rollUp.counts;
  for (const status of STATUSES) counts[status] += added[status];
  if (from.worst > into.worst && from.rollUp.worst !== undefined) {
    into.worst = from.worst;
    into.rollUp.worst = from.rollUp.worst;
    into.rollUp.rag = from.rollUp.rag;
  }
}

/**
 * Counts one more result into a roll-up, keeping its worst colour and the status of its worst result
 * (by colour, then by status). Roll-ups are built as results are made.
 */
export function addToRollUp(rollUp: RollUp, result: TargetResult): void {
  countInto(tallyOf(rollUp), result.status, result.rag, severityOf(result.rag, result.status));
}

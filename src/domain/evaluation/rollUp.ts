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

const RAG_ORDER: readonly Rag[] = ['grey', 'green', 'amber', 'red'];

/** The usual colour of a status; rules may override it (a missing national figure is grey). */
export function ragOf(status: TargetStatus): Rag {
  return RAG_BY_STATUS[status];
}

/** The worse of two colours: red over amber over green over grey. */
export function worseRag(a: Rag, b: Rag): Rag {
  return RAG_ORDER.indexOf(a) >= RAG_ORDER.indexOf(b) ? a : b;
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

function severity(rag: Rag, status: TargetStatus): number {
  return RAG_ORDER.indexOf(rag) * 10 + STATUS_SEVERITY[status];
}

/**
 * Counts one more result into a roll-up, keeping its worst colour and the status of its worst result
 * (by colour, then by status). Roll-ups are built as results are made.
 */
export function addToRollUp(rollUp: RollUp, result: TargetResult): void {
  rollUp.counts[result.status]++;
  const worstRag = rollUp.rag;
  if (rollUp.worst === undefined || severity(result.rag, result.status) > severity(worstRag, rollUp.worst)) {
    rollUp.worst = result.status;
  }
  rollUp.rag = worseRag(rollUp.rag, result.rag);
}

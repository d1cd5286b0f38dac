/**
 * Roll-ups: status counts and the worst colour, per academy, per objective and for the trust's own
 * targets, so the board sees where to look before reading the lines.
 */
import type { Rag, RollUp, StatusCounts, TargetResult, TargetStatus } from './evaluation';

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

export function emptyCounts(): StatusCounts {
  return { met: 0, onTrack: 0, atRisk: 0, missed: 0, notDue: 0, noData: 0, notApplicable: 0 };
}

/** Counts and worst colour of a set of results; grey when there are none. */
export function rollUp(results: Iterable<TargetResult>): RollUp {
  const counts = emptyCounts();
  let rag: Rag = 'grey';
  for (const result of results) {
    counts[result.status]++;
    rag = worseRag(rag, result.rag);
  }
  return { counts, rag };
}

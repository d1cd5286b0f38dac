/** Hand-built evaluations for the board's tests: only the fields the board reads, in the stored shape. */
import type { Evaluation, Rag, TargetResult, TargetStatus } from '../../../src/domain/evaluation/evaluation';

const RAG: Record<TargetStatus, Rag> = {
  met: 'green',
  onTrack: 'green',
  atRisk: 'amber',
  noData: 'amber',
  missed: 'red',
  notDue: 'grey',
  notApplicable: 'grey',
};

/** [urn, academy name, objective id, target title, status, reason] */
export type Row = [string, string, string, string, TargetStatus, string];

export function evaluation(term: string, rows: readonly Row[], objectives = ['o1', 'o2']): Evaluation {
  const results: TargetResult[] = rows.map(([urn, name, objectiveId, targetTitle, status, reason]) => ({
    objectiveId,
    targetId: `${objectiveId}-${targetTitle}`,
    targetTitle,
    subject: { kind: 'academy', urn, name },
    status,
    rag: RAG[status],
    reason,
    evidence: { metricId: 'attendance', target: 'at least 95%' },
  }));
  const zero = { met: 0, onTrack: 0, atRisk: 0, missed: 0, notDue: 0, noData: 0, notApplicable: 0 };
  return {
    planId: 'demo',
    planTitle: 'Demo plan',
    asOf: '2026-12-12',
    term,
    closedThrough: term,
    results,
    academies: [],
    trust: { counts: zero, rag: 'grey' },
    objectives: objectives.map((objectiveId, index) => ({
      objectiveId,
      title: `Objective title ${index + 1}`,
      counts: zero,
      rag: 'grey',
    })),
  };
}

/** [principle id, title, ids of the targets that serve it]; no targets is a principle not measured. */
export type PrincipleRow = [string, string, string[]];

/** The evaluation with a principles roll-up, as evaluatePlan stores it (counts left to the board to read). */
export function withPrinciples(stored: Evaluation, principles: readonly PrincipleRow[]): Evaluation {
  const zero = { met: 0, onTrack: 0, atRisk: 0, missed: 0, notDue: 0, noData: 0, notApplicable: 0 };
  return {
    ...stored,
    principles: principles.map(([principleId, title, targetIds]) => ({
      principleId,
      title,
      description: `What ${title} means.`,
      measured: targetIds.length > 0,
      targetIds,
      counts: zero,
      rag: 'grey',
      ...(targetIds.length === 0 && { note: 'not measured by this plan' }),
    })),
  };
}

/** A generated trust: `academies` academies × `targets` targets, statuses cycling, long reasons. */
export function generatedEvaluation(term: string, academies: number, targets: number): Evaluation {
  const statuses: TargetStatus[] = ['met', 'onTrack', 'atRisk', 'missed', 'noData', 'notDue'];
  const rows: Row[] = [];
  for (let a = 0; a < academies; a++) {
    for (let t = 0; t < targets; t++) {
      rows.push([
        String(900000 + a),
        `Generated Academy Number ${a + 1} of the Coastal Learning Partnership`,
        `o${(t % 6) + 1}`,
        `Target ${t + 1}: persistent absence below the national average by summer`,
        statuses[(a + t) % statuses.length] ?? 'met',
        `Persistent absence is 23.4% against a target of at most 18% by summer 2027; the trajectory reaches 21.9% at the deadline (${a}/${t}).`,
      ]);
    }
  }
  // Six principles, the i-th served by the targets of objective i, as the demo plan tags its objectives.
  const targetIds = (objectiveId: string): string[] => [
    ...new Set(rows.filter((row) => row[2] === objectiveId).map((row) => `${row[2]}-${row[3]}`)),
  ];
  return withPrinciples(
    evaluation(term, rows, ['o1', 'o2', 'o3', 'o4', 'o5', 'o6']),
    [1, 2, 3, 4, 5, 6].map((n) => [
      `principle${n}`,
      `Generated principle ${n} of a thriving trust`,
      targetIds(`o${n}`),
    ]),
  );
}

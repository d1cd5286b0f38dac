/**
 * The answers to status questions, built from a stored evaluation: the trust's overview, one academy,
 * the risks, one objective. `scope` is the academies the asker may see (a head's own); undefined is all.
 */
import type { Evaluation, TargetResult } from '../../domain/evaluation/evaluation';
import type { BoardDetailView, RagLine } from './boardViews';
import {
  capitalise,
  countsLine,
  countStatuses,
  inScope,
  isRisk,
  objectivesOf,
  RAG_WORDS,
  ragOfCounts,
  resultLine,
  resultsOf,
  type Scope,
  subtitleOf,
  termOfEvaluation,
  worstFirst,
} from './evaluationReading';
import { summaryView } from './summaryView';

export type { Scope } from './evaluationReading';

/** `status` for executives and trustees: the headline and objectives, and the open round's progress. */
export function trustStatusView(
  evaluation: Evaluation,
  previous: Evaluation | undefined,
  roundLine: string | undefined,
): BoardDetailView {
  const summary = summaryView({ evaluation, ...(previous && { previous }) });
  return {
    title: `Status: ${termOfEvaluation(evaluation)}`,
    subtitle: subtitleOf(evaluation),
    lines: [
      summary.headline.map((fact) => `${fact.title}: ${fact.value}`).join(' · '),
      summary.changeLine,
      ...(roundLine ? [roundLine] : []),
    ],
    sections: [
      { title: 'Objectives', items: summary.objectives },
      {
        title: 'Academies, worst first',
        items: summary.academies.map((line) => ({ ...line, details: line.details.slice(0, 1) })),
      },
    ],
    buttons: [
      { title: 'Risks', text: 'risks' },
      ...objectivesOf(evaluation)
        .slice(0, 3)
        .map((_objective, index) => ({ title: `Objective ${index + 1}`, text: `objective ${index + 1}` })),
    ],
  };
}

/** `status <academy>`: every target of one academy, worst first, with its reason. */
export function academyStatusView(evaluation: Evaluation, urn: string, name: string): BoardDetailView {
  const results = resultsOf(evaluation).filter(
    (result) => result.subject.kind === 'academy' && result.subject.urn === urn,
  );
  const counts = countStatuses(results);
  const words = RAG_WORDS[ragOfCounts(counts)];
  const sections = objectivesOf(evaluation)
    .map(({ objectiveId, title }) => ({
      title,
      items: worstFirst(results.filter((result) => result.objectiveId === objectiveId)).map((result) =>
        resultLine(result, false),
      ),
    }))
    .filter((section) => section.items.length > 0);
  return {
    title: `${name}: ${termOfEvaluation(evaluation)}`,
    subtitle: subtitleOf(evaluation),
    lines: [
      results.length > 0
        ? `${words.label} overall: ${countsLine(counts)}.`
        : `The plan sets no target for ${name} in this evaluation.`,
    ],
    sections,
    buttons: [],
  };
}

/**
 * Risk lines one answer shows: a line is about 400 bytes of card, so this keeps the answer well inside
 * Teams' 80 KB for a trust of any size; the rest are counted and reached per academy or objective.
 */
export const RISKS_SHOWN = 60;
/** Academies shown per target in `objective <n>`, worst first; the rest are counted. */
export const RESULTS_PER_OBJECTIVE_TARGET = 12;

/** `risks`: every target at risk, missed or without data, worst first (the worst RISKS_SHOWN of them). */
export function risksView(evaluation: Evaluation, scope: Scope): BoardDetailView {
  const risks = worstFirst(
    resultsOf(evaluation).filter((result) => isRisk(result) && inScope(result, scope)),
  );
  const shown = risks.slice(0, RISKS_SHOWN);
  const groups: [string, number, RagLine[]][] = (
    [
      ['Missed', 'missed'],
      ['At risk', 'atRisk'],
      ['No data', 'noData'],
    ] as const
  ).map(([title, status]) => [
    title,
    risks.filter((r) => r.status === status).length,
    shown.filter((r) => r.status === status).map((r) => resultLine(r, true)),
  ]);
  const hidden = risks.length - shown.length;
  return {
    title: `Risks: ${termOfEvaluation(evaluation)}`,
    subtitle: subtitleOf(evaluation),
    lines: [
      risks.length === 0
        ? 'Nothing is at risk, missed or missing.'
        : `${risks.length} ${risks.length === 1 ? 'target needs' : 'targets need'} attention, worst first.`,
      ...(hidden > 0
        ? [
            // A card's line is a TextRun, which shows markdown as typed: commands are quoted, not bold.
            `This card shows the worst ${shown.length}; ${hidden} more are in each academy's status ("status" and its name) and each objective's ("objective" and its number).`,
          ]
        : []),
    ],
    sections: groups
      .filter(([, count]) => count > 0)
      .map(([title, count, items]) => ({
        title: items.length < count ? `${title} (${count}, ${items.length} shown)` : `${title} (${count})`,
        items,
      })),
    buttons: [],
  };
}

/** `objective <n>`: one objective across the academies (in scope), worst first, at most RESULTS_PER_OBJECTIVE_TARGET per target. */
export function objectiveView(
  evaluation: Evaluation,
  objective: { objectiveId: string; title: string; number: number },
  scope: Scope,
): BoardDetailView {
  const results = resultsOf(evaluation).filter(
    (result) => result.objectiveId === objective.objectiveId && inScope(result, scope),
  );
  const counts = countStatuses(results);
  const byTarget = new Map<string, TargetResult[]>();
  for (const result of results) {
    byTarget.set(result.targetTitle, [...(byTarget.get(result.targetTitle) ?? []), result]);
  }
  return {
    title: `Objective ${objective.number}: ${objective.title}`,
    subtitle: subtitleOf(evaluation),
    lines: [`${RAG_WORDS[ragOfCounts(counts)].label}: ${countsLine(counts)}.`],
    sections: [...byTarget.entries()].map(([title, own]) => ({
      title: `${title} (${capitalise(countsLine(countStatuses(own)))})`,
      items: [
        ...worstFirst(own)
          .slice(0, RESULTS_PER_OBJECTIVE_TARGET)
          .map((result) => ({
            ...resultLine(result, false),
            title: result.subject.kind === 'academy' ? result.subject.name : 'Trust',
          })),
        ...(own.length > RESULTS_PER_OBJECTIVE_TARGET
          ? [
              {
                label: 'And',
                color: 'Default' as const,
                title: `${own.length - RESULTS_PER_OBJECTIVE_TARGET} more`,
                details: [
                  capitalise(countsLine(countStatuses(worstFirst(own).slice(RESULTS_PER_OBJECTIVE_TARGET)))),
                ],
              },
            ]
          : []),
      ],
    })),
    buttons: [],
  };
}

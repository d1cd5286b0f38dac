/**
 * The answers to status questions, built from a stored evaluation: the trust's overview, one academy,
 * the risks, one objective. `scope` is the academies the asker may see (a head's own); undefined is all.
 */
import type { Evaluation, TargetResult } from '../../domain/evaluation/evaluation';
import { ownerLine, type OwnerProgress } from '../round/ownerProgress';
import { STANDING_TITLES } from '../round/roundProgress';
import { termLabel } from '../round/roundTerm';
import type { BoardDetailView, RagLine } from './boardViews';
import {
  capitalise,
  countsLine,
  countStatuses,
  inScope,
  isRisk,
  objectivesOf,
  ownerOf,
  RAG_WORDS,
  ragOfCounts,
  resultLine,
  resultsOf,
  type Scope,
  shortReason,
  STATUS_WORDS,
  subtitleOf,
  termOfEvaluation,
  worstFirst,
} from './evaluationReading';
import { trustGaps } from './exceptionsReport';
import { academiesWorstFirst, headlineCounts, summaryView } from './summaryView';

export type { Scope } from './evaluationReading';

/** Owners of trust figures named in `status` before "and N more" (`missing` lists them all). */
export const OWED_OWNERS_SHOWN = 5;

/**
 * The owners of trust figures who have not submitted, as `missing` names them ("Trust figures (Teacher
 * turnover; 6 academies) — Priya Shah") with where they stand; no section when none is owed.
 */
export function owedOwnersSections(owed: readonly OwnerProgress[]): BoardDetailView['sections'] {
  if (owed.length === 0) return [];
  const more = owed.length - OWED_OWNERS_SHOWN;
  return [
    {
      title: `Trust figures not submitted (${owed.length})`,
      items: [
        ...owed.slice(0, OWED_OWNERS_SHOWN).map((entry) => ({
          label: '',
          color: 'Default' as const,
          title: ownerLine(entry),
          details: [
            STANDING_TITLES[entry.standing] +
              (entry.standing === 'unreachable' && entry.detail ? ` (${entry.detail})` : ''),
          ],
        })),
        ...(more > 0
          ? [
              {
                label: '',
                color: 'Default' as const,
                title: `And ${more} more ${more === 1 ? 'owner' : 'owners'}`,
                details: [],
              },
            ]
          : []),
      ],
    },
  ];
}

/**
 * `status` for executives and trustees: the headline and objectives, and the round's progress (the open
 * round's, else the latest closed one's), with the owners of trust figures not submitted and the trust's
 * own missing figures under their owners' names (`trustOwners`, by metric id).
 */
export function trustStatusView(
  evaluation: Evaluation,
  previous: Evaluation | undefined,
  roundLine: string | undefined,
  owners: { owed?: readonly OwnerProgress[]; trustOwners?: ReadonlyMap<string, string> } = {},
): BoardDetailView {
  const summary = summaryView({ evaluation, ...(previous && { previous }) });
  return {
    title: `Status: ${termOfEvaluation(evaluation)}`,
    subtitle: subtitleOf(evaluation),
    lines: [
      headlineCounts(evaluation, previous)
        .map((fact) => `${fact.title}: ${fact.value}`)
        .join(' · '),
      summary.changeLine,
      ...(roundLine ? [roundLine] : []),
    ],
    sections: [
      ...owedOwnersSections(owners.owed ?? []),
      {
        title: 'Objectives',
        items: summary.objectives.map(({ label, color, text }) => ({
          label,
          color,
          title: text,
          details: [],
        })),
      },
      {
        title: 'Academies, worst first',
        items: academiesWorstFirst({
          evaluation,
          ...(owners.trustOwners && { trustOwners: owners.trustOwners }),
        }).map(({ urn: _urn, ...line }) => ({
          ...line,
          details: line.details.slice(0, 1),
        })),
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
  // Targets for another phase of school say nothing about this academy: counted, not listed.
  const applicable = results.filter((result) => result.status !== 'notApplicable');
  const notApplicable = results.length - applicable.length;
  const sections = objectivesOf(evaluation)
    .map(({ objectiveId, title }) => ({
      title,
      items: worstFirst(applicable.filter((result) => result.objectiveId === objectiveId)).map((result) =>
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
      ...(notApplicable > 0
        ? [
            `${notApplicable} of the plan's targets ${notApplicable === 1 ? 'is' : 'are'} for other kinds of school and ${notApplicable === 1 ? 'does' : 'do'} not apply to ${name}.`,
          ]
        : []),
    ],
    sections,
    buttons: [],
  };
}

/**
 * How much text a `risks` answer holds at most, in characters: about two screens of a phone. Lines past
 * it are counted and reached per academy (**status** and its name) or objective (**objective** and its
 * number), so the answer is the same size for a trust of any size.
 */
export const RISKS_MAX_CHARACTERS = 3000;
/** Room kept under RISKS_MAX_CHARACTERS for the title, the lines above and the "more" line. */
const RISKS_FRAME_CHARACTERS = 450;
/** A risk's reason is cut to this in `risks` (its academy's status gives it whole). */
const RISK_REASON_CHARACTERS = 140;
/** Academies shown per line of the trust's own missing figures. */
const TRUST_GAP_LABELS = 4;
/** Results per answer shown at most, whatever their length (kept for the card's bytes too). */
export const RISKS_SHOWN = 60;
/** Academies shown per target in `objective <n>`, worst first; the rest are counted. */
export const RESULTS_PER_OBJECTIVE_TARGET = 12;

/** A missing figure the head owes (not one answered "not available", not a national figure unpublished). */
function isHeadGap(result: TargetResult): boolean {
  return (
    result.status === 'noData' &&
    ownerOf(result) === 'head' &&
    result.evidence?.missing !== undefined &&
    result.evidence.notAvailable === undefined
  );
}

/**
 * The academies that sent nothing for the evaluation's closed term: a figure of that term is missing, and
 * none of their own figures of it (nor a "not available" answer) was given. Their missing figures are one
 * line each in `risks`, by URN: how many figures, for how many targets.
 */
export function academiesThatSentNothing(
  results: readonly TargetResult[],
  term: string,
): Map<string, { name: string; figures: number; targets: number }> {
  const sent = new Set<string>();
  const gaps = new Map<string, { name: string; figures: Set<string>; targets: number; thisTerm: boolean }>();
  for (const result of results) {
    if (result.subject.kind !== 'academy' || ownerOf(result) !== 'head') continue;
    const { urn, name } = result.subject;
    if (result.evidence?.value?.term === term || result.evidence?.notAvailable) sent.add(urn);
    if (!isHeadGap(result)) continue;
    const gap = gaps.get(urn) ?? { name, figures: new Set<string>(), targets: 0, thisTerm: false };
    gap.figures.add(`${result.evidence.metricId}|${result.evidence.missing ?? ''}`);
    gap.targets += 1;
    gap.thisTerm ||= result.evidence.missing === term;
    gaps.set(urn, gap);
  }
  return new Map(
    [...gaps]
      .filter(([urn, gap]) => gap.thisTerm && !sent.has(urn))
      .map(([urn, gap]) => [urn, { name: gap.name, figures: gap.figures.size, targets: gap.targets }]),
  );
}

/** The characters a line shows, as the card draws it. */
function lineCharacters(line: RagLine): number {
  return line.label.length + 1 + line.title.length + line.details.reduce((sum, text) => sum + text.length, 0);
}

/**
 * `risks`: what needs attention, worst first, in at most RISKS_MAX_CHARACTERS: each academy that sent
 * nothing as one line, the trust's own missing figures as one line, then targets missed, at risk and
 * without data. What does not fit is counted.
 */
export function risksView(
  evaluation: Evaluation,
  scope: Scope,
  /** Who owns each trust figure, by metric id (trustOwnerNames), named on the trust's line. */
  trustOwners: ReadonlyMap<string, string> = new Map(),
): BoardDetailView {
  const risks = worstFirst(
    resultsOf(evaluation).filter((result) => isRisk(result) && inScope(result, scope)),
  );
  const term = evaluation.closedThrough || evaluation.term;
  const silent = academiesThatSentNothing(risks, term);
  const grouped = (result: TargetResult): boolean =>
    (result.subject.kind === 'academy' && silent.has(result.subject.urn) && isHeadGap(result)) ||
    (result.status === 'noData' && ownerOf(result) === 'trust');
  const single = risks.filter((result) => !grouped(result));
  const trustGapResults = risks.filter((result) => result.status === 'noData' && ownerOf(result) === 'trust');

  const riskLine = (result: TargetResult): RagLine => {
    const line = resultLine(result, true);
    return {
      ...line,
      details: [
        `${capitalise(STATUS_WORDS[result.status])}. ${shortReason(withoutTarget(result.reason), RISK_REASON_CHARACTERS)}`,
      ],
    };
  };
  const byStatus = (status: keyof typeof SECTION_TITLES): { section: string; line: RagLine }[] =>
    single
      .filter((result) => result.status === status)
      .map((result) => ({ section: SECTION_TITLES[status], line: riskLine(result) }));
  const candidates: { section: string; line: RagLine }[] = [
    ...[...silent.values()].map((academy) => ({
      section: 'Sent no figures',
      line: {
        ...RAG_WORDS.red,
        title: `${academy.name}: ${academy.figures} ${academy.figures === 1 ? 'figure' : 'figures'} not sent`,
        details: [
          `Nothing came for ${termLabel(term)}, so ${academy.targets} ${academy.targets === 1 ? 'target' : 'targets'} cannot be judged.`,
        ],
      },
    })),
    // The trust's own missing figures come next, as one line: no academy's status holds them, so if a
    // full card cut them they would be nowhere the "more" line points to.
    ...(trustGapResults.length > 0
      ? [{ section: "The trust's own figures", line: trustGapLine(trustGapResults, trustOwners) }]
      : []),
    ...byStatus('missed'),
    ...byStatus('atRisk'),
    ...byStatus('noData'),
  ];

  let used = 0;
  const shown: typeof candidates = [];
  for (const candidate of candidates) {
    const size = lineCharacters(candidate.line);
    if (shown.length >= RISKS_SHOWN || used + size > RISKS_MAX_CHARACTERS - RISKS_FRAME_CHARACTERS) break;
    shown.push(candidate);
    used += size;
  }
  const hidden = candidates.length - shown.length;
  const sectionTitles = [...new Set(candidates.map((candidate) => candidate.section))];
  const academies = new Set(
    risks.flatMap((result) => (result.subject.kind === 'academy' ? [result.subject.urn] : [])),
  );
  return {
    title: `Risks: ${termOfEvaluation(evaluation)}`,
    subtitle: subtitleOf(evaluation),
    lines: [
      risks.length === 0
        ? 'Nothing is at risk, missed or missing.'
        : `${risks.length} ${risks.length === 1 ? 'target needs' : 'targets need'} attention${academies.size > 1 ? ` in ${academies.size} academies` : ''}, worst first.`,
      ...(hidden > 0
        ? [
            // A card's line is a TextRun, which shows markdown as typed: commands are quoted, not bold.
            `${hidden} more ${hidden === 1 ? 'line is' : 'lines are'} in each academy's status ("status" and its name) and each objective's ("objective" and its number).`,
          ]
        : []),
    ],
    sections: sectionTitles
      .map((title) => {
        const all = candidates.filter((candidate) => candidate.section === title).length;
        const items = shown.filter((candidate) => candidate.section === title).map((entry) => entry.line);
        return {
          title: items.length < all ? `${title} (${all}, ${items.length} shown)` : `${title} (${all})`,
          items,
        };
      })
      .filter((section) => section.items.length > 0),
    buttons: [],
  };
}

/** A reason without its "; target: …" tail: in `risks` the line's title names the target already. */
function withoutTarget(reason: string): string {
  const at = reason.lastIndexOf('; target: ');
  return at > 0 ? reason.slice(0, at) : reason;
}

const SECTION_TITLES = { missed: 'Missed', atRisk: 'At risk', noData: 'No data' } as const;

/** The trust's own missing figures as one line: which, and for how many academies. */
function trustGapLine(results: readonly TargetResult[], owners: ReadonlyMap<string, string>): RagLine {
  // "Local governing body vacancies (6 academies, Amara Okafor)": each figure with its owner, as the
  // summary and missing name them.
  const labels = trustGaps(results, owners).map((gap) => gap.text);
  return {
    ...RAG_WORDS.amber,
    title: `Trust: ${labels.length} ${labels.length === 1 ? 'figure' : 'figures'} the trust supplies not recorded`,
    details: [
      `${labels.slice(0, TRUST_GAP_LABELS).join(', ')}${labels.length > TRUST_GAP_LABELS ? ` and ${labels.length - TRUST_GAP_LABELS} more` : ''}. Not an academy's gap.`,
    ],
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
    sections: [...byTarget.entries()].map(([title, all]) => {
      // Academies the target is not for are one line, not a row each.
      const own = all.filter((result) => result.status !== 'notApplicable');
      const notApplicable = all.filter((result) => result.status === 'notApplicable');
      return {
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
                    capitalise(
                      countsLine(countStatuses(worstFirst(own).slice(RESULTS_PER_OBJECTIVE_TARGET))),
                    ),
                  ],
                },
              ]
            : []),
          ...(notApplicable.length > 0
            ? [
                {
                  ...RAG_WORDS.grey,
                  title: `Not applicable to ${notApplicable.length} ${notApplicable.length === 1 ? 'academy' : 'academies'}`,
                  details: [withoutTarget(notApplicable[0]?.reason ?? '')].filter(Boolean),
                },
              ]
            : []),
        ],
      };
    }),
    buttons: [],
  };
}

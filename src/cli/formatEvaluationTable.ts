/**
 * The evaluation as plain text for people at a terminal: roll-ups first (objectives, academies), then
 * every result grouped by objective and target, one line each with its status and reason.
 */
import type {
  Evaluation,
  RollUp,
  Subject,
  TargetResult,
  TargetStatus,
} from '../domain/evaluation/evaluation';
import { TARGET_STATUSES } from '../domain/evaluation/evaluation';
import { formatDateLabel, formatTermLabel } from '../domain/evaluation/formatForTrustees';
import { parseTermKey } from '../domain/terms/termCalendar';

const STATUS_WORDS: Record<TargetStatus, string> = {
  met: 'met',
  onTrack: 'on track',
  atRisk: 'at risk',
  missed: 'missed',
  notDue: 'not due',
  noData: 'no data',
  notApplicable: 'n/a',
};

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

function clip(text: string, width: number): string {
  return text.length <= width ? pad(text, width) : `${text.slice(0, width - 1)}…`;
}

/** Rows of cells as aligned columns; the last column is not padded. */
function columns(rows: readonly (readonly string[])[], indent = '  '): string[] {
  const widths: number[] = [];
  for (const row of rows)
    row.forEach((cell, index) => (widths[index] = Math.max(widths[index] ?? 0, cell.length)));
  return rows.map((row) =>
    (
      indent +
      row.map((cell, index) => (index === row.length - 1 ? cell : pad(cell, widths[index] ?? 0))).join('  ')
    ).trimEnd(),
  );
}

function countCells(rollUp: RollUp): string[] {
  return TARGET_STATUSES.map((status) => String(rollUp.counts[status]));
}

function termLabel(key: string): string {
  const ref = parseTermKey(key);
  return ref ? formatTermLabel(ref) : key;
}

function subjectLabel(subject: Subject): string {
  return subject.kind === 'trust' ? 'trust' : `${subject.urn} ${subject.name}`;
}

/** The whole evaluation as text lines. */
export function formatEvaluationTable(evaluation: Evaluation): string {
  const lines: string[] = [];
  lines.push(evaluation.planTitle);
  lines.push(
    `As of ${formatDateLabel(evaluation.asOf)} (${termLabel(evaluation.term)}); ` +
      `termly figures expected through ${termLabel(evaluation.closedThrough)}`,
  );
  lines.push('');

  const header = ['', '', '', ...TARGET_STATUSES.map((status) => STATUS_WORDS[status])];
  lines.push('Objectives');
  lines.push(
    ...columns([
      header,
      ...evaluation.objectives.map((objective) => [
        objective.rag.toUpperCase(),
        objective.objectiveId,
        clip(objective.title, 48),
        ...countCells(objective),
      ]),
    ]),
  );
  if (evaluation.principles && evaluation.principles.length > 0) {
    lines.push('');
    lines.push('Principles');
    lines.push(
      ...columns([
        header,
        ...evaluation.principles.map((principle) =>
          principle.measured
            ? [
                principle.rag.toUpperCase(),
                principle.principleId,
                clip(principle.title, 48),
                ...countCells(principle),
              ]
            : [
                '—',
                principle.principleId,
                clip(principle.title, 48),
                principle.note ?? 'not measured by this plan',
              ],
        ),
      ]),
    );
  }
  lines.push('');
  lines.push('Academies');
  lines.push(
    ...columns([
      header,
      ...evaluation.academies.map((academy) => [
        academy.rag.toUpperCase(),
        academy.urn,
        clip(academy.name, 48),
        ...countCells(academy),
      ]),
      [
        evaluation.trust.rag.toUpperCase(),
        'trust',
        clip('The trust as a whole', 48),
        ...countCells(evaluation.trust),
      ],
    ]),
  );

  // Results arrive grouped by objective and target already (the evaluator's order).
  let objectiveId = '';
  let targetId = '';
  let block: TargetResult[] = [];
  const flush = () => {
    if (block.length === 0) return;
    lines.push(
      ...columns(
        block.map((result) => [
          STATUS_WORDS[result.status],
          clip(subjectLabel(result.subject), 40),
          result.reason,
        ]),
        '    ',
      ),
    );
    block = [];
  };
  for (const result of evaluation.results) {
    if (result.objectiveId !== objectiveId) {
      flush();
      objectiveId = result.objectiveId;
      const objective = evaluation.objectives.find((candidate) => candidate.objectiveId === objectiveId);
      lines.push('', `${objectiveId}: ${objective?.title ?? ''}`);
    }
    if (result.targetId !== targetId) {
      flush();
      targetId = result.targetId;
      lines.push(`  ${targetId}: ${result.targetTitle}`);
    }
    block.push(result);
  }
  flush();
  return `${lines.join('\n')}\n`;
}

/**
 * Builds what the head's cards show from the plan's request, what is stored and what was typed: the
 * figures card (to fill in, correct or edit) and the read-only summary that replaces it once stored.
 */
import { formatDateLabel, formatMetricValue } from '../../domain/evaluation/formatForTrustees';
import type { Metric } from '../../domain/metrics/metric';
import { INSPECTION_METRIC_IDS } from '../../domain/metrics/metricCatalogue';
import type { MetricValue } from '../../domain/metrics/parseMetricValue';
import { describePublication } from '../../domain/published/publication';
import type { Academy } from '../../domain/roster/roster';
import { headCardVersion } from '../../domain/round/headCardVersion';
import type { RequestedGroup } from '../../domain/round/requestedMetrics';
import type { AcademyTermRecord, FigureContent, Round, StoredFigure } from '../../domain/round/round';
import { REASON_PREFIX, VALUE_PREFIX } from '../../domain/round/validateFigures';
import { termLabel } from './roundTerm';
import type {
  FieldInput,
  FiguresCardField,
  FiguresCardGroup,
  FiguresCardView,
  FiguresSummaryView,
} from './roundViews';

export interface FiguresViewInput {
  academy: Academy;
  round: Round;
  groups: readonly RequestedGroup[];
  record: AcademyTermRecord;
  /** The latest earlier figure per metric id (shown as "Last time", and pre-filled for judgements). */
  previous: ReadonlyMap<string, StoredFigure>;
  /** What the head typed, when the card is shown again after a refusal or a draft. */
  typed?: ReadonlyMap<string, string>;
  errors?: ReadonlyMap<string, string>;
  banner?: FiguresCardView['banner'];
  /** The imported metrics to show read only (publishedMetricsShown); none when absent. */
  published?: readonly Metric[];
}

function inputOf(metric: Metric): FieldInput {
  switch (metric.type) {
    case 'number':
    case 'percent':
    case 'count':
      return { kind: 'number', min: metric.min, max: metric.max, wholeNumber: metric.type === 'count' };
    case 'grade':
    case 'enum':
      return {
        kind: 'choice',
        options: (metric.options ?? []).map((option) => ({ value: option.value, title: option.label })),
      };
    case 'yesNo':
      return { kind: 'yesNo' };
    default:
      // A type added to the catalogue later (e.g. a date) is typed as text until the card learns it.
      return (metric.type as string) === 'date' ? { kind: 'date' } : { kind: 'number', wholeNumber: false };
  }
}

function rangeText(metric: Metric): string {
  if (metric.min === undefined || metric.max === undefined) return '';
  const unit = metric.unit ? ` ${metric.unit}` : '';
  const whole = metric.type === 'count' ? 'a whole number, ' : '';
  return `${whole}${metric.min} to ${metric.max}${unit}`;
}

/** A stored value as the card's input holds it: numbers as typed, option values, yes / no. */
export function inputText(value: MetricValue): string {
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}

/** A figure as a trustee or head reads it: "94.1%", "Good", "Not available: results not published". */
export function contentText(metric: Metric, content: FigureContent): string {
  if ('notAvailable' in content) return `Not available: ${content.notAvailable}`;
  return formatMetricValue(metric, content.value);
}

function previousLine(metric: Metric, figure: StoredFigure | undefined): string | undefined {
  if (!figure) return undefined;
  return `Last time: ${contentText(metric, figure.content)} (${termLabel(figure.term)})`;
}

/**
 * Judgements change rarely, so last time's is offered; figures that move every term are only shown beside.
 * Optional fields (an inspection's grades, given only in a term with an inspection) are never pre-filled:
 * a Submit would otherwise store last inspection's grades as this term's.
 */
function carriesForward(metric: Metric, required: boolean): boolean {
  return required && (metric.type === 'grade' || metric.type === 'enum' || metric.type === 'yesNo');
}

/**
 * One figure's field on a figures card: the head's (ids `m_<metricId>`), or, with the owner card's `ids`,
 * one academy's figure on an owner's card (ownerViews.ts).
 */
export function fieldFor(
  metric: Metric,
  required: boolean,
  input: Pick<FiguresViewInput, 'record' | 'previous' | 'typed' | 'errors'>,
  ids: { value: string; reason: string } = {
    value: VALUE_PREFIX + metric.id,
    reason: REASON_PREFIX + metric.id,
  },
): FiguresCardField {
  const valueId = ids.value;
  const reasonId = ids.reason;
  const stored = input.record.figures.get(metric.id)?.content;
  const draft = input.record.draft?.inputs;
  const previous = input.previous.get(metric.id);
  let carried = false;
  const fromStore = (): { value: string; reason: string } => {
    // A draft holds what the head typed last, blanks included, so it wins over the stored figure: a field
    // cleared and saved for later stays blank. A field the draft does not hold shows what is stored.
    if (draft && (Object.hasOwn(draft, valueId) || Object.hasOwn(draft, reasonId))) {
      return { value: draft[valueId] ?? '', reason: draft[reasonId] ?? '' };
    }
    if (stored) {
      return 'value' in stored
        ? { value: inputText(stored.value), reason: '' }
        : { value: '', reason: stored.notAvailable };
    }
    if (draft) return { value: '', reason: '' };
    if (previous && 'value' in previous.content && carriesForward(metric, required)) {
      carried = true;
      return { value: inputText(previous.content.value), reason: '' };
    }
    return { value: '', reason: '' };
  };
  const shown = input.typed
    ? { value: input.typed.get(valueId) ?? '', reason: input.typed.get(reasonId) ?? '' }
    : fromStore();
  const field: FiguresCardField = {
    metricId: metric.id,
    inputId: valueId,
    notAvailableInputId: reasonId,
    label: metric.label,
    unit: metric.unit,
    help: metric.help,
    rangeText: rangeText(metric),
    input: inputOf(metric),
    required,
    value: shown.value,
    notAvailableReason: shown.reason,
  };
  const last = previousLine(metric, previous);
  // A choice that starts as last term's answer says so, so it is checked rather than sent unread.
  if (last && previous) {
    field.previous =
      carried && !input.typed
        ? `Last term: ${contentText(metric, previous.content)} (${termLabel(previous.term)}), pre-filled: check it`
        : last;
  }
  const error = input.errors?.get(metric.id);
  if (error) field.error = error;
  return field;
}

/**
 * The card's groups: the plan's objectives with their figures, and an inspection's grades apart, at the
 * end, shown only when the head says there was an inspection this term (they are optional, and asked of
 * every academy every term in case there was one: on a phone they would be most of the card).
 */
function cardGroups(input: FiguresViewInput): FiguresCardGroup[] {
  const groups: FiguresCardGroup[] = [];
  const inspection: FiguresCardField[] = [];
  for (const group of input.groups) {
    const fields: FiguresCardField[] = [];
    for (const { metric, required } of group.metrics) {
      const field = fieldFor(metric, required, input);
      if (INSPECTION_METRIC_IDS.has(metric.id) && !required) inspection.push(field);
      else fields.push(field);
    }
    if (fields.length > 0) groups.push({ title: group.title, fields });
  }
  if (inspection.length > 0) {
    groups.push({
      title: 'Inspection this term',
      note: 'Only if the academy was inspected this term.',
      revealedBy: 'Add inspection grades',
      fields: inspection,
    });
  }
  return groups;
}

/** The head's figures card for one academy and round. */
export function figuresCardView(input: FiguresViewInput): FiguresCardView {
  const view: FiguresCardView = {
    academyName: input.academy.name,
    urn: input.academy.urn,
    term: input.round.term,
    termLabel: termLabel(input.round.term),
    closesOnLabel: formatDateLabel(input.round.closesOn),
    version: headCardVersion(input.record),
    groups: cardGroups(input),
  };
  if (input.banner) view.banner = input.banner;
  const published = publishedLines(input.published ?? [], input.record, input.previous);
  if (published.length > 0) view.published = published;
  return view;
}

/**
 * The imported figures the card shows read only, each with its publication: "KS2 expected standard in
 * reading, writing and maths 66% — DfE, provisional, Sep 2026". The term's own figure if one was
 * imported (an inspection this term), else the latest earlier one; a metric with no imported figure yet
 * is left out rather than shown empty.
 */
export function publishedLines(
  metrics: readonly Metric[],
  record: AcademyTermRecord,
  previous: ReadonlyMap<string, StoredFigure>,
): string[] {
  const lines: string[] = [];
  for (const metric of metrics) {
    const figure = [record.figures.get(metric.id), previous.get(metric.id)].find(
      (candidate) => candidate?.content.published !== undefined,
    );
    const publication = figure?.content.published;
    if (!figure || !publication) continue;
    const shown =
      'value' in figure.content
        ? `${metric.label} ${formatMetricValue(metric, figure.content.value)}`
        : `${metric.label}: ${figure.content.notAvailable}`;
    lines.push(`${shown} — ${describePublication(publication)}`);
  }
  return lines;
}

function timeLabel(iso: string, timeZone: string): string {
  const at = new Date(iso);
  const time = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
  const day = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
  return `${time} on ${formatDateLabel(day)}`;
}

/** The read-only summary of what is stored, with Edit while the round is open. */
export function figuresSummaryView(
  input: Pick<FiguresViewInput, 'academy' | 'round' | 'groups' | 'record'> & {
    submitterName: string;
    timeZone: string;
    notice?: string;
  },
): FiguresSummaryView {
  const { record, round } = input;
  const rows: FiguresSummaryView['rows'] = [];
  for (const group of input.groups) {
    for (const { metric } of group.metrics) {
      const figure = record.figures.get(metric.id);
      if (figure) rows.push({ label: metric.label, value: contentText(metric, figure.content) });
    }
  }
  const open = round.status === 'open';
  const view: FiguresSummaryView = {
    academyName: input.academy.name,
    urn: input.academy.urn,
    term: round.term,
    termLabel: termLabel(round.term),
    submittedLine: record.submittedAt
      ? `Submitted by ${input.submitterName} at ${timeLabel(record.submittedAt, input.timeZone)}`
      : 'Not submitted yet',
    rows,
    canEdit: open,
    footnote: open
      ? `You can edit these until the round closes at the end of ${formatDateLabel(round.closesOn)}.`
      : `The round closed on ${formatDateLabel(round.closesOn)}; these figures can no longer be changed.`,
  };
  if (input.notice) view.notice = input.notice;
  return view;
}

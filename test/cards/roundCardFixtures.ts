/**
 * Views for the round's card tests, including one built from every head-supplied metric of the
 * catalogue (the largest card a head can be sent).
 */
import type { FieldInput, FiguresCardField, FiguresCardView } from '../../src/app/round/roundViews';
import { notAvailableInputId, valueInputId } from '../../src/app/round/roundViews';
import type { Metric } from '../../src/domain/metrics/metric';
import { METRIC_CATALOGUE } from '../../src/domain/metrics/metricCatalogue';

/** A name with markdown, HTML, quotes and template syntax in it: it must show exactly as written. */
export const AWKWARD_NAME = `St Mary's *C of E* <Primary> & "Nursery" \\ [site](http://x.example) \${urn} _x_`;

export function field(
  metricId: string,
  input: FieldInput,
  extra: Partial<FiguresCardField> = {},
): FiguresCardField {
  return {
    metricId,
    inputId: valueInputId(metricId),
    notAvailableInputId: notAvailableInputId(metricId),
    label: `Label of ${metricId}`,
    unit: '',
    help: `Help for ${metricId}.`,
    rangeText: '',
    input,
    required: false,
    value: '',
    notAvailableReason: '',
    ...extra,
  };
}

export const NUMBER: FieldInput = { kind: 'number', min: 0, max: 100, wholeNumber: false };
export const CHOICE: FieldInput = {
  kind: 'choice',
  options: [
    { value: 'good', title: 'Good' },
    { value: 'inadequate', title: 'Inadequate' },
  ],
};
export const YES_NO: FieldInput = { kind: 'yesNo' };
export const DATE: FieldInput = { kind: 'date' };

export function figuresView(
  fields: FiguresCardField[],
  extra: Partial<FiguresCardView> = {},
): FiguresCardView {
  return {
    academyName: 'Saltmarsh Academy',
    urn: '990001',
    term: '2026-27-autumn',
    termLabel: 'autumn 2026',
    closesOnLabel: '12 Dec 2026',
    version: `W/"datetime'2026-12-02T10%3A00%3A00.000Z'"`,
    groups: [{ title: '1. Outstanding teaching', fields }],
    ...extra,
  };
}

function inputFor(metric: Metric): FieldInput {
  switch (metric.type) {
    case 'grade':
    case 'enum':
      return {
        kind: 'choice',
        options: (metric.options ?? []).map((o) => ({ value: o.value, title: o.label })),
      };
    case 'yesNo':
      return { kind: 'yesNo' };
    default:
      return {
        kind: 'number',
        ...(metric.min !== undefined ? { min: metric.min } : {}),
        ...(metric.max !== undefined ? { max: metric.max } : {}),
        wholeNumber: metric.type === 'count',
      };
  }
}

function rangeTextFor(metric: Metric): string {
  if (metric.options) return metric.options.map((o) => o.label).join(', ');
  if (metric.min !== undefined && metric.max !== undefined)
    return `${metric.min} to ${metric.max} ${metric.unit}`.trim();
  return '';
}

/** A metric as the head's card asks for it, with a previous value and an error (so its reason box shows). */
function worstCaseField(metric: Metric, required: boolean): FiguresCardField {
  return field(metric.id, inputFor(metric), {
    label: metric.label,
    unit: metric.unit,
    help: metric.help,
    rangeText: rangeTextFor(metric),
    required,
    value: metric.options?.[0]?.value ?? '12345.67',
    previous: 'Last time: 12345.67 (summer 2026)',
    error: `Enter a number from ${metric.min ?? 0} to ${metric.max ?? 100}, or say why you cannot give it yet`,
  });
}

/** The figures card for these groups at its largest: every field with a previous value and an error. */
export function worstCaseView(
  academyName: string,
  groups: { title: string; metrics: { metric: Metric; required: boolean }[] }[],
): FiguresCardView {
  const count = groups.reduce((sum, group) => sum + group.metrics.length, 0);
  return figuresView([], {
    academyName,
    groups: groups.map((group) => ({
      title: group.title,
      fields: group.metrics.map(({ metric, required }) => worstCaseField(metric, required)),
    })),
    banner: {
      tone: 'attention',
      text: `${count} figures need another look: see the notes under each field.`,
    },
  });
}

/**
 * Every head-supplied metric of the catalogue (both Ofsted forms, every phase), in groups of four
 * under long objective titles: more than any academy is asked for in one term.
 */
export function fullCatalogueView(): FiguresCardView {
  const metrics = METRIC_CATALOGUE.filter((metric) => metric.source === 'head');
  const groups = [];
  for (let i = 0; i < metrics.length; i += 4) {
    groups.push({
      title: `Objective ${i / 4 + 1}: Achieving outstanding outcomes for every pupil across the trust's academies`,
      metrics: metrics.slice(i, i + 4).map((metric) => ({ metric, required: true })),
    });
  }
  return worstCaseView('The Philip Morant School and College of Further Education', groups);
}

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

/**
 * Every head-supplied metric of the catalogue, in groups of four under long objective titles, each
 * with a previous value and an error (so each reason box is shown too), under a banner.
 */
export function fullCatalogueView(): FiguresCardView {
  const metrics = METRIC_CATALOGUE.filter((metric) => metric.source === 'head');
  const fields = metrics.map((metric) =>
    field(metric.id, inputFor(metric), {
      label: metric.label,
      unit: metric.unit,
      help: metric.help,
      rangeText: rangeTextFor(metric),
      required: true,
      value: metric.options?.[0]?.value ?? '12345.67',
      previous: 'Last time: 12345.67 (summer 2026)',
      error: `Enter a number from ${metric.min ?? 0} to ${metric.max ?? 100}, or say why you cannot give it yet`,
    }),
  );
  const groups = [];
  for (let i = 0; i < fields.length; i += 4) {
    groups.push({
      title: `Objective ${i / 4 + 1}: Achieving outstanding outcomes for every pupil across the trust's academies`,
      fields: fields.slice(i, i + 4),
    });
  }
  return figuresView([], {
    academyName: 'The Philip Morant School and College of Further Education',
    groups,
    banner: {
      tone: 'attention',
      text: `${fields.length} figures need another look: see the notes under each field.`,
    },
  });
}

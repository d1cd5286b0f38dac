/**
 * `trend <measure> [academy]`: one numeric measure over the last terms as a Chart.Line, with the figures
 * as facts for clients without charts. A bounded read: one query per term shown.
 */
import { formatNumericValue } from '../../domain/evaluation/formatForTrustees';
import type { Metric } from '../../domain/metrics/metric';
import { getMetric } from '../../domain/metrics/metricCatalogue';
import type { ThresholdOperator } from '../../domain/plan/plan';
import { editDistance } from '../../domain/roster/closestName';
import type { Roster } from '../../domain/roster/roster';
import { formatTermKey, parseTermKey, termRange } from '../../domain/terms/termCalendar';
import { findAcademy } from '../round/excuseAcademy';
import type { ChatReply } from '../round/roundChat';
import { currentTerm, termLabel } from '../round/roundTerm';
import type { BoardDeps } from './boardDeps';
import { MAX_SERIES, metricChart } from './metricChart';
import type { Scope } from './statusViews';

/** Terms the chart shows, ending with the latest closed (or current) term. */
export const TREND_CHART_TERMS = 6;

const NUMERIC = new Set(['number', 'percent', 'count']);

/** The plan's numeric measures. */
function planMetrics(deps: BoardDeps): Metric[] {
  const ids = new Set(
    deps.round.plan.objectives.flatMap((objective) => objective.targets.map((t) => t.metricId)),
  );
  return [...ids]
    .map((id) => getMetric(id))
    .filter((metric): metric is Metric => metric !== undefined && NUMERIC.has(metric.type));
}

/** The measure named at the start of the text, and the rest (an academy). */
function readMeasure(metrics: Metric[], args: string): { metric?: Metric; rest: string } {
  const words = args.trim().split(/\s+/).filter(Boolean);
  for (let n = words.length; n >= 1; n--) {
    const typed = words.slice(0, n).join(' ').toLowerCase();
    const metric =
      metrics.find((m) => m.id.toLowerCase() === typed || m.label.toLowerCase() === typed) ??
      metrics.find((m) => typed.length >= 4 && m.label.toLowerCase().startsWith(typed)) ??
      metrics.find(
        (m) => typed.length >= 5 && editDistance(typed, m.label.toLowerCase().slice(0, typed.length)) <= 1,
      );
    if (metric) return { metric, rest: words.slice(n).join(' ') };
  }
  return { rest: args };
}

/**
 * The plan's level for the measure, to draw as a line: its first target with a numeric threshold
 * ("at least 95%"). Targets against the national figure or a trend have no one level to draw.
 */
function planTarget(deps: BoardDeps, metric: Metric): { value: number; label: string } | undefined {
  for (const objective of deps.round.plan.objectives) {
    for (const target of objective.targets) {
      if (target.metricId !== metric.id || target.rule.kind !== 'threshold') continue;
      const { operator, value } = target.rule;
      if (typeof value !== 'number') continue;
      return { value, label: `${OPERATOR_WORDS[operator]}${formatNumericValue(metric, value)}` };
    }
  }
  return undefined;
}

const OPERATOR_WORDS: Record<ThresholdOperator, string> = {
  atLeast: 'at least ',
  atMost: 'at most ',
  equals: '',
};

export async function trendView(
  deps: BoardDeps,
  roster: Roster,
  scope: Scope,
  args: string,
): Promise<ChatReply[]> {
  const metrics = planMetrics(deps);
  const { metric, rest } = readMeasure(metrics, args);
  if (!metric) {
    return [
      {
        kind: 'text',
        text: `Say which measure, e.g. **trend attendance** or **trend attendance Saltmarsh**. Measures: ${metrics
          .map((m) => m.label)
          .join(', ')}.`,
      },
    ];
  }
  let urns = scope ? [...scope] : roster.academies.map((academy) => academy.urn);
  if (rest.trim()) {
    const match = findAcademy(roster, rest);
    if (match.kind !== 'one') {
      return [
        {
          kind: 'text',
          text: `I couldn't tell which academy "${rest.slice(0, 80)}" is. Use its URN to be exact.`,
        },
      ];
    }
    if (scope && !scope.has(match.academy.urn)) {
      return [{ kind: 'text', text: 'Sorry, you can see the trend of your own academy only.' }];
    }
    urns = [match.academy.urn];
  }
  const rounds = await deps.round.rounds.list();
  const last =
    parseTermKey(rounds.find((round) => round.status === 'closed')?.term ?? '') ?? currentTerm(deps.round);
  const all = termRange({ startYear: last.startYear - 2, term: 'autumn' }, last).map(formatTermKey);
  const terms = all.slice(-TREND_CHART_TERMS);
  const records = (await Promise.all(terms.map((term) => deps.round.figures.term(term)))).flat();
  const name = (urn: string): string => roster.academies.find((academy) => academy.urn === urn)?.name ?? urn;
  const target = planTarget(deps, metric);
  const { chart, seriesCount } = metricChart(metric, terms, urns, records, name, {
    ...(target && { target }),
    shortLabels: true,
  });
  const lines =
    seriesCount === 0
      ? [
          `No ${metric.label} figures are stored for ${termLabel(terms[0] ?? '')} to ${termLabel(terms[terms.length - 1] ?? '')}.`,
        ]
      : [
          `${termLabel(terms[0] ?? '')} to ${termLabel(terms[terms.length - 1] ?? '')}.`,
          ...(seriesCount > MAX_SERIES
            ? [`The chart shows ${MAX_SERIES} of ${seriesCount} academies; the figures list them all.`]
            : []),
          // The figures with the chart, not only in its fallback: a chart is read against its numbers.
          ...chart.fallbackFacts.map((fact) => `${fact.title}: ${fact.value}`),
        ];
  return [
    {
      kind: 'card',
      card: deps.cards.detail({
        title: `Trend: ${metric.label}`,
        subtitle: urns.length === 1 ? name(urns[0] ?? '') : `${seriesCount} academies`,
        lines,
        sections: [],
        ...(seriesCount > 0 && { chart }),
        buttons: [],
      }),
    },
  ];
}

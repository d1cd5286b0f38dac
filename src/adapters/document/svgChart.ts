/**
 * A chart of the board's (ChartView, the same data the cards' Chart.Line and Chart.VerticalBar carry) as
 * inline SVG for print: a figure with a text alternative, the chart, and its figures in a table. Colour is
 * never the only signal: each series also has its own marker shape and dash (lines) or hatching (bars),
 * shown in the legend beside its name.
 */
import type { ChartView } from '../../app/board/boardViews';
import { escapeHtml } from './escapeHtml';

/** Okabe and Ito's palette: told apart by people with every common colour-vision deficiency. */
const COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#F0E442'];
const DASHES = ['', '6 3', '2 3', '8 3 2 3', '4 4', '1 2', '10 4', '3 6'];
const MARKERS = ['circle', 'square', 'triangle', 'diamond', 'cross', 'circle', 'square', 'triangle'] as const;

const WIDTH = 640;
const HEIGHT = 250;
const LEFT = 52;
const RIGHT = 12;
const TOP = 14;
const BOTTOM = 40;

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/0+$/, '').replace(/\.$/, '');
}

/** Round tick values covering the data, zero included for counts and bars. */
function ticks(min: number, max: number): number[] {
  if (min === max) {
    min -= 1;
    max += 1;
  }
  const raw = (max - min) / 5;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((candidate) => candidate >= raw) ?? raw;
  const from = Math.floor(min / step) * step;
  const to = Math.ceil(max / step) * step;
  const values: number[] = [];
  for (let value = from; value <= to + step / 2; value += step) values.push(Number(value.toFixed(10)));
  return values;
}

function marker(kind: (typeof MARKERS)[number], x: number, y: number, colour: string): string {
  const r = 3.6;
  switch (kind) {
    case 'square':
      return `<rect x="${fmt(x - r)}" y="${fmt(y - r)}" width="${fmt(2 * r)}" height="${fmt(2 * r)}" fill="${colour}"/>`;
    case 'triangle':
      return `<path d="M${fmt(x)} ${fmt(y - r - 1)}L${fmt(x + r + 1)} ${fmt(y + r)}L${fmt(x - r - 1)} ${fmt(y + r)}Z" fill="${colour}"/>`;
    case 'diamond':
      return `<path d="M${fmt(x)} ${fmt(y - r - 1)}L${fmt(x + r + 1)} ${fmt(y)}L${fmt(x)} ${fmt(y + r + 1)}L${fmt(x - r - 1)} ${fmt(y)}Z" fill="${colour}"/>`;
    case 'cross':
      return `<path d="M${fmt(x - r)} ${fmt(y - r)}L${fmt(x + r)} ${fmt(y + r)}M${fmt(x + r)} ${fmt(y - r)}L${fmt(x - r)} ${fmt(y + r)}" stroke="${colour}" stroke-width="2"/>`;
    default:
      return `<circle cx="${fmt(x)}" cy="${fmt(y)}" r="${r}" fill="${colour}"/>`;
  }
}

/** The x categories in the order the series first name them. */
function categories(chart: ChartView): string[] {
  const seen: string[] = [];
  for (const series of chart.series) {
    for (const point of series.values) if (!seen.includes(point.x)) seen.push(point.x);
  }
  return seen;
}

/** The text alternative: what the chart shows, in a sentence or two. */
export function chartAltText(chart: ChartView): string {
  const xs = categories(chart);
  const parts = chart.series.map((series) => {
    const first = series.values[0];
    const last = series.values[series.values.length - 1];
    if (!first || !last) return `${series.legend}: no figures`;
    if (chart.kind === 'Chart.Line' && series.values.length > 1) {
      return `${series.legend} from ${fmt(first.y)} in ${first.x} to ${fmt(last.y)} in ${last.x}`;
    }
    return `${series.legend}: ${series.values.map((point) => `${fmt(point.y)} (${point.x})`).join(', ')}`;
  });
  const kind = chart.kind === 'Chart.Line' ? 'Line chart' : 'Bar chart';
  return `${kind}, ${chart.title}, ${xs.length} ${chart.xAxisTitle.toLowerCase()}${xs.length === 1 ? '' : 's'}: ${parts.join('; ')}. The figures are in the table below.`;
}

function legend(chart: ChartView, id: string): string {
  return chart.series
    .map((series, index) => {
      const colour = COLOURS[index % COLOURS.length] ?? '#000';
      const swatch =
        chart.kind === 'Chart.Line'
          ? `<svg width="34" height="12" aria-hidden="true"><line x1="1" y1="6" x2="33" y2="6" stroke="${colour}" stroke-width="2" stroke-dasharray="${DASHES[index % DASHES.length] ?? ''}"/>${marker(MARKERS[index % MARKERS.length] ?? 'circle', 17, 6, colour)}</svg>`
          : `<svg width="16" height="12" aria-hidden="true"><rect x="1" y="1" width="14" height="10" fill="url(#${id}-hatch-${index})" stroke="${colour}"/></svg>`;
      return `<li>${swatch} ${escapeHtml(series.legend)}</li>`;
    })
    .join('');
}

function hatchDef(id: string, index: number, colour: string): string {
  const angle = [0, 45, 90, 135, 0, 45, 90, 135][index % 8] ?? 0;
  const solid = index % 4 === 0;
  return `<defs><pattern id="${id}-hatch-${index}" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(${angle})"><rect width="6" height="6" fill="${solid ? colour : '#fff'}"/>${solid ? '' : `<rect width="3" height="6" fill="${colour}"/>`}</pattern></defs>`;
}

function plot(chart: ChartView, id: string): string {
  const xs = categories(chart);
  const values = chart.series.flatMap((series) => series.values.map((point) => point.y));
  const zeroBased = chart.kind !== 'Chart.Line' || values.every((value) => value >= 0 && value <= 20);
  const lo = Math.min(...values, ...(zeroBased ? [0] : []));
  const hi = Math.max(...values);
  const yTicks = ticks(lo, hi);
  const y0 = yTicks[0] ?? 0;
  const y1 = yTicks[yTicks.length - 1] ?? 1;
  const plotWidth = WIDTH - LEFT - RIGHT;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const yOf = (value: number): number => TOP + plotHeight - ((value - y0) / (y1 - y0 || 1)) * plotHeight;
  const band = plotWidth / Math.max(xs.length, 1);
  const xOf = (x: string): number => LEFT + band * (xs.indexOf(x) + 0.5);
  const grid = yTicks
    .map(
      (tick) =>
        `<line x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${fmt(yOf(tick))}" y2="${fmt(yOf(tick))}" stroke="#ccc" stroke-width="0.6"/>` +
        `<text x="${LEFT - 6}" y="${fmt(yOf(tick) + 3.5)}" text-anchor="end" font-size="10">${fmt(tick)}</text>`,
    )
    .join('');
  const xLabels = xs
    .map(
      (x) =>
        `<text x="${fmt(xOf(x))}" y="${HEIGHT - BOTTOM + 14}" text-anchor="middle" font-size="10">${escapeHtml(x)}</text>`,
    )
    .join('');
  const axes =
    `<line x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${TOP + plotHeight}" y2="${TOP + plotHeight}" stroke="#333"/>` +
    `<line x1="${LEFT}" x2="${LEFT}" y1="${TOP}" y2="${TOP + plotHeight}" stroke="#333"/>` +
    `<text x="${LEFT + plotWidth / 2}" y="${HEIGHT - 6}" text-anchor="middle" font-size="10.5">${escapeHtml(chart.xAxisTitle)}</text>` +
    `<text transform="translate(12 ${TOP + plotHeight / 2}) rotate(-90)" text-anchor="middle" font-size="10.5">${escapeHtml(chart.yAxisTitle)}</text>`;
  let marks: string;
  if (chart.kind === 'Chart.Line') {
    marks = chart.series
      .map((series, index) => {
        const colour = COLOURS[index % COLOURS.length] ?? '#000';
        const points = series.values.map((point) => `${fmt(xOf(point.x))},${fmt(yOf(point.y))}`).join(' ');
        return (
          `<polyline points="${points}" fill="none" stroke="${colour}" stroke-width="2" stroke-dasharray="${DASHES[index % DASHES.length] ?? ''}"/>` +
          series.values
            .map((point) =>
              marker(MARKERS[index % MARKERS.length] ?? 'circle', xOf(point.x), yOf(point.y), colour),
            )
            .join('')
        );
      })
      .join('');
  } else {
    const count = Math.max(chart.series.length, 1);
    const barWidth = (band * 0.8) / count;
    marks =
      chart.series
        .map((_series, index) => hatchDef(id, index, COLOURS[index % COLOURS.length] ?? '#000'))
        .join('') +
      chart.series
        .map((series, index) => {
          const colour = COLOURS[index % COLOURS.length] ?? '#000';
          return series.values
            .map((point) => {
              const x = xOf(point.x) - band * 0.4 + barWidth * index;
              const top = yOf(Math.max(point.y, 0));
              const height = Math.abs(yOf(point.y) - yOf(0));
              return `<rect x="${fmt(x)}" y="${fmt(top)}" width="${fmt(barWidth * 0.92)}" height="${fmt(height)}" fill="url(#${id}-hatch-${index})" stroke="${colour}" stroke-width="0.8"/>`;
            })
            .join('');
        })
        .join('');
  }
  return grid + axes + xLabels + marks;
}

/** The figures as a table: one row per series, one column per x category. */
function figuresTable(chart: ChartView): string {
  const xs = categories(chart);
  const head = `<tr><th scope="col">${escapeHtml(chart.kind === 'Chart.Line' ? 'Series' : 'Status')}</th>${xs
    .map((x) => `<th scope="col">${escapeHtml(x)}</th>`)
    .join('')}</tr>`;
  const rows = chart.series
    .map(
      (series) =>
        `<tr><th scope="row">${escapeHtml(series.legend)}</th>${xs
          .map((x) => {
            const point = series.values.find((candidate) => candidate.x === x);
            return `<td>${point ? fmt(point.y) : '–'}</td>`;
          })
          .join('')}</tr>`,
    )
    .join('');
  return `<table class="figures"><caption>${escapeHtml(chart.title)}: the figures</caption><thead>${head}</thead><tbody>${rows}</tbody></table>`;
}

/** The chart as a figure (`id` unique in the document): heading, SVG with its text alternative, legend, and the table of its figures. */
export function svgChart(chart: ChartView, id: string): string {
  const alt = chartAltText(chart);
  const empty = chart.series.every((series) => series.values.length === 0);
  const svg = empty
    ? `<p>No figures to draw.</p>`
    : `<svg class="chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="${id}-title ${id}-desc" font-family="inherit"><title id="${id}-title">${escapeHtml(chart.title)}</title><desc id="${id}-desc">${escapeHtml(alt)}</desc>${plot(chart, id)}</svg>`;
  return `<figure class="chart-figure"><figcaption>${escapeHtml(chart.title)}</figcaption>${svg}<ul class="legend">${legend(chart, id)}</ul>${figuresTable(chart)}</figure>`;
}

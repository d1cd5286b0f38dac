/**
 * The board pack as one self-contained HTML document for A4: real headings in order, tables with
 * header cells, charts as inline SVG with a text alternative and their figures in a table, statuses
 * always in words beside their colour. Nothing is fetched: no fonts, scripts or images from anywhere.
 * Every text from the model is escaped (names, reasons and notes are people's own words).
 */
import type { BoardPack, PackAcademy, PackGroup, PackResult } from '../../app/board/boardPack';
import { escapeHtml as e } from './escapeHtml';
import { svgChart } from './svgChart';

const CSS = `
@page { size: A4; margin: 16mm 15mm 18mm 15mm; }
* { box-sizing: border-box; }
html { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 9.5pt; color: #111; line-height: 1.35; }
body { margin: 0; }
h1 { font-size: 22pt; margin: 0 0 6mm; }
h2 { font-size: 14pt; margin: 6mm 0 2mm; border-bottom: 1.5pt solid #333; padding-bottom: 1mm; }
h3 { font-size: 11pt; margin: 4mm 0 1.5mm; }
h2, h3 { break-after: avoid; }
section.page { break-before: page; }
section.cover { break-before: auto; }
.cover-meta { font-size: 11pt; margin: 0 0 6mm; }
.cover-meta dt { font-weight: bold; float: left; width: 28mm; clear: left; }
.cover-meta dd { margin: 0 0 1.5mm 30mm; }
.headline { font-size: 12.5pt; font-weight: bold; border-left: 3pt solid #333; padding: 1mm 0 1mm 3mm; }
.fictional { border: 1pt dashed #555; padding: 2mm; font-size: 9pt; }
table { border-collapse: collapse; width: 100%; margin: 1mm 0 3mm; }
th, td { border: 0.6pt solid #999; padding: 1mm 1.5mm; text-align: left; vertical-align: top; }
thead th { background: #eee; }
thead { display: table-header-group; }
tr, figure, .keep { break-inside: avoid; }
caption { text-align: left; font-weight: bold; padding: 1mm 0; }
.rag { display: inline-block; min-width: 15mm; padding: 0.3mm 1.5mm; border: 0.8pt solid #333; border-radius: 1mm; font-weight: bold; font-size: 8.5pt; }
.rag::before { display: inline-block; width: 3.2mm; margin-right: 1mm; }
.rag-red { background: #f8d7d5; border-color: #a4262c; }
.rag-red::before { content: "✖"; }
.rag-amber { background: #fdebc8; border-color: #8a5a00; }
.rag-amber::before { content: "▲"; }
.rag-green { background: #d7efd9; border-color: #1e6b2e; }
.rag-green::before { content: "✔"; }
.rag-grey, .rag-not-measured { background: #eee; border-color: #666; }
.rag-grey::before, .rag-not-measured::before { content: "–"; }
.group-head { display: flex; gap: 3mm; align-items: baseline; }
.muted { color: #444; }
figure.chart-figure { margin: 2mm 0 4mm; }
figure.chart-figure figcaption { font-weight: bold; margin-bottom: 1mm; }
svg.chart { width: 100%; max-width: 170mm; height: auto; }
ul.legend { list-style: none; padding: 0; margin: 1mm 0; display: flex; flex-wrap: wrap; gap: 2mm 6mm; font-size: 8.5pt; }
ul.legend svg { vertical-align: middle; }
table.figures { font-size: 8.5pt; }
.charts { display: grid; grid-template-columns: 1fr 1fr; gap: 0 6mm; }
ol.exceptions li, ul.plain li { margin-bottom: 1.2mm; }
nav ol { columns: 2; }
a { color: inherit; }
`;

function ragBadge(rag: string): string {
  const slug = rag.toLowerCase().replace(/[^a-z]+/g, '-');
  return `<span class="rag rag-${e(slug)}">${e(rag)}</span>`;
}

function resultsTable(results: readonly PackResult[], subjectColumn: 'subject' | 'target'): string {
  if (results.length === 0) return '<p class="muted">No results to show.</p>';
  const first = subjectColumn === 'subject' ? 'Academy' : 'Target';
  const rows = results
    .map(
      (result) =>
        `<tr><th scope="row">${e(subjectColumn === 'subject' ? result.subject : result.target)}</th><td>${ragBadge(result.rag)} ${e(result.status)}</td><td>${e(result.reason)}</td></tr>`,
    )
    .join('');
  return `<table><thead><tr><th scope="col">${first}</th><th scope="col">Status</th><th scope="col">Reason</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** An objective or principle: its colour and counts, then its results target by target. */
function groupBlock(group: PackGroup, level: 'h3' | 'h4', bySubject: boolean): string {
  const head = `<div class="group-head">${ragBadge(group.rag)}<${level}>${e(group.title)}</${level}></div>`;
  const description = group.description ? `<p class="muted">${e(group.description)}</p>` : '';
  const counts = `<p>${e(group.counts)}.</p>`;
  if (!bySubject) return head + description + counts + resultsTable(group.results, 'target');
  const targets = [...new Set(group.results.map((result) => result.target))];
  const tables = targets
    .map(
      (target) =>
        `<p class="keep"><strong>${e(target)}</strong></p>` +
        resultsTable(
          group.results.filter((result) => result.target === target),
          'subject',
        ),
    )
    .join('');
  return head + description + counts + tables;
}

function cover(pack: BoardPack): string {
  const counts = pack.counts
    .map((count) => `<tr><th scope="row">${e(count.title)}</th><td>${e(count.value)}</td></tr>`)
    .join('');
  const exceptions =
    pack.exceptions.length === 0
      ? '<p>No target is missed, at risk or without data.</p>'
      : `<ol class="exceptions">${pack.exceptions.map((line) => `<li>${e(line)}</li>`).join('')}</ol>`;
  return `<section class="cover" aria-labelledby="cover-title">
<h1 id="cover-title">${e(pack.title)}</h1>
<dl class="cover-meta">
<dt>Trust</dt><dd>${e(pack.trustName)}</dd>
<dt>Plan</dt><dd>${e(pack.planTitle)}</dd>
<dt>Term</dt><dd>${e(pack.termLabel)}</dd>
<dt>As of</dt><dd>${e(pack.asOf)}</dd>
<dt>Written</dt><dd>${e(pack.generatedOn)}, from the evaluation stored when the round closed</dd>
</dl>
${pack.fictional ? '<p class="fictional">Fictional demo data: this trust, its academies and its people are made up.</p>' : ''}
<h2 id="headline">Headline</h2>
<p class="headline">${e(pack.headline)}</p>
<h2 id="exceptions">Exceptions</h2>
${exceptions}
<h2 id="counts">Targets by status</h2>
<table class="keep"><caption>${e(pack.changeLine)}</caption><thead><tr><th scope="col">Status</th><th scope="col">Targets (change)</th></tr></thead><tbody>${counts}</tbody></table>
<nav aria-labelledby="contents-title"><h2 id="contents-title">Contents</h2><ol>
<li><a href="#objectives">Objectives</a></li><li><a href="#principles">Principles</a></li>
${pack.academies.map((academy) => `<li><a href="#academy-${e(academy.urn)}">${e(academy.name)}</a></li>`).join('')}
<li><a href="#returns">Returns and change</a></li><li><a href="#appendix-targets">Appendix A: the plan's targets</a></li><li><a href="#appendix-figures">Appendix B: figures used</a></li>
</ol></nav>
</section>`;
}

function objectivesPage(pack: BoardPack): string {
  return `<section class="page" aria-labelledby="objectives">
<h2 id="objectives">Objectives</h2>
${pack.charts[0] ? svgChart(pack.charts[0], 'chart-objectives') : ''}
${pack.objectives.map((group) => groupBlock(group, 'h3', true)).join('\n')}
</section>`;
}

function principlesPage(pack: BoardPack): string {
  const body =
    pack.principles.length === 0
      ? '<p>This evaluation was stored before the plan’s principles were judged.</p>'
      : pack.principles.map((group) => groupBlock(group, 'h3', false)).join('\n');
  return `<section class="page" aria-labelledby="principles"><h2 id="principles">Principles</h2>${body}</section>`;
}

function academyPage(academy: PackAcademy, index: number): string {
  const figures =
    academy.figures.length === 0
      ? '<p>No figures were given for this term.</p>'
      : `<table><thead><tr><th scope="col">Measure</th><th scope="col">Figure</th><th scope="col">Given by</th><th scope="col">On</th></tr></thead><tbody>${academy.figures
          .map(
            (figure) =>
              `<tr><th scope="row">${e(figure.measure)}</th><td>${
                figure.notAvailable !== undefined
                  ? `Not available: ${e(figure.notAvailable)}`
                  : e(figure.value ?? '')
              }</td><td>${e(figure.givenBy)}</td><td>${e(figure.givenAt)}</td></tr>`,
          )
          .join('')}</tbody></table>`;
  const notAvailable = academy.figures.filter((figure) => figure.notAvailable !== undefined);
  const charts =
    academy.charts.length === 0
      ? '<p class="muted">Fewer than two terms of figures to draw a trend.</p>'
      : `<div class="charts">${academy.charts.map((chart, n) => svgChart(chart, `chart-a${index}-${n}`)).join('')}</div>`;
  return `<section class="page academy" aria-labelledby="academy-${e(academy.urn)}">
<div class="group-head">${ragBadge(academy.rag)}<h2 id="academy-${e(academy.urn)}">${e(academy.name)}</h2></div>
<p>URN ${e(academy.urn)}. ${e(academy.counts)}. ${e(academy.standing)}</p>
<h3>Targets</h3>
${academy.groups.map((group) => groupBlock(group, 'h4', false)).join('\n')}
<h3>Figures this term</h3>
${figures}
${
  notAvailable.length > 0
    ? `<h3>Not available</h3><ul class="plain">${notAvailable
        .map(
          (figure) => `<li>${e(figure.measure)}: ${e(figure.notAvailable ?? '')} (${e(figure.givenBy)})</li>`,
        )
        .join('')}</ul>`
    : ''
}
<h3>Trends</h3>
${charts}
</section>`;
}

function returnsPage(pack: BoardPack): string {
  const attention =
    pack.attention.length === 0
      ? '<p>Every academy asked sent its figures.</p>'
      : pack.attention
          .map(
            (section) =>
              `<h3>${e(section.title)}</h3><ul class="plain">${section.lines.map((line) => `<li>${e(line.replace(/\*\*/g, ''))}</li>`).join('')}</ul>`,
          )
          .join('');
  const change = pack.previousTermLabel
    ? `<table class="keep"><thead><tr><th scope="col">Status</th><th scope="col">${e(pack.previousTermLabel)}</th><th scope="col">${e(pack.termLabel)}</th><th scope="col">Change</th></tr></thead><tbody>${pack.change
        .map((row) => {
          const delta = row.before === undefined ? undefined : row.now - row.before;
          const words =
            delta === undefined
              ? ''
              : delta === 0
                ? 'no change'
                : `${delta > 0 ? '+' : '−'}${Math.abs(delta)}`;
          return `<tr><th scope="row">${e(row.status)}</th><td>${row.before ?? '–'}</td><td>${row.now}</td><td>${e(words)}</td></tr>`;
        })
        .join('')}</tbody></table>`
    : '<p>No earlier closed term to compare with.</p>';
  return `<section class="page" aria-labelledby="returns">
<h2 id="returns">Returns and change</h2>
<h3>Who did not send figures, and who was excused</h3>
${attention}
<h3>Change since the last closed term</h3>
${change}
${pack.charts[1] ? svgChart(pack.charts[1], 'chart-trend') : ''}
</section>`;
}

function appendices(pack: BoardPack): string {
  const targets = pack.targets
    .map(
      (target) =>
        `<tr><td>${e(target.objective)}</td><th scope="row">${e(target.target)}</th><td>${e(target.measure)}</td><td>${e(target.rule)}</td></tr>`,
    )
    .join('');
  const figures = pack.figuresUsed
    .map(
      (figure) =>
        `<tr><th scope="row">${e(figure.subject)}</th><td>${e(figure.measure)}</td><td>${e(figure.period)}</td><td>${e(figure.value)}</td><td>${e(figure.givenBy)}</td><td>${e(figure.givenAt)}</td><td>${e(figure.how)}${figure.changes ? `; ${e(figure.changes)}` : ''}</td></tr>`,
    )
    .join('');
  return `<section class="page" aria-labelledby="appendix-targets">
<h2 id="appendix-targets">Appendix A: the plan's targets</h2>
<table><thead><tr><th scope="col">Objective</th><th scope="col">Target</th><th scope="col">Measure</th><th scope="col">Rule</th></tr></thead><tbody>${targets}</tbody></table>
</section>
<section class="page" aria-labelledby="appendix-figures">
<h2 id="appendix-figures">Appendix B: figures used</h2>
<p>Every figure the evaluation used, with who gave it and when (from the audit trail).</p>
<table><thead><tr><th scope="col">Academy</th><th scope="col">Measure</th><th scope="col">For</th><th scope="col">Figure</th><th scope="col">Given by</th><th scope="col">On</th><th scope="col">How</th></tr></thead><tbody>${figures}</tbody></table>
</section>`;
}

/** Renders the pack as a complete HTML document (UTF-8, A4 print CSS, no external resources). */
export function boardPackHtml(pack: BoardPack): string {
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(`${pack.title} — ${pack.trustName}`)}</title>
<style>${CSS}</style>
</head>
<body>
<main>
${cover(pack)}
${objectivesPage(pack)}
${principlesPage(pack)}
${pack.academies.map((academy, index) => academyPage(academy, index)).join('\n')}
${returnsPage(pack)}
${appendices(pack)}
</main>
</body>
</html>
`;
}

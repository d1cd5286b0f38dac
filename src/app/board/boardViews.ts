/**
 * What the board's cards show, as typed data: the risk summary posted to the board channel and the
 * answers to status questions. src/app/board builds these; cards/boardSummaryCard.ts and
 * cards/boardDetailCard.ts bind them to the templates in cards/.
 */

/** The card buttons of the board: drill-downs, each naming what to show and the term. */
export type BoardVerb =
  /** One academy's every target, with status and reason. */
  | 'boardAcademy'
  /** One objective across the academies. */
  | 'boardObjective'
  /** Every principle of the plan with its targets and reasons. */
  | 'boardPrinciples'
  /** Every exception of the term, worst first (the summary's "and N more"). */
  | 'boardExceptions';

export const BOARD_VERBS: readonly BoardVerb[] = [
  'boardAcademy',
  'boardObjective',
  'boardPrinciples',
  'boardExceptions',
];

/** The input id of the drill-down pickers on the summary. */
export const ACADEMY_PICKER_ID = 'academy';
export const OBJECTIVE_PICKER_ID = 'objective';

/** Adaptive Card text colours for red / amber / green / grey (the word is always shown too). */
export type CardColor = 'Attention' | 'Warning' | 'Good' | 'Default';

/** One line with a colour and its word, e.g. "Red" Saltmarsh Academy, and what lies behind it. */
export interface RagLine {
  /** "Red", "Amber", "Green", "Grey": the colour in words, for screen readers and colour blindness. */
  label: string;
  color: CardColor;
  title: string;
  /** The reasons or counts under the title; may be empty. */
  details: string[];
}

/**
 * One principle in the summary's compact row: its colour in words (or "Not measured"), its title and its
 * worst status, e.g. Red "Shared and distributed governance" "2 missed".
 */
export interface PrincipleCell {
  principleId: string;
  /** "Red", "Amber", "Green", "Grey", or "Not measured" for a principle no target serves. */
  label: string;
  color: CardColor;
  title: string;
  /** "2 missed", "12 met", "nothing to judge yet" or "not measured by this plan". */
  status: string;
}

/** Teams' chart colours that mean green, amber, red and grey. */
export type ChartColor = 'good' | 'warning' | 'attention' | 'neutral';

/** A Teams chart with the same numbers as facts for clients that draw no charts (Teams on iOS). */
export interface ChartView {
  kind: 'Chart.Line' | 'Chart.VerticalBar.Grouped';
  title: string;
  xAxisTitle: string;
  yAxisTitle: string;
  /** Each series may name its colour (Teams' chart colours: `good`, `warning`, `attention`, `neutral`). */
  series: { legend: string; color?: ChartColor; values: { x: string; y: number }[] }[];
  fallbackFacts: { title: string; value: string }[];
  /** The y-axis range, when it should span the figures rather than start at 0 (Teams' yMin and yMax). */
  yMin?: number;
  yMax?: number;
}

/** One coloured line of the summary: the colour in words ("Red"), and the line itself. */
export interface ColouredLine {
  label: string;
  color: CardColor;
  text: string;
}

/**
 * The board's risk summary for one term: an exceptions report that does not grow with the trust (see
 * src/app/board/exceptionsReport.ts for what it says and why).
 */
export interface BoardSummaryView {
  term: string;
  /** "Risk summary: autumn 2026" (with "provisional" for an open round). */
  title: string;
  /** "Achieving Outstanding Academies, as of 12 Dec 2026". */
  subtitle: string;
  /** Set for an open round's summary: says it is provisional and why. */
  provisionalNote?: string;
  /** The one sentence a trustee can repeat. */
  headline: string;
  /** The change since the last closed term, or that there is none to compare with. */
  changeLine: string;
  /** The worst exceptions (at most EXCEPTIONS_SHOWN), each at most 140 characters. */
  exceptions: ColouredLine[];
  /** How many exceptions are not shown (the "and N more" button shows them all). */
  moreExceptions: number;
  /** Each objective in one line: colour, number and title, counts. */
  objectives: ColouredLine[];
  /** The plan's principles in plan order; empty for an evaluation stored before principles were judged. */
  principles: PrincipleCell[];
  /** Who sent nothing, could not be reached, was excused; empty lines left out. */
  who: { title: string; text: string }[];
  /** At most one chart, only when it adds something. */
  charts: ChartView[];
  /** Tells trustees they can ask the bot in a 1:1 chat, and what (the summary is posted in a channel). */
  askNote: string;
  /** Drill-down pickers (Input.ChoiceSet) and their buttons. */
  academyChoices: { title: string; value: string }[];
  objectiveChoices: { title: string; value: string }[];
}

/** A status answer or a drill-down: a title, lines, sections of coloured lines, maybe a chart and buttons. */
export interface BoardDetailView {
  title: string;
  subtitle: string;
  /** Plain lines under the title (counts, the open round's progress, a note on scope). */
  lines: string[];
  sections: { title: string; items: RagLine[] }[];
  chart?: ChartView;
  /** Commands a button sends as if typed (an Action.Submit carrying `command`), e.g. the closest commands to an unknown question. */
  buttons: { title: string; text: string }[];
}

/**
 * What the round's cards show, as typed data. The use cases in src/app/round build these; the card
 * builders in cards/ bind them to the JSON templates there. Nothing here knows about Teams.
 */

/** What a card's buttons ask for, carried in each button's data as `verb` (and as an Action.Execute's verb). */
export type RoundVerb =
  /** The head submits the figures on the card. */
  | 'submitFigures'
  /** The head keeps what is typed as a draft, not counted as submitted. */
  | 'saveDraft'
  /** The head wants the figures card back (from the read-only summary, or a reminder). */
  | 'editFigures'
  /** The head answers the figures in the chat, one at a time, instead of on the card. */
  | 'answerInChat'
  /** The owner turns to another page of their card (`page`), keeping what they typed as a draft. */
  | 'showPage'
  /** An executive confirms opening the round named in the data. */
  | 'openRound'
  /** An executive confirms closing the round named in the data. */
  | 'closeRound';

export const ROUND_VERBS: readonly RoundVerb[] = [
  'submitFigures',
  'saveDraft',
  'editFigures',
  'answerInChat',
  'showPage',
  'openRound',
  'closeRound',
];

/** The data every round button carries, besides the card's inputs. */
export interface RoundActionData {
  verb: RoundVerb;
  /** Term key, e.g. `2026-27-autumn`. */
  term: string;
  /** The academy the card is about; absent on the executives' round cards. */
  urn?: string;
  /** On the card that opens the next term's round before the term starts: the executive saw the warning. */
  early?: true;
  /**
   * The version of the academy's record the figures card was drawn from (opaque; empty when nothing was
   * stored yet). A Submit or Save for later from a card drawn from an older version is refused with the
   * current card, so an old card never undoes a later edit.
   */
  version?: string;
  /** On an owner's card split into pages: the page the button is on (from 0). */
  page?: number;
  /** showPage: the page to show. */
  to?: number;
}

/** The card field ids for one metric: the value, and the reason it cannot be given yet. */
export function valueInputId(metricId: string): string {
  return `m_${metricId}`;
}
export function notAvailableInputId(metricId: string): string {
  return `na_${metricId}`;
}

/** How a field is entered on the card. */
export type FieldInput =
  /** A number typed as text, read on the server (numbers, percents, counts, £k). */
  | { kind: 'number'; min?: number; max?: number; wholeNumber: boolean }
  /** Input.ChoiceSet (grades and choices), `value` is the option value. */
  | { kind: 'choice'; options: { value: string; title: string }[] }
  /** Input.ChoiceSet with Yes / No (values `yes` / `no`). */
  | { kind: 'yesNo' }
  /** Input.Date (`YYYY-MM-DD`). */
  | { kind: 'date' };

export interface FiguresCardField {
  metricId: string;
  /** `m_<metricId>`; the reason's input is `na_<metricId>`. */
  inputId: string;
  notAvailableInputId: string;
  label: string;
  /** Display unit, e.g. `%`, `points`, `£k`; empty for none. */
  unit: string;
  /** One line of help. */
  help: string;
  /** The valid range or choices in words, e.g. "0 to 100 %"; empty when there is none to say. */
  rangeText: string;
  /** What an empty input shows; the range text when absent. */
  placeholder?: string;
  input: FieldInput;
  /** Required fields must have a value or a "not available" reason. */
  required: boolean;
  /** What the input shows: what was typed, the draft, the stored value, or the previous value. */
  value: string;
  /**
   * E.g. "Last time: 94.1% (summer 2026)", when a previous value is shown beside the field; a choice
   * pre-filled from it says so ("Last term: Outstanding (summer 2026), pre-filled: check it").
   */
  previous?: string;
  /** The reason given when the figure is not available yet; empty for none. */
  notAvailableReason: string;
  /** Set when the server refused what was typed: shown next to the field. */
  error?: string;
}

export interface FiguresCardGroup {
  /** The plan objective the fields serve, or what they are (e.g. "Inspection this term"). */
  title: string;
  /** A line under the title, e.g. when the fields are needed. */
  note?: string;
  /**
   * The button that shows the fields, hidden until pressed (an inspection's grades, given only in a term
   * with an inspection), unless one of them has a value, a reason or an error; absent: always shown.
   */
  revealedBy?: string;
  fields: FiguresCardField[];
}

/** The head's card: the term's figures for one academy, to fill in, correct or edit. */
export interface FiguresCardView {
  academyName: string;
  urn: string;
  term: string;
  /** "autumn 2026". */
  termLabel: string;
  /** "12 Dec 2026". */
  closesOnLabel: string;
  /** The record's version the card is drawn from (AcademyTermRecord.version); empty when none is stored. */
  version: string;
  groups: FiguresCardGroup[];
  /** A line at the top: why the card came back (errors to fix, draft saved, editing). */
  banner?: { tone: 'attention' | 'good' | 'default'; text: string };
  /** An owner's card split into pages: this page (from 0), its label, and the pages either side. */
  paging?: { page: number; label: string; note: string; previous?: number; next?: number };
  /**
   * Imported figures shown read only, nobody asked for them: "KS2 … 66% — DfE, provisional, Sep 2026"
   * (figuresViews.ts, publishedLines). Absent when there are none.
   */
  published?: string[];
}

/** What the head sees in place of the card once the figures are stored: read-only, with Edit. */
export interface FiguresSummaryView {
  academyName: string;
  urn: string;
  term: string;
  termLabel: string;
  /** "Submitted by Helen Marsh at 10:42 on 2 Dec 2026". */
  submittedLine: string;
  /** A line above everything, e.g. why this card replaced an out-of-date one. */
  notice?: string;
  rows: { label: string; value: string }[];
  /** False once the round has closed: no Edit button. */
  canEdit: boolean;
  /** E.g. "You can edit these until 12 Dec 2026." or "The round closed on …". */
  footnote: string;
}

/** The executive's confirmation before a round opens or closes. */
export interface RoundConfirmView {
  verb: 'openRound' | 'closeRound';
  term: string;
  /** Opens the next term's round before the term starts: the note warns, the button says so. */
  early?: true;
  termLabel: string;
  /** Lines of facts, e.g. ["Closes: 12 Dec 2026", "Heads to ask: 6 (6 academies)"]. */
  facts: { title: string; value: string }[];
  /** A warning, e.g. "2 heads cannot be reached yet: …". */
  note?: string;
  /** The button's title: "Open round" / "Close round". */
  buttonTitle: string;
}

/** A short reminder to a head who has not submitted, with a button that brings the card back. */
export interface ReminderView {
  academyName: string;
  urn: string;
  term: string;
  termLabel: string;
  /** "The autumn 2026 figures for Saltmarsh Academy are due by 12 Dec 2026 (in 2 days)." */
  text: string;
}

/** What a figures card becomes when the round closes: it closed, when, and whom to contact. */
export interface RoundClosedView {
  /** "The autumn 2026 round has closed". */
  title: string;
  /** "Figures for Saltmarsh Academy" or "Trust figures for 6 academies". */
  subject: string;
  /** "It closed on 7 Dec 2026, before its due date of 12 Dec 2026. Your figures, submitted on …, are kept." */
  text: string;
  /** "If something is wrong, please contact Amara Okafor (amara.okafor@…)." */
  contact: string;
}

/** For executives: where the open round stands, academy by academy. */
export interface RoundProgressView {
  termLabel: string;
  /** "Open since 24 Nov 2026, closes 12 Dec 2026" or "Closed on 12 Dec 2026". */
  stateLine: string;
  /** Counts line, e.g. "3 of 6 submitted". */
  summaryLine: string;
  sections: { title: string; lines: string[] }[];
}

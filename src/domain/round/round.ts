/**
 * The termly data round as data: a round collects one term's figures from every academy's head, from
 * the day it opens to the day it closes. These types are what storage keeps and what the use cases in
 * src/app/round decide on; they hold no behaviour.
 */
import type { MetricValue } from '../metrics/parseMetricValue';
import type { Publication } from '../published/publication';
import type { IsoDate } from '../roster/roster';

export type RoundStatus = 'open' | 'closed';

export interface Round {
  /** Term key, e.g. `2026-27-autumn`. */
  term: string;
  status: RoundStatus;
  /** The day the round opened (in the trust's time zone) and the day it closes (inclusive). */
  openedOn: IsoDate;
  closesOn: IsoDate;
  /** ISO timestamp, and who opened it: a roster email, or `schedule` for the daily timer. */
  openedAt: string;
  openedBy: string;
  closedAt?: string;
  closedBy?: string;
  /** How many academies were asked when it opened. */
  academyCount: number;
}

/**
 * How a figure reached storage: the head's card, the head's answers in chat, a data file of earlier terms,
 * or a file that corrected the open round's figures on purpose (`import --correct-open-round`; `by` names
 * who ran it).
 */
export type FigureChannel = 'card' | 'chat' | 'import' | 'correction';

/**
 * A figure's content: a value, or the reason why there is none yet (the head's, or "not published" with
 * the publisher's code; never counted as zero). An imported published figure says which publication it
 * came from.
 */
export type FigureContent = ({ value: MetricValue } | { notAvailable: string }) & { published?: Publication };

/** One stored figure of one academy (URN, or `trust`) for one term. */
export interface StoredFigure {
  urn: string;
  term: string;
  metricId: string;
  content: FigureContent;
  channel: FigureChannel;
  /** Who last changed it (roster email, or `import`) and when (ISO timestamp). */
  by: string;
  at: string;
}

/** One change to a figure, kept for ever: who, when, old and new content, how. */
export interface AuditRecord {
  urn: string;
  term: string;
  metricId: string;
  at: string;
  by: string;
  channel: FigureChannel;
  /** Absent for the first value. */
  old?: FigureContent;
  /** Absent when the figure was cleared (an optional figure left blank on an edit); `old` is then set. */
  new?: FigureContent;
}

/** Where an academy's answer for a term stands. */
export type SubmissionState = 'notStarted' | 'draft' | 'submitted';

/** A head's unfinished answer: what they typed, as typed (strings), so the next card shows it again. */
export interface Draft {
  /** Input values by card field id (`m_<metricId>`, `na_<metricId>`), as the card sent them. */
  inputs: Record<string, string>;
  savedBy: string;
  savedAt: string;
}

/** An executive excused the academy from this round: no reminders, not counted as missing. */
export interface Excusal {
  reason: string;
  by: string;
  at: string;
}

/** Everything stored about one academy in one term, read in one round trip. */
export interface AcademyTermRecord {
  urn: string;
  term: string;
  state: SubmissionState;
  /** Figures by metric id: submitted on the card or imported. */
  figures: Map<string, StoredFigure>;
  draft?: Draft;
  excused?: Excusal;
  submittedBy?: string;
  submittedAt?: string;
  /**
   * The storage version this record was read at (an ETag, opaque); undefined when nothing was stored yet.
   * A write names it, so two writers never overwrite each other blindly.
   */
  version?: string;
  /**
   * Another version with exactly this content ('' for nothing stored), when the last change only moved the
   * version on: storage fenced off a write whose answer was lost. A card drawn from it is not stale.
   */
  sameAs?: string;
}

/** How the prompt for one academy in one round went. */
export type PromptState =
  /** Claimed in the prompt log; the queue message may not be written yet (a restart resumes it). */
  | 'pending'
  /** The card is in the outbox queue (delivery is idempotent on the message id). */
  | 'queued'
  /** The head has no stored 1:1 conversation: the app is not installed for them. */
  | 'noConversation'
  /** The academy has no head on the roster. */
  | 'noHead';

export interface PromptRecord {
  term: string;
  urn: string;
  /** The head asked, when the academy has one. */
  personEmail?: string;
  state: PromptState;
  /** ISO timestamps. */
  claimedAt: string;
  queuedAt?: string;
  /** Days (trust's time zone) a reminder was sent, oldest first. */
  remindedOn: IsoDate[];
  /** The storage version the record was read at (an ETag, opaque), so an update never overwrites blindly. */
  version?: string;
}

/**
 * The latest figures card a head (for one academy) or an owner of trust figures was sent in a round: the
 * message that is updated in place to say the round closed.
 */
export interface PromptCard {
  term: string;
  /** The prompt log's key: the academy's URN, or `owner:<email>` for an owner's card. */
  key: string;
  /** The stored conversation the card is in (`person:<email>`). */
  conversationKey: string;
  /** Teams' id of the message that holds the card. */
  activityId: string;
  /** ISO timestamp of the send. */
  at: string;
  /**
   * How the card was told the round closed: `updated` in place, `gone` (the message was deleted, 404) or
   * `unreachable` (the app is not installed for the person any more); absent until then.
   */
  closed?: { outcome: PromptCardClosing; at: string };
}

export type PromptCardClosing = 'updated' | 'gone' | 'unreachable';

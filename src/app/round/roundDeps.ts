/**
 * What the round's use cases work with: the trust's plan and calendar, the stores, the outbox, the card
 * builders and the clock. The hosts build it once (src/hosts/services.ts); tests build it over Azurite.
 */
import type { BenchmarkSource } from '../../domain/evaluation/evaluatePlan';
import type { Plan } from '../../domain/plan/plan';
import type { Roster } from '../../domain/roster/roster';
import type { Round } from '../../domain/round/round';
import type { RoundWindows } from '../../domain/round/roundCalendar';
import type { TermCalendar } from '../../domain/terms/termCalendar';
import type {
  ChatSessionStore,
  ConversationStore,
  EvaluationStore,
  FanOutRequests,
  FigureStore,
  Logger,
  Outbox,
  OwnerRoundStore,
  PromptLog,
  RoundStore,
} from '../ports';
import type { RosterDirectory } from '../rosterDirectory';
import type {
  FiguresCardView,
  FiguresSummaryView,
  ReminderView,
  RoundClosedView,
  RoundConfirmView,
  RoundProgressView,
} from './roundViews';

/** An Adaptive Card attachment as Teams wants it, opaque to the use cases. */
export interface CardAttachment {
  contentType: string;
  content: Record<string, unknown>;
}

/** The builders in cards/, injected so the use cases do not depend on templates. */
export interface RoundCards {
  figures(view: FiguresCardView): CardAttachment;
  summary(view: FiguresSummaryView): CardAttachment;
  confirm(view: RoundConfirmView): CardAttachment;
  reminder(view: ReminderView): CardAttachment;
  progress(view: RoundProgressView): CardAttachment;
  /** A figures card once the round has closed (it replaces the card in place). */
  closed(view: RoundClosedView): CardAttachment;
}

export interface RoundSettings {
  /** IANA time zone the trust's days are counted in. */
  timeZone: string;
  windows: RoundWindows;
  /** Days before the close day on which reminders go (0 is the close day). */
  reminderDays: readonly number[];
  /** The schedule acts from this hour of the trust's day on (so nobody is messaged at night). */
  scheduleHour: number;
}

/**
 * Runs once a round's evaluation is stored (the board summary is posted, src/app/board); says what it
 * did in a line for the executive. A failure is logged and never undoes the close.
 */
export type AfterClose = (roster: Roster, round: Round) => Promise<string>;

export interface RoundDeps {
  plan: Plan;
  calendar: TermCalendar;
  benchmarks: BenchmarkSource;
  roster: RosterDirectory;
  rounds: RoundStore;
  figures: FigureStore;
  prompts: PromptLog;
  /** The owners of trust figures: their answer's state, draft and pending submission per term. */
  owners: OwnerRoundStore;
  /** Where each head is in answering the round in chat (chatAnswers). */
  chatSessions: ChatSessionStore;
  evaluations: EvaluationStore;
  conversations: ConversationStore;
  outbox: Outbox;
  /** Where the opening queues its fan-out (the `fanOutRound` function sends the prompts). */
  fanOuts: FanOutRequests;
  cards: RoundCards;
  settings: RoundSettings;
  clock: () => Date;
  log: Logger;
  /** Set by the hosts once the board is wired; absent, closing only stores the evaluation. */
  afterClose?: AfterClose;
}

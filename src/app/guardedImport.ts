/**
 * What an import may write, decided before anything is written, for every import there is: the command
 * line's `import --data` and `import --from`, and the nightly import of PUBLISHED_DIR. No figures of a
 * term that has not started; nothing into the open round (heads answer it on their cards) unless told
 * so for that term; and no figure a person gave in a closed round (on the card, in chat, or as an
 * earlier correction) unless told so for its term. What is written over a person's figures on purpose
 * is recorded as a correction naming who said so. The nightly import is never told so
 * (NO_CORRECTIONS): a file that would change what a person gave is refused, and stays refused until
 * someone imports it by hand.
 */
import { formatDateLabel, formatTermLabel } from '../domain/evaluation/formatForTrustees';
import type { FigureContent } from '../domain/round/round';
import { localTime } from '../domain/terms/localTime';
import type { TermCalendar } from '../domain/terms/termCalendar';
import type { FigureStore, RoundStore } from './ports';
import {
  guardImport,
  type ImportActor,
  type ImportItem,
  importItems,
  type ImportOutcome,
  personsFiguresChanged,
} from './round/importFigures';

/** What to overwrite on purpose, and who says so. */
export interface ImportCorrections {
  /** The open round's term key, when its figures may be overwritten. */
  openRound?: string;
  /** Term keys of closed rounds whose figures people gave may be overwritten. */
  submitted: string[];
  /** Who is correcting; empty when nothing may be corrected. */
  by: string;
}

/** Overwrite nothing a person gave: the nightly import's corrections. */
export const NO_CORRECTIONS: ImportCorrections = { submitted: [], by: '' };

/** What the guard reads: the stored figures and rounds, and the calendar and time zone saying today's term. */
export interface ImportGuardDeps {
  figures: FigureStore;
  rounds: RoundStore;
  calendar: TermCalendar;
  timeZone: string;
}

function shown(content: FigureContent): string {
  return 'value' in content ? JSON.stringify(content.value) : `not available (${content.notAvailable})`;
}

/**
 * Why an import is refused when it says a figure was published after today (a mistyped `--published`,
 * or a file name's date): such a figure would sit unseen until that day, and no publisher has published
 * it yet. Undefined when every publication date is today or earlier.
 */
function publishedAfter(items: readonly ImportItem[], today: string): string | undefined {
  const later = items
    .map((item) => item.content.published?.publishedOn)
    .filter((day): day is string => day !== undefined && day > today)
    .sort();
  const [day] = later;
  if (day === undefined) return undefined;
  return (
    `Refused: ${later.length} ${later.length === 1 ? 'figure says it was' : 'figures say they were'} published on ` +
    `${formatDateLabel(day)}, after today (${formatDateLabel(today)}). Check the publication date ` +
    '(--published, or the date in the file name); nothing was imported.'
  );
}

export interface GuardedItems {
  /** Written as the import's own figures. */
  history: ImportItem[];
  /** The open round's figures, written as corrections (only with --correct-open-round). */
  openRound: ImportItem[];
  /** Closed rounds' figures people gave, written as corrections (only with --correct-submitted). */
  submitted: ImportItem[];
}

/**
 * Splits the items into what is written as imported and what as corrections, or refuses the whole
 * import with a message saying why and how to go on. Reads the stored figures the items would change.
 */
export async function guardItems(
  deps: ImportGuardDeps,
  items: readonly ImportItem[],
  corrections: ImportCorrections,
  now: Date,
): Promise<
  | { ok: true; items: GuardedItems }
  /** `correctable: false` when no correction option would let it through (the file itself is wrong). */
  | { ok: false; message: string; correctable?: false }
> {
  const today = localTime(now, deps.timeZone).date;
  const open = (await deps.rounds.list()).find((round) => round.status === 'open');
  const guarded = guardImport(items, {
    currentTerm: deps.calendar.termContaining(today),
    ...(open ? { openTerm: open.term } : {}),
    ...(corrections.openRound !== undefined ? { correctTerm: corrections.openRound } : {}),
  });
  if (!guarded.ok) return guarded;
  const future = publishedAfter(items, today);
  if (future) return { ok: false, message: future, correctable: false };
  const changed = await personsFiguresChanged(deps.figures, guarded.history);
  const allowed = new Set(corrections.submitted);
  const refused = changed.filter(({ stored }) => !allowed.has(stored.term));
  if (refused.length > 0) {
    const terms = [...new Set(refused.map(({ stored }) => stored.term))].sort();
    const examples = refused
      .slice(0, 3)
      .map(
        ({ item, stored }) =>
          `${stored.urn} ${stored.metricId} ${formatTermLabel(item.term)}: ${shown(stored.content)} ` +
          `(${stored.channel}, ${stored.by}, ${stored.at.slice(0, 10)}) would become ${shown(item.content)}`,
      );
    const count = refused.length === 1 ? '1 figure a person gave' : `${refused.length} figures people gave`;
    return {
      ok: false,
      message:
        `${count} in a closed round would change: ${examples.join('; ')}${refused.length > 3 ? '; …' : ''}. ` +
        'An import does not overwrite what heads submitted. Nothing was imported. To overwrite them on ' +
        'purpose (each change is recorded as a correction naming you), add ' +
        `--correct-submitted ${terms.join(',')}.`,
    };
  }
  const corrected = new Set(changed.map(({ item }) => item));
  return {
    ok: true,
    items: {
      history: guarded.history.filter((item) => !corrected.has(item)),
      openRound: guarded.corrections,
      submitted: guarded.history.filter((item) => corrected.has(item)),
    },
  };
}

export interface GuardedOutcome {
  imported: ImportOutcome;
  openRound?: ImportOutcome;
  submitted?: ImportOutcome;
}

/** Writes the guarded items: the import's own under `actor`, the corrections as corrections by who ran it. */
export async function writeGuarded(
  figures: FigureStore,
  items: GuardedItems,
  at: string,
  actor: ImportActor,
  corrections: ImportCorrections,
): Promise<GuardedOutcome> {
  const correction: ImportActor = { channel: 'correction', by: corrections.by };
  const imported = await importItems(figures, items.history, at, actor);
  return {
    imported,
    ...(items.openRound.length > 0 && {
      openRound: await importItems(figures, items.openRound, at, correction),
    }),
    ...(items.submitted.length > 0 && {
      submitted: await importItems(figures, items.submitted, at, correction),
    }),
  };
}

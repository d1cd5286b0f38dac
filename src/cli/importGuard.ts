/**
 * What an import may write, for both `import --data` and `import --from`, decided before anything is
 * written: no figures of a term that has not started; the open round's figures (heads answer it on their
 * cards) only with `--correct-open-round TERM`; and a figure a person gave in a closed round (on the
 * card, in chat, or as an earlier correction) only with `--correct-submitted TERM[,TERM…]`. What is
 * written over a person's figures on purpose is recorded as a correction by `--by NAME`, or the name
 * the person running the command is logged in as.
 */
import { userInfo } from 'node:os';

import type { TableStores } from '../adapters/tableStorage/createTableStores';
import {
  guardImport,
  type ImportActor,
  type ImportItem,
  importItems,
  type ImportOutcome,
  personsFiguresChanged,
} from '../app/round/importFigures';
import type { Config } from '../config';
import { formatTermLabel } from '../domain/evaluation/formatForTrustees';
import type { FigureContent } from '../domain/round/round';
import { localTime } from '../domain/terms/localTime';
import type { TermCalendar } from '../domain/terms/termCalendar';
import { parseTermKey, readTermKey } from '../domain/terms/termCalendar';
import { type CliIo, UsageError } from './cliIo';

/** The options that say what an import may overwrite on purpose, and who says so. */
export const CORRECTION_OPTIONS = ['correct-open-round', 'correct-submitted', 'by'];

export interface ImportCorrections {
  /** The open round's term key, when its figures may be overwritten. */
  openRound?: string;
  /** Term keys of closed rounds whose figures people gave may be overwritten. */
  submitted: string[];
  /** Who is correcting; empty when nothing may be corrected. */
  by: string;
}

/** The name the person running the command is logged in as; without one, `--by` must say who. */
function loggedInAs(): string {
  let name = '';
  try {
    name = userInfo().username;
  } catch {
    // No user database entry (some containers): the person must name themselves.
  }
  if (!name) throw new UsageError('say who is correcting the figures with --by NAME');
  return name;
}

/** Reads `--correct-open-round`, `--correct-submitted` and `--by`. */
export function readCorrections(options: ReadonlyMap<string, string>): ImportCorrections {
  const openRound = options.get('correct-open-round');
  if (openRound !== undefined) {
    const key = readTermKey(openRound);
    if (!key.ok) throw new UsageError(`--correct-open-round: ${key.message}`);
  }
  const submitted = (options.get('correct-submitted') ?? '')
    .split(',')
    .map((term) => term.trim())
    .filter(Boolean);
  for (const term of submitted) {
    const key = readTermKey(term);
    if (!key.ok) throw new UsageError(`--correct-submitted: ${key.message}`);
  }
  if (options.has('correct-submitted') && submitted.length === 0) {
    throw new UsageError('--correct-submitted needs the terms to correct, e.g. 2025-26-spring');
  }
  const correcting = openRound !== undefined || submitted.length > 0;
  if (options.has('by') && !correcting) {
    throw new UsageError(
      '--by names who corrects the figures: give it with --correct-open-round or --correct-submitted',
    );
  }
  return {
    ...(openRound !== undefined && { openRound }),
    submitted,
    by: correcting ? (options.get('by') ?? loggedInAs()) : '',
  };
}

function shown(content: FigureContent): string {
  return 'value' in content ? JSON.stringify(content.value) : `not available (${content.notAvailable})`;
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
  stores: Pick<TableStores, 'figures' | 'rounds'>,
  config: Pick<Config, 'round'>,
  calendar: TermCalendar,
  items: readonly ImportItem[],
  corrections: ImportCorrections,
  now: Date,
): Promise<{ ok: true; items: GuardedItems } | { ok: false; message: string }> {
  const open = (await stores.rounds.list()).find((round) => round.status === 'open');
  const guarded = guardImport(items, {
    currentTerm: calendar.termContaining(localTime(now, config.round.timeZone).date),
    ...(open ? { openTerm: open.term } : {}),
    ...(corrections.openRound !== undefined ? { correctTerm: corrections.openRound } : {}),
  });
  if (!guarded.ok) return guarded;
  const changed = await personsFiguresChanged(stores.figures, guarded.history);
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
  stores: Pick<TableStores, 'figures'>,
  items: GuardedItems,
  at: string,
  actor: ImportActor,
  corrections: ImportCorrections,
): Promise<GuardedOutcome> {
  const correction: ImportActor = { channel: 'correction', by: corrections.by };
  const imported = await importItems(stores.figures, items.history, at, actor);
  return {
    imported,
    ...(items.openRound.length > 0 && {
      openRound: await importItems(stores.figures, items.openRound, at, correction),
    }),
    ...(items.submitted.length > 0 && {
      submitted: await importItems(stores.figures, items.submitted, at, correction),
    }),
  };
}

const figures = (n: number): string => `${n} ${n === 1 ? 'figure' : 'figures'}`;

/** The lines that say what was corrected, and by whom. */
export function reportCorrections(io: CliIo, outcome: GuardedOutcome, corrections: ImportCorrections): void {
  if (outcome.openRound) {
    io.out(
      `Corrected the open round (${corrections.openRound ?? ''}): ${figures(outcome.openRound.changed)} ` +
        `changed, each audited as a correction by ${corrections.by}; ${outcome.openRound.unchanged} already as in the file.\n`,
    );
  }
  if (outcome.submitted) {
    const terms = corrections.submitted
      .map((term) => formatTermLabel(parseTermKey(term) ?? { startYear: 0, term: 'autumn' }))
      .join(', ');
    io.out(
      `Corrected figures people gave in closed rounds (${terms}): ${figures(outcome.submitted.changed)} ` +
        `changed, each audited as a correction by ${corrections.by}.\n`,
    );
  }
}

/**
 * The command line's side of the import guard (src/app/guardedImport.ts, which every import passes):
 * reading `--correct-open-round TERM`, `--correct-submitted TERM[,TERM…]` and `--by NAME` (or the name
 * the person running the command is logged in as), and saying what was corrected.
 */
import { userInfo } from 'node:os';

import type { GuardedOutcome, ImportCorrections } from '../app/guardedImport';
import { formatTermLabel } from '../domain/evaluation/formatForTrustees';
import { parseTermKey, readTermKey } from '../domain/terms/termCalendar';
import { type CliIo, UsageError } from './cliIo';

/** The options that say what an import may overwrite on purpose, and who says so. */
export const CORRECTION_OPTIONS = ['correct-open-round', 'correct-submitted', 'by'];

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

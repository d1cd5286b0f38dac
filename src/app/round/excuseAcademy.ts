/**
 * An executive excuses an academy from a round (a head on leave, a school in crisis): no reminders, and
 * not counted as missing. Academies are found by URN, or by name, forgiving case and small typos.
 */
import { closestName } from '../../domain/roster/closestName';
import type { Academy, Person, Roster } from '../../domain/roster/roster';
import type { Excusal, Round } from '../../domain/round/round';
import { isBlankOrInvisible, nameKey } from '../../domain/text/invisibleText';
import { escapeMarkdown } from '../escapeMarkdown';
import { quoteUserText } from '../quoteUserText';
import { updateFigureRecord } from '../updateFigureRecord';
import { ownersOfRound, setOwnerExcusal } from './ownerFigures';
import type { RoundDeps } from './roundDeps';
import { termLabel } from './roundTerm';

/** Longest excusal reason kept: a line for the executives' progress card. */
const MAX_EXCUSAL_REASON_LENGTH = 200;

export type AcademyMatch =
  | { kind: 'one'; academy: Academy }
  | { kind: 'several'; academies: Academy[] }
  | { kind: 'none'; closest?: string };

/**
 * Words too common in academies' names to pick one out: a query made only of these ("the", "school")
 * matches by URN or by a whole name; otherwise every academy containing it is offered to choose from.
 */
const COMMON_WORDS = new Set([
  'the',
  'of',
  'and',
  'a',
  'an',
  'st',
  'saint',
  'school',
  'academy',
  'college',
  'primary',
  'secondary',
  'infant',
  'infants',
  'junior',
  'high',
  'church',
  'ce',
  'c',
  'e',
  'free',
  'trust',
  'head',
  'is',
  'on',
]);

/** The academy a person means by a URN, a name or part of one, or initials ("PMS"). */
export function findAcademy(roster: Roster, query: string): AcademyMatch {
  const wanted = nameKey(query);
  if (!wanted) return { kind: 'none' };
  const byUrn = roster.academies.find((academy) => academy.urn === wanted);
  if (byUrn) return { kind: 'one', academy: byUrn };
  const exact = roster.academies.find((academy) => nameKey(academy.name) === wanted);
  if (exact) return { kind: 'one', academy: exact };
  const partial = roster.academies.filter((academy) => nameKey(academy.name).includes(wanted));
  // A match that rests on common words only ("the") is a guess: the person is asked, even for one.
  if (wanted.split(/[\s-]+/).every((word) => COMMON_WORDS.has(word.replace(/[^a-z]/g, '')))) {
    return partial.length > 0 ? { kind: 'several', academies: partial } : { kind: 'none' };
  }
  if (partial.length === 1 && partial[0]) return { kind: 'one', academy: partial[0] };
  if (partial.length > 1) return { kind: 'several', academies: partial };
  // "PMS" for The Philip Morant School (and College): the capitalised words' initials, a leading "The"
  // left out, matched in full or as their first three or more letters.
  const initials = roster.academies.filter((academy) => {
    const letters = academy.name
      .split(/\s+/)
      .filter((word, index) => /^[A-Z]/.test(word) && !(index === 0 && word === 'The'))
      .map((word) => word[0])
      .join('')
      .toLowerCase();
    return (
      letters === wanted || (wanted.length >= 3 && /^[a-z]+$/.test(wanted) && letters.startsWith(wanted))
    );
  });
  if (initials.length === 1 && initials[0]) return { kind: 'one', academy: initials[0] };
  const closest = closestName(
    wanted,
    roster.academies.map((academy) => academy.name.toLowerCase()),
  );
  const found = closest
    ? roster.academies.find((academy) => academy.name.toLowerCase() === closest)
    : undefined;
  if (found) return { kind: 'one', academy: found };
  return { kind: 'none' };
}

/** Records the excusal on the academy's record for the round; a second excusal replaces the reason. */
export async function excuseAcademy(
  deps: RoundDeps,
  roster: Roster,
  round: Round | undefined,
  person: Person,
  args: string,
): Promise<string> {
  if (!round || round.status !== 'open') return 'No round is open, so there is nobody to excuse.';
  const owner = ownerNamed(deps, roster, round, args);
  if (owner) return excuseOwner(deps, round, person, owner.person, owner.rest);
  const [query = '', ...rest] = splitQuery(roster, args);
  const reason = rest.join(' ').trim();
  // A reason of zero-width or direction characters only says nothing: refused like a blank one.
  if (!query || isBlankOrInvisible(reason))
    return 'Say which academy and why, e.g. **excuse Saltmarsh head on leave until January**.';
  const match = findAcademy(roster, query);
  if (match.kind === 'several') {
    return `Which one? ${match.academies.map((academy) => `${escapeMarkdown(academy.name)} (${academy.urn})`).join(', ')}. Use its URN to be exact.`;
  }
  if (match.kind === 'none')
    return `I couldn't find an academy called "${quoteUserText(query)}". Use its URN to be exact.`;
  const { academy } = match;
  const kept = reason.slice(0, MAX_EXCUSAL_REASON_LENGTH);
  const name = escapeMarkdown(academy.name);
  const update = await updateFigureRecord(deps.figures, { term: round.term, urn: academy.urn }, (record) =>
    record.state === 'submitted'
      ? { kind: 'stop', result: `${name} has already submitted for ${termLabel(round.term)}.` }
      : {
          kind: 'write',
          change: {
            figures: [],
            audit: [],
            excused: { reason: kept, by: person.email, at: deps.clock().toISOString() },
          },
          result: `${name} (${academy.urn}) is excused from the ${termLabel(round.term)} round: ${escapeMarkdown(kept)}. Its head gets no more reminders.`,
        },
  );
  if (update.kind === 'gaveUp') return 'The academy was being updated at the same moment; please try again.';
  if (update.kind === 'written')
    deps.log.info(`Round ${round.term}: ${academy.urn} excused by ${person.email}.`);
  return update.result;
}

/**
 * Withdraws an academy's excusal from the open round: its head is reminded again and, if nothing comes,
 * it is counted as missing. Logged with who excused it and why, as the excusal itself is.
 */
export async function unexcuseAcademy(
  deps: RoundDeps,
  roster: Roster,
  round: Round | undefined,
  person: Person,
  args: string,
): Promise<string> {
  if (!round || round.status !== 'open') return 'No round is open, so there is no excusal to withdraw.';
  const query = args.trim();
  if (isBlankOrInvisible(query)) return 'Say which academy, e.g. **unexcuse Saltmarsh**.';
  const owner = ownerNamed(deps, roster, round, query);
  if (owner && owner.rest === '') {
    const name = escapeMarkdown(owner.person.name);
    const outcome = await setOwnerExcusal(deps, round.term, owner.person.email, null);
    if (outcome === 'busy') return 'Their record was being updated at the same moment; please try again.';
    if (outcome === 'notExcused')
      return `${name} is not excused from the ${termLabel(round.term)} trust figures, so there is nothing to withdraw.`;
    deps.log.info(`Round ${round.term}: owner ${owner.person.email} excusal withdrawn by ${person.email}.`);
    return `${name} is no longer excused from the ${termLabel(round.term)} trust figures. They will be reminded again, and their figures count as missing if nothing comes.`;
  }
  const match = findAcademy(roster, query);
  if (match.kind === 'several') {
    return `Which one? ${match.academies.map((academy) => `${escapeMarkdown(academy.name)} (${academy.urn})`).join(', ')}. Use its URN to be exact.`;
  }
  if (match.kind === 'none')
    return `I couldn't find an academy called "${quoteUserText(query)}". Use its URN to be exact.`;
  const { academy } = match;
  const name = escapeMarkdown(academy.name);
  const term = termLabel(round.term);
  let withdrawn: Excusal | undefined;
  const update = await updateFigureRecord(deps.figures, { term: round.term, urn: academy.urn }, (record) => {
    withdrawn = record.excused;
    return record.excused
      ? {
          kind: 'write',
          change: { figures: [], audit: [], excused: null },
          result: `${name} (${academy.urn}) is no longer excused from the ${term} round (it was: ${escapeMarkdown(record.excused.reason)}). Its head will be reminded again, and it counts as missing if nothing comes.`,
        }
      : {
          kind: 'stop',
          result: `${name} is not excused from the ${term} round, so there is nothing to withdraw.`,
        };
  });
  if (update.kind === 'gaveUp') return 'The academy was being updated at the same moment; please try again.';
  if (update.kind === 'written' && withdrawn) {
    deps.log.info(
      `Round ${round.term}: ${academy.urn} excusal withdrawn by ${person.email} (excused by ${withdrawn.by} at ${withdrawn.at}: ${withdrawn.reason}).`,
    );
  }
  return update.result;
}

/**
 * The owner of trust figures in this round whom the words start with (their whole name or email, any
 * case), and the words after it; undefined when they name no owner asked in the round.
 */
function ownerNamed(
  deps: RoundDeps,
  roster: Roster,
  round: Round,
  args: string,
): { person: Person; rest: string } | undefined {
  const words = args.trim().split(/\s+/).filter(Boolean);
  const owners = ownersOfRound(deps, roster, round).map((request) => request.owner);
  for (let n = Math.min(words.length, 6); n >= 1; n--) {
    const wanted = nameKey(words.slice(0, n).join(' '));
    const found = owners.find(
      (owner) => nameKey(owner.name) === wanted || owner.email.toLowerCase() === wanted,
    );
    if (found) return { person: found, rest: words.slice(n).join(' ') };
  }
  return undefined;
}

/** Records an owner's excusal from the round's trust figures: no reminders, not counted as missing. */
async function excuseOwner(
  deps: RoundDeps,
  round: Round,
  person: Person,
  owner: Person,
  reason: string,
): Promise<string> {
  const name = escapeMarkdown(owner.name);
  if (isBlankOrInvisible(reason)) {
    return `Say why, e.g. **excuse ${name} on leave until January**.`;
  }
  const kept = reason.slice(0, MAX_EXCUSAL_REASON_LENGTH);
  const outcome = await setOwnerExcusal(deps, round.term, owner.email, {
    reason: kept,
    by: person.email,
    at: deps.clock().toISOString(),
  });
  if (outcome === 'busy') return 'Their record was being updated at the same moment; please try again.';
  if (outcome === 'submitted') return `${name} has already sent the ${termLabel(round.term)} trust figures.`;
  deps.log.info(`Round ${round.term}: owner ${owner.email} excused by ${person.email}.`);
  return `${name} is excused from the ${termLabel(round.term)} trust figures: ${escapeMarkdown(kept)}. They get no more reminders, and their figures are not counted as missing.`;
}

/**
 * Splits "excuse <academy> <reason>" where the academy may be several words: the longest run of leading
 * words that names exactly one academy is the academy, the rest the reason; otherwise the first word.
 */
function splitQuery(roster: Roster, args: string): string[] {
  const words = args.trim().split(/\s+/).filter(Boolean);
  for (let n = words.length - 1; n >= 1; n--) {
    const prefix = words.slice(0, n).join(' ');
    if (findAcademy(roster, prefix).kind === 'one') return [prefix, ...words.slice(n)];
  }
  return words;
}

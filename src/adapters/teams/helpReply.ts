import { helpCard } from '../../../cards/helpCard';
import type { CardAttachment } from '../../../cards/renderCard';
import { helpFor } from '../../app/helpFor';
import type { KnownPerson } from '../../app/identifyPerson';
import type { Roster } from '../../domain/roster/roster';
import type { BotDeps } from './botDeps';
import { ownWordsAnswerer } from './planner/statusActions';

/**
 * The person's help card. It says questions in their own words are answered only when they are: a
 * language model is configured and the person's role may read the plan's status.
 */
export function helpReply(
  deps: Pick<BotDeps, 'freeForm'>,
  roster: Roster,
  known: KnownPerson,
): CardAttachment {
  const exampleAcademy = known.academy?.name ?? roster.academies[0]?.name;
  const ownWords = ownWordsAnswerer(deps.freeForm, known) && exampleAcademy ? { exampleAcademy } : undefined;
  return helpCard(helpFor(known, roster.trust, ownWords ? { ownWords } : {}));
}

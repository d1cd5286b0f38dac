import { TeamsInfo, type TurnContext } from 'botbuilder';

import { identifyPerson, type KnownPerson } from '../../app/identifyPerson';
import type { Roster } from '../../domain/roster/roster';
import type { BotDeps } from './botDeps';
import { lookup } from './turnHelpers';

/** The sender's email or UPN from Teams' members API, when the client implements it. */
async function senderEmail(context: TurnContext): Promise<string | undefined> {
  if (context.activity.channelId !== 'msteams') return undefined;
  // Not every client implements the members API; the object id alone still identifies roster people.
  const member = await lookup(() => TeamsInfo.getMember(context, context.activity.from.id));
  const email: unknown = member?.email ?? member?.userPrincipalName;
  return typeof email === 'string' ? email : undefined;
}

/** Who sent the turn's activity: the roster (absent until loaded) and the roster person, if any. */
export async function identifySender(
  deps: BotDeps,
  context: TurnContext,
): Promise<{ roster?: Roster; known?: KnownPerson }> {
  const roster = await deps.roster.current();
  if (!roster) return {};
  const aadObjectId = context.activity.from.aadObjectId;
  // The object id is on every Teams activity. The email costs a call to Teams (with the connector's
  // retries when Teams is slow), so it is asked for only when it could find someone: when the roster
  // lists people without an object id. A stranger's message then costs no call at all.
  const byEmailOnly = roster.people.some((person) => !person.aadObjectId);
  const known =
    identifyPerson(roster, { aadObjectId }) ??
    (byEmailOnly && deps.serviceUrls.allows(context.activity.serviceUrl)
      ? identifyPerson(roster, { aadObjectId, email: await senderEmail(context) })
      : undefined);
  return { roster, known };
}

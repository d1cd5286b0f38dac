/**
 * Small pieces every route of the bot uses: bounded lookups against Teams, the key a re-sent activity is
 * recognised by, and sending a use case's reply.
 */
import type { Activity, TurnContext } from 'botbuilder';

import { answerWithin } from '../../app/answerWithin';
import type { ChatReply } from '../../app/round/roundChat';

/** Teams ids of a channel conversation carry the thread after `;messageid=`; posts go to the channel root. */
export function channelRoot(conversationId: string): string {
  return conversationId.split(';')[0] ?? conversationId;
}

/** Teams answers member and channel lookups well within this; a slower answer is treated as none. */
const LOOKUP_TIMEOUT_MS = 3000;

/** The lookup's answer, or undefined when it fails or takes longer than LOOKUP_TIMEOUT_MS. */
export async function lookup<T>(call: () => Promise<T>): Promise<T | undefined> {
  return answerWithin(call(), LOOKUP_TIMEOUT_MS);
}

/** The key under which an incoming activity is claimed, so a re-send is recognised. */
export function activityKey(activity: Activity): string | undefined {
  return activity.id
    ? `${activity.channelId}:${channelRoot(activity.conversation.id)}:${activity.id}`
    : undefined;
}

/** A use case's reply as the activity that carries it. */
export function toActivity(reply: ChatReply): Partial<Activity> {
  return reply.kind === 'card' ? { attachments: [reply.card] } : { text: reply.text };
}

/**
 * Answers an Action.Submit: a card replaces the card that was clicked when the client says which one
 * (replyToId), as Action.Execute would; otherwise, and for text, it is sent as a new message.
 */
export async function replaceOrSend(context: TurnContext, reply: ChatReply): Promise<void> {
  const replyToId = context.activity.replyToId;
  if (reply.kind === 'card' && replyToId) {
    try {
      await context.updateActivity({ type: 'message', id: replyToId, attachments: [reply.card] });
      await reply.shown?.(replyToId);
      return;
    } catch {
      // Not every client can update a message; a new one carries the same card.
    }
  }
  await sendReply(context, reply);
}

/** Sends a use case's reply as a new message, telling it the message id Teams gave a card. */
export async function sendReply(context: TurnContext, reply: ChatReply): Promise<void> {
  const sent = await context.sendActivity(toActivity(reply));
  if (reply.kind === 'card' && reply.shown && sent?.id) await reply.shown(sent.id);
}

/** The data of an Action.Submit (a message carrying the card's data with a verb), if it is one. */
export function cardData(activity: Partial<Activity>): Record<string, unknown> | undefined {
  const value = activity.value as Record<string, unknown> | undefined;
  return activity.type === 'message' &&
    !activity.text &&
    value &&
    typeof value === 'object' &&
    typeof value.verb === 'string'
    ? value
    : undefined;
}

/** Runs `step`, reporting whether it finished; used where a failure must not become another one. */
export async function safely(step: () => unknown): Promise<boolean> {
  try {
    await step();
    return true;
  } catch {
    return false;
  }
}

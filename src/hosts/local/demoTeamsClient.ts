/**
 * What Teams would deliver to the bot for the people `npm run demo` acts for: the app installed in a
 * personal chat or a channel, a typed message, and an Action.Submit pressed on a card (the card's data
 * and its inputs, naming the card). Each is a real activity POSTed to the bot's endpoint; the bot's answers
 * go to the conversation's serviceUrl (the connector relay, then the playground), as they would in Teams.
 */
import { randomUUID } from 'node:crypto';

import type { ConnectorRelay, RelayedMessage } from './connectorRelay';
import { DEFAULT_BOT, DEFAULT_TENANT_ID, type PlaygroundUser } from './playground';

export interface DemoConversation {
  id: string;
  serviceUrl: string;
  kind: 'personal' | 'channel';
  /** For a channel: its name and its team. */
  channel?: { name: string; team: { id: string; name: string; aadGroupId: string } };
}

/** A card element or action, read loosely: the bot's cards are JSON. */
type CardNode = Record<string, unknown>;

/** Every input of a card with its current value, as Teams sends them with a submit. */
export function cardInputs(card: unknown): Record<string, string> {
  const inputs: Record<string, string> = {};
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null) return;
    const element = node as CardNode;
    if (
      typeof element.type === 'string' &&
      element.type.startsWith('Input.') &&
      typeof element.id === 'string'
    ) {
      inputs[element.id] = typeof element.value === 'string' ? element.value : '';
    }
    for (const value of Object.values(element)) if (typeof value === 'object') visit(value);
  };
  visit(card);
  return inputs;
}

/** The data of the card's Action.Submit titled `title`, or undefined when it has none. */
export function submitData(card: unknown, title: string): Record<string, unknown> | undefined {
  let found: Record<string, unknown> | undefined;
  const visit = (node: unknown): void => {
    if (found) return;
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null) return;
    const element = node as CardNode;
    if (element.type === 'Action.Submit' && element.title === title && typeof element.data === 'object') {
      found = element.data as Record<string, unknown>;
      return;
    }
    for (const value of Object.values(element)) if (typeof value === 'object') visit(value);
  };
  visit(card);
  return found;
}

/** The Adaptive Card a relayed message carries, if any. */
export function cardOf(message: RelayedMessage): CardNode | undefined {
  const attachments = message.activity.attachments;
  if (!Array.isArray(attachments)) return undefined;
  const first = attachments[0] as { content?: unknown } | undefined;
  return typeof first?.content === 'object' && first.content !== null
    ? (first.content as CardNode)
    : undefined;
}

/** The text a relayed message or its card shows, for waiting on what the bot said. */
export function textOf(message: RelayedMessage): string {
  const text = typeof message.activity.text === 'string' ? message.activity.text : '';
  return `${text} ${JSON.stringify(cardOf(message) ?? {})}`;
}

export class DemoTeamsClient {
  constructor(
    private readonly botEndpoint: string,
    readonly relay: ConnectorRelay,
    private readonly tenantId = DEFAULT_TENANT_ID,
    private readonly bot = DEFAULT_BOT,
  ) {}

  /** Creates the person's 1:1 chat with the bot at the connector, as Teams does on install; its id. */
  async createPersonalChat(serviceUrl: string, user: PlaygroundUser): Promise<string> {
    const answer = await fetch(`${serviceUrl}/v3/conversations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        bot: this.bot,
        members: [{ id: user.id, name: user.name, aadObjectId: user.aadObjectId }],
        isGroup: false,
        tenantId: this.tenantId,
        channelData: { tenant: { id: this.tenantId } },
      }),
    });
    const body = (await answer.json().catch(() => ({}))) as { id?: unknown };
    if (!answer.ok || typeof body.id !== 'string') {
      throw new Error(
        `The connector at ${serviceUrl} did not create ${user.name}'s chat (${answer.status}).`,
      );
    }
    return body.id;
  }

  /** The app installed: the bot added to the conversation, which the bot then keeps, as in Teams. */
  install(user: PlaygroundUser, conversation: DemoConversation): Promise<void> {
    return this.post(user, conversation, {
      type: 'conversationUpdate',
      membersAdded: [{ id: this.bot.id }],
    });
  }

  /** A message typed by the person (in a channel the bot is @mentioned, as Teams requires). */
  say(user: PlaygroundUser, conversation: DemoConversation, text: string): Promise<void> {
    return this.post(user, conversation, { type: 'message', text, textFormat: 'plain' });
  }

  /**
   * The person presses the card's Action.Submit titled `title` after typing `typed` into its inputs: the
   * bot receives the action's data with every input's value, and the id of the card pressed.
   */
  async submit(
    user: PlaygroundUser,
    conversation: DemoConversation,
    message: RelayedMessage,
    title: string,
    typed: Readonly<Record<string, string>>,
  ): Promise<void> {
    const card = cardOf(message);
    const data = card && submitData(card, title);
    if (!card || !data) throw new Error(`The bot's message ${message.id} has no "${title}" button.`);
    await this.post(user, conversation, {
      type: 'message',
      replyToId: message.id,
      value: { ...cardInputs(card), ...typed, ...data },
    });
  }

  private async post(
    user: PlaygroundUser,
    conversation: DemoConversation,
    fields: Record<string, unknown>,
  ): Promise<void> {
    const activity = {
      id: randomUUID(),
      timestamp: new Date().toISOString(),
      channelId: 'msteams',
      serviceUrl: conversation.serviceUrl,
      locale: 'en-GB',
      from: { id: user.id, name: user.name, aadObjectId: user.aadObjectId },
      recipient: { id: this.bot.id, name: this.bot.name },
      conversation: {
        id: conversation.id,
        conversationType: conversation.kind,
        tenantId: this.tenantId,
        ...(conversation.kind === 'channel' && { isGroup: true }),
      },
      channelData: {
        tenant: { id: this.tenantId },
        ...(conversation.channel && {
          channel: { id: conversation.id, name: conversation.channel.name },
          team: conversation.channel.team,
        }),
      },
      ...fields,
    };
    const answer = await fetch(this.botEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    if (!answer.ok) {
      throw new Error(
        `The bot answered ${answer.status} to ${user.name}'s ${String(fields.type)}: ${await answer.text()}`,
      );
    }
  }
}

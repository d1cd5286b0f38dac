/**
 * A relay between the bot and the playgrounds, for `npm run demo`, as Teams' channel service sits between
 * a bot and its users. Every conversation the bot keeps has its serviceUrl at
 * `http://localhost:<relay>/<playground>/_connector`: the people the demo answers for have their chats
 * created there, and what a playground sends the bot (its endpoint is `/<playground>/api/messages` here)
 * reaches the bot with that serviceUrl in place of the playground's own. So everything the bot sends goes
 * through here to the playground's connector unchanged (the playground shows it, or keeps it in that
 * person's hidden chat), the chats open in a playground included, and the relay remembers each message
 * and card with the id the connector gave it. The demo reads a person's cards from here and answers them
 * as Teams would: an Action.Submit that names the card (replyToId).
 */
import http from 'node:http';

import { assertPortFree } from './netPorts';

/** A message the bot sent (or last put in place of it) in one conversation. */
export interface RelayedMessage {
  id: string;
  conversationId: string;
  activity: Record<string, unknown>;
  /** How many times it was sent or replaced; each update counts one. */
  revision: number;
}

export interface ConnectorRelay {
  /** The serviceUrl that reaches the named playground's connector through the relay. */
  serviceUrl(name: string): string;
  /** The bot's endpoint for the named playground: the bot answers its people through the relay. */
  botEndpoint(name: string): string;
  /** The URL prefix every relayed serviceUrl starts with (for ALLOWED_SERVICE_URLS). */
  prefix: string;
  /** The conversation's messages, oldest first, each as last sent or replaced. */
  messages(conversationId: string): RelayedMessage[];
  /** Waits for a message of the conversation that `accepts`, newest first; rejects after `timeoutMs`. */
  waitFor(
    conversationId: string,
    accepts: (message: RelayedMessage) => boolean,
    timeoutMs?: number,
  ): Promise<RelayedMessage>;
  stop(): Promise<void>;
}

const ACTIVITY_PATH = /^\/_connector\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/;

const BOT_PATH = '/api/messages';

/**
 * Starts the relay on `port`, forwarding `/<name>/_connector/…` to `targets[name]` (e.g.
 * http://localhost:26151) and `/<name>/api/messages` to `bot`, the bot's endpoint.
 */
export async function startConnectorRelay(
  port: number,
  targets: Readonly<Record<string, string>>,
  bot: string,
): Promise<ConnectorRelay> {
  const serviceUrl = (name: string): string => `http://localhost:${port}/${name}/_connector`;
  await assertPortFree('demo connector relay', port, '127.0.0.1');
  const byConversation = new Map<string, RelayedMessage[]>();
  const waiters = new Set<() => void>();

  const remember = (conversationId: string, id: string, activity: Record<string, unknown>): void => {
    const list = byConversation.get(conversationId) ?? [];
    const known = list.find((message) => message.id === id);
    if (known) {
      known.activity = activity;
      known.revision += 1;
    } else {
      list.push({ id, conversationId, activity, revision: 1 });
    }
    byConversation.set(conversationId, list);
    for (const wake of [...waiters]) wake();
  };

  const server = http.createServer((req, res) => {
    void (async () => {
      const [, name = '', ...rest] = (req.url ?? '/').split('/');
      const target = targets[name];
      if (!target) {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: `No playground is named ${name}.` }));
        return;
      }
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const body = Buffer.concat(chunks);
      const path = `/${rest.join('/')}`;
      const headers: Record<string, string> = {};
      for (const [key, value] of Object.entries(req.headers)) {
        if (typeof value === 'string' && !['host', 'content-length', 'connection'].includes(key)) {
          headers[key] = value;
        }
      }
      const toBot = path.split('?')[0] === BOT_PATH;
      // What the playground sends the bot names the relay as its connector, as Teams names its own.
      const sent =
        toBot && body.length > 0
          ? JSON.stringify({ ...(JSON.parse(body.toString('utf8')) as object), serviceUrl: serviceUrl(name) })
          : body;
      const answer = await fetch(toBot ? bot : new URL(path, target), {
        method: req.method ?? 'GET',
        headers,
        ...(sent.length > 0 && { body: sent }),
      });
      const text = await answer.text();
      const match = ACTIVITY_PATH.exec(path.split('?')[0] ?? '');
      if (!toBot && answer.ok && match && body.length > 0) {
        const activity = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
        const conversationId = decodeURIComponent(match[1] ?? '');
        const id =
          req.method === 'PUT'
            ? decodeURIComponent(match[2] ?? '')
            : ((text ? (JSON.parse(text) as { id?: unknown }) : {}).id ?? undefined);
        if (typeof id === 'string' && id && activity.type === 'message')
          remember(conversationId, id, activity);
      }
      res.writeHead(answer.status, {
        'content-type': answer.headers.get('content-type') ?? 'application/json',
      });
      res.end(text);
    })().catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: `The relay could not reach the playground: ${String(error)}` }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });

  const messages = (conversationId: string): RelayedMessage[] => [
    ...(byConversation.get(conversationId) ?? []),
  ];
  return {
    prefix: `http://localhost:${port}/`,
    serviceUrl,
    botEndpoint: (name) => `http://localhost:${port}/${name}${BOT_PATH}`,
    messages,
    waitFor(conversationId, accepts, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = (): boolean => {
          const found = messages(conversationId).reverse().find(accepts);
          if (!found) return false;
          waiters.delete(wake);
          clearTimeout(timer);
          resolve(found);
          return true;
        };
        const wake = (): void => void check();
        const timer = setTimeout(() => {
          waiters.delete(wake);
          reject(new Error(`Waited ${timeoutMs / 1000} s for the bot's message in ${conversationId}.`));
        }, timeoutMs);
        waiters.add(wake);
        check();
      });
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * A Bot Connector on loopback for load tests, benchmarks and refusals: answers POST
 * /v3/conversations/:id/activities (and PUT of an activity, an update) as Teams does, records what
 * arrives and, when asked, applies Teams' documented rate limits (per conversation 7/1 s, 8/2 s,
 * 60/30 s; 50 requests per second per app), answering 429 with Retry-After beyond them, or refuses
 * everything with a given status (`refusing`). It stands in for Teams' side of the wire only: the bot's
 * own sending code (botbuilder's CloudAdapter) is what talks to it.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** Teams' limits for a bot (Microsoft's rate-limiting page, October 2026). */
export const TEAMS_LIMITS = {
  perConversation: [
    { count: 7, windowMs: 1000 },
    { count: 8, windowMs: 2000 },
    { count: 60, windowMs: 30_000 },
  ],
  perApp: { count: 50, windowMs: 1000 },
} as const;

export interface ConnectorArrival {
  conversationId: string;
  activity: Record<string, unknown>;
  /** performance.now() when it was accepted. */
  at: number;
}

export interface LocalConnector {
  /** The serviceUrl to store in conversation references, with its trailing slash. */
  serviceUrl: string;
  /** Activities accepted, in order. */
  arrivals: ConnectorArrival[];
  /** Requests answered 429 because they were over a limit. */
  overLimit: number;
  /**
   * While true, a send is read and never answered nor recorded, as if Teams had not accepted it yet: a
   * bot killed meanwhile has claimed the send and not made it.
   */
  holding: boolean;
  /** Sends held so far. */
  held: number;
  /**
   * While set, every send and update is answered with this status (as Teams answers 403/404 for an app
   * removed, 429 with Retry-After over a limit, 412/5xx when busy) and nothing is recorded as arrived.
   */
  refusing: { status: number; retryAfterSeconds?: number; method?: 'POST' | 'PUT' } | undefined;
  /** Requests answered with `refusing`'s status, in order. */
  refused: { method: string; conversationId: string; status: number }[];
  /** Updates accepted (PUT of an activity), in order. */
  updates: ConnectorArrival[];
  stop(): Promise<void>;
}

interface Window {
  count: number;
  windowMs: number;
}

/** Sliding-window check: would one more request at `now` exceed the limit? */
function over(times: readonly number[], now: number, limit: Window): boolean {
  let inWindow = 0;
  for (let i = times.length - 1; i >= 0 && now - (times[i] ?? 0) < limit.windowMs; i--) inWindow++;
  return inWindow >= limit.count;
}

export async function startLocalConnector(
  options: { limits?: typeof TEAMS_LIMITS } = {},
): Promise<LocalConnector> {
  const { limits } = options;
  const arrivals: ConnectorArrival[] = [];
  const appTimes: number[] = [];
  const conversationTimes = new Map<string, number[]>();
  const updates: ConnectorArrival[] = [];
  const refused: LocalConnector['refused'] = [];
  const connector = {
    arrivals,
    overLimit: 0,
    holding: false,
    held: 0,
    refusing: undefined as LocalConnector['refusing'],
  };
  let nextId = 1;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(
        new URL(req.url ?? '/', 'http://connector').pathname,
      );
      const isUpdate = req.method === 'PUT' && match?.[2] !== undefined;
      if ((req.method !== 'POST' && !isUpdate) || !match?.[1]) {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'NotFound', message: `${req.method} ${req.url}` } }));
        return;
      }
      const conversationId = decodeURIComponent(match[1]);
      if (connector.refusing && (connector.refusing.method ?? req.method) === req.method) {
        const { status, retryAfterSeconds } = connector.refusing;
        refused.push({ method: req.method ?? '', conversationId, status });
        res.writeHead(status, {
          'content-type': 'application/json',
          ...(retryAfterSeconds !== undefined && { 'retry-after': String(retryAfterSeconds) }),
        });
        res.end(JSON.stringify({ error: { code: 'Refused', message: `refused with ${status}` } }));
        return;
      }
      if (connector.holding) {
        connector.held++;
        return;
      }
      const now = performance.now();
      const times = conversationTimes.get(conversationId) ?? [];
      if (limits) {
        const exceeded =
          over(appTimes, now, limits.perApp) ||
          limits.perConversation.some((limit) => over(times, now, limit));
        // Every request counts against the limits, refused or not, as Teams counts them.
        appTimes.push(now);
        times.push(now);
        conversationTimes.set(conversationId, times);
        if (exceeded) {
          connector.overLimit++;
          res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '1' });
          res.end(JSON.stringify({ error: { code: 'TooManyRequests', message: 'Too many requests' } }));
          return;
        }
      }
      let activity: Record<string, unknown> = {};
      try {
        activity = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      } catch {
        res.writeHead(400);
        res.end();
        return;
      }
      if (isUpdate) {
        updates.push({ conversationId, activity, at: now });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: decodeURIComponent(match[2] ?? '') }));
        return;
      }
      arrivals.push({ conversationId, activity, at: now });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `sent-${nextId++}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    arrivals,
    updates,
    refused,
    get refusing() {
      return connector.refusing;
    },
    set refusing(value: LocalConnector['refusing']) {
      connector.refusing = value;
    },
    get overLimit() {
      return connector.overLimit;
    },
    get holding() {
      return connector.holding;
    },
    set holding(value: boolean) {
      connector.holding = value;
    },
    get held() {
      return connector.held;
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** How many activities arrived in each conversation. */
export function arrivalsPerConversation(
  arrivals: readonly Pick<ConnectorArrival, 'conversationId'>[],
): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { conversationId } of arrivals)
    counts.set(conversationId, (counts.get(conversationId) ?? 0) + 1);
  return counts;
}

/**
 * Carries an HTTP request from either host (as @azure/functions' HttpRequest) into botbuilder's
 * CloudAdapter, which wants a parsed body, plain-object headers and an Express-like response.
 */
import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import type { Request as BotRequest, Response as BotResponse, TurnContext } from 'botbuilder';

import type { Logger } from '../../app/ports';
import type { ServiceUrlAllowList } from './serviceUrlAllowList';
import { validateActivity } from './validateActivity';

export interface BotProcessor {
  process(req: BotRequest, res: BotResponse, logic: (context: TurnContext) => Promise<void>): Promise<void>;
}

/**
 * The largest activity accepted, in bytes. Teams caps a message near 100 KB; an activity over this is
 * not one Teams sent, and is answered 413 before it is parsed.
 */
export const MAX_ACTIVITY_BYTES = 256 * 1024;

export interface BotRequestOptions {
  /** The service URLs the bot accepts; an activity naming another is answered 403 and never run. */
  serviceUrls: ServiceUrlAllowList;
  /**
   * The one tenant the bot serves (a single-tenant registration). An authenticated activity from any
   * other tenant (external access, shared channels) is refused with 403 and reaches no handler.
   */
  tenantId?: string;
  maxBytes?: number;
  /** Where failures inside the adapter are written; the caller only gets a plain sentence. */
  log?: Logger;
}

/** The tenant an activity comes from: Teams puts it in channelData, the Bot Framework on the conversation. */
export function tenantOf(activity: {
  channelData?: unknown;
  conversation?: { tenantId?: string };
}): string | undefined {
  const channelData = activity.channelData as { tenant?: { id?: unknown } } | undefined;
  const fromChannelData = channelData?.tenant?.id;
  return typeof fromChannelData === 'string' ? fromChannelData : activity.conversation?.tenantId;
}

const INTERNAL = 'The bot could not handle this activity; the bot log has the details.';

function refuse(status: number, error: string): HttpResponseInit {
  return { status, jsonBody: { error } };
}

/** The body as a parsed activity, or the answer for a body that is not one. Never throws. */
async function readActivity(
  request: HttpRequest,
  options: BotRequestOptions,
): Promise<{ ok: true; body: Record<string, unknown> } | { ok: false; response: HttpResponseInit }> {
  const maxBytes = options.maxBytes ?? MAX_ACTIVITY_BYTES;
  const tooLarge = refuse(
    413,
    `The activity is larger than ${Math.round(maxBytes / 1024)} KB; Teams never sends one this large.`,
  );
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) return { ok: false, response: tooLarge };
  let text: string;
  try {
    const bytes = new Uint8Array(await request.arrayBuffer());
    if (bytes.byteLength > maxBytes) return { ok: false, response: tooLarge };
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, response: refuse(400, 'The request body must be JSON in UTF-8.') };
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { ok: false, response: refuse(400, 'The request body must be a Bot Framework activity in JSON.') };
  }
  const shape = validateActivity(body);
  if (!shape.ok) return { ok: false, response: refuse(400, `Not a valid activity: ${shape.problem}.`) };
  const activity = body as Record<string, unknown>;
  if (!options.serviceUrls.allows(activity.serviceUrl)) {
    return {
      ok: false,
      response: refuse(
        403,
        "The activity's serviceUrl is not one this bot talks to (see ALLOWED_SERVICE_URLS).",
      ),
    };
  }
  return { ok: true, body: activity };
}

/**
 * Checks the request (size, JSON, activity shape, service URL), passes a good one to the adapter and
 * returns what the adapter wrote as the HTTP response. A bad request is answered 400, 403 or 413 with a
 * plain sentence, and no turn runs on it. Once authenticated, an activity from another tenant than the
 * one served is answered 403 (the adapter answers 401 without a valid Bot Framework token first).
 */
export async function processBotRequest(
  adapter: BotProcessor,
  request: HttpRequest,
  logic: (context: TurnContext) => Promise<void>,
  options: BotRequestOptions,
): Promise<HttpResponseInit> {
  const read = await readActivity(request, options);
  if (!read.ok) return read.response;
  const { body } = read;

  const headers: Record<string, string> = {};
  request.headers.forEach((value, key) => {
    headers[key] = value;
  });

  const response: { status: number; headers: Record<string, string>; body?: unknown } = {
    status: 200,
    headers: {},
  };
  const botResponse = {
    socket: undefined,
    status(code: number) {
      response.status = code;
      return botResponse;
    },
    header(name: string, value: unknown) {
      // teams-ai's adapter stamps `User-Agent: teamsai-js/<version>` on every answer: the bot's
      // answers do not announce the framework and its version to whoever sends it a request.
      if (name.toLowerCase() === 'user-agent') return botResponse;
      response.headers[name] = String(value);
      return botResponse;
    },
    send(payload?: unknown) {
      if (payload !== undefined) response.body = payload;
      return botResponse;
    },
    end(...args: unknown[]) {
      if (args[0] !== undefined && typeof args[0] !== 'function') response.body = args[0];
      return botResponse;
    },
  };

  const botRequest: BotRequest = { body, headers, method: request.method };
  let otherTenant: string | undefined;
  try {
    await adapter.process(botRequest, botResponse, async (context) => {
      // Checked after the adapter has authenticated the request, so an unauthenticated one still gets 401.
      const tenant = tenantOf(context.activity);
      if (options.tenantId && tenant?.toLowerCase() !== options.tenantId.toLowerCase()) {
        otherTenant = tenant ?? '(none)';
        return;
      }
      await logic(context);
    });
  } catch (error) {
    options.log?.error('The bot adapter failed on a valid activity', error);
    return refuse(500, INTERNAL);
  }
  // CloudAdapter writes the raw error message as the body of a 500 (and 401): keep internals in the log.
  if (response.status === 500) {
    options.log?.error(`The bot adapter answered 500: ${String(response.body).slice(0, 500)}`);
    return refuse(500, INTERNAL);
  }
  if (response.status === 401) return refuse(401, 'The request is not authorized for this bot.');
  if (otherTenant) {
    return refuse(
      403,
      `This bot serves tenant ${options.tenantId} only; the activity came from tenant ${otherTenant}.`,
    );
  }

  const init: HttpResponseInit = { status: response.status, headers: response.headers };
  if (response.body === undefined) return init;
  return typeof response.body === 'string'
    ? { ...init, body: response.body }
    : { ...init, jsonBody: response.body };
}

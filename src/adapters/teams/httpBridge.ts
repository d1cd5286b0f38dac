/**
 * Carries an HTTP request from either host (as @azure/functions' HttpRequest) into botbuilder's
 * CloudAdapter, which wants a parsed body, plain-object headers and an Express-like response.
 */
import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import type { Request as BotRequest, Response as BotResponse, TurnContext } from 'botbuilder';

export interface BotProcessor {
  process(req: BotRequest, res: BotResponse, logic: (context: TurnContext) => Promise<void>): Promise<void>;
}

export interface BotRequestOptions {
  /**
   * The one tenant the bot serves (a single-tenant registration). An authenticated activity from any
   * other tenant (external access, shared channels) is refused with 403 and reaches no handler.
   */
  tenantId?: string;
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

/**
 * Passes the request to the adapter (which authenticates it: 401 without a valid Bot Framework token
 * once an app id is configured) and returns what the adapter wrote as the HTTP response.
 */
export async function processBotRequest(
  adapter: BotProcessor,
  request: HttpRequest,
  logic: (context: TurnContext) => Promise<void>,
  options: BotRequestOptions = {},
): Promise<HttpResponseInit> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return { status: 400, jsonBody: { error: 'The request body must be a Bot Framework activity in JSON.' } };
  }
  if (typeof body !== 'object' || body === null || typeof (body as { type?: unknown }).type !== 'string') {
    return {
      status: 400,
      jsonBody: { error: 'The request body must be a Bot Framework activity with a "type".' },
    };
  }

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

  const botRequest: BotRequest = { body: body as Record<string, unknown>, headers, method: request.method };
  let otherTenant: string | undefined;
  await adapter.process(botRequest, botResponse, async (context) => {
    // Checked after the adapter has authenticated the request, so an unauthenticated one still gets 401.
    const tenant = tenantOf(context.activity);
    if (options.tenantId && tenant?.toLowerCase() !== options.tenantId.toLowerCase()) {
      otherTenant = tenant ?? '(none)';
      return;
    }
    await logic(context);
  });
  if (otherTenant) {
    return {
      status: 403,
      jsonBody: {
        error: `This bot serves tenant ${options.tenantId} only; the activity came from tenant ${otherTenant}.`,
      },
    };
  }

  const init: HttpResponseInit = { status: response.status, headers: response.headers };
  if (response.body === undefined) return init;
  return typeof response.body === 'string'
    ? { ...init, body: response.body }
    : { ...init, jsonBody: response.body };
}

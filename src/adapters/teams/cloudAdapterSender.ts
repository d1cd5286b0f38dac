import type { CloudAdapter, TurnContext } from 'botbuilder';

import type { ProactiveSender, SendOutcome } from '../../app/ports';
import type { ServiceUrlAllowList } from './serviceUrlAllowList';

/** Status codes Teams uses to say the app is not installed for that person or team. */
const UNREACHABLE = new Set([403, 404]);

/** An error from the Bot Connector that is worth retrying; carries Retry-After when Teams sent it (429). */
export class RetryableSendError extends Error {
  constructor(
    readonly status: number | undefined,
    readonly retryAfterSeconds: number | undefined,
    cause: unknown,
  ) {
    super(
      `Teams did not accept the message (status ${status ?? 'none'})` +
        (retryAfterSeconds ? `; retry after ${retryAfterSeconds} s` : '') +
        '. The queue will retry it.',
      { cause },
    );
    this.name = 'RetryableSendError';
  }
}

function statusOf(error: unknown): number | undefined {
  const candidate = error as { statusCode?: unknown; status?: unknown; response?: { status?: unknown } };
  for (const value of [candidate?.statusCode, candidate?.status, candidate?.response?.status]) {
    if (typeof value === 'number') return value;
  }
  return undefined;
}

function retryAfterOf(error: unknown): number | undefined {
  const headers = (error as { response?: { headers?: { get?: (name: string) => string | undefined } } })
    ?.response?.headers;
  const value = headers?.get?.('retry-after');
  const seconds = value ? Number(value) : NaN;
  return Number.isFinite(seconds) ? seconds : undefined;
}

/** Sends proactive messages through botbuilder's CloudAdapter with a stored conversation reference. */
export class CloudAdapterSender implements ProactiveSender {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    private readonly serviceUrls: ServiceUrlAllowList,
  ) {}

  /**
   * Sends into the stored conversation. A reference whose service URL is not allowed (stored before the
   * allow-list, or the list changed since) is never called: it is reported unreachable, as a 403 would be.
   */
  async send(reference: Record<string, unknown>, activity: Record<string, unknown>): Promise<SendOutcome> {
    if (!this.serviceUrls.allows(reference.serviceUrl)) {
      return {
        kind: 'unreachable',
        status: 403,
        detail: `not sent: the stored serviceUrl is not in ALLOWED_SERVICE_URLS (${this.serviceUrls.prefixes.join(', ')})`,
      };
    }
    let activityId: string | undefined;
    return this.call(async () => {
      await this.proactively(reference, async (context) => {
        activityId = (await context.sendActivity(activity))?.id;
      });
      return { kind: 'sent', activityId };
    });
  }

  /** Replaces an earlier message in place (the Bot Connector's update activity), with the same checks as send. */
  async update(
    reference: Record<string, unknown>,
    activityId: string,
    activity: Record<string, unknown>,
  ): Promise<SendOutcome> {
    if (!this.serviceUrls.allows(reference.serviceUrl)) {
      return {
        kind: 'unreachable',
        status: 403,
        detail: `not updated: the stored serviceUrl is not in ALLOWED_SERVICE_URLS (${this.serviceUrls.prefixes.join(', ')})`,
      };
    }
    return this.call(async () => {
      await this.proactively(reference, async (context) => {
        await context.updateActivity({ type: 'message', ...activity, id: activityId });
      });
      return { kind: 'sent', activityId };
    });
  }

  /**
   * Runs `logic` in a proactive turn and rejects with what the connector answered. The adapter runs a
   * proactive turn through its turn-error handler (teams-ai's `app.error`), which would swallow the
   * error, answer "Sorry, something went wrong" into the conversation, and leave the send looking done:
   * the error is caught inside the turn, so the handler never sees it, and rethrown here.
   */
  private async proactively(
    reference: Record<string, unknown>,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    let failure: { error: unknown } | undefined;
    await this.adapter.continueConversationAsync(this.appId, reference, async (context) => {
      try {
        await logic(context);
      } catch (error) {
        failure = { error };
      }
    });
    if (failure) throw failure.error;
  }

  private async call(step: () => Promise<SendOutcome>): Promise<SendOutcome> {
    try {
      return await step();
    } catch (error) {
      const status = statusOf(error);
      if (status !== undefined && UNREACHABLE.has(status)) {
        return {
          kind: 'unreachable',
          status,
          detail: error instanceof Error ? error.message : String(error),
        };
      }
      throw new RetryableSendError(status, retryAfterOf(error), error);
    }
  }
}

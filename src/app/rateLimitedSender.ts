/**
 * Keeps one process's proactive sends under a configured rate. Teams allows about 50 requests per second
 * per app per tenant; host.json bounds how many queue messages an instance handles at once and the plan
 * bounds the instances, and this bounds what each instance sends (docs/deploy.md has the arithmetic).
 */
import type { ProactiveSender, SendOutcome } from './ports';

export interface RateLimitTiming {
  /** Milliseconds on a monotonic clock. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

const realTiming: RateLimitTiming = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** Spaces sends at least 1/rate seconds apart, in the order they were asked for; never drops one. */
export class RateLimitedSender implements ProactiveSender {
  private readonly intervalMs: number;
  private lastSent = -Infinity;
  private gate: Promise<void> = Promise.resolve();

  constructor(
    private readonly inner: ProactiveSender,
    sendsPerSecond: number,
    private readonly timing: RateLimitTiming = realTiming,
  ) {
    if (!(sendsPerSecond > 0) || !Number.isFinite(sendsPerSecond)) {
      throw new RangeError(`sendsPerSecond must be a positive number, not ${sendsPerSecond}.`);
    }
    this.intervalMs = 1000 / sendsPerSecond;
  }

  async send(reference: Record<string, unknown>, activity: Record<string, unknown>): Promise<SendOutcome> {
    await this.slot();
    return this.inner.send(reference, activity);
  }

  /** An update is a request to Teams too: it takes a slot like a send. */
  async update(
    reference: Record<string, unknown>,
    activityId: string,
    activity: Record<string, unknown>,
  ): Promise<SendOutcome> {
    await this.slot();
    return this.inner.update(reference, activityId, activity);
  }

  /**
   * One send at a time passes, at least 1/rate after the previous one actually went, not after it was
   * due: timers that fire late together (a busy machine) must not let a burst through.
   */
  private slot(): Promise<void> {
    const turn = this.gate.then(async () => {
      const wait = this.lastSent + this.intervalMs - this.timing.now();
      if (wait > 0) await this.timing.sleep(wait);
      this.lastSent = this.timing.now();
    });
    this.gate = turn;
    return turn;
  }
}

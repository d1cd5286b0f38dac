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

/**
 * Keeps sends to `sendsPerSecond`, in the order they were asked for; never drops one.
 *
 * Sends follow a schedule one interval apart. A timer that fires late (a busy event loop, a garbage
 * collection) does not push the schedule back: the sends waiting behind it catch up, at least half an
 * interval apart, so a busy machine still sends at the configured rate over a minute. The schedule
 * restarts from now only when nothing was waiting (idle time is never saved up for a burst), and however
 * sends catch up, no window of 1/rate seconds × N holds more than N sends, N being the rate rounded down
 * (at least one): at a whole number of sends a second, no second ever holds more than that number.
 */
export class RateLimitedSender implements ProactiveSender {
  private readonly intervalMs: number;
  /** The closest two sends may be, while catching up. */
  private readonly spacingMs: number;
  /** At most this many sends in any `windowMs`. */
  private readonly windowCount: number;
  private readonly windowMs: number;
  /** When the next send is due on the schedule. */
  private due = -Infinity;
  /** When the last sends went, oldest first (at most windowCount of them). */
  private readonly recent: number[] = [];
  /** Sends asked for and not yet let through. */
  private waiting = 0;
  /** True when the last send went with nobody waiting behind it: the next one starts a new schedule. */
  private idle = true;
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
    this.spacingMs = this.intervalMs / 2;
    this.windowCount = Math.max(1, Math.floor(sendsPerSecond));
    this.windowMs = this.windowCount * this.intervalMs;
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

  /** One send at a time passes, at the first moment the schedule, the spacing and the window allow. */
  private slot(): Promise<void> {
    this.waiting++;
    const turn = this.gate.then(async () => {
      if (this.idle) this.due = Math.max(this.due, this.timing.now());
      const last = this.recent.at(-1) ?? -Infinity;
      const windowFull = this.recent.length >= this.windowCount;
      const earliest = Math.max(
        this.due,
        last + this.spacingMs,
        windowFull ? (this.recent[0] ?? 0) + this.windowMs : -Infinity,
      );
      const wait = earliest - this.timing.now();
      if (wait > 0) await this.timing.sleep(wait);
      this.recent.push(this.timing.now());
      if (this.recent.length > this.windowCount) this.recent.shift();
      this.due += this.intervalMs;
      this.waiting--;
      this.idle = this.waiting === 0;
    });
    this.gate = turn;
    return turn;
  }
}

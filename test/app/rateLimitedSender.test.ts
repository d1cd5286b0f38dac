import type { ProactiveSender, SendOutcome } from '../../src/app/ports';
import { RateLimitedSender, type RateLimitTiming } from '../../src/app/rateLimitedSender';
import { ConfigError, loadConfig } from '../../src/config';

/** A clock that moves only when someone sleeps: the send times below are exact. */
function virtualTiming(): RateLimitTiming & { elapsed(): number } {
  let now = 0;
  return {
    now: () => now,
    sleep: (ms) => {
      now += ms;
      return Promise.resolve();
    },
    elapsed: () => now,
  };
}

/** Our own port, recording when each send reached it. */
function recordingSender(timing: RateLimitTiming): ProactiveSender & { at: number[] } {
  const at: number[] = [];
  return {
    at,
    send: (): Promise<SendOutcome> => {
      at.push(timing.now());
      return Promise.resolve({ kind: 'sent' });
    },
    update: (): Promise<SendOutcome> => {
      at.push(timing.now());
      return Promise.resolve({ kind: 'sent' });
    },
  };
}

describe('RateLimitedSender', () => {
  it.each([
    [1, 5, [0, 1000, 2000, 3000, 4000]],
    [4, 5, [0, 250, 500, 750, 1000]],
    [50, 3, [0, 20, 40]],
  ])('at %s a second spaces %s sends as %j ms', async (rate, count, expected) => {
    const timing = virtualTiming();
    const inner = recordingSender(timing);
    const sender = new RateLimitedSender(inner, rate, timing);
    for (let i = 0; i < count; i++) {
      await expect(sender.send({}, { type: 'message' })).resolves.toEqual({ kind: 'sent' });
    }
    expect(inner.at).toEqual(expected);
  });

  it('gives updates (the board summary in place) slots in the same queue as sends', async () => {
    const timing = virtualTiming();
    const inner = recordingSender(timing);
    const sender = new RateLimitedSender(inner, 2, timing);
    await sender.send({}, { type: 'message' });
    await sender.update({}, 'a-1', { type: 'message' });
    await sender.send({}, { type: 'message' });
    expect(inner.at).toEqual([0, 500, 1000]);
  });

  it('never sends more than the rate in any second, even when asked all at once (its own timers)', async () => {
    jest.useFakeTimers();
    try {
      const timing = { now: () => performance.now(), sleep: () => Promise.resolve() };
      const inner = recordingSender(timing);
      const sender = new RateLimitedSender(inner, 20);
      const sends = Promise.all(Array.from({ length: 6 }, () => sender.send({}, { type: 'message' })));
      await jest.advanceTimersByTimeAsync(1000);
      await sends;
      const first = inner.at[0] ?? 0;
      expect(inner.at.map((t) => Math.round(t - first))).toEqual([0, 50, 100, 150, 200, 250]);
    } finally {
      jest.useRealTimers();
    }
  });

  it('lets a send through at once after a quiet spell', async () => {
    const timing = virtualTiming();
    const inner = recordingSender(timing);
    const sender = new RateLimitedSender(inner, 1, timing);
    await sender.send({}, {});
    await timing.sleep(5000);
    await sender.send({}, {});
    expect(inner.at).toEqual([0, 5000]);
  });

  /** A clock whose sleeps overshoot as the list says (a late timer), then are exact. */
  function lateTiming(overshoots: number[]): RateLimitTiming {
    let now = 0;
    return {
      now: () => now,
      sleep: (ms) => {
        now += ms + (overshoots.shift() ?? 0);
        return Promise.resolve();
      },
    };
  }

  it('catches up after a late timer, half an interval apart, instead of falling behind for good', async () => {
    // 10 a second: due every 100 ms. The first wait overshoots by 130 ms.
    const timing = lateTiming([130]);
    const inner = recordingSender(timing);
    const sender = new RateLimitedSender(inner, 10, timing);
    await Promise.all(Array.from({ length: 7 }, () => sender.send({}, {})));
    // Due 0, 100, 200, …: the late one goes at 230; the next two catch up 50 ms apart; then on schedule.
    expect(inner.at).toEqual([0, 230, 280, 330, 400, 500, 600]);
  });

  it('never lets more than the rate through in any second, however late its timers fire', async () => {
    const timing = lateTiming([400, 0, 0, 300, 0, 250, 0, 0, 0, 500, 0, 0, 0, 120]);
    const inner = recordingSender(timing);
    const sender = new RateLimitedSender(inner, 5, timing);
    await Promise.all(Array.from({ length: 40 }, () => sender.send({}, {})));
    const at = inner.at;
    for (const start of at) {
      expect(at.filter((t) => t >= start && t < start + 1000).length).toBeLessThanOrEqual(5);
    }
    // And most of the lateness is caught up: on time, the 40th send goes at 7.8 s; a sender that fell
    // behind for good at each late timer (as one spacing sends from the previous send did) at 9.37 s.
    expect(at.at(-1)).toBeLessThan(7800 + 1570 / 2);
  });

  it('does not save idle time up for a burst', async () => {
    const timing = virtualTiming();
    const inner = recordingSender(timing);
    const sender = new RateLimitedSender(inner, 10, timing);
    await sender.send({}, {});
    await timing.sleep(3000);
    await Promise.all(Array.from({ length: 3 }, () => sender.send({}, {})));
    expect(inner.at).toEqual([0, 3000, 3100, 3200]);
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])('refuses a rate of %s', (rate) => {
    expect(() => new RateLimitedSender(recordingSender(virtualTiming()), rate)).toThrow(RangeError);
  });
});

describe('OUTBOX_SENDS_PER_SECOND', () => {
  const base = { AzureWebJobsStorage: 'UseDevelopmentStorage=true' };

  it.each([
    [undefined, 1],
    ['2', 2],
    ['0.5', 0.5],
    ['50', 50],
  ])('%s gives %s a second', (value, expected) => {
    expect(loadConfig({ ...base, OUTBOX_SENDS_PER_SECOND: value }).outboxSendsPerSecond).toBe(expected);
  });

  it.each(['0', '-3', '51', 'fast', 'Infinity'])(
    'refuses "%s", naming the setting and the limit',
    (value) => {
      expect(() => loadConfig({ ...base, OUTBOX_SENDS_PER_SECOND: value })).toThrow(ConfigError);
      expect(() => loadConfig({ ...base, OUTBOX_SENDS_PER_SECOND: value })).toThrow(
        /OUTBOX_SENDS_PER_SECOND: .* at most 50/,
      );
    },
  );
});

/**
 * The clock `npm run demo` injects into the product (the Clock port every use case reads): it runs at
 * the real clock's pace from the instant it was last moved to, so events within a simulated day keep
 * their order, and the demo moves it forward a day at a time. It never runs backwards: a product that
 * saw 8 December must never see 7 December again.
 */

export interface SimulatedClock {
  /** The product's clock: `services.clock`. */
  now(): Date;
  /** Moves the clock forward to `instant`; an instant before now is refused with an error. */
  jumpTo(instant: Date): void;
}

/** A clock that starts at `start`; `realNow` is the host's own time in ms (injected for tests). */
export function createSimulatedClock(start: Date, realNow: () => number = Date.now): SimulatedClock {
  if (Number.isNaN(start.getTime())) throw new Error('The simulated clock needs a valid start instant.');
  let base = start.getTime();
  let realAtBase = realNow();
  const now = (): Date => new Date(base + (realNow() - realAtBase));
  return {
    now,
    jumpTo(instant) {
      const current = now();
      if (Number.isNaN(instant.getTime()) || instant.getTime() < current.getTime()) {
        throw new Error(
          `The simulated clock only moves forward: it is ${current.toISOString()}, asked for ${
            Number.isNaN(instant.getTime()) ? 'an invalid instant' : instant.toISOString()
          }.`,
        );
      }
      base = instant.getTime();
      realAtBase = realNow();
    },
  };
}

import { createSimulatedClock } from '../../src/hosts/local/simulatedClock';

describe('the demo’s simulated clock', () => {
  let real = 1_000_000;
  const realNow = (): number => real;

  it('starts at its instant and runs at the real clock’s pace from there', () => {
    const clock = createSimulatedClock(new Date('2026-11-23T09:00:00Z'), realNow);
    expect(clock.now().toISOString()).toBe('2026-11-23T09:00:00.000Z');
    real += 1500;
    expect(clock.now().toISOString()).toBe('2026-11-23T09:00:01.500Z');
  });

  it('jumps forward and runs on from the new instant', () => {
    const clock = createSimulatedClock(new Date('2026-11-23T09:00:00Z'), realNow);
    clock.jumpTo(new Date('2026-11-24T08:05:00Z'));
    real += 250;
    expect(clock.now().toISOString()).toBe('2026-11-24T08:05:00.250Z');
  });

  it('never runs backwards: an earlier instant is refused, naming both', () => {
    const clock = createSimulatedClock(new Date('2026-12-08T10:00:00Z'), realNow);
    expect(() => clock.jumpTo(new Date('2026-12-07T10:00:00Z'))).toThrow(
      'The simulated clock only moves forward: it is 2026-12-08T10:00:00.000Z, asked for 2026-12-07T10:00:00.000Z.',
    );
    expect(clock.now().toISOString()).toBe('2026-12-08T10:00:00.000Z');
  });

  it('refuses an invalid start', () => {
    expect(() => createSimulatedClock(new Date('not a date'), realNow)).toThrow('valid start instant');
  });
});

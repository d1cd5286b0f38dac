import { fitTrajectory } from '../../../src/domain/evaluation/trajectory';

describe('fitTrajectory', () => {
  it.each([
    [
      'a straight rising line',
      [
        [0, 30],
        [1, 33],
        [2, 36],
      ],
      3,
      45,
    ],
    [
      'a flat line',
      [
        [0, 40],
        [1, 40],
        [2, 40],
      ],
      0,
      40,
    ],
    [
      'a noisy line, by least squares',
      [
        [0, 1],
        [1, 3],
        [2, 2],
      ],
      0.5,
      4,
    ],
  ])('%s', (_case, points, slope, atFive) => {
    const line = fitTrajectory(points.map(([x = 0, y = 0]) => ({ x, y })));
    expect(line?.slope).toBeCloseTo(slope);
    expect(line?.at(5)).toBeCloseTo(atFive);
  });

  it('needs three points', () => {
    expect(
      fitTrajectory([
        { x: 0, y: 1 },
        { x: 1, y: 2 },
      ]),
    ).toBeUndefined();
  });

  it('cannot draw a line through points at one moment', () => {
    expect(
      fitTrajectory([
        { x: 1, y: 1 },
        { x: 1, y: 2 },
        { x: 1, y: 3 },
      ]),
    ).toBeUndefined();
  });
});

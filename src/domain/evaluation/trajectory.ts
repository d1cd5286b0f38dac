/**
 * A straight line through the recent figures, to say whether a target with a deadline will be met if
 * things carry on as they are. Least squares over the last few terms (or years for annual results).
 */

export interface TrajectoryPoint {
  /** Position in time: terms (or years) from any fixed origin. */
  x: number;
  y: number;
}

export interface Trajectory {
  slope: number;
  intercept: number;
  /** The line's value at `x`. */
  at(x: number): number;
}

/** How many figures a line needs before it says anything: two points always fit, three show a direction. */
export const MIN_TRAJECTORY_POINTS = 3;
/** How far back the line looks: two years of terms, or four years of annual results. */
export const TRAJECTORY_WINDOW_TERMS = 6;
export const TRAJECTORY_WINDOW_YEARS = 4;

/**
 * The least-squares line through the points, or undefined when there are fewer than
 * MIN_TRAJECTORY_POINTS or they all share one x (no line can be drawn through a single moment).
 */
export function fitTrajectory(points: readonly TrajectoryPoint[]): Trajectory | undefined {
  if (points.length < MIN_TRAJECTORY_POINTS) return undefined;
  const n = points.length;
  // Plain loops (summing in the same order as ever, so the line is the same to the last bit).
  let sumX = 0;
  let sumY = 0;
  for (const point of points) {
    sumX += point.x;
    sumY += point.y;
  }
  const meanX = sumX / n;
  const meanY = sumY / n;
  let sxx = 0;
  let sxy = 0;
  for (const point of points) {
    sxx += (point.x - meanX) ** 2;
    sxy += (point.x - meanX) * (point.y - meanY);
  }
  if (sxx === 0) return undefined;
  const slope = sxy / sxx;
  const intercept = meanY - slope * meanX;
  return { slope, intercept, at: (x) => intercept + slope * x };
}

/**
 * Which trend points are served: a trend compares like with like, so only points scored by one model version.
 * Points of another version stay stored (with what re-scoring them needs) and are hidden until re-scored.
 */
import type { TrendPoint } from './read-models.js';

export function pointsOfVersion<P extends Pick<TrendPoint, 'model_version'>>(points: readonly P[], modelVersion: string): P[] {
  return points.filter((p) => p.model_version === modelVersion);
}

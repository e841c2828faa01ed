/**
 * Whether a mask lies on a study's voxel grid: the check that an opened mask
 * belongs to the study on screen before its plan is shown under that study.
 */
import type { LabelVolume, Volume } from '../../../core/volume/Volume';

type Grid = Pick<Volume | LabelVolume, 'dims' | 'spacingMm' | 'originMm' | 'direction'>;

/** True when dims match and spacing, origin and axes agree to `toleranceMm`. */
export function sameGrid(a: Grid, b: Grid, toleranceMm = 0.01): boolean {
  const near = (x: number, y: number, tol: number) => Math.abs(x - y) <= tol;
  for (let i = 0; i < 3; i++) {
    if (a.dims[i] !== b.dims[i]) return false;
    if (!near(a.spacingMm[i], b.spacingMm[i], toleranceMm)) return false;
    if (!near(a.originMm[i], b.originMm[i], toleranceMm)) return false;
    for (let j = 0; j < 3; j++) {
      if (!near(a.direction[i][j], b.direction[i][j], 1e-3)) return false;
    }
  }
  return true;
}

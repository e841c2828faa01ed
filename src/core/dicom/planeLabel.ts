/**
 * Names the anatomical plane of a slice normal: the plane whose axis the
 * normal is closest to, or "oblique" when it is far from all three.
 */
import type { Vec3 } from '../volume/Volume';

export type PlaneLabel = 'axial' | 'coronal' | 'sagittal' | 'oblique' | 'unknown';

/** cos(30°): within 30° of an axis counts as that plane. */
const COS_LIMIT = Math.cos(Math.PI / 6);

/** The plane of slices whose (unit) normal is `normal`. */
export function planeLabel(normal: Vec3 | null): PlaneLabel {
  if (!normal) return 'unknown';
  const [x, y, z] = normal.map(Math.abs);
  if (z >= COS_LIMIT) return 'axial';
  if (y >= COS_LIMIT) return 'coronal';
  if (x >= COS_LIMIT) return 'sagittal';
  return 'oblique';
}

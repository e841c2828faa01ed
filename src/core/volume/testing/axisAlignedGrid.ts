/**
 * The grid of a test volume: axis-aligned (identity direction), origin at 0,
 * for tests that need a Volume or LabelVolume without caring where it sits.
 */
import type { Vec3 } from '../Volume';

export function axisAlignedGrid(
  dims: Vec3,
  spacingMm: Vec3 = [1, 1, 1],
): { dims: Vec3; spacingMm: Vec3; originMm: Vec3; direction: [Vec3, Vec3, Vec3] } {
  return {
    dims,
    spacingMm,
    originMm: [0, 0, 0],
    direction: [
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ],
  };
}

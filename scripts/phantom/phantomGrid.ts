/**
 * The phantom's image grid: 256 × 256 axial slices of 1.4 mm pixels,
 * 64 slices 2.5 mm apart, centred on the LPS origin, standard axial
 * orientation (rows → patient left, columns → posterior).
 */
import type { Vec3 } from '../../src/core/volume/Volume';

export const PHANTOM_GRID = {
  columns: 256,
  rows: 256,
  slices: 64,
  pixelSpacingMm: 1.4,
  sliceSpacingMm: 2.5,
};

/** LPS position of the centre of pixel (i, j) of slice k. */
export function phantomPoint(i: number, j: number, k: number): Vec3 {
  const g = PHANTOM_GRID;
  return [
    (i - (g.columns - 1) / 2) * g.pixelSpacingMm,
    (j - (g.rows - 1) / 2) * g.pixelSpacingMm,
    (k - (g.slices - 1) / 2) * g.sliceSpacingMm,
  ];
}

/**
 * Conversions between voxel indices and LPS world coordinates for a
 * {@link Volume}-like grid, and safe voxel reads. The viewer uses these to
 * show the HU under the cursor from the very voxels segmentation reads.
 */
import type { Vec3, Volume } from './Volume';
import { addScaled, dot, sub } from './vec3';

/** The geometric part of a volume (no voxels). */
export type Grid = Pick<Volume, 'dims' | 'spacingMm' | 'originMm' | 'direction'>;

/**
 * LPS position (mm) of the centre of voxel (i, j, k); fractional indices are
 * allowed.
 */
export function voxelToWorld(grid: Grid, ijk: Vec3): Vec3 {
  let p: Vec3 = [...grid.originMm];
  for (let a = 0; a < 3; a++) {
    p = addScaled(p, ijk[a] * grid.spacingMm[a], grid.direction[a]);
  }
  return p;
}

/**
 * Continuous voxel index of an LPS point. Exact for orthogonal directions
 * (every DICOM and NIfTI volume this app builds); for sheared grids it is the
 * projection on each axis.
 */
export function worldToVoxel(grid: Grid, worldMm: Vec3): Vec3 {
  const d = sub(worldMm, grid.originMm);
  return [0, 1, 2].map((a) => dot(d, grid.direction[a]) / grid.spacingMm[a]) as Vec3;
}

/** Nearest voxel to a continuous index, or `null` when it is outside. */
export function nearestVoxel(grid: Grid, ijk: Vec3): Vec3 | null {
  const r = ijk.map((v) => Math.round(v)) as Vec3;
  for (let a = 0; a < 3; a++) {
    if (r[a] < 0 || r[a] >= grid.dims[a]) return null;
  }
  return r;
}

/** Linear index of voxel (i, j, k) in `Volume.voxels`. */
export function voxelIndex(dims: Vec3, i: number, j: number, k: number) {
  return i + j * dims[0] + k * dims[0] * dims[1];
}

/** HU of voxel (i, j, k); throws when the index is outside the volume. */
export function valueAt(volume: Volume, ijk: Vec3): number {
  const [i, j, k] = ijk;
  const [nx, ny, nz] = volume.dims;
  if (i < 0 || j < 0 || k < 0 || i >= nx || j >= ny || k >= nz) {
    throw new RangeError(`voxel (${i}, ${j}, ${k}) is outside ${nx}×${ny}×${nz}`);
  }
  return volume.voxels[voxelIndex(volume.dims, i, j, k)];
}

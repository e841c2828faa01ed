/**
 * A synthetic abdomen for tests: two ellipsoid kidneys (110 HU) in fat
 * (−100 HU) and a spherical tumour (200 HU) bulging from the LEFT kidney
 * (patient left = +x in LPS). Defined in world (LPS, mm) coordinates so the
 * same anatomy can be sampled on grids of any orientation and spacing.
 */
import type { Vec3, Volume } from '../../volume/Volume';

export interface Ellipsoid {
  centreMm: Vec3;
  radiiMm: Vec3;
}

export const PHANTOM = {
  rightKidney: { centreMm: [-55, 20, 0], radiiMm: [22, 28, 40] } as Ellipsoid,
  leftKidney: { centreMm: [55, 20, 5], radiiMm: [22, 28, 40] } as Ellipsoid,
  tumour: { centreMm: [72, 10, 12], radiiMm: [16, 16, 16] } as Ellipsoid,
  huFat: -100,
  huKidney: 110,
  huTumour: 200,
};

function inside(e: Ellipsoid, p: Vec3): boolean {
  let s = 0;
  for (let a = 0; a < 3; a++) s += ((p[a] - e.centreMm[a]) / e.radiiMm[a]) ** 2;
  return s <= 1;
}

/** Label of the phantom at an LPS point: 0 fat, 1 kidney, 2 tumour. */
export function phantomLabelAt(p: Vec3): number {
  if (inside(PHANTOM.tumour, p)) return 2;
  if (inside(PHANTOM.rightKidney, p) || inside(PHANTOM.leftKidney, p)) return 1;
  return 0;
}

/** HU of the phantom at an LPS point. */
export function phantomHuAt(p: Vec3): number {
  return [PHANTOM.huFat, PHANTOM.huKidney, PHANTOM.huTumour][phantomLabelAt(p)];
}

export type Grid = Omit<Volume, 'voxels'>;

/** LPS position of voxel (i, j, k) of a grid. */
export function voxelPositionMm(grid: Grid, i: number, j: number, k: number): Vec3 {
  const p = [...grid.originMm] as Vec3;
  const steps = [i, j, k];
  for (let a = 0; a < 3; a++) {
    for (let c = 0; c < 3; c++)
      p[c] += steps[a] * grid.spacingMm[a] * grid.direction[a][c];
  }
  return p;
}

/** Evaluates fn at every voxel centre of a grid, in voxel order. */
export function sampleGrid<T extends Float32Array | Uint8Array>(
  grid: Grid,
  out: T,
  fn: (p: Vec3) => number,
): T {
  const [nx, ny, nz] = grid.dims;
  let v = 0;
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) out[v++] = fn(voxelPositionMm(grid, i, j, k));
    }
  }
  return out;
}

/**
 * A grid centred on the LPS origin.
 *
 * @param dims - voxels per axis
 * @param spacingMm - spacing per axis
 * @param direction - LPS unit vectors of the axes (default: LPS-aligned)
 */
export function centredGrid(
  dims: Vec3,
  spacingMm: Vec3,
  direction: [Vec3, Vec3, Vec3] = [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ],
): Grid {
  const originMm: Vec3 = [0, 0, 0];
  for (let a = 0; a < 3; a++) {
    const half = ((dims[a] - 1) / 2) * spacingMm[a];
    for (let c = 0; c < 3; c++) originMm[c] -= half * direction[a][c];
  }
  return { dims, spacingMm, originMm, direction };
}

/** The phantom sampled on a grid, as a HU volume. */
export function phantomVolume(grid: Grid): Volume {
  const voxels = sampleGrid(
    grid,
    new Float32Array(grid.dims[0] * grid.dims[1] * grid.dims[2]),
    phantomHuAt,
  );
  return { ...grid, voxels };
}

/** The phantom's true labels on a grid. */
export function phantomLabels(grid: Grid): Uint8Array {
  return sampleGrid(
    grid,
    new Uint8Array(grid.dims[0] * grid.dims[1] * grid.dims[2]),
    phantomLabelAt,
  );
}

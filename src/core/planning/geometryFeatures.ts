/**
 * Nephrometry-style geometry of the tumour and its kidney, the ingredients of
 * the R.E.N.A.L. and PADUA scores that a mask can give: size, how exophytic
 * the tumour is, where it sits along and across the kidney, how near the
 * kidney's centre. Only positions relative to kidney and tumour are used (a
 * cropped mask says nothing about the body).
 *
 * Python twin: `geometry_features` in `training/plan/geometry.py`; the parity
 * test compares the two on real KiTS masks.
 */
import type { CanonicalLabels } from './canonicalGrid';
import { circleDirections, sphereDirections } from './directions';
import type { TumourKidney } from './tumourAndKidney';

/** The geometry features, named as in the planning manifest. */
export interface GeometryFeatures {
  /** Natural log of the tumour volume in ml. */
  logTumourVolumeMl: number;
  /** Largest 3D diameter (caliper over 64 directions, ≥ the axial one), mm. */
  maxDiameterMm: number;
  /** Largest in-plane diameter over all axial slices, mm. */
  largestAxialDiameterMm: number;
  /** Share of the tumour surface facing background rather than kidney. */
  exophyticFraction: number;
  /** |tumour − kidney centroid| along z over the kidney's half-length. */
  polarPosition: number;
  /** (tumour − kidney centroid) along y (+ posterior) over the half-depth. */
  anteroposteriorPosition: number;
  /** Distance from the kidney centroid to the nearest tumour voxel, mm. */
  centreDistanceMm: number;
  /** Tumour voxels / (tumour + kidney voxels). */
  tumourFraction: number;
}

/** Feature names in model order. */
export const GEOMETRY_FEATURE_NAMES: (keyof GeometryFeatures)[] = [
  'logTumourVolumeMl',
  'maxDiameterMm',
  'largestAxialDiameterMm',
  'exophyticFraction',
  'polarPosition',
  'anteroposteriorPosition',
  'centreDistanceMm',
  'tumourFraction',
];

/** First and last tumour voxel of every x-row: the extreme points of T. */
function rowEndpoints(grid: CanonicalLabels, t: Uint8Array): number[][] {
  const [nx, ny, nz] = grid.dims;
  const ends: number[][] = [];
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      const row = (z * ny + y) * nx;
      let first = -1;
      let last = -1;
      for (let x = 0; x < nx; x++) {
        if (t[row + x]) {
          if (first < 0) first = x;
          last = x;
        }
      }
      if (first >= 0) ends.push([first, y, z], [last, y, z]);
    }
  }
  return ends;
}

function caliper3d(ends: number[][], sp: number[]): number {
  let best = 0;
  for (const d of sphereDirections()) {
    let lo = Infinity;
    let hi = -Infinity;
    for (const e of ends) {
      const p = e[0] * sp[0] * d[0] + e[1] * sp[1] * d[1] + e[2] * sp[2] * d[2];
      if (p < lo) lo = p;
      if (p > hi) hi = p;
    }
    best = Math.max(best, hi - lo);
  }
  return best;
}

function largestAxialCaliper(ends: number[][], sp: number[]): number {
  const bySlice = new Map<number, number[][]>();
  for (const e of ends) {
    const list = bySlice.get(e[2]);
    if (list) list.push(e);
    else bySlice.set(e[2], [e]);
  }
  const dirs = circleDirections();
  let best = 0;
  for (const list of bySlice.values()) {
    for (const d of dirs) {
      let lo = Infinity;
      let hi = -Infinity;
      for (const e of list) {
        const p = e[0] * sp[0] * d[0] + e[1] * sp[1] * d[1];
        if (p < lo) lo = p;
        if (p > hi) hi = p;
      }
      best = Math.max(best, hi - lo);
    }
  }
  return best;
}

/** Tumour surface (mm²) facing background or the volume's edge, and facing kidney. */
function surfaceAreas(grid: CanonicalLabels, t: Uint8Array): [number, number] {
  const { labels, dims, spacingMm: sp } = grid;
  const [nx, ny, nz] = dims;
  const faceArea = [sp[1] * sp[2], sp[0] * sp[2], sp[0] * sp[1]];
  let bg = 0;
  let kid = 0;
  const face = (label: number, axis: number) => {
    if (label === 0) bg += faceArea[axis];
    else if (label === 1 || label === 3) kid += faceArea[axis];
  };
  const sxy = nx * ny;
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++) {
        const i = x + y * nx + z * sxy;
        if (!t[i]) continue;
        face(x > 0 ? labels[i - 1] : 0, 0);
        face(x < nx - 1 ? labels[i + 1] : 0, 0);
        face(y > 0 ? labels[i - nx] : 0, 1);
        face(y < ny - 1 ? labels[i + nx] : 0, 1);
        face(z > 0 ? labels[i - sxy] : 0, 2);
        face(z < nz - 1 ? labels[i + sxy] : 0, 2);
      }
    }
  }
  return [bg, kid];
}

/**
 * @param grid - canonical labels
 * @param tk - the tumour and its kidney
 */
export function geometryFeatures(
  grid: CanonicalLabels,
  tk: TumourKidney,
): GeometryFeatures {
  const { dims, spacingMm: sp } = grid;
  const [nx, ny] = dims;
  const { tumour: t, kidney: k, tumourCount: nT, kidneyCount: nK } = tk;

  const ends = rowEndpoints(grid, t);
  const axial = largestAxialCaliper(ends, sp);
  const maxDiameter = Math.max(caliper3d(ends, sp), axial);
  const [bg, kid] = surfaceAreas(grid, t);

  // Centroids (index means) and the kidney's extent.
  const sumT = [0, 0, 0];
  const sumK = [0, 0, 0];
  const minK = [Infinity, Infinity, Infinity];
  const maxK = [-Infinity, -Infinity, -Infinity];
  for (let i = 0; i < t.length; i++) {
    if (!t[i] && !k[i]) continue;
    const x = i % nx;
    const y = ((i - x) / nx) % ny;
    const z = (i - x - y * nx) / (nx * ny);
    const c = [x, y, z];
    if (t[i]) for (let a = 0; a < 3; a++) sumT[a] += c[a];
    if (k[i]) {
      for (let a = 0; a < 3; a++) {
        sumK[a] += c[a];
        if (c[a] < minK[a]) minK[a] = c[a];
        if (c[a] > maxK[a]) maxK[a] = c[a];
      }
    }
  }
  const tc = sumT.map((s, a) => (s / nT) * sp[a]);
  const kc = sumK.map((s, a) => (s / nK) * sp[a]);
  const half = minK.map((m, a) => ((maxK[a] - m + 1) * sp[a]) / 2);

  let nearest2 = Infinity;
  for (let i = 0; i < t.length; i++) {
    if (!t[i]) continue;
    const x = i % nx;
    const y = ((i - x) / nx) % ny;
    const z = (i - x - y * nx) / (nx * ny);
    const dx = x * sp[0] - kc[0];
    const dy = y * sp[1] - kc[1];
    const dz = z * sp[2] - kc[2];
    const d2 = dx * dx + dy * dy + dz * dz;
    if (d2 < nearest2) nearest2 = d2;
  }

  const voxelMl = (sp[0] * sp[1] * sp[2]) / 1000;
  return {
    logTumourVolumeMl: Math.log(nT * voxelMl),
    maxDiameterMm: maxDiameter,
    largestAxialDiameterMm: axial,
    exophyticFraction: bg + kid > 0 ? bg / (bg + kid) : 0,
    polarPosition: Math.abs(tc[2] - kc[2]) / half[2],
    anteroposteriorPosition: (tc[1] - kc[1]) / half[1],
    centreDistanceMm: Math.sqrt(nearest2),
    tumourFraction: nT / (nT + nK),
  };
}

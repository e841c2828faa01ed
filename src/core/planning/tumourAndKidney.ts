/**
 * Finds the tumour and its kidney on the canonical grid, the two voxel sets
 * every planning feature is computed from (Python: `tumour_kidney` in
 * `training/plan/geometry.py`).
 *
 * - T, the tumour: the largest 6-connected component of label 2 (on a tie,
 *   the component met first in x-fastest scan order).
 * - K, its kidney: the voxels labelled 1 (kidney) or 3 (cyst, counted as
 *   kidney) in the 6-connected component of all labelled voxels holding T.
 */
import type { CanonicalLabels } from './canonicalGrid';

export interface TumourKidney {
  /** 1 where the voxel belongs to T. */
  tumour: Uint8Array;
  /** 1 where the voxel belongs to K. */
  kidney: Uint8Array;
  tumourCount: number;
  kidneyCount: number;
  /** 6-connected tumour regions in the mask, T included. */
  tumourRegionCount: number;
  /** Voxels labelled tumour in the mask, T's and the other regions'. */
  allTumourCount: number;
}

type Member = (index: number) => boolean;

/** Breadth-first flood fill over 6-neighbours; marks `out` with `id`. */
function flood(
  seed: number,
  dims: [number, number, number],
  member: Member,
  out: Int32Array,
  id: number,
  queue: Int32Array,
): number {
  const [nx, ny, nz] = dims;
  const sxy = nx * ny;
  let head = 0;
  let tail = 0;
  queue[tail++] = seed;
  out[seed] = id;
  while (head < tail) {
    const i = queue[head++];
    const x = i % nx;
    const y = ((i - x) / nx) % ny;
    const z = (i - x - y * nx) / sxy;
    const visit = (j: number) => {
      if (out[j] === 0 && member(j)) {
        out[j] = id;
        queue[tail++] = j;
      }
    };
    if (x > 0) visit(i - 1);
    if (x < nx - 1) visit(i + 1);
    if (y > 0) visit(i - nx);
    if (y < ny - 1) visit(i + nx);
    if (z > 0) visit(i - sxy);
    if (z < nz - 1) visit(i + sxy);
  }
  return tail;
}

/**
 * @param grid - canonical labels (0 background, 1 kidney, 2 tumour, 3 cyst)
 * @throws Error when there is no tumour, or the tumour touches no kidney
 */
export function findTumourAndKidney(grid: CanonicalLabels): TumourKidney {
  const { labels, dims } = grid;
  const n = labels.length;
  const ids = new Int32Array(n);
  const queue = new Int32Array(n);
  const isTumour: Member = (j) => labels[j] === 2;

  let nextId = 0;
  let bestId = 0;
  let bestSize = 0;
  let bestSeed = -1;
  let allTumourCount = 0;
  for (let i = 0; i < n; i++) {
    if (labels[i] !== 2 || ids[i] !== 0) continue;
    const size = flood(i, dims, isTumour, ids, ++nextId, queue);
    allTumourCount += size;
    if (size > bestSize) {
      bestSize = size;
      bestId = nextId;
      bestSeed = i;
    }
  }
  if (bestSeed < 0) throw new Error('the mask has no tumour (label 2)');

  const tumour = new Uint8Array(n);
  for (let i = 0; i < n; i++) if (ids[i] === bestId) tumour[i] = 1;

  const inComponent = new Int32Array(n);
  flood(bestSeed, dims, (j) => labels[j] > 0, inComponent, 1, queue);
  const kidney = new Uint8Array(n);
  let kidneyCount = 0;
  for (let i = 0; i < n; i++) {
    if (inComponent[i] && (labels[i] === 1 || labels[i] === 3)) {
      kidney[i] = 1;
      kidneyCount++;
    }
  }
  if (kidneyCount === 0) {
    throw new Error('the tumour does not touch any kidney (label 1 or 3)');
  }
  return {
    tumour,
    kidney,
    tumourCount: bestSize,
    kidneyCount,
    tumourRegionCount: nextId,
    allTumourCount,
  };
}

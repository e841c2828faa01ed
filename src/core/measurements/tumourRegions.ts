/**
 * The tumour of a label volume as a list of regions, for the user to check
 * and remove one by one: each 26-connected tumour component (the regions the
 * measurements count and the clean-up after segmentation drops when they
 * touch no kidney) with its voxels, volume, axial slice range, the axial
 * slice where it is largest and the kidney it touches.
 *
 * Works with connectedComponents.ts (the components), kidneyRegions.ts (the
 * sides, as measureLabels.ts names them) and axialLayout.ts (which volume
 * axis the axial view steps through).
 */
import { computeAxialLayout } from '../segmentation/axialLayout';
import { findComponents, labelSet } from '../segmentation/connectedComponents';
import type { LabelVolume, Vec3 } from '../volume/Volume';
import { kidneyRegions, type Side } from './kidneyRegions';

const TUMOUR = 2;

/** One 26-connected tumour region. */
export interface TumourRegion {
  /** Volume indices of its voxels, ascending. */
  voxels: Uint32Array;
  /** Its volume, mL. */
  volumeMl: number;
  /** Volume axis (0, 1, 2) of the axial slices, as in LargestTumourSlice. */
  axis: number;
  /** First and last axial slice it lies on, 0-based along `axis`. */
  firstSlice: number;
  lastSlice: number;
  /** The axial slice where it has the most voxels (the first of equals). */
  largestSlice: number;
  /** The centre of its voxels on `largestSlice`, rounded: where to show it. */
  focus: Vec3;
  /**
   * The side of the kidney it touches (through kidney voxels 26-connected to
   * it); null when it touches no kidney. A region that touches both kidneys
   * joins them into one kidney region, which has one side.
   */
  kidney: Side | null;
}

/** Voxel (i, j, k) of a volume index. */
function ijkOf(v: number, dims: Vec3): Vec3 {
  const plane = dims[0] * dims[1];
  const k = Math.floor(v / plane);
  const j = Math.floor((v - k * plane) / dims[0]);
  return [v - k * plane - j * dims[0], j, k];
}

/** Where region `voxels` is largest on an axial slice, and its centre there. */
function largestSliceOf(
  voxels: Uint32Array,
  dims: Vec3,
  axis: number,
): Pick<TumourRegion, 'firstSlice' | 'lastSlice' | 'largestSlice' | 'focus'> {
  const perSlice = new Uint32Array(dims[axis]);
  let firstSlice = dims[axis];
  let lastSlice = -1;
  for (const v of voxels) {
    const s = ijkOf(v, dims)[axis];
    perSlice[s]++;
    if (s < firstSlice) firstSlice = s;
    if (s > lastSlice) lastSlice = s;
  }
  let largestSlice = firstSlice;
  for (let s = firstSlice + 1; s <= lastSlice; s++) {
    if (perSlice[s] > perSlice[largestSlice]) largestSlice = s;
  }

  const sum = [0, 0, 0];
  for (const v of voxels) {
    const ijk = ijkOf(v, dims);
    if (ijk[axis] !== largestSlice) continue;
    for (let a = 0; a < 3; a++) sum[a] += ijk[a];
  }
  const count = perSlice[largestSlice];
  const focus = sum.map((x) => Math.round(x / count)) as Vec3;
  return { firstSlice, lastSlice, largestSlice, focus };
}

/**
 * Lists the tumour regions of a label volume (0 background, 1 kidney,
 * 2 tumour), largest first.
 *
 * @param volume - labels with their grid
 * @returns the regions; empty without tumour
 */
export function listTumourRegions(volume: LabelVolume): TumourRegion[] {
  const { labels, dims, spacingMm } = volume;
  const { box, ids, sizes } = findComponents(labels, dims, labelSet([TUMOUR]), 26);
  if (!box) return [];

  const voxels = sizes.map((size) => new Uint32Array(size));
  const filled = new Uint32Array(sizes.length);
  let b = 0;
  for (let k = box.min[2]; k <= box.max[2]; k++) {
    for (let j = box.min[1]; j <= box.max[1]; j++) {
      let v = box.min[0] + j * dims[0] + k * dims[0] * dims[1];
      for (let i = box.min[0]; i <= box.max[0]; i++, v++, b++) {
        const id = ids[b];
        if (id !== 0) voxels[id][filled[id]++] = v;
      }
    }
  }

  // A tumour region lies inside one kidney-plus-tumour region: that one
  // holds kidney voxels exactly when the tumour touches a kidney.
  const kidneys = kidneyRegions(volume);
  const kidneyOf = (v: number): Side | null => {
    const kbox = kidneys.box!;
    const [i, j, k] = ijkOf(v, dims);
    const [bx, by] = [kbox.max[0] - kbox.min[0] + 1, kbox.max[1] - kbox.min[1] + 1];
    const id =
      kidneys.ids[i - kbox.min[0] + (j - kbox.min[1]) * bx + (k - kbox.min[2]) * bx * by];
    return kidneys.kidneyVoxels[id] > 0 ? kidneys.side[id] : null;
  };

  const axis = computeAxialLayout(volume).sliceAxis;
  const voxelMl = (spacingMm[0] * spacingMm[1] * spacingMm[2]) / 1000;
  return voxels
    .slice(1)
    .sort((p, q) => q.length - p.length)
    .map((regionVoxels) => ({
      voxels: regionVoxels,
      volumeMl: regionVoxels.length * voxelMl,
      axis,
      ...largestSliceOf(regionVoxels, dims, axis),
      kidney: kidneyOf(regionVoxels[0]),
    }));
}

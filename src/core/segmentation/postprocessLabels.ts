/**
 * Clean-up of the raw argmax labels (0 background, 1 kidney, 2 tumour), in
 * place, in three steps:
 *
 * 1. keep the kidneys: the largest 26-connected components of kidney ∪ tumour
 *    (at most `maxKidneys`, each at least `minKidneyMl`); everything else is
 *    background;
 * 2. drop tumour islands: a 26-connected tumour component with no kidney voxel
 *    among its 26 neighbours becomes background;
 * 3. fill holes: background regions (6-connected) enclosed in 3D by kidney or
 *    tumour take the label most of their face neighbours carry.
 *
 * A single 2D slice has no meaningful volume: there the size limit is skipped
 * and only the `maxKidneys` largest regions are kept.
 *
 * Works with connectedComponents.ts; called by segmentVolume.ts after the
 * slice runner.
 */
import type { LabelVolume, Vec3 } from '../volume/Volume';
import {
  findComponents,
  labelSet,
  neighbourOffsets,
  type VoxelBox,
} from './connectedComponents';

export interface PostprocessOptions {
  /** Most kidney components kept (2; a horseshoe kidney is one). */
  maxKidneys?: number;
  /** Smallest kept kidney component, mL (kidney and tumour together). */
  minKidneyMl?: number;
}

export const DEFAULT_POSTPROCESS: Required<PostprocessOptions> = {
  maxKidneys: 2,
  minKidneyMl: 5,
};

const KIDNEY = 1;
const TUMOUR = 2;

function voxelMl(spacingMm: Vec3): number {
  return (spacingMm[0] * spacingMm[1] * spacingMm[2]) / 1000;
}

/** Sets to background every box voxel whose component is not marked in `keep`. */
function clearUnkept(
  labels: Uint8Array,
  dims: Vec3,
  box: VoxelBox,
  ids: Int32Array,
  keep: Uint8Array,
): void {
  let b = 0;
  for (let k = box.min[2]; k <= box.max[2]; k++) {
    for (let j = box.min[1]; j <= box.max[1]; j++) {
      let v = box.min[0] + j * dims[0] + k * dims[0] * dims[1];
      for (let i = box.min[0]; i <= box.max[0]; i++, v++, b++) {
        const id = ids[b];
        if (id !== 0 && keep[id] === 0) labels[v] = 0;
      }
    }
  }
}

function keepKidneys(volume: LabelVolume, options: Required<PostprocessOptions>): void {
  const { labels, dims } = volume;
  const members = labelSet([KIDNEY, TUMOUR]);
  const { box, ids, sizes } = findComponents(labels, dims, members, 26);
  if (!box) return;

  const singleSlice = dims.filter((d) => d > 1).length < 3;
  const minVoxels = singleSlice ? 0 : options.minKidneyMl / voxelMl(volume.spacingMm);
  const kept = new Uint8Array(sizes.length);
  sizes
    .map((size, id) => ({ size, id }))
    .slice(1)
    .sort((a, b) => b.size - a.size)
    .slice(0, options.maxKidneys)
    .filter((c) => c.size >= minVoxels)
    .forEach((c) => (kept[c.id] = 1));
  clearUnkept(labels, dims, box, ids, kept);
}

function dropTumourIslands(volume: LabelVolume): void {
  const { labels, dims } = volume;
  const { box, ids, sizes } = findComponents(labels, dims, labelSet([TUMOUR]), 26);
  if (!box) return;

  const [nx, ny, nz] = dims;
  const touches = new Uint8Array(sizes.length);
  const offsets = neighbourOffsets(26);
  let b = 0;
  for (let k = box.min[2]; k <= box.max[2]; k++) {
    for (let j = box.min[1]; j <= box.max[1]; j++) {
      for (let i = box.min[0]; i <= box.max[0]; i++, b++) {
        const id = ids[b];
        if (id === 0 || touches[id]) continue;
        for (const [di, dj, dk] of offsets) {
          const ni = i + di;
          const nj = j + dj;
          const nk = k + dk;
          if (ni < 0 || nj < 0 || nk < 0 || ni >= nx || nj >= ny || nk >= nz) continue;
          if (labels[ni + nj * nx + nk * nx * ny] === KIDNEY) {
            touches[id] = 1;
            break;
          }
        }
      }
    }
  }
  clearUnkept(labels, dims, box, ids, touches);
}

/** Fills the holes enclosed inside one kidney region's bounding box. */
function fillHolesInBox(volume: LabelVolume, organ: VoxelBox): void {
  const { labels, dims } = volume;
  // The organ box grown by two layers: an inner layer of background joins
  // everything outside the organ into one region, an outer sentinel layer
  // (state 0) stops the flood fill without bounds checks.
  const [bx, by, bz] = [0, 1, 2].map((a) => organ.max[a] - organ.min[a] + 1);
  const px = bx + 4;
  const plane = px * (by + 4);
  const [nx, ny] = dims;
  const BACKGROUND = 1;
  const OUTSIDE = 2;
  const HOLE = 3;
  const state = new Uint8Array(plane * (bz + 4));
  for (let k = -1; k <= bz; k++) {
    for (let j = -1; j <= by; j++) {
      const rowInside = k >= 0 && j >= 0 && k < bz && j < by;
      const v0 = organ.min[0] + (organ.min[1] + j) * nx + (organ.min[2] + k) * nx * ny;
      let p = 1 + (j + 2) * px + (k + 2) * plane;
      for (let i = -1; i <= bx; i++, p++) {
        if (!rowInside || i < 0 || i >= bx || labels[v0 + i] === 0) state[p] = BACKGROUND;
      }
    }
  }

  const steps = Int32Array.from([1, -1, px, -px, plane, -plane]);
  const queue = new Int32Array(state.length);
  const flood = (seed: number, to: number): number => {
    let head = 0;
    let tail = 0;
    state[seed] = to;
    queue[tail++] = seed;
    while (head < tail) {
      const p = queue[head++];
      for (let s = 0; s < 6; s++) {
        const n = p + steps[s];
        if (state[n] === BACKGROUND) {
          state[n] = to;
          queue[tail++] = n;
        }
      }
    }
    return tail;
  };
  flood(1 + px + plane, OUTSIDE);

  // Background left over is enclosed: each hole takes the label most of its
  // face neighbours carry.
  const volumeIndexOf = (p: number) => {
    const k = Math.floor(p / plane);
    const j = Math.floor((p - k * plane) / px);
    const i = p - k * plane - j * px;
    return (
      organ.min[0] +
      i -
      2 +
      (organ.min[1] + j - 2) * nx +
      (organ.min[2] + k - 2) * nx * ny
    );
  };
  for (let k = 0; k < bz; k++) {
    for (let j = 0; j < by; j++) {
      let seed = 2 + (j + 2) * px + (k + 2) * plane;
      for (let i = 0; i < bx; i++, seed++) {
        if (state[seed] !== BACKGROUND) continue;
        const count = flood(seed, HOLE);
        let tumourVotes = 0;
        let kidneyVotes = 0;
        for (let q = 0; q < count; q++) {
          for (let s = 0; s < 6; s++) {
            const n = queue[q] + steps[s];
            if (state[n] !== 0) continue;
            if (labels[volumeIndexOf(n)] === TUMOUR) tumourVotes++;
            else kidneyVotes++;
          }
        }
        const fill = tumourVotes > kidneyVotes ? TUMOUR : KIDNEY;
        for (let q = 0; q < count; q++) labels[volumeIndexOf(queue[q])] = fill;
      }
    }
  }
}

/**
 * Fills holes kidney region by kidney region: a background region that does
 * not reach the border of a region's box is enclosed by kidney or tumour, and
 * the boxes of two kidneys leave out the large space between them.
 */
function fillHoles(volume: LabelVolume): void {
  const { labels, dims } = volume;
  const { box, ids, sizes } = findComponents(
    labels,
    dims,
    labelSet([KIDNEY, TUMOUR]),
    26,
  );
  if (!box) return;
  const boxes: VoxelBox[] = sizes.map(() => ({ min: [...box.max], max: [...box.min] }));
  let b = 0;
  for (let k = box.min[2]; k <= box.max[2]; k++) {
    for (let j = box.min[1]; j <= box.max[1]; j++) {
      for (let i = box.min[0]; i <= box.max[0]; i++, b++) {
        const id = ids[b];
        if (id === 0) continue;
        const { min, max } = boxes[id];
        if (i < min[0]) min[0] = i;
        if (i > max[0]) max[0] = i;
        if (j < min[1]) min[1] = j;
        if (j > max[1]) max[1] = j;
        if (k < min[2]) min[2] = k;
        if (k > max[2]) max[2] = k;
      }
    }
  }
  for (const region of boxes.slice(1)) fillHolesInBox(volume, region);
}

/**
 * Cleans up a label volume in place (see the module header for the steps).
 *
 * @param volume - labels 0, 1, 2 on the study grid
 * @param options - component limits; defaults in DEFAULT_POSTPROCESS
 */
export function postprocessLabels(
  volume: LabelVolume,
  options: PostprocessOptions = {},
): void {
  const settings = { ...DEFAULT_POSTPROCESS, ...options };
  keepKidneys(volume, settings);
  dropTumourIslands(volume);
  fillHoles(volume);
}

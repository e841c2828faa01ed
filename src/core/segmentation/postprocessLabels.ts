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
 * Works with connectedComponents.ts; called by segmentVolume.ts after the
 * slice runner.
 */
import type { LabelVolume, Vec3 } from '../volume/Volume';
import {
  boundingBox,
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

/** Calls fn(volumeIndex, boxIndex, i, j, k) for every voxel of a box. */
function forEachInBox(
  dims: Vec3,
  box: VoxelBox,
  fn: (v: number, b: number, i: number, j: number, k: number) => void,
): void {
  let b = 0;
  for (let k = box.min[2]; k <= box.max[2]; k++) {
    for (let j = box.min[1]; j <= box.max[1]; j++) {
      let v = box.min[0] + j * dims[0] + k * dims[0] * dims[1];
      for (let i = box.min[0]; i <= box.max[0]; i++, v++, b++) fn(v, b, i, j, k);
    }
  }
}

function keepKidneys(volume: LabelVolume, options: Required<PostprocessOptions>): void {
  const { labels, dims } = volume;
  const { box, ids, sizes } = findComponents(
    labels,
    dims,
    labelSet([KIDNEY, TUMOUR]),
    26,
  );
  if (!box) return;

  const minVoxels = options.minKidneyMl / voxelMl(volume.spacingMm);
  const kept = new Uint8Array(sizes.length);
  sizes
    .map((size, id) => ({ size, id }))
    .slice(1)
    .sort((a, b) => b.size - a.size)
    .slice(0, options.maxKidneys)
    .filter((c) => c.size >= minVoxels)
    .forEach((c) => (kept[c.id] = 1));

  forEachInBox(dims, box, (v, b) => {
    if (ids[b] !== 0 && !kept[ids[b]]) labels[v] = 0;
  });
}

function dropTumourIslands(volume: LabelVolume): void {
  const { labels, dims } = volume;
  const { box, ids, sizes } = findComponents(labels, dims, labelSet([TUMOUR]), 26);
  if (!box) return;

  const touches = new Uint8Array(sizes.length);
  const offsets = neighbourOffsets(26);
  forEachInBox(dims, box, (v, b, i, j, k) => {
    const id = ids[b];
    if (id === 0 || touches[id]) return;
    for (const [di, dj, dk] of offsets) {
      const ni = i + di;
      const nj = j + dj;
      const nk = k + dk;
      if (ni < 0 || nj < 0 || nk < 0 || ni >= dims[0] || nj >= dims[1] || nk >= dims[2]) {
        continue;
      }
      if (labels[ni + nj * dims[0] + nk * dims[0] * dims[1]] === KIDNEY) {
        touches[id] = 1;
        return;
      }
    }
  });

  forEachInBox(dims, box, (v, b) => {
    if (ids[b] !== 0 && !touches[ids[b]]) labels[v] = 0;
  });
}

function fillHoles(volume: LabelVolume): void {
  const { labels, dims } = volume;
  const organ = boundingBox(labels, dims, labelSet([KIDNEY, TUMOUR]));
  if (!organ) return;

  // The organ box with two extra layers: an inner layer of background that
  // joins everything outside the organ into one region, and an outer
  // sentinel layer that stops the flood fill without bounds checks.
  const [bx, by, bz] = [0, 1, 2].map((a) => organ.max[a] - organ.min[a] + 1);
  const px = bx + 4;
  const plane = px * (by + 4);
  const size = plane * (bz + 4);
  const BACKGROUND = 1;
  const OUTSIDE = 2;
  const state = new Uint8Array(size);
  const volumeIndex = (i: number, j: number, k: number) =>
    organ.min[0] +
    i +
    (organ.min[1] + j) * dims[0] +
    (organ.min[2] + k) * dims[0] * dims[1];
  for (let k = -1; k <= bz; k++) {
    for (let j = -1; j <= by; j++) {
      for (let i = -1; i <= bx; i++) {
        const inside = i >= 0 && j >= 0 && k >= 0 && i < bx && j < by && k < bz;
        if (!inside || labels[volumeIndex(i, j, k)] === 0) {
          state[i + 2 + (j + 2) * px + (k + 2) * plane] = BACKGROUND;
        }
      }
    }
  }

  const steps = [1, -1, px, -px, plane, -plane];
  const queue = new Int32Array(size);
  const flood = (seed: number, from: number, to: number, visit?: (p: number) => void) => {
    let head = 0;
    let tail = 0;
    state[seed] = to;
    queue[tail++] = seed;
    while (head < tail) {
      const p = queue[head++];
      visit?.(p);
      for (const s of steps) {
        if (state[p + s] === from) {
          state[p + s] = to;
          queue[tail++] = p + s;
        }
      }
    }
    return tail;
  };
  flood(1 + px + plane, BACKGROUND, OUTSIDE);

  // What is still background is enclosed: fill each hole with the label most
  // of its face neighbours carry.
  const HOLE = 3;
  for (let k = 0; k < bz; k++) {
    for (let j = 0; j < by; j++) {
      for (let i = 0; i < bx; i++) {
        const seed = i + 2 + (j + 2) * px + (k + 2) * plane;
        if (state[seed] !== BACKGROUND) continue;
        let kidneyVotes = 0;
        let tumourVotes = 0;
        const count = flood(seed, BACKGROUND, HOLE, (p) => {
          for (const s of steps) {
            if (state[p + s] !== 0) continue;
            const n = p + s;
            const k2 = Math.floor(n / plane);
            const j2 = Math.floor((n - k2 * plane) / px);
            const label =
              labels[volumeIndex(n - k2 * plane - j2 * px - 2, j2 - 2, k2 - 2)];
            if (label === TUMOUR) tumourVotes++;
            else kidneyVotes++;
          }
        });
        const fill = tumourVotes > kidneyVotes ? TUMOUR : KIDNEY;
        for (let q = 0; q < count; q++) {
          const p = queue[q];
          const k2 = Math.floor(p / plane);
          const j2 = Math.floor((p - k2 * plane) / px);
          labels[volumeIndex(p - k2 * plane - j2 * px - 2, j2 - 2, k2 - 2)] = fill;
        }
      }
    }
  }
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

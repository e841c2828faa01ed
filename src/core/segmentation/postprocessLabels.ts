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
  findComponentsInBox,
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
  const { box, ids, sizes } = findComponents(labels, dims, labelSet([KIDNEY, TUMOUR]), 26);
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

  // One voxel of margin, so that background around the organ is one region.
  const box: VoxelBox = {
    min: [0, 1, 2].map((a) => Math.max(0, organ.min[a] - 1)) as Vec3,
    max: [0, 1, 2].map((a) => Math.min(dims[a] - 1, organ.max[a] + 1)) as Vec3,
  };
  const { ids, sizes } = findComponentsInBox(labels, dims, labelSet([0]), box, 6);

  const open = new Uint8Array(sizes.length);
  forEachInBox(dims, box, (_v, b, i, j, k) => {
    const onFace =
      i === box.min[0] || i === box.max[0] || j === box.min[1] || j === box.max[1] ||
      k === box.min[2] || k === box.max[2];
    if (onFace && ids[b] !== 0) open[ids[b]] = 1;
  });

  const votes = new Float64Array(sizes.length * 3);
  const offsets = neighbourOffsets(6);
  forEachInBox(dims, box, (_v, b, i, j, k) => {
    const id = ids[b];
    if (id === 0 || open[id]) return;
    for (const [di, dj, dk] of offsets) {
      const label = labels[i + di + (j + dj) * dims[0] + (k + dk) * dims[0] * dims[1]];
      votes[id * 3 + label]++;
    }
  });

  forEachInBox(dims, box, (v, b) => {
    const id = ids[b];
    if (id === 0 || open[id]) return;
    labels[v] = votes[id * 3 + TUMOUR] > votes[id * 3 + KIDNEY] ? TUMOUR : KIDNEY;
  });
}

/**
 * Cleans up a label volume in place (see the module header for the steps).
 *
 * @param volume - labels 0, 1, 2 on the study grid
 * @param options - component limits; defaults in DEFAULT_POSTPROCESS
 */
export function postprocessLabels(volume: LabelVolume, options: PostprocessOptions = {}): void {
  const settings = { ...DEFAULT_POSTPROCESS, ...options };
  keepKidneys(volume, settings);
  dropTumourIslands(volume);
  fillHoles(volume);
}

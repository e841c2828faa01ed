/**
 * The kidneys of a label volume as regions: the 26-connected components of
 * kidney ∪ tumour, what each holds and the side (patient left or right) it
 * lies on. Used by measureLabels.ts (volumes per side) and tumourRegions.ts
 * (which kidney a tumour region touches), so both name sides the same way.
 *
 * Each region goes to the side of its centroid relative to a midline —
 * halfway between the two largest regions when there are two or more, else
 * the centre of the volume.
 * Limitations: a horseshoe kidney is one region and counts for one side.
 */
import {
  findComponents,
  labelSet,
  type Components,
} from '../segmentation/connectedComponents';
import type { LabelVolume } from '../volume/Volume';

const KIDNEY = 1;
const TUMOUR = 2;

export type Side = 'left' | 'right';

/** Kidney-plus-tumour components with their contents and sides. */
export interface KidneyRegions extends Components {
  /** kidneyVoxels[id] = kidney (label 1) voxels of region id. */
  kidneyVoxels: Float64Array;
  /** tumourVoxels[id] = tumour (label 2) voxels of region id. */
  tumourVoxels: Float64Array;
  /** side[id] = the side of region id (side[0] is unused). */
  side: Side[];
  /** Region ids, largest first. */
  bySize: number[];
}

/** LPS x of the (possibly fractional) voxel position (i, j, k). */
function lpsX(volume: LabelVolume, i: number, j: number, k: number): number {
  const { spacingMm: s, direction: d } = volume;
  return (
    volume.originMm[0] + i * s[0] * d[0][0] + j * s[1] * d[1][0] + k * s[2] * d[2][0]
  );
}

/**
 * The kidney-plus-tumour regions of a label volume (0 background, 1 kidney,
 * 2 tumour) and their sides; `box` is null when there is neither.
 */
export function kidneyRegions(volume: LabelVolume): KidneyRegions {
  const { labels, dims } = volume;
  const components = findComponents(labels, dims, labelSet([KIDNEY, TUMOUR]), 26);
  const { box, ids, sizes } = components;
  const n = sizes.length;
  const sumIjk = new Float64Array(n * 3);
  const kidneyVoxels = new Float64Array(n);
  const tumourVoxels = new Float64Array(n);
  const side: Side[] = new Array<Side>(n).fill('right');
  if (!box) return { ...components, kidneyVoxels, tumourVoxels, side, bySize: [] };

  let b = 0;
  for (let k = box.min[2]; k <= box.max[2]; k++) {
    for (let j = box.min[1]; j <= box.max[1]; j++) {
      let v = box.min[0] + j * dims[0] + k * dims[0] * dims[1];
      for (let i = box.min[0]; i <= box.max[0]; i++, v++, b++) {
        const id = ids[b];
        if (id === 0) continue;
        sumIjk[id * 3] += i;
        sumIjk[id * 3 + 1] += j;
        sumIjk[id * 3 + 2] += k;
        if (labels[v] === KIDNEY) kidneyVoxels[id]++;
        else tumourVoxels[id]++;
      }
    }
  }

  const centroidX = (id: number) =>
    lpsX(
      volume,
      sumIjk[id * 3] / sizes[id],
      sumIjk[id * 3 + 1] / sizes[id],
      sumIjk[id * 3 + 2] / sizes[id],
    );
  const bySize = sizes
    .map((_, id) => id)
    .slice(1)
    .sort((a, c) => sizes[c] - sizes[a]);
  const midline =
    bySize.length >= 2
      ? (centroidX(bySize[0]) + centroidX(bySize[1])) / 2
      : lpsX(volume, (dims[0] - 1) / 2, (dims[1] - 1) / 2, (dims[2] - 1) / 2);
  for (const id of bySize) side[id] = centroidX(id) > midline ? 'left' : 'right';
  return { ...components, kidneyVoxels, tumourVoxels, side, bySize };
}

import { describe, expect, it } from 'vitest';
import type { LabelVolume, Vec3 } from '../volume/Volume';
import type { CropSpec } from './largestSliceCrop';
import { extractPlanningFeatures } from './planningFeatures';

const CROP: CropSpec = {
  sizePx: 8,
  spacingMm: 2,
  channels: ['kidney', 'tumour'],
  ctWindowHu: [0, 1],
};

/**
 * 8 × 8 × 8 mask, 2 mm voxels (0.008 mL): a kidney slab at j = 0–1, a tumour
 * on it (1 voxel at k = 2, 4 at k = 3, 2 at k = 4) and a single tumour voxel
 * apart from it at k = 6.
 */
function twoTumours(kDirection: Vec3): LabelVolume {
  const dims: Vec3 = [8, 8, 8];
  const labels = new Uint8Array(512);
  const at = (i: number, j: number, k: number) => i + 8 * j + 64 * k;
  for (let k = 0; k < 8; k++)
    for (let j = 0; j < 2; j++) for (let i = 0; i < 8; i++) labels[at(i, j, k)] = 1;
  labels[at(3, 2, 2)] = 2;
  for (const [i, j] of [
    [2, 2],
    [3, 2],
    [2, 3],
    [3, 3],
  ])
    labels[at(i, j, 3)] = 2;
  for (const [i, j] of [
    [2, 2],
    [3, 2],
  ])
    labels[at(i, j, 4)] = 2;
  labels[at(6, 6, 6)] = 2;
  return {
    labels,
    dims,
    spacingMm: [2, 2, 2],
    originMm: [0, 0, 0],
    direction: [[1, 0, 0], [0, 1, 0], kDirection],
  };
}

describe('planned tumour', () => {
  it('names the largest region, its largest slice and what is left out', () => {
    const { tumour } = extractPlanningFeatures(twoTumours([0, 0, 1]), CROP);
    expect(tumour.volumeMl).toBeCloseTo(7 * 0.008, 6);
    expect(tumour.regionCount).toBe(2);
    expect(tumour.otherVolumeMl).toBeCloseTo(0.008, 6);
    expect(tumour.largestSlice).toEqual({ axis: 2, index: 3, focus: [3, 3, 3] });
  });

  it("counts the slice in the mask's own voxel order when its slices run downwards", () => {
    // Same voxels, stored superior → inferior: the canonical grid flips k.
    const { tumour } = extractPlanningFeatures(twoTumours([0, 0, -1]), CROP);
    expect(tumour.largestSlice).toEqual({ axis: 2, index: 3, focus: [3, 3, 3] });
  });
});

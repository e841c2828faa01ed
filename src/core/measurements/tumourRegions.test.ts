import { describe, expect, it } from 'vitest';
import type { LabelVolume, Vec3 } from '../volume/Volume';
import { axisAlignedGrid } from '../volume/testing/axisAlignedGrid';
import { measureLabels } from './measureLabels';
import { listTumourRegions } from './tumourRegions';

function volume(dims: Vec3, spacingMm: Vec3): LabelVolume {
  const grid = axisAlignedGrid(dims, spacingMm);
  return { ...grid, labels: new Uint8Array(dims[0] * dims[1] * dims[2]) };
}

function paint(v: LabelVolume, min: Vec3, max: Vec3, label: number): void {
  for (let k = min[2]; k <= max[2]; k++) {
    for (let j = min[1]; j <= max[1]; j++) {
      for (let i = min[0]; i <= max[0]; i++)
        v.labels[i + j * v.dims[0] + k * v.dims[0] * v.dims[1]] = label;
    }
  }
}

/**
 * Two kidneys (patient right at low x, left at high x), a tumour in the left
 * one that is largest on slice 6, a small tumour on the right one, and a
 * tumour speck that touches no kidney.
 */
function threeTumours(): LabelVolume {
  const v = volume([40, 20, 12], [1, 1, 2]);
  paint(v, [2, 2, 1], [10, 12, 10], 1);
  paint(v, [28, 2, 1], [37, 12, 10], 1);
  paint(v, [30, 4, 4], [34, 8, 8], 2);
  paint(v, [29, 3, 6], [35, 9, 6], 2);
  paint(v, [11, 5, 2], [11, 6, 3], 2);
  paint(v, [20, 15, 9], [20, 15, 9], 2);
  return v;
}

describe('listTumourRegions', () => {
  it('lists each 26-connected tumour region, largest first, as the measurements count them', () => {
    const v = threeTumours();
    const regions = listTumourRegions(v);
    expect(regions).toHaveLength(measureLabels(v).tumourComponentCount);
    expect(regions.map((r) => r.voxels.length)).toEqual([5 * 5 * 5 + 7 * 7 - 25, 4, 1]);
    expect(regions[0].volumeMl).toBeCloseTo((149 * 2) / 1000, 12);
    expect(measureLabels(v).largestTumourVolumeMl).toBeCloseTo(regions[0].volumeMl, 12);

    // Every tumour voxel is in exactly one region.
    const listed = regions.flatMap((r) => Array.from(r.voxels)).sort((a, b) => a - b);
    const tumour = [...v.labels.keys()].filter((x) => v.labels[x] === 2);
    expect(listed).toEqual(tumour);
  });

  it('gives the axial slice range, the largest slice and a voxel of the region on it', () => {
    const [left, right, speck] = listTumourRegions(threeTumours());
    expect(left).toMatchObject({ axis: 2, firstSlice: 4, lastSlice: 8, largestSlice: 6 });
    expect(left.focus).toEqual([32, 6, 6]);
    expect(right).toMatchObject({ firstSlice: 2, lastSlice: 3, largestSlice: 2 });
    expect(right.focus).toEqual([11, 6, 2]);
    expect(speck).toMatchObject({ firstSlice: 9, lastSlice: 9, focus: [20, 15, 9] });
  });

  it('names the kidney each region touches, as the measurements name the sides', () => {
    const v = threeTumours();
    const [left, right, speck] = listTumourRegions(v);
    expect([left.kidney, right.kidney, speck.kidney]).toEqual(['left', 'right', null]);
    const m = measureLabels(v);
    expect(m.kidneys.right!.tumourVolumeMl).toBeCloseTo(right.volumeMl, 12);
  });

  it('takes the axial axis the view steps through, not always the third', () => {
    // A coronal-stored volume: axis 1 runs head–foot.
    const v = volume([10, 8, 6], [1, 2, 1]);
    v.direction = [
      [1, 0, 0],
      [0, 0, -1],
      [0, 1, 0],
    ];
    paint(v, [2, 3, 1], [4, 5, 2], 2);
    const [region] = listTumourRegions(v);
    expect(region).toMatchObject({ axis: 1, firstSlice: 3, lastSlice: 5 });
  });

  it('is empty without tumour', () => {
    const v = volume([5, 5, 5], [1, 1, 1]);
    paint(v, [1, 1, 1], [3, 3, 3], 1);
    expect(listTumourRegions(v)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import type { LabelVolume, Vec3 } from '../volume/Volume';
import { findComponents, labelSet } from './connectedComponents';
import { postprocessLabels } from './postprocessLabels';

/** A 1 mm³ label volume with boxes painted in. */
function volume(dims: Vec3): LabelVolume {
  return {
    labels: new Uint8Array(dims[0] * dims[1] * dims[2]),
    dims,
    spacingMm: [1, 1, 1],
    originMm: [0, 0, 0],
    direction: [
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ],
  };
}

function paint(v: LabelVolume, min: Vec3, max: Vec3, label: number): void {
  for (let k = min[2]; k <= max[2]; k++) {
    for (let j = min[1]; j <= max[1]; j++) {
      for (let i = min[0]; i <= max[0]; i++)
        v.labels[i + j * v.dims[0] + k * v.dims[0] * v.dims[1]] = label;
    }
  }
}

const count = (v: LabelVolume, label: number) =>
  v.labels.filter((l) => l === label).length;
const at = (v: LabelVolume, i: number, j: number, k: number) =>
  v.labels[i + j * v.dims[0] + k * v.dims[0] * v.dims[1]];

describe('findComponents', () => {
  it('separates face, edge and corner contact by connectivity', () => {
    const v = volume([6, 6, 6]);
    paint(v, [0, 0, 0], [1, 1, 1], 1);
    paint(v, [2, 2, 2], [3, 3, 3], 1); // touches the first only at a corner
    const members = labelSet([1]);
    expect(findComponents(v.labels, v.dims, members, 26).sizes).toEqual([0, 16]);
    expect(findComponents(v.labels, v.dims, members, 6).sizes).toEqual([0, 8, 8]);
  });
});

describe('postprocessLabels', () => {
  it('keeps the two largest kidney regions and drops the small ones', () => {
    const v = volume([40, 20, 20]);
    paint(v, [1, 1, 1], [10, 10, 10], 1); // 1000 mL·10⁻³
    paint(v, [20, 1, 1], [28, 9, 9], 1); // 729
    paint(v, [32, 1, 1], [37, 6, 6], 1); // 216: third largest
    paint(v, [35, 15, 15], [35, 15, 15], 1); // single voxel
    postprocessLabels(v, { minKidneyMl: 0.5 });
    expect(count(v, 1)).toBe(1000 + 729);
  });

  it('drops kidney regions smaller than minKidneyMl even among the two largest', () => {
    const v = volume([30, 12, 12]);
    paint(v, [1, 1, 1], [10, 10, 10], 1);
    paint(v, [20, 1, 1], [22, 3, 3], 1); // 27 voxels = 0.027 mL
    postprocessLabels(v, { minKidneyMl: 0.5 });
    expect(count(v, 1)).toBe(1000);
  });

  it('drops tumour that touches no kidney and keeps tumour that does', () => {
    const v = volume([40, 20, 20]);
    paint(v, [1, 1, 1], [10, 10, 10], 1);
    paint(v, [11, 3, 3], [14, 6, 6], 2); // on the kidney's surface
    paint(v, [20, 1, 1], [28, 9, 9], 1);
    paint(v, [30, 12, 12], [33, 15, 15], 2); // free-floating, part of no kidney
    postprocessLabels(v, { minKidneyMl: 0.01, maxKidneys: 3 });
    expect(count(v, 2)).toBe(64);
    expect(at(v, 12, 4, 4)).toBe(2);
    expect(at(v, 31, 13, 13)).toBe(0);
  });

  it('removes a tumour-only region even when it is among the largest', () => {
    const v = volume([30, 12, 12]);
    paint(v, [1, 1, 1], [10, 10, 10], 1);
    paint(v, [15, 1, 1], [24, 10, 10], 2); // as large as the kidney, touches nothing
    postprocessLabels(v, { minKidneyMl: 0.01 });
    expect(count(v, 2)).toBe(0);
    expect(count(v, 1)).toBe(1000);
  });

  it('fills enclosed holes with the surrounding label', () => {
    const v = volume([30, 14, 14]);
    paint(v, [1, 1, 1], [10, 10, 10], 1);
    paint(v, [4, 4, 4], [6, 6, 6], 0); // hole inside the kidney
    paint(v, [11, 2, 2], [19, 10, 10], 2);
    paint(v, [14, 5, 5], [16, 7, 7], 0); // hole inside the tumour (necrotic core)
    postprocessLabels(v, { minKidneyMl: 0.01 });
    expect(at(v, 5, 5, 5)).toBe(1);
    expect(at(v, 15, 6, 6)).toBe(2);
    expect(count(v, 0)).toBe(30 * 14 * 14 - 1000 - 9 * 9 * 9);
  });

  it('leaves open concavities and regions touching the volume edge alone', () => {
    const v = volume([12, 12, 12]);
    paint(v, [0, 0, 0], [11, 11, 11], 1);
    paint(v, [4, 4, 0], [6, 6, 5], 0); // a pit open to the volume boundary
    paint(v, [4, 4, 8], [6, 6, 11], 0);
    postprocessLabels(v, { minKidneyMl: 0.01 });
    expect(at(v, 5, 5, 2)).toBe(0);
    expect(at(v, 5, 5, 10)).toBe(0);
  });
});

describe('postprocessLabels on a single 2D slice', () => {
  it('keeps the two largest regions whatever their volume', () => {
    const v = volume([40, 20, 1]);
    paint(v, [1, 1, 0], [10, 10, 0], 1);
    paint(v, [20, 1, 0], [27, 8, 0], 1);
    paint(v, [32, 1, 0], [34, 3, 0], 1);
    postprocessLabels(v); // default minKidneyMl 5 would drop all of these
    expect(count(v, 1)).toBe(100 + 64);
  });
});

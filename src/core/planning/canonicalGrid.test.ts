import { describe, expect, it } from 'vitest';
import type { LabelVolume, Vec3 } from '../volume/Volume';
import { toCanonicalGrid } from './canonicalGrid';
import { toLabelVolume } from './toLabelVolume';

/** 2 × 3 × 4 volume whose label encodes the canonical (x, y, z) of each voxel. */
function reference(): LabelVolume {
  const dims: Vec3 = [2, 3, 4];
  const labels = new Uint8Array(24);
  for (let z = 0; z < 4; z++)
    for (let y = 0; y < 3; y++)
      for (let x = 0; x < 2; x++) labels[x + 2 * y + 6 * z] = x + 2 * y + 6 * z;
  return {
    labels,
    dims,
    spacingMm: [1, 2, 3],
    originMm: [0, 0, 0],
    direction: [
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ],
  };
}

describe('canonical grid', () => {
  it('undoes a stored transpose and flips', () => {
    // Stored as i → superior (z), j → patient right (−x), k → posterior (y).
    const ref = reference();
    const dims: Vec3 = [4, 2, 3];
    const labels = new Uint8Array(24);
    for (let k = 0; k < 3; k++)
      for (let j = 0; j < 2; j++)
        for (let i = 0; i < 4; i++) {
          const x = 1 - j;
          labels[i + 4 * j + 8 * k] = ref.labels[x + 2 * k + 6 * i];
        }
    const grid = toCanonicalGrid({
      labels,
      dims,
      spacingMm: [3, 1, 2],
      originMm: [0, 0, 0],
      direction: [
        [0, 0.1, 0.99],
        [-1, 0, 0],
        [0, 1, 0],
      ],
    });
    expect(grid.dims).toEqual([2, 3, 4]);
    expect(grid.spacingMm).toEqual([1, 2, 3]);
    expect(Array.from(grid.labels)).toEqual(Array.from(ref.labels));
  });

  it('rejects two axes along one patient axis', () => {
    const v = reference();
    v.direction = [
      [1, 0, 0],
      [0.9, 0.1, 0],
      [0, 0, 1],
    ];
    expect(() => toCanonicalGrid(v)).toThrow('two axes');
  });

  it('accepts only labels 0–3 from a mask file', () => {
    const base = {
      dims: [2, 1, 1] as Vec3,
      spacingMm: [1, 1, 1] as Vec3,
      originMm: [0, 0, 0] as Vec3,
    };
    const direction: [Vec3, Vec3, Vec3] = [
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ];
    expect(
      toLabelVolume({ ...base, direction, voxels: new Int16Array([3, 2]) }).labels,
    ).toEqual(new Uint8Array([3, 2]));
    expect(() =>
      toLabelVolume({ ...base, direction, voxels: new Int16Array([0, 255]) }),
    ).toThrow('the mask holds the value 255');
  });
});

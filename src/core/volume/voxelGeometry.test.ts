import { describe, expect, it } from 'vitest';
import type { Volume } from './Volume';
import { nearestVoxel, valueAt, voxelToWorld, worldToVoxel } from './voxelGeometry';

const s = Math.SQRT1_2;
const volume: Volume = {
  voxels: Int16Array.from({ length: 4 * 3 * 2 }, (_, n) => n),
  dims: [4, 3, 2],
  spacingMm: [0.5, 0.75, 2],
  originMm: [10, -5, 3],
  direction: [
    [s, s, 0],
    [0, 0, -1],
    [-s, s, 0],
  ],
};

describe('voxel geometry', () => {
  it('round-trips voxel → world → voxel on an oblique grid', () => {
    const w = voxelToWorld(volume, [3, 2, 1]);
    const back = worldToVoxel(volume, w);
    back.forEach((v, a) => expect(v).toBeCloseTo([3, 2, 1][a], 12));
    expect(w[2]).toBeCloseTo(3 - 2 * 0.75, 12);
  });

  it('finds the nearest voxel and rejects points outside', () => {
    expect(nearestVoxel(volume, [2.4, 0.6, 0.49])).toEqual([2, 1, 0]);
    expect(nearestVoxel(volume, [-0.6, 0, 0])).toBeNull();
    expect(nearestVoxel(volume, [0, 0, 1.6])).toBeNull();
  });

  it('reads values by (i, j, k)', () => {
    expect(valueAt(volume, [1, 2, 1])).toBe(1 + 2 * 4 + 12);
    expect(() => valueAt(volume, [4, 0, 0])).toThrow(RangeError);
  });
});

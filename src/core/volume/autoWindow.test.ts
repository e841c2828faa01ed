import { describe, expect, it } from 'vitest';
import { autoWindow } from './autoWindow';

describe('autoWindow', () => {
  it('covers the bulk of the values, not the outliers', () => {
    const voxels = new Float32Array(1000).map((_, n) => n);
    voxels[0] = -30000;
    voxels[999] = 30000;
    const w = autoWindow({
      voxels,
      dims: [10, 10, 10],
      spacingMm: [1, 1, 1],
      originMm: [0, 0, 0],
      direction: [
        [1, 0, 0],
        [0, 1, 0],
        [0, 0, 1],
      ],
    });
    expect(w.levelHu).toBeCloseTo(499.5, 0);
    expect(w.widthHu).toBeGreaterThan(900);
    expect(w.widthHu).toBeLessThan(1000);
  });
});

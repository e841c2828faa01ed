import { describe, expect, it } from 'vitest';
import type { Volume } from '../core/volume/Volume';
import { sliceOfView } from './sliceOfView';

const volume: Volume = {
  voxels: new Int16Array(0),
  dims: [10, 20, 30],
  spacingMm: [1, 1, 2],
  originMm: [0, 0, 100],
  direction: [
    [-1, 0, 0],
    [0, -1, 0],
    [0, 0, 1],
  ],
};

describe('sliceOfView', () => {
  it('counts axial slices along k, whichever way the camera looks', () => {
    expect(sliceOfView(volume, [0, 0, 1], [0, 0, 120])).toEqual({
      index: 10,
      count: 30,
      axis: 2,
    });
    expect(sliceOfView(volume, [0, 0, -1], [0, 0, 120])).toEqual({
      index: 10,
      count: 30,
      axis: 2,
    });
  });

  it('counts coronal slices along j and sagittal along i (flipped axes)', () => {
    expect(sliceOfView(volume, [0, 1, 0], [0, -7, 0]).index).toBe(7);
    expect(sliceOfView(volume, [1, 0, 0], [-3, 0, 0])).toEqual({
      index: 3,
      count: 10,
      axis: 0,
    });
  });
});

import { describe, expect, it } from 'vitest';
import type { LabelVolume } from '../../../core/volume/Volume';
import { sameGrid } from './sameGrid';

const grid: LabelVolume = {
  labels: new Uint8Array(24),
  dims: [2, 3, 4],
  spacingMm: [0.7, 0.7, 2.5],
  originMm: [-100, -120, 30],
  direction: [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ],
};

describe('sameGrid', () => {
  it('accepts the same grid and float noise', () => {
    expect(sameGrid(grid, { ...grid, originMm: [-100.001, -120, 30] })).toBe(true);
  });

  it('refuses another shape, spacing, origin or orientation', () => {
    expect(sameGrid(grid, { ...grid, dims: [2, 3, 5] })).toBe(false);
    expect(sameGrid(grid, { ...grid, spacingMm: [0.7, 0.7, 1.25] })).toBe(false);
    expect(sameGrid(grid, { ...grid, originMm: [-100, -120, 32.5] })).toBe(false);
    const flipped: LabelVolume['direction'] = [
      [-1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ];
    expect(sameGrid(grid, { ...grid, direction: flipped })).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import type { LabelVolume, Vec3 } from '../volume/Volume';
import { measureLabels } from './measureLabels';

const LPS: [Vec3, Vec3, Vec3] = [
  [1, 0, 0],
  [0, 1, 0],
  [0, 0, 1],
];

function volume(dims: Vec3, spacingMm: Vec3, direction = LPS): LabelVolume {
  return {
    labels: new Uint8Array(dims[0] * dims[1] * dims[2]),
    dims,
    spacingMm,
    originMm: [0, 0, 0],
    direction,
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

/** Farthest pair of boundary-face midpoints of an n0 × n1 (× n2) voxel box, mm. */
function boxDiameter(n: number[], s: number[]): number {
  let best = 0;
  for (let p = 0; p < n.length; p++) {
    for (let q = 0; q < n.length; q++) {
      const d = n.map(
        (len, a) => (len - 1 + (a === p ? 0.5 : 0) + (a === q ? 0.5 : 0)) * s[a],
      );
      best = Math.max(best, Math.hypot(...d));
    }
  }
  return best;
}

describe('measureLabels', () => {
  it('measures a box tumour exactly', () => {
    const v = volume([30, 30, 20], [0.5, 0.8, 2]);
    paint(v, [2, 2, 2], [15, 15, 15], 1);
    paint(v, [10, 4, 5], [19, 10, 8], 2); // 10 × 7 × 4 voxels
    paint(v, [10, 4, 6], [20, 11, 6], 2); // slice 6 is one column and row larger
    const m = measureLabels(v);
    const voxelMl = (0.5 * 0.8 * 2) / 1000;
    const tumourVoxels = 10 * 7 * 4 + (11 * 8 - 10 * 7);

    expect(m.tumourVolumeMl).toBeCloseTo(tumourVoxels * voxelMl, 10);
    expect(m.tumourComponentCount).toBe(1);
    expect(m.largestTumourSlice?.index).toBe(6);
    expect(m.largestTumourSlice?.axis).toBe(2);
    expect(m.largestTumourSlice?.areaMm2).toBeCloseTo(11 * 8 * 0.5 * 0.8, 10);
    expect(m.largestTumourSlice?.diameterCm).toBeCloseTo(
      boxDiameter([11, 8], [0.5, 0.8]) / 10,
      10,
    );
  });

  it('measures the 3D diameter between surface-face midpoints', () => {
    const v = volume([20, 20, 20], [0.7, 0.9, 2.5]);
    paint(v, [3, 4, 5], [14, 10, 12], 2);
    paint(v, [2, 4, 5], [2, 10, 12], 1);
    const m = measureLabels(v);
    expect(m.maxTumourDiameter3dCm).toBeCloseTo(
      boxDiameter([12, 7, 8], [0.7, 0.9, 2.5]) / 10,
      10,
    );
  });

  it('measures a digital sphere close to its true diameter', () => {
    const v = volume([48, 48, 48], [1, 1, 1]);
    const radius = 15.5;
    for (let k = 0; k < 48; k++) {
      for (let j = 0; j < 48; j++) {
        for (let i = 0; i < 48; i++) {
          const r = Math.hypot(i - 23.5, j - 23.5, k - 23.5);
          if (r <= radius) v.labels[i + j * 48 + k * 48 * 48] = 2;
          else if (r <= radius + 2) v.labels[i + j * 48 + k * 48 * 48] = 1;
        }
      }
    }
    const m = measureLabels(v);
    expect(m.maxTumourDiameter3dCm * 10).toBeGreaterThan(2 * radius - 1);
    expect(m.maxTumourDiameter3dCm * 10).toBeLessThan(2 * radius + 1.5);
    expect(m.largestTumourSlice?.diameterCm ?? 0).toBeCloseTo(m.maxTumourDiameter3dCm, 1);
    expect(m.tumourVolumeMl).toBeCloseTo(((4 / 3) * Math.PI * radius ** 3) / 1000, 0);
  });

  it('tells left from right by LPS x in any stored orientation', () => {
    for (const flipped of [false, true]) {
      const direction: [Vec3, Vec3, Vec3] = flipped
        ? [
            [-1, 0, 0],
            [0, -1, 0],
            [0, 0, 1],
          ]
        : LPS;
      const v = volume([60, 20, 20], [1, 1, 1], direction);
      paint(v, [2, 2, 2], [11, 11, 11], 1); // 1000 voxels, low i
      paint(v, [40, 2, 2], [47, 9, 9], 1); // 512 voxels, high i
      paint(v, [48, 2, 2], [50, 4, 4], 2); // tumour on the high-i kidney
      const m = measureLabels(v);
      // Patient left is +x: high i when the rows run +x, low i when they run −x.
      const highI = flipped ? m.kidneys.right : m.kidneys.left;
      const lowI = flipped ? m.kidneys.left : m.kidneys.right;
      expect(lowI).toEqual({ kidneyVolumeMl: 1, tumourVolumeMl: 0 });
      expect(highI?.kidneyVolumeMl).toBeCloseTo(0.512, 10);
      expect(highI?.tumourVolumeMl).toBeCloseTo(0.027, 10);
      expect(m.tumourSide).toBe(flipped ? 'right' : 'left');
    }
  });

  it('counts tumour components and reports the slice index along the axial axis', () => {
    // Slices along the first volume axis (direction[0] is +z).
    const v = volume(
      [20, 30, 30],
      [2, 1, 1],
      [
        [0, 0, 1],
        [1, 0, 0],
        [0, 1, 0],
      ],
    );
    paint(v, [0, 0, 0], [19, 14, 14], 1);
    paint(v, [3, 2, 2], [5, 4, 4], 2);
    paint(v, [11, 8, 8], [13, 14, 14], 2); // larger, on axial slices 11–13
    const m = measureLabels(v);
    expect(m.tumourComponentCount).toBe(2);
    expect(m.largestTumourSlice?.axis).toBe(0);
    expect(m.largestTumourSlice?.index).toBe(11);
    expect(m.largestTumourSlice?.viewerSliceNumber).toBe(12);
    expect(m.largestTumourSlice?.areaMm2).toBe(49);
    // Axis 0 runs along +z at 2 mm: slice 11 is at z = 22 mm; the other axes are centred.
    expect(m.largestTumourSlice?.centreMm).toEqual([14.5, 14.5, 22]);
  });

  it('measures the slice and diameters of the largest of several tumours', () => {
    const v = volume([60, 20, 20], [1, 1, 1]);
    paint(v, [2, 2, 2], [11, 11, 11], 1);
    paint(v, [40, 2, 2], [49, 11, 11], 1);
    paint(v, [5, 5, 12], [9, 9, 16], 2); // 5 × 5 × 5 on one kidney
    paint(v, [44, 5, 8], [46, 7, 14], 2); // 3 × 3 × 7 on the other, 40 mm away
    const m = measureLabels(v);
    expect(m.tumourComponentCount).toBe(2);
    expect(m.tumourVolumeMl).toBeCloseTo(0.125 + 0.063, 10);
    expect(m.largestTumourVolumeMl).toBeCloseTo(0.125, 10);
    expect(m.largestTumourSlice?.index).toBe(12);
    expect(m.largestTumourSlice?.areaMm2).toBe(25);
    expect(m.largestTumourSlice?.diameterCm).toBeCloseTo(
      boxDiameter([5, 5], [1, 1]) / 10,
      10,
    );
    expect(m.maxTumourDiameter3dCm).toBeCloseTo(
      boxDiameter([5, 5, 5], [1, 1, 1]) / 10,
      10,
    );
  });

  it('reports no tumour and one kidney when there is one', () => {
    const v = volume([20, 20, 20], [1, 1, 1]);
    paint(v, [2, 2, 2], [6, 6, 6], 1);
    const m = measureLabels(v);
    expect(m).toEqual({
      tumourVolumeMl: 0,
      kidneys: { left: null, right: { kidneyVolumeMl: 0.125, tumourVolumeMl: 0 } },
      tumourSide: null,
      largestTumourSlice: null,
      largestTumourVolumeMl: 0,
      maxTumourDiameter3dCm: 0,
      tumourComponentCount: 0,
    });
  });

  it('re-measures a full-size study quickly after an edit', () => {
    const v = volume([512, 512, 120], [0.7, 0.7, 1.5]);
    paint(v, [100, 200, 30], [200, 320, 90], 1);
    paint(v, [300, 200, 30], [400, 320, 90], 1);
    paint(v, [170, 250, 50], [230, 300, 80], 2);
    measureLabels(v);
    paint(v, [230, 250, 60], [240, 260, 70], 2); // the edit
    const started = performance.now();
    const m = measureLabels(v);
    const ms = performance.now() - started;
    expect(m.tumourComponentCount).toBe(1);
    // Generous: two shared cores; typically well under a second.
    expect(ms).toBeLessThan(5000);
    console.info(`measureLabels on 512×512×120: ${ms.toFixed(0)} ms`);
  });
});

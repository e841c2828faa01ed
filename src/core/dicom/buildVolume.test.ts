import { describe, expect, it } from 'vitest';
import {
  expectedHu,
  syntheticSeries,
  type SyntheticSeriesOptions,
} from '../../../scripts/dicom/syntheticSeries';
import type { Vec3 } from '../volume/Volume';
import { valueAt, voxelToWorld } from '../volume/voxelGeometry';
import { buildVolume } from './buildVolume';
import { loadStudyFromFiles } from './loadStudyFromFiles';
import type { DicomSeries } from './StudySeries';

function load(options: SyntheticSeriesOptions, order?: (n: number) => number[]) {
  const files = syntheticSeries(options);
  const ordered = order ? order(files.length).map((i) => files[i]) : files;
  const study = loadStudyFromFiles(ordered);
  return buildVolume(study.series[0] as DicomSeries);
}

const offsets = [0, 2, 4, 6, 8, 10];

describe('buildVolume', () => {
  it('applies rescale slope/intercept and keeps every voxel where it belongs', async () => {
    const { volume, warnings } = await load({ offsetsMm: offsets }, (n) =>
      [...Array(n).keys()].reverse(),
    );
    expect(warnings).toEqual([]);
    expect(volume.dims).toEqual([20, 16, 6]);
    expect(volume.spacingMm).toEqual([0.5, 0.75, 2]);
    expect(volume.voxels).toBeInstanceOf(Int16Array);
    expect(volume.originMm).toEqual([-10, -20, 30]);
    for (const [i, j, k] of [
      [0, 0, 0],
      [19, 15, 5],
      [7, 3, 2],
    ] as Vec3[]) {
      expect(valueAt(volume, [i, j, k])).toBe(expectedHu(i, j, offsets[k]));
    }
  });

  it('builds an oblique series along its own normal', async () => {
    const s = Math.SQRT1_2;
    const orientation: [Vec3, Vec3] = [
      [s, s, 0],
      [0, 0, -1],
    ];
    const { volume } = await load({ orientation, offsetsMm: offsets }, () => [
      3, 5, 0, 2, 4, 1,
    ]);
    // normal = row × column = (-s, s, 0)
    expect(volume.direction[2][0]).toBeCloseTo(-s, 12);
    expect(volume.direction[2][1]).toBeCloseTo(s, 12);
    expect(volume.spacingMm[2]).toBeCloseTo(2, 9);
    const last = voxelToWorld(volume, [0, 0, 5]);
    expect(last[0]).toBeCloseTo(-10 - 10 * s, 9);
    expect(last[1]).toBeCloseTo(-20 + 10 * s, 9);
    expect(valueAt(volume, [4, 2, 5])).toBe(expectedHu(4, 2, 10));
  });

  it('fills missing slices with empty ones so that every slice keeps its position', async () => {
    const { volume, sliceIndices, warnings } = await load({
      offsetsMm: [0, 2, 4, 10, 12],
    });
    expect(volume.dims).toEqual([20, 16, 7]);
    expect(volume.spacingMm[2]).toBe(2);
    expect(sliceIndices).toEqual([0, 1, 2, 5, 6]);
    // The slices after the gap lie at their Image Position, 10 and 12 mm up.
    for (const [k, offset] of [
      [5, 10],
      [6, 12],
    ]) {
      expect(voxelToWorld(volume, [7, 3, k])).toEqual([
        -10 + 7 * 0.5,
        -20 + 3 * 0.75,
        30 + offset,
      ]);
      expect(valueAt(volume, [7, 3, k])).toBe(expectedHu(7, 3, offset));
    }
    // The filler takes the lowest value of the series.
    const lowest = expectedHu(0, 0, 0);
    for (const k of [3, 4]) {
      expect(valueAt(volume, [0, 0, k])).toBe(lowest);
      expect(valueAt(volume, [19, 15, k])).toBe(lowest);
    }

    expect(warnings.map((w) => w.code)).toEqual(['missing-slices']);
    expect(warnings[0].text).toContain(
      '6.00 mm gap after slice 3, filled with 2 empty slices (slices 4–5)',
    );
    expect(warnings[0].text).toContain('slice numbers count from 1');
  });

  it('numbers a second gap after the empty slices of the first', async () => {
    const { volume, warnings } = await load({ offsetsMm: [0, 4, 6, 8, 10, 16] });
    expect(volume.dims[2]).toBe(9);
    expect(valueAt(volume, [2, 1, 8])).toBe(expectedHu(2, 1, 16));
    expect(warnings[0].text).toContain(
      'a 4.00 mm gap after slice 1, filled with 1 empty slice (slice 2); ' +
        'a 6.00 mm gap after slice 6, filled with 2 empty slices (slices 7–8)',
    );
  });

  it('keeps an irregular gap and says how far slices sit from their position', async () => {
    const { volume, warnings } = await load({ offsetsMm: [0, 2, 4, 7, 9, 11] });
    expect(volume.dims[2]).toBe(6);
    expect(warnings.map((w) => w.code)).toEqual(['inconsistent-spacing']);
    expect(warnings[0].text).toContain(
      'places slices 2.00 mm apart, so some sit up to 1.00 mm from their recorded position',
    );
  });

  it('warns when the spacing is inconsistent', async () => {
    const { warnings } = await load({ offsetsMm: [0, 2, 4, 7, 9, 11.5] });
    expect(warnings.map((w) => w.code)).toEqual(['inconsistent-spacing']);
    expect(warnings[0].text).toContain('from 2.00 to 3.00 mm');
  });

  it('warns about a single slice and about a non-CT modality, and still builds', async () => {
    const { volume, warnings } = await load({ offsetsMm: [0], modality: 'MR' });
    expect(volume.dims).toEqual([20, 16, 1]);
    expect(warnings.map((w) => w.code).sort()).toEqual(['non-ct', 'single-slice']);
    expect(warnings.find((w) => w.code === 'non-ct')?.text).toContain(
      'This series is MR, not CT',
    );
  });

  it('leaves out a localizer with another orientation', async () => {
    const main = syntheticSeries({ offsetsMm: offsets });
    const [scout] = syntheticSeries({
      offsetsMm: [0],
      orientation: [
        [1, 0, 0],
        [0, 0, -1],
      ],
      filePrefix: 'scout_',
    });
    const study = loadStudyFromFiles([scout, ...main]);
    const { volume, warnings } = await buildVolume(study.series[0] as DicomSeries);
    expect(volume.dims[2]).toBe(6);
    expect(warnings.map((w) => w.code)).toEqual(['mixed-geometry']);
  });

  it('uses Float32 voxels for a fractional rescale slope', async () => {
    const { volume } = await load({ offsetsMm: [0, 2], extra: { RescaleSlope: 0.5 } });
    expect(volume.voxels).toBeInstanceOf(Float32Array);
    // stored = hu + 1024, so HU = 0.5 * (hu + 1024) - 1024
    expect(valueAt(volume, [3, 1, 1])).toBeCloseTo(
      0.5 * (expectedHu(3, 1, 2) + 1024) - 1024,
      5,
    );
  });
});

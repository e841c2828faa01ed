/**
 * A gantry-tilted series (tilted image planes, positions stepping along the
 * table) is resampled onto an orthogonal grid: every voxel of the result is
 * checked in patient coordinates against the slice it came from.
 */
import { describe, expect, it } from 'vitest';
import { expectedHu, syntheticSeries } from '../../../scripts/dicom/syntheticSeries';
import type { Vec3, Volume } from '../volume/Volume';
import { addScaled, dot, sub } from '../volume/vec3';
import { valueAt, voxelToWorld } from '../volume/voxelGeometry';
import { buildVolume } from './buildVolume';
import { loadStudyFromFiles } from './loadStudyFromFiles';
import type { DicomSeries } from './StudySeries';
import { resampleSheared } from './tiltCorrection';

const ROWS = 16;
const COLUMNS = 20;
/** syntheticSeries' default Pixel Spacing: 0.75 mm between rows, 0.5 between columns. */
const ROW_SPACING = 0.75;
const COLUMN_SPACING = 0.5;
const TABLE_STEP_MM = 2.5;
const ORIGIN: Vec3 = [-10, -20, 30];

/** Slices with their planes tilted by asin(sinTilt) about the x axis, stepping along z. */
function tiltedSeries(sinTilt: number, slices = 6) {
  const cosTilt = Math.sqrt(1 - sinTilt * sinTilt);
  const row: Vec3 = [1, 0, 0];
  const col: Vec3 = [0, cosTilt, -sinTilt];
  const positions: Vec3[] = [];
  const files = [];
  for (let n = 0; n < slices; n++) {
    const offset = n * TABLE_STEP_MM;
    const position = addScaled(ORIGIN, offset, [0, 0, 1]);
    positions.push(position);
    const [file] = syntheticSeries({
      orientation: [row, col],
      offsetsMm: [offset],
      filePrefix: `tilt_${n}_`,
      extra: {
        ImagePositionPatient: position,
        SOPInstanceUID: `2.25.4242.1.${n + 1}`,
        InstanceNumber: n + 1,
      },
    });
    files.push(file);
  }
  return { files: files.reverse(), positions, row, col, cosTilt };
}

/**
 * Every voxel against the source slice it lies in; returns voxels covered.
 * Slices in `empty` were left out of the series: all their voxels are filler.
 */
function checkAgainstSlices(
  volume: Volume,
  s: ReturnType<typeof tiltedSeries>,
  exact: boolean,
  empty = new Set<number>(),
): number {
  const normal = volume.direction[2];
  const fill = expectedHu(0, 0, 0);
  let covered = 0;
  for (let k = 0; k < volume.dims[2]; k++) {
    for (let J = 0; J < volume.dims[1]; J++) {
      for (let I = 0; I < volume.dims[0]; I++) {
        const d = sub(voxelToWorld(volume, [I, J, k]), s.positions[k]);
        expect(Math.abs(dot(d, normal))).toBeLessThan(1e-6);
        const si = dot(d, s.row) / COLUMN_SPACING;
        const sj = dot(d, s.col) / ROW_SPACING;
        const value = valueAt(volume, [I, J, k]);
        const eps = 1e-6;
        const outside =
          si < -eps || sj < -eps || si > COLUMNS - 1 + eps || sj > ROWS - 1 + eps;
        if (outside || empty.has(k)) {
          expect(value).toBe(fill);
          continue;
        }
        covered++;
        const want = expectedHu(si, sj, k * TABLE_STEP_MM);
        if (exact) expect(value).toBeCloseTo(want, 9);
        else expect(Math.abs(value - want)).toBeLessThanOrEqual(0.5);
      }
    }
  }
  return covered;
}

describe('gantry tilt correction', () => {
  it('shifts whole-row steps exactly and keeps every source pixel', async () => {
    // 2.5 mm × 0.3 = 0.75 mm: one row per slice.
    const s = tiltedSeries(0.3);
    const study = loadStudyFromFiles(s.files);
    const { volume, warnings } = await buildVolume(study.series[0] as DicomSeries);

    expect(warnings.map((w) => w.code)).toEqual(['sheared-grid']);
    expect(warnings[0].text).toContain('gantry tilt of 17.5°');
    expect(volume.dims).toEqual([COLUMNS, ROWS + 5, 6]);
    expect(volume.spacingMm[2]).toBeCloseTo(TABLE_STEP_MM * s.cosTilt, 9);
    expect(volume.direction[2][1]).toBeCloseTo(0.3, 12);
    const covered = checkAgainstSlices(volume, s, true);
    expect(covered).toBe(ROWS * COLUMNS * 6);
  });

  it('interpolates sub-pixel shifts', async () => {
    // 2.5 mm × 0.2 = 0.5 mm: two thirds of a row per slice.
    const s = tiltedSeries(0.2);
    const study = loadStudyFromFiles(s.files);
    const { volume, warnings } = await buildVolume(study.series[0] as DicomSeries);
    expect(warnings[0].text).toContain('gantry tilt of 11.5°');
    expect(volume.dims).toEqual([COLUMNS, ROWS + 4, 6]);
    const covered = checkAgainstSlices(volume, s, false);
    // Slices with a fractional shift lose their last row to interpolation.
    expect(covered).toBe(ROWS * COLUMNS * 2 + (ROWS - 1) * COLUMNS * 4);
  });

  it('fills a missing slice before the shift, keeping the others in place', async () => {
    const s = tiltedSeries(0.3);
    // Files run from the last slice to the first: index 2 is slice 3.
    const files = s.files.filter((_, i) => i !== 2);
    const study = loadStudyFromFiles(files);
    const { volume, warnings } = await buildVolume(study.series[0] as DicomSeries);
    expect(warnings.map((w) => w.code)).toEqual(['missing-slices', 'sheared-grid']);
    expect(volume.dims).toEqual([COLUMNS, ROWS + 5, 6]);
    const covered = checkAgainstSlices(volume, s, true, new Set([3]));
    expect(covered).toBe(ROWS * COLUMNS * 5);
  });

  it('leaves a straight stack as it is', async () => {
    const study = loadStudyFromFiles(syntheticSeries());
    const { volume, warnings } = await buildVolume(study.series[0] as DicomSeries);
    expect(warnings).toEqual([]);
    expect(volume.dims).toEqual([COLUMNS, ROWS, 6]);
  });

  it('resamples Float32 stacks without rounding', () => {
    const voxels = new Float32Array([0, 1, 2, 3, 10, 11, 12, 13]);
    const out = resampleSheared(
      voxels,
      [2, 2, 2],
      [
        [0, 0],
        [0.25, 0],
      ],
    );
    expect(out.dims).toEqual([3, 2, 2]);
    expect(out.firstPixelAt).toEqual([0, 0]);
    // Slice 1 moved a quarter pixel along i: grid i = 1 samples source x = 0.75.
    expect(out.voxels[6 + 1]).toBeCloseTo(10.75, 6);
    expect(out.voxels[6 + 0]).toBe(0);
  });
});

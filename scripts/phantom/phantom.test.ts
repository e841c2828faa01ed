import { describe, expect, it } from 'vitest';
import { loadStudyFromFiles, type DicomSeries } from '../../src/core/dicom';
import { buildVolume } from '../../src/core/dicom/buildVolume';
import { PHANTOM_GRID, phantomPoint } from './phantomGrid';
import { renderPhantom } from './renderPhantom';
import { phantomSeries } from './phantomSeries';

describe('synthetic phantom', () => {
  const rendered = renderPhantom();

  it('is deterministic', () => {
    const again = renderPhantom();
    // Byte comparison: a deep equal of 4 M elements takes a minute.
    expect(Buffer.from(again.hu.buffer).equals(Buffer.from(rendered.hu.buffer))).toBe(
      true,
    );
    expect(
      Buffer.from(again.labels.buffer).equals(Buffer.from(rendered.labels.buffer)),
    ).toBe(true);
  });

  it('has two kidneys and one tumour, in the left kidney', () => {
    let tumour = 0;
    let leftKidney = 0;
    let rightKidney = 0;
    let tumourOnRight = 0;
    const { columns, rows, slices } = PHANTOM_GRID;
    for (let k = 0; k < slices; k++) {
      for (let j = 0; j < rows; j++) {
        for (let i = 0; i < columns; i++) {
          const label = rendered.labels[i + j * columns + k * columns * rows];
          const x = phantomPoint(i, j, k)[0];
          if (label === 2) {
            tumour++;
            if (x < 0) tumourOnRight++;
          } else if (label === 1) {
            if (x > 0) leftKidney++;
            else rightKidney++;
          }
        }
      }
    }
    const voxelMl = (1.4 * 1.4 * 2.5) / 1000;
    // A 2 cm radius sphere is 33.5 ml; a 28 × 24 × 55 mm ellipsoid 155 ml.
    expect(tumour * voxelMl).toBeGreaterThan(28);
    expect(tumour * voxelMl).toBeLessThan(38);
    expect(tumourOnRight).toBe(0);
    expect(rightKidney * voxelMl).toBeGreaterThan(130);
    expect(leftKidney * voxelMl).toBeGreaterThan(100);
  });

  it('loads back through the DICOM path with the rendered HU', async () => {
    const study = loadStudyFromFiles(phantomSeries(rendered));
    // Known as the phantom from its files, as the app shows it.
    expect(study.series[0].summary.syntheticPhantom).toBe(true);
    const { volume, warnings } = await buildVolume(study.series[0] as DicomSeries);
    expect(warnings).toEqual([]);
    expect(volume.dims).toEqual([256, 256, 64]);
    expect(Array.from(volume.voxels.subarray(0, 5000))).toEqual(
      Array.from(rendered.hu.subarray(0, 5000)),
    );
    const n = 128 + 140 * 256 + 40 * 256 * 256;
    expect(volume.voxels[n]).toBe(rendered.hu[n]);
  });
});

/**
 * Real reference studies load through the real pickers: slice count,
 * spacing, the HU of known voxels (against an independent reader), the HU
 * under the cursor, and that each view drew an image.
 */
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as nifti from 'nifti-reader-js';
import {
  appHu,
  canvasStats,
  chooseFiles,
  chooseFolder,
  openApp,
  waitForVolume,
} from './helpers/app';
import { readSeriesSorted, sliceSpacing } from './helpers/independentDicom';
import { IRCADB_DICOM, TOTALSEG_J2K_DICOM, TOTALSEG_NIFTI } from './helpers/paths';

type Ijk = [number, number, number];

/**
 * Hovers voxel `ijk` in the axial view and checks the readout: it names a
 * voxel within one of `ijk` (the mouse lands on whole CSS pixels, smaller
 * than a voxel here) and shows that voxel's HU as `huAt` reads it.
 */
async function expectHoverReadout(page: Page, ijk: Ijk, huAt: (v: Ijk) => number) {
  await page.evaluate((v) => window.__nephroplan!.showVoxel(v), ijk);
  const [x, y] = await page.evaluate(
    (v) => window.__nephroplan!.voxelToClient('axial', v),
    ijk,
  );
  await page.mouse.move(x, y);
  const readout = page.getByTestId('hu-readout-axial');
  await expect(readout).toHaveText(/^-?\d+ HU {2}\[\d+, \d+, \d+\]$/);
  const [, hu, i, j, k] = /^(-?\d+) HU {2}\[(\d+), (\d+), (\d+)\]$/
    .exec((await readout.textContent())!)!
    .map(Number);
  expect(Math.abs(i - ijk[0]), 'column under the cursor').toBeLessThanOrEqual(1);
  expect(Math.abs(j - ijk[1]), 'row under the cursor').toBeLessThanOrEqual(1);
  expect(k, 'slice under the cursor').toBe(ijk[2]);
  expect(hu).toBe(huAt([i, j, k]));
}

/** Every view shows an image, not a flat fill. */
async function expectImagesDrawn(page: Page) {
  for (const view of ['axial', 'coronal', 'sagittal'] as const) {
    const s = await canvasStats(page, view);
    // A thin stack (20 slices) fills little of a coronal or sagittal view.
    const minShare = view === 'axial' ? 0.1 : 0.02;
    expect(s.nonBlackFraction, `${view}: share of non-black pixels`).toBeGreaterThan(
      minShare,
    );
    expect(s.sd, `${view}: contrast`).toBeGreaterThan(20);
  }
}

test('the whole 3D-IRCADb-01 folder: the patient series and its two masks are told apart', async ({
  page,
}) => {
  await openApp(page);
  await chooseFolder(page, path.dirname(IRCADB_DICOM));
  await waitForVolume(page);

  // Same (empty) description, modality and slice count: folder and values differ.
  const details = page.getByTestId('series-details');
  await expect(details).toHaveCount(3);
  const texts = (await details.allInnerTexts()).sort();
  expect(texts[0]).toBe(
    'MASKS_DICOM/leftkidney · looks like a mask: values 0/255 on 5 slices read',
  );
  expect(texts[1]).toBe(
    'MASKS_DICOM/rightkidney · looks like a mask: values 0/255 on 5 slices read',
  );
  expect(texts[2]).toMatch(/^PATIENT_DICOM · values −\d+ to \d+ on 5 slices read$/);
});

test('3D-IRCADb DICOM folder (129 slices, files named image_N)', async ({ page }) => {
  const reference = readSeriesSorted(IRCADB_DICOM);
  await openApp(page);
  await chooseFolder(page, IRCADB_DICOM);
  const state = await waitForVolume(page);

  expect(state.volume!.dims).toEqual([512, 512, 129]);
  const [rowSpacing, colSpacing] = reference[0].pixelSpacing;
  expect(state.volume!.spacingMm[0]).toBeCloseTo(colSpacing, 6);
  expect(state.volume!.spacingMm[1]).toBeCloseTo(rowSpacing, 6);
  expect(state.volume!.spacingMm[2]).toBeCloseTo(sliceSpacing(reference), 4);
  await expect(page.getByTestId('series-slices')).toHaveText('129');
  await expect(page.getByTestId('volume-spacing')).toHaveText('0.57 × 0.57 × 1.60 mm');

  for (const ijk of [
    [300, 260, 70],
    [256, 256, 0],
    [100, 400, 128],
  ] as Ijk[]) {
    const expected = reference[ijk[2]].huAt(ijk[0], ijk[1]);
    expect(await appHu(page, ijk), `HU at ${ijk}`).toBe(expected);
  }
  await expectHoverReadout(page, [300, 260, 70], ([i, j, k]) => reference[k].huAt(i, j));
  await expect(page.getByTestId('slice-counter-axial')).toHaveText('71 / 129');
  await expectImagesDrawn(page);
});

test('JPEG 2000 DICOM series (20 slices)', async ({ page }) => {
  const reference = readSeriesSorted(TOTALSEG_J2K_DICOM);
  await openApp(page);
  await chooseFolder(page, TOTALSEG_J2K_DICOM);
  const state = await waitForVolume(page);

  expect(state.volume!.dims).toEqual([512, 512, 20]);
  expect(state.volume!.spacingMm[0]).toBeCloseTo(reference[0].pixelSpacing[1], 6);
  expect(state.volume!.spacingMm[2]).toBeCloseTo(sliceSpacing(reference), 4);
  await expect(page.getByTestId('series-slices')).toHaveText('20');

  for (const ijk of [
    [256, 300, 10],
    [200, 180, 0],
    [300, 350, 19],
  ] as Ijk[]) {
    const expected = reference[ijk[2]].huAt(ijk[0], ijk[1]);
    expect(await appHu(page, ijk), `HU at ${ijk}`).toBe(expected);
  }
  await expectHoverReadout(page, [256, 300, 10], ([i, j, k]) => reference[k].huAt(i, j));
  await expectImagesDrawn(page);
});

test('NIfTI volume (.nii.gz)', async ({ page }) => {
  const raw = readFileSync(TOTALSEG_NIFTI);
  const file = raw.buffer.slice(
    raw.byteOffset,
    raw.byteOffset + raw.length,
  ) as ArrayBuffer;
  const data = nifti.decompress(file) as ArrayBuffer;
  const header = nifti.readHeader(data)!;
  const image = new Int32Array(nifti.readImage(header, data));
  expect(header.datatypeCode).toBe(8);
  const [nx, ny, nz] = [header.dims[1], header.dims[2], header.dims[3]];
  const rawAt = ([i, j, k]: Ijk) =>
    image[i + j * nx + k * nx * ny] * (header.scl_slope || 1) + header.scl_inter;

  await openApp(page);
  await chooseFiles(page, [TOTALSEG_NIFTI]);
  const state = await waitForVolume(page);

  expect(state.volume!.dims).toEqual([nx, ny, nz]);
  expect(state.volume!.spacingMm).toEqual([
    header.pixDims[1],
    header.pixDims[2],
    header.pixDims[3],
  ]);
  await expect(page.getByTestId('series-slices')).toHaveText(String(nz));
  for (const ijk of [
    [60, 50, 56],
    [30, 70, 20],
    [100, 20, 90],
  ] as Ijk[]) {
    expect(await appHu(page, ijk), `HU at ${ijk}`).toBe(rawAt(ijk));
  }
  await expectHoverReadout(page, [60, 50, 56], rawAt);
  await expectImagesDrawn(page);
});

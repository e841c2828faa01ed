/**
 * The tumour regions of the Segmentation panel on a mask opened over the
 * example (made at test time on the phantom's grid): the list gives each
 * region's volume, axial slices (as the axial view counts them) and kidney,
 * largest first; "Show" moves the views to a region's largest slice;
 * "Remove" (by mouse and by keyboard) and "Remove all tumour" set only that
 * tumour to background as one undo step each, re-measure and keep the
 * confirmed tumour review; Undo and Ctrl+Z give back labels and measurements
 * exactly.
 */
import { writeFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { writeNifti } from '../src/core/nifti/writeNifti';
import { openApp, openExample } from './helpers/app';
import { confirmTumour, openMask } from './helpers/planning';
import { appGrid, decodeRuns, paintBoxes, type Box } from './helpers/segmentation';

const voxelsIn = ({ min, max }: Box) =>
  (max[0] - min[0] + 1) * (max[1] - min[1] + 1) * (max[2] - min[2] + 1);

/** Waits until the viewer's labelmap and the store both hold `expected`. */
async function expectShown(page: Page, expected: Uint8Array) {
  await expect
    .poll(async () => {
      const [overlay, store] = await page.evaluate(async () => [
        await window.__nephroplan!.overlayRuns(),
        window.__nephroplan!.labelRuns(),
      ]);
      const same = (runs: number[] | null) =>
        runs !== null && Buffer.from(decodeRuns(runs)).equals(expected);
      return same(overlay) && same(store);
    })
    .toBe(true);
}

const measurements = (page: Page) =>
  page.evaluate(() => window.__nephroplan!.segmentation().measurements);

test('lists, shows and removes tumour regions; undo gives them back', async ({
  page,
}, testInfo) => {
  await openApp(page);
  await openExample(page);
  const grid = await appGrid(page);
  // The phantom is an ordinary axial series: the axial view steps along k.
  expect(Math.abs(grid.direction[2][2])).toBeCloseTo(1, 6);
  const voxelMl = (grid.spacingMm[0] * grid.spacingMm[1] * grid.spacingMm[2]) / 1000;

  // One kidney with a tumour in it, a smaller false tumour on its edge, and a
  // speck of tumour far from it.
  const kidney: Box = { min: [150, 110, 20], max: [179, 149, 39] };
  const tumour: Box = { min: [180, 120, 25], max: [194, 135, 35] };
  const edge: Box = { min: [160, 150, 22], max: [163, 152, 24] };
  const speck: Box = { min: [60, 60, 10], max: [61, 61, 10] };
  const mask = paintBoxes(grid, [
    [1, kidney],
    [2, tumour],
    [2, edge],
    [2, speck],
  ]);
  const file = testInfo.outputPath('three-regions.nii.gz');
  await writeFile(file, writeNifti({ ...grid, labels: mask }));
  await openMask(page, file);
  await expectShown(page, mask);
  const opened = await measurements(page);
  expect(opened?.tumourComponentCount).toBe(3);

  const ml = (box: Box) => voxelsIn(box) * voxelMl;
  const name = (n: number, box: Box) =>
    `tumour region ${n} (${ml(box).toFixed(ml(box) < 1 ? 2 : 1)} mL)`;
  const rows = page.getByTestId('seg-region');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toContainText('axial 26–36');
  await expect(rows.nth(1)).toContainText('axial 23–25');
  await expect(rows.nth(2)).toContainText('axial 11, touches no kidney');
  await expect(rows.nth(0)).toContainText(`${ml(tumour).toFixed(1)} mL`);

  // The user has checked the tumour: removing a false region keeps that.
  await confirmTumour(page);

  await page.getByRole('button', { name: `Show ${name(2, edge)}` }).click();
  await expect(page.getByTestId('slice-counter-axial')).toHaveText(/^23 \/ /);

  // Remove by mouse: only the region goes, as one undo step; re-measured.
  await page.getByRole('button', { name: `Remove ${name(2, edge)}` }).click();
  const withoutEdge = paintBoxes(grid, [
    [1, kidney],
    [2, tumour],
    [2, speck],
  ]);
  await expectShown(page, withoutEdge);
  await expect(rows).toHaveCount(2);
  await expect(page.getByTestId('m-components')).toHaveText('2');
  await expect(page.getByTestId('seg-undo')).toHaveText('Undo (2)');
  await expect(page.getByTestId('plan-review-status')).toBeVisible();

  // Remove by keyboard: the speck, now region 2.
  await page.getByRole('button', { name: `Remove ${name(2, speck)}` }).focus();
  await page.keyboard.press('Enter');
  const tumourOnly = paintBoxes(grid, [
    [1, kidney],
    [2, tumour],
  ]);
  await expectShown(page, tumourOnly);
  await expect(page.getByTestId('m-components')).toHaveText('1');
  // The pressed button is gone: the focus is on the list's heading.
  await expect(page.getByRole('heading', { name: 'Tumour regions (1)' })).toBeFocused();

  // Ctrl+Z and Undo bring both back, measurements exactly as before.
  await page.locator('body').press('Control+z');
  await expectShown(page, withoutEdge);
  await page.getByTestId('seg-undo').click();
  await expectShown(page, mask);
  await expect.poll(() => measurements(page)).toEqual(opened);
  await expect(rows).toHaveCount(3);

  // Remove all tumour leaves the kidney; one undo brings it all back.
  await page.getByTestId('seg-remove-all-tumour').click();
  await expectShown(page, paintBoxes(grid, [[1, kidney]]));
  await expect(page.getByTestId('seg-no-tumour')).toBeVisible();
  await expect(page.getByTestId('seg-regions')).toHaveCount(0);
  await page.getByTestId('seg-undo').click();
  await expectShown(page, mask);
  await expect.poll(() => measurements(page)).toEqual(opened);
  await expect(page.getByTestId('plan-review-status')).toBeVisible();
});

test('keeps a long list short until asked for all', async ({ page }, testInfo) => {
  await openApp(page);
  await openExample(page);
  const grid = await appGrid(page);

  // A kidney and seven false tumours along its edge, each on its own slices.
  const kidney: Box = { min: [150, 110, 10], max: [179, 149, 45] };
  const specks = Array.from({ length: 7 }, (_, n): [number, Box] => [
    2,
    { min: [180, 120, 12 + 4 * n], max: [181, 121, 13 + 4 * n] },
  ]);
  const file = testInfo.outputPath('seven-regions.nii.gz');
  const mask = paintBoxes(grid, [[1, kidney], ...specks]);
  await writeFile(file, writeNifti({ ...grid, labels: mask }));
  await openMask(page, file);
  await expectShown(page, mask);

  const rows = page.getByTestId('seg-region');
  await expect(page.getByRole('heading', { name: 'Tumour regions (7)' })).toBeVisible();
  await expect(rows).toHaveCount(5);
  const more = page.getByRole('button', { name: 'Show all 7' });
  await expect(more).toHaveAttribute('aria-expanded', 'false');
  await more.click();
  await expect(rows).toHaveCount(7);
  await expect(rows.nth(6)).toContainText('axial 37–38');
  await page.getByTestId('seg-regions').screenshot({
    path: testInfo.outputPath('tumour-regions.png'),
  });
  await page.getByRole('button', { name: 'Show the first 5' }).click();
  await expect(rows).toHaveCount(5);
});

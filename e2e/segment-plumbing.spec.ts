/**
 * The overlay on the built-in phantom: after a run the views show the label
 * colours; hiding a label removes its colour, outline mode paints less than
 * fill, fill opacity 0 leaves the outline; the backend and its reason are on
 * screen from the moment a study is open.
 */
import { expect, test, type Page } from '@playwright/test';
import { openApp, waitForVolume } from './helpers/app';
import { appGrid, appLabels, segmentInApp } from './helpers/segmentation';

const tints = (page: Page) =>
  page.evaluate(() => window.__nephroplan!.overlayTints('axial'));

test('phantom: overlay colours, per-label visibility, outline and opacity', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await openApp(page);
  await page.getByRole('button', { name: /Open example/ }).click();
  await waitForVolume(page);
  const none = await tints(page);
  // The backend and why, before any run (the model loads with the study):
  // automatic choice here, where the only WebGPU adapter is a software one.
  await expect(page.getByTestId('seg-backend')).toContainText('WASM');
  await expect(page.getByTestId('seg-backend')).toContainText('software fallback');

  const s = await segmentInApp(page);
  await expect(page.getByTestId('seg-backend')).toContainText(
    s.backend!.name.toUpperCase(),
  );
  await expect(page.getByTestId('seg-backend')).toContainText(s.backend!.reason);

  // Show the axial slice with the most kidney.
  const labels = await appLabels(page);
  const [nx, ny, nz] = (await appGrid(page)).dims;
  let best = 0;
  let bestCount = 0;
  for (let k = 0; k < nz; k++) {
    let n = 0;
    for (let v = k * nx * ny; v < (k + 1) * nx * ny; v++) if (labels[v] === 1) n++;
    if (n > bestCount) [best, bestCount] = [k, n];
  }
  expect(bestCount, 'kidney voxels on the best slice').toBeGreaterThan(200);
  await page.evaluate((ijk) => window.__nephroplan!.showVoxel(ijk), [
    Math.round(nx / 2),
    Math.round(ny / 2),
    best,
  ] as [number, number, number]);
  await expect
    .poll(async () => (await tints(page)).kidney)
    .toBeGreaterThan(none.kidney + 0.001);
  const fill = await tints(page);

  await page.getByTestId('seg-visible-kidney').uncheck();
  await expect
    .poll(async () => (await tints(page)).kidney)
    .toBeLessThan(none.kidney + 0.0005);
  await page.getByTestId('seg-visible-kidney').check();
  await expect
    .poll(async () => (await tints(page)).kidney)
    .toBeGreaterThan(none.kidney + 0.001);

  await page.getByTestId('seg-outline').check();
  await expect
    .poll(async () => (await tints(page)).kidney)
    .toBeLessThan(fill.kidney * 0.8);
  await page.getByTestId('seg-outline').uncheck();

  // Fill opacity 0 leaves the outline only.
  await page.getByTestId('seg-opacity').fill('0');
  await expect
    .poll(async () => (await tints(page)).kidney)
    .toBeLessThan(fill.kidney * 0.8);
  await expect.poll(async () => (await tints(page)).kidney).toBeGreaterThan(none.kidney);
});

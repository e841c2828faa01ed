/**
 * The segmentation's life cycle in one session: a cancelled run leaves
 * nothing behind and the app usable; a finished run on a study without
 * tumour says so and lets the user paint one; a second study resets the
 * segmentation; and the worker's tfjs tensors return to their baseline after
 * every run (three runs in a row do not grow memory).
 */
import { expect, test } from '@playwright/test';
import { chooseFolder, openApp, waitForVolume } from './helpers/app';
import { IRCADB_DICOM } from './helpers/paths';
import { segmentInApp } from './helpers/segmentation';

test('cancel, no-tumour painting, second study, three runs without leaks', async ({ page }) => {
  await openApp(page);
  await page.goto('/?backend=wasm');
  await page.waitForFunction(() => window.__nephroplan !== undefined);
  const hook = () => page.evaluate(() => window.__nephroplan!.segmentation());
  const memory = () => page.evaluate(() => window.__nephroplan!.workerMemory());

  await chooseFolder(page, IRCADB_DICOM);
  await waitForVolume(page);

  // Cancel part-way: no labels, no overlay, a message, and a usable viewer.
  await page.getByTestId('seg-run-button').click();
  await page.waitForFunction(() => (window.__nephroplan!.segmentation().progress?.done ?? 0) >= 8, null, {
    timeout: 300_000,
  });
  await expect(page.getByTestId('seg-progress')).toContainText(/\d+ \/ 129 slices · [\d.]+ slices\/s · .* left/);
  await page.getByTestId('seg-cancel-button').click();
  await page.waitForFunction(() => window.__nephroplan!.segmentation().status === 'cancelled');
  const cancelled = await hook();
  expect(cancelled.hasLabels).toBe(false);
  expect(cancelled.measurements).toBeNull();
  expect(cancelled.progress?.done ?? 0).toBeLessThan(129);
  expect(await page.evaluate(() => window.__nephroplan!.overlayRuns())).toBeNull();
  await expect(page.getByTestId('seg-message')).toContainText('cancelled');
  await expect(page.getByTestId('seg-measurements')).toHaveCount(0);
  const before = await page.evaluate(() => window.__nephroplan!.slice('axial'));
  await page.getByTestId('view-axial').focus();
  await page.keyboard.press('ArrowUp');
  await expect
    .poll(() => page.evaluate(() => window.__nephroplan!.slice('axial').index))
    .not.toBe(before.index);
  await expect(page.getByTestId('seg-run-button')).toBeEnabled();

  // A whole run; tensors after it are the baseline (the model's weights).
  const first = await segmentInApp(page);
  const baseline = await memory();
  console.log(`worker tensors after run 1: ${baseline.numTensors} (${baseline.numBytes} bytes)`);
  expect(baseline.numTensors).toBeGreaterThan(0);
  const overlay = await page.evaluate(() => window.__nephroplan!.overlayRuns());
  expect(overlay).toEqual(await page.evaluate(() => window.__nephroplan!.labelRuns()));

  // IRCADb-01 has no kidney tumour.
  expect(first.measurements!.tumourVolumeMl, 'tumour found in a study without one').toBe(0);
  await expect(page.getByTestId('seg-no-tumour')).toContainText('No tumour was found');
  await page.getByTestId('seg-paint-tumour').click();
  expect((await hook()).tool).toBe('brush');
  await expect(page.getByTestId('seg-brush-label')).toHaveValue('2');
  const axial = await page.evaluate(() => window.__nephroplan!.slice('axial'));
  const grid = (await page.evaluate(() => window.__nephroplan!.state())).volume!;
  const [cx, cy] = [grid.dims[0] / 2, grid.dims[1] / 2];
  const a = await page.evaluate(([i, j, k]) => window.__nephroplan!.voxelToClient('axial', [i, j, k]), [cx - 20, cy, axial.index]);
  const b = await page.evaluate(([i, j, k]) => window.__nephroplan!.voxelToClient('axial', [i, j, k]), [cx + 20, cy, axial.index]);
  await page.mouse.move(a[0], a[1]);
  await page.mouse.down();
  await page.mouse.move(b[0], b[1], { steps: 8 });
  await page.mouse.up();
  await page.waitForFunction(
    () => (window.__nephroplan!.segmentation().measurements?.largestTumourSlice ?? null) !== null,
  );
  const painted = await hook();
  expect(painted.labelsVersion).toBeGreaterThan(first.labelsVersion);
  expect(painted.measurements!.tumourVolumeMl).toBeGreaterThan(0);
  expect(painted.measurements!.largestTumourSlice!.index).toBe(axial.index);
  await expect(page.getByTestId('seg-largest')).toBeVisible();
  await expect(page.getByTestId('slice-marker-axial')).toBeVisible();

  // A second study replaces the first: the segmentation is gone.
  await page.getByRole('button', { name: /Open example/ }).click();
  await page.waitForFunction(() => window.__nephroplan!.state().isExample === true);
  await waitForVolume(page);
  await page.waitForFunction(() => !window.__nephroplan!.segmentation().hasLabels);
  const reset = await hook();
  expect(reset.measurements).toBeNull();
  expect(reset.undoCount).toBe(0);
  expect(reset.labelsVersion).toBeGreaterThan(painted.labelsVersion);
  expect(await page.evaluate(() => window.__nephroplan!.overlayRuns())).toBeNull();
  await expect(page.getByTestId('seg-measurements')).toHaveCount(0);
  await expect(page.getByTestId('slice-marker-axial')).toBeHidden();

  // Three runs in a row on the second study: back to the baseline each time.
  for (let run = 2; run <= 4; run++) {
    const s = await segmentInApp(page);
    expect(s.hasLabels).toBe(true);
    const m = await memory();
    console.log(`worker tensors after run ${run}: ${m.numTensors} (${m.numBytes} bytes)`);
    expect(m.numTensors).toBe(baseline.numTensors);
    expect(m.numBytes).toBe(baseline.numBytes);
  }
});

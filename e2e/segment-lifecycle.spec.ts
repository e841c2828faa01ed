/**
 * The segmentation's life cycle in one session:
 * - a cancelled run leaves no labels and no overlay, says so, and the viewer
 *   stays usable;
 * - a second study replaces the first's segmentation (labels, overlay,
 *   measurements, marker all gone);
 * - a study without organs (a soft-tissue cylinder) gets "no tumour found",
 *   and the tumour brush
 *   paints one that the measurements and the largest-slice marker follow;
 * - the worker's tfjs tensors return to their baseline after every run
 *   (three runs in a row do not grow memory);
 * - on the cpu backend, whose batches take many seconds, a cancel still ends
 *   the run within about a second (the worker is stopped) and the next run
 *   starts a fresh worker.
 */
import { expect, test, type Page } from '@playwright/test';
import { chooseFolder, openApp, waitForVolume } from './helpers/app';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeWaterCylinder } from './fixtures/waterCylinder';
import { segmentInApp } from './helpers/segmentation';

const hook = (page: Page) => page.evaluate(() => window.__nephroplan!.segmentation());
const memory = (page: Page) => page.evaluate(() => window.__nephroplan!.workerMemory());
const overlayRuns = (page: Page) =>
  page.evaluate(() => window.__nephroplan!.overlayRuns());

async function openExample(page: Page) {
  await page.getByRole('button', { name: /Open example/ }).click();
  await page.waitForFunction(() => window.__nephroplan!.state().isExample === true);
  await waitForVolume(page);
}

test('cancel, second study, no tumour then painting, three runs without leaks', async ({
  page,
}) => {
  test.setTimeout(600_000);
  await openApp(page);
  await page.goto('/?backend=wasm');
  await page.waitForFunction(() => window.__nephroplan !== undefined);
  await openExample(page);
  const total = (await page.evaluate(() => window.__nephroplan!.state())).volume!.dims[2];

  // Cancel part-way.
  await page.getByTestId('seg-run-button').click();
  await page.waitForFunction(
    () => (window.__nephroplan!.segmentation().progress?.done ?? 0) >= 4,
    null,
    { timeout: 300_000 },
  );
  await expect(page.getByTestId('seg-progress')).toContainText(
    new RegExp(`\\d+ / ${total} slices · [\\d.]+ slices/s · \\d+ (min \\d+ )?s left`),
  );
  await page.getByTestId('seg-cancel-button').click();
  await page.waitForFunction(
    () => window.__nephroplan!.segmentation().status === 'cancelled',
  );
  const cancelled = await hook(page);
  expect(cancelled.hasLabels).toBe(false);
  expect(cancelled.measurements).toBeNull();
  expect(await overlayRuns(page)).toBeNull();
  await expect(page.getByTestId('seg-message')).toContainText('cancelled');
  await expect(page.getByTestId('seg-measurements')).toHaveCount(0);
  await expect(page.getByTestId('seg-progress')).toHaveCount(0);
  const before = await page.evaluate(() => window.__nephroplan!.slice('axial'));
  await page.getByTestId('view-axial').focus();
  await page.keyboard.press('ArrowUp');
  await expect
    .poll(() => page.evaluate(() => window.__nephroplan!.slice('axial').index))
    .not.toBe(before.index);
  await expect(page.getByTestId('seg-run-button')).toBeEnabled();

  // A whole run: labels and overlay agree; the tensors now are the baseline.
  const first = await segmentInApp(page);
  const baseline = await memory(page);
  console.log(
    `worker tensors after run 1: ${baseline.numTensors} (${baseline.numBytes} bytes)`,
  );
  expect(baseline.numTensors).toBeGreaterThan(0);
  expect(await overlayRuns(page)).toEqual(
    await page.evaluate(() => window.__nephroplan!.labelRuns()),
  );

  // A second study: the first one's segmentation is gone.
  const cylinder = writeWaterCylinder(
    path.join(mkdtempSync(path.join(tmpdir(), 'np-cylinder-')), 'dicom'),
  );
  await chooseFolder(page, cylinder);
  await page.waitForFunction(() => window.__nephroplan!.state().isExample === false);
  await waitForVolume(page);
  await page.waitForFunction(() => !window.__nephroplan!.segmentation().hasLabels);
  const reset = await hook(page);
  expect(reset.measurements).toBeNull();
  expect(reset.undoCount).toBe(0);
  expect(reset.labelsVersion).toBeGreaterThan(first.labelsVersion);
  expect(await overlayRuns(page)).toBeNull();
  await expect(page.getByTestId('seg-measurements')).toHaveCount(0);
  await expect(page.getByTestId('slice-marker-axial')).toBeHidden();

  // This study has no organs, so no tumour: the app says so
  // and offers the tumour brush.
  const second = await segmentInApp(page);
  expect(
    second.measurements!.tumourVolumeMl,
    'tumour found in a cylinder of soft tissue',
  ).toBe(0);
  expect(await memory(page)).toEqual(baseline);
  await expect(page.getByTestId('seg-no-tumour')).toContainText('No tumour was found');
  await page.getByTestId('seg-paint-tumour').click();
  expect((await hook(page)).tool).toBe('brush');
  await expect(page.getByTestId('seg-brush-label')).toHaveValue('2');
  await expect(page.getByTestId('seg-tool-brush')).toHaveAttribute(
    'aria-pressed',
    'true',
  );

  const axial = await page.evaluate(() => window.__nephroplan!.slice('axial'));
  const dims = (await page.evaluate(() => window.__nephroplan!.state())).volume!.dims;
  const at = (di: number) =>
    page.evaluate((v) => window.__nephroplan!.voxelToClient('axial', v), [
      Math.round(dims[0] / 2) + di,
      Math.round(dims[1] / 2),
      axial.index,
    ] as [number, number, number]);
  const [a, b] = [await at(-20), await at(20)];
  await page.mouse.move(a[0], a[1]);
  await page.mouse.down();
  await page.mouse.move(b[0], b[1], { steps: 8 });
  await page.mouse.up();
  await page.waitForFunction(
    () =>
      (window.__nephroplan!.segmentation().measurements?.largestTumourSlice ?? null) !==
      null,
  );
  const painted = await hook(page);
  expect(painted.labelsVersion).toBeGreaterThan(second.labelsVersion);
  expect(painted.undoCount).toBe(1);
  expect(painted.measurements!.tumourVolumeMl).toBeGreaterThan(0);
  expect(painted.measurements!.tumourComponentCount).toBe(1);
  expect(painted.measurements!.largestTumourSlice!.index).toBe(axial.index);
  await expect(page.getByTestId('seg-largest')).toBeVisible();
  await expect(page.getByTestId('slice-marker-axial')).toBeVisible();
  await expect(page.getByTestId('m-tumour-volume')).toHaveText(
    `${painted.measurements!.tumourVolumeMl.toFixed(1)} mL`,
  );

  // Back to the phantom; three runs in a row: back to the baseline each time.
  await openExample(page);
  await page.waitForFunction(() => !window.__nephroplan!.segmentation().hasLabels);
  for (let run = 3; run <= 5; run++) {
    await segmentInApp(page);
    const m = await memory(page);
    console.log(`worker tensors after run ${run}: ${m.numTensors} (${m.numBytes} bytes)`);
    expect(m).toEqual(baseline);
  }
});

test('cancel on the cpu backend stops within about a second, and a new run starts afresh', async ({
  page,
}) => {
  test.setTimeout(600_000);
  await openApp(page);
  await page.goto('/?backend=cpu');
  await page.waitForFunction(() => window.__nephroplan !== undefined);
  await openExample(page);

  // The cpu backend takes many seconds per batch; the worker only reads a
  // cancel between batches, so the app stops the worker instead.
  const cancelMidBatch = async () => {
    await page.getByTestId('seg-cancel-button').click();
    const clicked = Date.now();
    await page.waitForFunction(
      () => window.__nephroplan!.segmentation().status === 'cancelled',
      null,
      { timeout: 10_000 },
    );
    return Date.now() - clicked;
  };

  await page.getByTestId('seg-run-button').click();
  await page.waitForFunction(
    () => window.__nephroplan!.segmentation().status === 'running',
    null,
    { timeout: 300_000 },
  );
  const waitedMs = await cancelMidBatch();
  console.log(`cancel on cpu took ${waitedMs} ms`);
  expect(waitedMs).toBeLessThan(3000);
  const cancelled = await hook(page);
  expect(cancelled.hasLabels).toBe(false);
  expect(cancelled.measurements).toBeNull();
  expect(cancelled.progress).toBeNull();
  expect(await overlayRuns(page)).toBeNull();
  await expect(page.getByTestId('seg-message')).toContainText('cancelled');
  await expect(page.getByTestId('seg-run-button')).toBeEnabled();

  // A new run loads the model in a fresh worker and gets through a batch.
  await page.getByTestId('seg-run-button').click();
  await page.waitForFunction(
    () => (window.__nephroplan!.segmentation().progress?.done ?? 0) > 0,
    null,
    { timeout: 300_000 },
  );
  expect(await cancelMidBatch()).toBeLessThan(3000);
  expect((await hook(page)).hasLabels).toBe(false);
});

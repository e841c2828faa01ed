/**
 * Planning after a segmentation in the browser (the built-in phantom, WASM):
 * nothing is planned and no size is filled in until the user confirms the
 * segmented tumour; then the size is pre-filled from it, the shown plan
 * equals the CLI's on the exported mask with the same values, the exported
 * mask is the app's mask, and an edit of the segmentation (eraser, a new
 * labelsVersion) keeps the confirmation and re-plans at once on the edited
 * mask (taking over from an opened mask file), again as the CLI does.
 *
 * Needs a segmentation network served at /models/segmentation/ (the shipped
 * one, or NEPHROPLAN_SEG_MODEL_DIR, see scripts/vite/serveModels.ts); skipped,
 * saying so, without one.
 */
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { readNifti } from '../src/core/nifti/readNifti';
import { openApp, openExample } from './helpers/app';
import {
  cliPlan,
  confirmTumour,
  expectSamePlan,
  fillForm,
  kitsMask,
  numberIn,
  openMask,
  shownPlan,
} from './helpers/planning';

test.setTimeout(900_000);

async function exportMask(page: Page, path: string): Promise<void> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export mask (.nii.gz)' }).click();
  await (await download).saveAs(path);
}

/** Run-length encoding as the test hook gives it: [value, count, …]. */
function runs(values: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (out.length && out[out.length - 2] === v) out[out.length - 1]++;
    else out.push(v, 1);
  }
  return out;
}

/**
 * A voxel (i, j, k) inside the largest 2D tumour region (label 2) of axial
 * slice k, nearest its centroid: a spot where an eraser stroke surely
 * changes the labels.
 */
function tumourSpotOnSlice(
  labelRuns: number[],
  dims: [number, number, number],
  k: number,
): [number, number, number] {
  const [nx, ny] = dims;
  const slice = new Uint8Array(nx * ny);
  let index = 0;
  for (let r = 0; r < labelRuns.length; r += 2) {
    const end = index + labelRuns[r + 1];
    if (labelRuns[r] === 2) {
      for (
        let v = Math.max(index, k * nx * ny);
        v < Math.min(end, (k + 1) * nx * ny);
        v++
      ) {
        slice[v - k * nx * ny] = 1;
      }
    }
    index = end;
  }
  // Largest 4-connected region.
  const seen = new Uint8Array(nx * ny);
  let best: number[] = [];
  for (let start = 0; start < slice.length; start++) {
    if (!slice[start] || seen[start]) continue;
    const region: number[] = [];
    const stack = [start];
    seen[start] = 1;
    while (stack.length) {
      const p = stack.pop()!;
      region.push(p);
      const [i, j] = [p % nx, Math.floor(p / nx)];
      for (const [di, dj] of [
        [1, 0],
        [-1, 0],
        [0, 1],
        [0, -1],
      ]) {
        const [a, b] = [i + di, j + dj];
        const q = a + b * nx;
        if (a >= 0 && a < nx && b >= 0 && b < ny && slice[q] && !seen[q]) {
          seen[q] = 1;
          stack.push(q);
        }
      }
    }
    if (region.length > best.length) best = region;
  }
  if (!best.length) throw new Error(`no tumour on slice ${k}`);
  const ci = best.reduce((s, p) => s + (p % nx), 0) / best.length;
  const cj = best.reduce((s, p) => s + Math.floor(p / nx), 0) / best.length;
  const dist = (p: number) => ((p % nx) - ci) ** 2 + (Math.floor(p / nx) - cj) ** 2;
  const spot = best.reduce((a, b) => (dist(b) < dist(a) ? b : a));
  return [spot % nx, Math.floor(spot / nx), k];
}

test('plans on the segmentation as the CLI does, and re-plans after an edit', async ({
  page,
}, testInfo) => {
  await openApp(page);
  const served = await page.evaluate(async () =>
    (await fetch('/models/segmentation/model.json')).headers.get('content-type'),
  );
  test.skip(
    !served?.includes('json'),
    'no segmentation network is served at /models/segmentation/ (set NEPHROPLAN_SEG_MODEL_DIR)',
  );

  await openExample(page);
  const started = Date.now();
  await page.getByTestId('seg-run-button').click();
  await page.waitForFunction(
    () => ['done', 'failed'].includes(window.__nephroplan!.segmentation().status),
    null,
    { timeout: 800_000 },
  );
  const seg = await page.evaluate(() => window.__nephroplan!.segmentation());
  console.log(`segmentation ${seg.status} after ${(Date.now() - started) / 1000} s`);
  expect(seg.status).toBe('done');
  expect(
    seg.measurements?.largestTumourSlice,
    'the phantom tumour was found',
  ).toBeTruthy();
  await expect(page.getByTestId('plan-mask-source')).toContainText(
    'the segmentation of this study',
  );

  // Before the user confirms the tumour: what was found, no size, no plan.
  const size = page.getByLabel('Radiological size (cm)');
  await expect(page.getByTestId('plan-review-found')).toContainText('mL of tumour');
  const largest = seg.measurements!.largestTumourSlice!;
  await expect(page.getByTestId('plan-review-jump')).toHaveText(
    `Show axial slice ${largest.index + 1}`,
  );
  await page.getByTestId('plan-review-jump').click();
  await expect(page.getByTestId('slice-counter-axial')).toHaveText(
    new RegExp(`^${largest.index + 1} / `),
  );
  await fillForm(page, { age: '66', bmi: '29.1' });
  await expect(page.getByTestId('plan-needs-review')).toBeVisible();
  await expect(size).toHaveValue('');
  await expect(page.getByTestId('plan-results')).toHaveCount(0);

  // Confirmed: the size comes from the segmented tumour, says so, and plans.
  await confirmTumour(page);
  await expect(size).not.toHaveValue('');
  await expect(page.getByTestId('plan-size-source')).toContainText('Source: the mask');
  await expect(page.getByTestId('plan-results')).toBeVisible();

  // The exported mask is the app's mask; the CLI on it gives the shown plan.
  const exported = testInfo.outputPath('segmentation.nii.gz');
  await exportMask(page, exported);
  const fileLabels = readNifti(await readFile(exported)).voxels;
  const appRuns = await page.evaluate(() => window.__nephroplan!.labelRuns());
  expect(runs(fileLabels)).toEqual(appRuns);
  const values = { age: '66', bmi: '29.1', size: await size.inputValue() };
  const cli = await cliPlan(exported, values);
  expect(String(cli.suggestedSizeCm)).toBe(values.size);
  expectSamePlan(await shownPlan(page), cli);
  await page.getByText('What the model read from the mask').click();
  const volumeBefore = await page.getByTestId('geometry-tumour-volume').innerText();
  console.log(`tumour volume read by the model: ${volumeBefore}`);
  expect(numberIn(volumeBefore)).toBeCloseTo(Math.exp(cli.geometry.logTumourVolumeMl), 1);

  // A mask file takes over the plan once its tumour is confirmed…
  await openMask(page, kitsMask(0));
  await expect(page.getByTestId('plan-results')).toHaveCount(0);
  await confirmTumour(page);
  await page.getByText('What the model read from the mask').click();
  await expect(page.getByTestId('geometry-tumour-volume')).not.toHaveText(volumeBefore);
  // It belongs to another study (a KiTS patient, not the phantom): said so.
  await expect(page.getByTestId('mask-foreign')).toBeVisible();

  // …until the segmentation is edited (eraser stroke on the largest tumour
  // slice): the new labelsVersion brings the plan back to the segmentation,
  // still confirmed (the user's own edits are the review).
  const dims = (await page.evaluate(() => window.__nephroplan!.state())).volume!.dims;
  const k = seg.measurements!.largestTumourSlice!.index;
  const ijk = tumourSpotOnSlice(appRuns!, dims, k);
  await page.evaluate((p) => window.__nephroplan!.showVoxel(p), ijk);
  const at = await page.evaluate(
    (p) => window.__nephroplan!.voxelToClient('axial', p),
    ijk,
  );
  await page.getByTestId('seg-tool-eraser').click();
  await page.getByTestId('seg-brush-radius').fill('15');
  await page.mouse.move(at[0], at[1]);
  await page.mouse.down();
  await page.mouse.move(at[0] + 6, at[1] + 3, { steps: 4 });
  await page.mouse.up();
  await page.waitForFunction(
    (v) => window.__nephroplan!.segmentation().labelsVersion > v,
    seg.labelsVersion,
    { timeout: 30_000 },
  );
  await expect(page.getByTestId('plan-mask-source')).toContainText(
    'the segmentation of this study',
  );
  await expect(page.getByTestId('mask-foreign')).toBeHidden();
  await expect(page.getByTestId('seg-tumour-caution')).toBeVisible();
  await expect(page.getByTestId('plan-review-status')).toBeVisible();
  const edited = testInfo.outputPath('edited.nii.gz');
  await exportMask(page, edited);
  const editedRuns = await page.evaluate(() => window.__nephroplan!.labelRuns());
  expect(runs(readNifti(await readFile(edited)).voxels)).toEqual(editedRuns);
  expect(editedRuns).not.toEqual(appRuns);
  const editedValues = { ...values, size: await size.inputValue() };
  const cliEdited = await cliPlan(edited, editedValues);
  const volumeShown = page.getByTestId('geometry-tumour-volume');
  await expect
    .poll(async () => numberIn((await volumeShown.textContent()) ?? ''))
    .toBeCloseTo(Math.exp(cliEdited.geometry.logTumourVolumeMl), 1);
  expectSamePlan(await shownPlan(page), cliEdited);

  // Beside the plan: the region it reads, with a button that shows its
  // largest slice in the views.
  const jump = page.getByTestId('plan-basis-jump');
  const planned = numberIn(await jump.innerText());
  await expect(page.getByTestId('plan-basis-region')).toContainText(
    `on axial slice ${planned}.`,
  );
  await jump.click();
  await expect(page.getByTestId('slice-counter-axial')).toHaveText(
    new RegExp(`^${planned} / `),
  );
});

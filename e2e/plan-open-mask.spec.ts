/**
 * Planning on a mask opened from a file (a real KiTS mask): once the user has
 * confirmed its tumour, the size is pre-filled from the mask with its source,
 * the shown plan equals the CLI's for the same mask and values, it follows
 * form and mask changes at once (each new mask confirmed again), the exported
 * mask is the same mask, and the form survives a reload.
 *
 * A mask on the grid of the study on screen (made at test time on the
 * phantom's grid) replaces the labels in the views: the viewer's labelmap
 * holds it (cyst as kidney), it is measured and, once confirmed, planned on;
 * the eraser corrects it without asking again, and undo steps back through
 * the edit and each opened mask, each with its own confirmation.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { formatFigure } from '../src/app/components/planning/performanceText';
import { sizeMismatchWarning } from '../src/app/components/planning/planBasis';
import { readNifti } from '../src/core/nifti/readNifti';
import { writeNifti } from '../src/core/nifti/writeNifti';
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
import { appGrid, decodeRuns, paintBoxes, type Box } from './helpers/segmentation';

test('plans on an opened mask as the CLI does, and follows form and mask', async ({
  page,
}, testInfo) => {
  const mask0 = kitsMask(0);
  await openApp(page);
  await openMask(page, mask0);
  // No study on screen: nothing to compare the mask's grid with.
  await expect(page.getByTestId('plan-mask-source')).toContainText('opened file');
  await expect(page.getByTestId('mask-foreign')).toBeHidden();

  // Once its tumour is confirmed, the mask's size suggestion fills the form,
  // with its source.
  const first = await cliPlan(mask0, { age: '61', bmi: '27.5', size: '5' });
  const size = page.getByLabel('Radiological size (cm)');
  await expect(page.getByTestId('plan-review-why')).toContainText(
    'cannot be checked here',
  );
  await expect(size).toHaveValue('');
  await confirmTumour(page);
  await expect(size).toHaveValue(String(first.suggestedSizeCm));
  await expect(page.getByTestId('plan-size-source')).toHaveText(
    `Source: the mask — ${first.suggestedSizeSource}.`,
  );

  await fillForm(page, { age: '61', bmi: '27.5' });
  const values = { age: '61', bmi: '27.5', size: String(first.suggestedSizeCm) };
  const cli = await cliPlan(mask0, values);
  await expect(page.getByTestId('plan-results')).toBeVisible();
  expectSamePlan(await shownPlan(page), cli);
  await expect(page.getByTestId('plan-disclaimer')).toHaveText(cli.disclaimer);

  // Beside the plan: the one region it reads, counted in the file (not drawn,
  // so no button to show it); the mask's own size raises no warning.
  await expect(page.getByTestId('plan-basis-region')).toHaveText(
    /^The plan reads one tumour region: .* mL, with its largest area on axial slice \d+ of the mask file/,
  );
  await expect(page.getByTestId('plan-basis-jump')).toHaveCount(0);
  await expect(page.getByTestId('plan-size-mismatch')).toHaveCount(0);

  // Each head says plainly whether it beats its baseline (from the manifest).
  for (const head of ['procedure', 'approach', 'time'] as const) {
    const perf = head === 'time' ? cli.operativeTime.performance : cli[head].performance;
    const verdict = page.getByTestId(`${head}-verdict`);
    await expect(verdict).toContainText(perf.baseline.name);
    if (perf.comparison?.significantlyBetter) await expect(verdict).toHaveText(/^Beats /);
    else await expect(verdict).toHaveText(/^(Does not beat|No better than) /);
  }
  await expect(page.getByTestId('approach-verdict')).toContainText('base rate');
  // Beside each: the card's headline figure and the baseline's.
  for (const [head, perf] of [
    ['procedure', cli.procedure.performance],
    ['approach', cli.approach.performance],
    ['time', cli.operativeTime.performance],
  ] as const) {
    const metric = Object.keys(perf.model)[0];
    const headline = page.getByTestId(`${head}-headline`);
    await expect(headline).toContainText(formatFigure(metric, perf.model[metric]));
    const base = perf.baseline.figures[metric];
    if (base) await expect(headline).toContainText(formatFigure(metric, base));
  }

  // A typed size replaces the suggestion and re-plans at once.
  await size.fill('9');
  await expect(page.getByTestId('plan-size-source')).toHaveText(
    'Source: entered by you.',
  );
  const cli9 = await cliPlan(mask0, { ...values, size: '9' });
  await expect
    .poll(async () => {
      const shown = (await shownPlan(page)).pRadicalPercent;
      return Math.abs(shown - 100 * cli9.procedure.probabilityRadical) < 0.051;
    })
    .toBe(true);
  expectSamePlan(await shownPlan(page), cli9);
  await expect(page.getByTestId('plan-size-mismatch')).toHaveCount(
    sizeMismatchWarning(9, first.suggestedSizeCm) ? 1 : 0,
  );

  // Another mask re-plans once confirmed; the typed size stays, the
  // suggestion is offered.
  const mask1 = kitsMask(1);
  await openMask(page, mask1);
  await expect(page.getByTestId('plan-results')).toHaveCount(0);
  await expect(size).toHaveValue('9');
  await confirmTumour(page);
  const cli1 = await cliPlan(mask1, { ...values, size: '9' });
  await expect(
    page.getByText(`The mask suggests ${cli1.suggestedSizeCm} cm`),
  ).toBeVisible();
  await expect(size).toHaveValue('9');
  await expect
    .poll(async () => {
      const shown = (await shownPlan(page)).timeMin;
      return Math.abs(shown - cli1.operativeTime.predictedMin) < 0.51;
    })
    .toBe(true);
  expectSamePlan(await shownPlan(page), cli1);

  // The exported mask is the opened one, voxel for voxel, and plans the same.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export mask (.nii.gz)' }).click();
  const exported = testInfo.outputPath('exported.nii.gz');
  await (await download).saveAs(exported);
  const a = readNifti(await readFile(mask1));
  const b = readNifti(await readFile(exported));
  expect(b.dims).toEqual(a.dims);
  let differing = 0;
  for (let i = 0; i < a.voxels.length; i++) if (a.voxels[i] !== b.voxels[i]) differing++;
  expect(differing).toBe(0);
  expectSamePlan(
    await shownPlan(page),
    await cliPlan(exported, { ...values, size: '9' }),
  );

  // The form (not the mask) survives a reload.
  await page.reload();
  await page.waitForFunction(() => window.__nephroplan !== undefined);
  await expect(page.getByLabel('Age (years)')).toHaveValue('61');
  await expect(page.getByLabel('BMI (kg/m²)')).toHaveValue('27.5');
  await expect(size).toHaveValue('9');
  await expect(page.getByTestId('plan-mask-source')).toContainText('No mask yet');
  await expect(page.getByTestId('plan-results')).toHaveCount(0);
  const stored = await page.evaluate(() => JSON.stringify(localStorage));
  expect(stored.length).toBeLessThan(2000);

  // "Clear the form" forgets them, across reloads too.
  await page.getByRole('button', { name: 'Clear the form' }).click();
  await page.reload();
  await page.waitForFunction(() => window.__nephroplan !== undefined);
  await expect(page.getByLabel('Age (years)')).toHaveValue('');
  await expect(size).toHaveValue('');
});

const count = (labels: Uint8Array, value: number) =>
  labels.reduce((n, v) => n + (v === value ? 1 : 0), 0);

/** The viewer's labelmap (null without one) and the store's labels. */
async function shownLabels(page: Page) {
  const [overlay, store] = await page.evaluate(async () => [
    await window.__nephroplan!.overlayRuns(),
    window.__nephroplan!.labelRuns(),
  ]);
  return { overlay: overlay && decodeRuns(overlay), store: store && decodeRuns(store) };
}

/** Waits until the viewer's labelmap and the store both hold `expected`. */
async function expectShown(page: Page, expected: Uint8Array) {
  const same = (a: Uint8Array | null) => a !== null && Buffer.from(a).equals(expected);
  await expect
    .poll(async () => {
      const { overlay, store } = await shownLabels(page);
      return same(overlay) && same(store);
    })
    .toBe(true);
}

test('a mask on the study grid is shown, measured, planned on, corrected and undone', async ({
  page,
}, testInfo) => {
  await openApp(page);
  await openExample(page);
  const grid = await appGrid(page);
  const voxelMl = (grid.spacingMm[0] * grid.spacingMm[1] * grid.spacingMm[2]) / 1000;
  expect((await shownLabels(page)).overlay).toBeNull();

  // Mask A: a kidney with a cyst (label 3) and a tumour against it.
  const kidney: Box = { min: [150, 110, 20], max: [179, 149, 39] };
  const a = paintBoxes(grid, [
    [1, kidney],
    [3, { min: [150, 110, 20], max: [155, 115, 25] }],
    [2, { min: [180, 120, 25], max: [194, 135, 35] }],
  ]);
  // Mask B: the same kidney, a larger tumour.
  const tumourB: Box = { min: [180, 115, 22], max: [199, 144, 37] };
  const b = paintBoxes(grid, [
    [1, kidney],
    [2, tumourB],
  ]);
  const fileA = testInfo.outputPath('mask-a.nii.gz');
  const fileB = testInfo.outputPath('mask-b.nii.gz');
  await writeFile(fileA, writeNifti({ ...grid, labels: a }));
  await writeFile(fileB, writeNifti({ ...grid, labels: b }));
  const shownA = a.map((v) => (v === 3 ? 1 : v));
  const tumourMl = (labels: Uint8Array) => count(labels, 2) * voxelMl;

  // A replaces the (empty) labels: drawn, measured, planned on, and said so.
  await openMask(page, fileA);
  await expectShown(page, shownA);
  await expect(page.getByTestId('plan-mask-source')).toContainText('shown in the views');
  await expect(page.getByTestId('mask-shown')).toContainText(
    `Label 3 (cyst) is shown and measured as kidney, as the plan counts it (${count(a, 3)} voxels`,
  );
  await expect(page.getByTestId('mask-foreign')).toBeHidden();
  await expect(page.getByTestId('seg-source')).toContainText('mask-a.nii.gz');
  await expect(page.getByTestId('m-tumour-volume')).toHaveText(
    `${tumourMl(shownA).toFixed(1)} mL`,
  );
  await expect(page.getByTestId('m-kidney-left')).toHaveText(
    `${(count(shownA, 1) * voxelMl).toFixed(1)} mL`,
  );
  await page.evaluate(() => window.__nephroplan!.showVoxel([187, 127, 30]));
  await expect
    .poll(() => page.evaluate(() => window.__nephroplan!.overlayTints('axial').tumour))
    .toBeGreaterThan(0);

  await fillForm(page, { age: '61', bmi: '27.5' });
  await confirmTumour(page);
  await expect(page.getByTestId('plan-results')).toBeVisible();
  await page.getByText('What the model read from the mask').click();
  const planVolume = page.getByTestId('geometry-tumour-volume');
  const expectPlannedOn = (labels: Uint8Array) =>
    expect
      .poll(async () => numberIn((await planVolume.textContent()) ?? ''))
      .toBeCloseTo(tumourMl(labels), 1);
  await expectPlannedOn(shownA);

  // B replaces A and is confirmed in turn; the eraser corrects B.
  await openMask(page, fileB);
  await expectShown(page, b);
  await expect(page.getByTestId('plan-results')).toHaveCount(0);
  await confirmTumour(page);
  await page.getByText('What the model read from the mask').click();
  await expectPlannedOn(b);
  const before = await page.evaluate(() => window.__nephroplan!.segmentation());
  const spot: [number, number, number] = [190, 130, 30];
  await page.evaluate((p) => window.__nephroplan!.showVoxel(p), spot);
  const at = await page.evaluate(
    (p) => window.__nephroplan!.voxelToClient('axial', p),
    spot,
  );
  await page.getByTestId('seg-tool-eraser').click();
  await page.mouse.move(at[0], at[1]);
  await page.mouse.down();
  await page.mouse.move(at[0] + 6, at[1] + 3, { steps: 4 });
  await page.mouse.up();
  await page.waitForFunction(
    (v) => window.__nephroplan!.segmentation().labelsVersion > v,
    before.labelsVersion,
  );
  const erased = (await shownLabels(page)).store!;
  expect(count(erased, 2)).toBeLessThan(count(b, 2));
  await expectShown(page, erased);
  await expectPlannedOn(erased);
  await expect(page.getByTestId('plan-mask-source')).toContainText('mask-b.nii.gz');
  await expect(page.getByTestId('plan-review-status')).toBeVisible();

  // Undo: the stroke, then B, then A (back to no labels at all); A comes back
  // as the user confirmed it.
  await expect(page.getByTestId('seg-undo')).toHaveText('Undo (3)');
  await page.getByTestId('seg-undo').click();
  await expectShown(page, b);
  await page.getByTestId('seg-undo').click();
  await expectShown(page, shownA);
  await expect(page.getByTestId('plan-mask-source')).toContainText('mask-a.nii.gz');
  await expect(page.getByTestId('m-tumour-volume')).toHaveText(
    `${tumourMl(shownA).toFixed(1)} mL`,
  );
  await expectPlannedOn(shownA);
  await page.getByTestId('seg-undo').click();
  await expect.poll(async () => (await shownLabels(page)).overlay).toBeNull();
  await expect(page.getByTestId('plan-mask-source')).toContainText('No mask yet');
});

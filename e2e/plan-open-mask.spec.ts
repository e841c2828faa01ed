/**
 * Planning on a mask opened from a file (a real KiTS mask): the size is
 * pre-filled from the mask with its source, the shown plan equals the CLI's
 * for the same mask and values, it follows form and mask changes at once, the
 * exported mask is the same mask, and the form survives a reload.
 */
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { formatFigure } from '../src/app/components/planning/performanceText';
import { readNifti } from '../src/core/nifti/readNifti';
import { openApp } from './helpers/app';
import {
  cliPlan,
  expectSamePlan,
  fillForm,
  kitsMask,
  openMask,
  shownPlan,
} from './helpers/planning';

test('plans on an opened mask as the CLI does, and follows form and mask', async ({
  page,
}, testInfo) => {
  const mask0 = kitsMask(0);
  await openApp(page);
  await openMask(page, mask0);
  // No study on screen: nothing to compare the mask's grid with.
  await expect(page.getByTestId('plan-mask-source')).toContainText('opened file');
  await expect(page.getByTestId('mask-foreign')).toBeHidden();

  // The mask's size suggestion fills the form, with its source.
  const first = await cliPlan(mask0, { age: '61', bmi: '27.5', size: '5' });
  const size = page.getByLabel('Radiological size (cm)');
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

  // Another mask re-plans; the typed size stays, the suggestion is offered.
  const mask1 = kitsMask(1);
  await openMask(page, mask1);
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

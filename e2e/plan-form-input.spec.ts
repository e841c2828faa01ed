/**
 * Bad input in the planning form shows its own message and withholds the
 * plan, but an empty field says nothing until the user has edited or left
 * it (or pressed Enter to ask for the plan); values outside the training data
 * warn but still plan; BMI from height and weight; a file that is not a label
 * mask is refused with a reason.
 */
import { writeFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { writeNifti } from '../src/core/nifti/writeNifti';
import { openApp } from './helpers/app';
import {
  cliPlan,
  confirmTumour,
  expectSamePlan,
  fillForm,
  kitsMask,
  openMask,
  shownPlan,
} from './helpers/planning';

test.beforeEach(async ({ page }) => {
  await openApp(page);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.waitForFunction(() => window.__nephroplan !== undefined);
});

test('each bad field says what is wrong, and no plan is shown', async ({ page }) => {
  // Nothing typed yet: no field shows an error, before or after a mask.
  const formErrors = page.getByTestId('plan-form').locator('.field-error');
  await expect(page.getByTestId('plan-form')).toBeVisible();
  await expect(formErrors).toHaveCount(0);
  const mask = kitsMask(3);
  await openMask(page, mask);
  await confirmTumour(page);
  await expect(page.getByLabel('Radiological size (cm)')).not.toHaveValue('');
  await expect(page.getByTestId('plan-waiting')).toHaveText(
    'Fill in the fields above to see the plan.',
  );
  await expect(formErrors).toHaveCount(0);
  await expect(page.getByLabel('Age (years)')).not.toHaveAttribute('aria-invalid');

  // Leaving a field shows its error; Enter (asking for the plan) shows every one.
  await page.getByLabel('Age (years)').focus();
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('plan-ageYears-error')).toHaveText(
    'Age must be a number (years).',
  );
  await expect(page.getByTestId('plan-bmi-error')).toHaveCount(0);
  await page.getByLabel('Age (years)').press('Enter');
  await expect(page.getByTestId('plan-bmi-error')).toHaveText(
    'BMI must be a number (kg/m²).',
  );
  await expect(page.getByTestId('plan-waiting')).toHaveText(
    'Correct the fields above to see the plan.',
  );

  await fillForm(page, { age: '58', bmi: '31' });
  await expect(page.getByTestId('plan-results')).toBeVisible();

  await fillForm(page, { age: 'sixty', bmi: '5', size: '4 cm' });
  await expect(page.getByTestId('plan-ageYears-error')).toHaveText(
    'Age must be a number (years).',
  );
  await expect(page.getByTestId('plan-bmi-error')).toHaveText(
    'BMI must be between 10 and 90 kg/m².',
  );
  await expect(page.getByTestId('plan-sizeCm-error')).toHaveText(
    'Radiological size must be a number (cm).',
  );
  await expect(page.getByLabel('Age (years)')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('plan-results')).toHaveCount(0);
  await expect(page.getByTestId('plan-waiting')).toBeVisible();
  // The research-tool statement stays on screen without a plan.
  await expect(
    page.getByRole('note').filter({ hasText: 'not a medical device' }).first(),
  ).toBeVisible();

  await fillForm(page, { age: '', bmi: '200', size: '0' });
  await expect(page.getByTestId('plan-ageYears-error')).toHaveText(
    'Age must be a number (years).',
  );
  await expect(page.getByTestId('plan-bmi-error')).toHaveText(
    'BMI must be between 10 and 90 kg/m².',
  );
  await expect(page.getByTestId('plan-sizeCm-error')).toHaveText(
    'Radiological size must be between 0.1 and 40 cm.',
  );

  // Outside the training data: a warning per field, and the plan (as the CLI's).
  await fillForm(page, { age: '95', bmi: '60', size: '20' });
  await expect(page.getByTestId('plan-ageYears-warning')).toContainText(
    'outside the training data (11–90 years)',
  );
  await expect(page.getByTestId('plan-bmi-warning')).toContainText(
    'outside the training data',
  );
  await expect(page.getByTestId('plan-sizeCm-warning')).toContainText(
    'outside the training data (1.2–16.2 cm)',
  );
  await expect(page.getByTestId('plan-results')).toBeVisible();
  expectSamePlan(
    await shownPlan(page),
    await cliPlan(mask, { age: '95', bmi: '60', size: '20' }),
  );

  // A decimal comma is read as a decimal point.
  await fillForm(page, { age: '58', bmi: '31,4', size: '4,5' });
  await expect(page.getByTestId('plan-results')).toBeVisible();
  expectSamePlan(
    await shownPlan(page),
    await cliPlan(mask, { age: '58', bmi: '31.4', size: '4.5' }),
  );
});

test('BMI from height and weight, with their own messages', async ({ page }) => {
  await page.getByLabel('height and weight').check();
  await expect(page.getByTestId('plan-form').locator('.field-error')).toHaveCount(0);
  await page.getByLabel('Height (cm)').fill('1.75');
  // Weight left empty: its error once the user leaves the field.
  await page.getByLabel('Weight (kg)').focus();
  await expect(page.getByTestId('plan-weightKg-error')).toHaveCount(0);
  await page.getByLabel('Weight (kg)').blur();
  await expect(page.getByTestId('plan-heightCm-error')).toHaveText(
    'Height must be between 50 and 250 cm.',
  );
  await expect(page.getByTestId('plan-weightKg-error')).toHaveText(
    'Weight must be a number (kg).',
  );
  await expect(page.getByTestId('plan-bmi-error')).toHaveCount(0);

  await page.getByLabel('Height (cm)').fill('175');
  await page.getByLabel('Weight (kg)').fill('98');
  await expect(page.getByTestId('plan-computed-bmi')).toHaveText(
    'BMI 32.0 kg/m² (computed: weight / height²)',
  );
  await expect(page.getByTestId('plan-heightCm-error')).toHaveCount(0);

  // The computed BMI is what the model gets: the plan equals the CLI's at 98 / 1.75².
  const mask = kitsMask(3);
  await openMask(page, mask);
  await confirmTumour(page);
  await page.getByLabel('Age (years)').fill('47');
  await expect(page.getByTestId('plan-results')).toBeVisible();
  const size = await page.getByLabel('Radiological size (cm)').inputValue();
  const bmi = String(98 / 1.75 ** 2);
  expectSamePlan(await shownPlan(page), await cliPlan(mask, { age: '47', bmi, size }));
});

test('a file that is not a label mask is refused with the reason', async ({
  page,
}, testInfo) => {
  const junk = testInfo.outputPath('not-a-mask.nii.gz');
  await writeFile(junk, 'this is not NIfTI');
  await page.getByTestId('mask-input').setInputFiles(junk);
  await expect(page.getByTestId('mask-message')).toContainText(
    'not-a-mask.nii.gz could not be used as a mask',
  );
  await expect(page.getByTestId('plan-mask-source')).toContainText('No mask yet');

  // A real label mask without a tumour: opened, but no plan, with the reason.
  const kidneyOnly = testInfo.outputPath('kidney-only.nii.gz');
  const labels = new Uint8Array(20 * 20 * 10);
  for (let k = 3; k < 7; k++)
    for (let j = 5; j < 15; j++)
      for (let i = 5; i < 15; i++) labels[i + 20 * j + 400 * k] = 1;
  await writeFile(
    kidneyOnly,
    writeNifti({
      labels,
      dims: [20, 20, 10],
      spacingMm: [1, 1, 2],
      originMm: [0, 0, 0],
      direction: [
        [1, 0, 0],
        [0, 1, 0],
        [0, 0, 1],
      ],
    }),
  );
  await openMask(page, kidneyOnly);
  await expect(page.getByTestId('plan-mask-error')).toContainText(
    'No plan for this mask:',
  );
  await expect(page.getByTestId('plan-mask-error')).toContainText(/tumour/);
  await expect(page.getByTestId('plan-results')).toHaveCount(0);
  // Nothing to confirm: there is no tumour to plan on.
  await expect(page.getByTestId('plan-review-no-tumour')).toBeVisible();
  await expect(page.getByTestId('plan-review-confirm')).toHaveCount(0);
});

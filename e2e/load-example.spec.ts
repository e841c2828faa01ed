/**
 * The built-in synthetic phantom opens from the start page, is labelled as
 * synthetic, and the viewer's interactions work on it: slice scrolling by
 * wheel and keyboard, window presets, zoom, and the HU under the cursor.
 */
import { expect, test } from '@playwright/test';
import { canvasStats, openApp, waitForVolume } from './helpers/app';

test('opens the synthetic phantom and labels it', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'Open example (synthetic phantom)' }).click();
  const state = await waitForVolume(page);

  expect(state.isExample).toBe(true);
  expect(state.volume?.dims).toEqual([256, 256, 64]);
  expect(state.volume?.spacingMm[0]).toBeCloseTo(1.4, 5);
  expect(state.volume?.spacingMm[2]).toBeCloseTo(2.5, 5);
  await expect(page.getByTestId('synthetic-badge')).toBeVisible();
  await expect(page.getByTestId('synthetic-truth')).toContainText(
    '4 cm tumour at the upper pole of the left kidney',
  );
  await expect(page.getByTestId('patient-name')).toHaveText('PHANTOM, SYNTHETIC');
  // Patient's Sex "O" spelled out; no birth date recorded.
  await expect(page.getByTestId('patient-sex')).toHaveText('other');
  await expect(page.getByTestId('patient-birth')).toHaveText('—');

  for (const view of ['axial', 'coronal', 'sagittal'] as const) {
    const stats = await canvasStats(page, view);
    expect(stats.nonBlackFraction, `${view} shows pixels`).toBeGreaterThan(0.1);
  }
});

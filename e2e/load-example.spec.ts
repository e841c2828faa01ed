/**
 * The built-in synthetic phantom opens from the start page, is labelled as
 * synthetic (also when its files are dropped), and the viewer's interactions work on it: slice scrolling by
 * wheel and keyboard, window presets, zoom, and the HU under the cursor.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { phantomSeries } from '../scripts/phantom/phantomSeries';
import { renderPhantom } from '../scripts/phantom/renderPhantom';
import { writeWaterCylinder } from './fixtures/waterCylinder';
import {
  canvasStats,
  chooseFolder,
  openApp,
  openExample,
  waitForVolume,
} from './helpers/app';
import { dropFiles } from './helpers/drop';

test('opens the synthetic phantom and labels it', async ({ page }) => {
  await openApp(page);
  const state = await openExample(page);

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

test("the phantom's files dropped on the page are labelled synthetic too", async ({
  page,
}, testInfo) => {
  const dir = testInfo.outputPath('phantom');
  mkdirSync(dir, { recursive: true });
  const files = phantomSeries(renderPhantom()).map(({ name, bytes }) => {
    writeFileSync(path.join(dir, name), bytes);
    return path.join(dir, name);
  });
  await openApp(page);

  await dropFiles(page, files);
  let state = await waitForVolume(page);
  expect(state.isExample).toBe(true);
  await expect(page.getByTestId('synthetic-badge')).toHaveText(
    'Synthetic phantom — not a patient',
  );
  await expect(page.getByTestId('synthetic-truth')).toBeVisible();

  // Another study takes the label away; the phantom again brings it back.
  const cylinder = writeWaterCylinder(testInfo.outputPath('cylinder'));
  await chooseFolder(page, cylinder);
  await page.waitForFunction(() => window.__nephroplan!.state().volume?.dims[2] === 24);
  state = await waitForVolume(page);
  expect(state.isExample).toBe(false);
  await expect(page.getByTestId('synthetic-badge')).toHaveCount(0);

  await dropFiles(page, files);
  await page.waitForFunction(() => window.__nephroplan!.state().isExample);
  await expect(page.getByTestId('synthetic-badge')).toBeVisible();
});

/**
 * Quick check of the segmentation panel's plumbing on the built-in phantom.
 */
import { expect, test } from '@playwright/test';
import { openApp, waitForVolume } from './helpers/app';

test('phantom: run shows backend, progress, overlay and measurements', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: /Open example/ }).click();
  await waitForVolume(page);
  await page.getByTestId('seg-run-button').click();
  await page.waitForFunction(() => window.__nephroplan!.segmentation().status === 'done', null, { timeout: 300_000 });
  const s = await page.evaluate(() => window.__nephroplan!.segmentation());
  console.log(JSON.stringify(s));
  await expect(page.getByTestId('seg-backend')).toContainText('WASM');
  await page.screenshot({ path: 'tmp/seg-plumbing.png' });
});

/**
 * Viewer interaction on the synthetic phantom: scrolling by wheel and keys,
 * window/level presets and drag, zoom, pan and reset.
 */
import { expect, test, type Page } from '@playwright/test';
import { openApp, openExample } from './helpers/app';

type Ijk = [number, number, number];

async function sliceNumber(page: Page): Promise<number> {
  const text = (await page.getByTestId('slice-counter-axial').textContent()) ?? '';
  return Number(text.split(' / ')[0]);
}

function client(page: Page, ijk: Ijk): Promise<[number, number]> {
  return page.evaluate((v) => window.__nephroplan!.voxelToClient('axial', v), ijk);
}

test.beforeEach(async ({ page }) => {
  await openApp(page);
  await openExample(page);
});

test('scrolls by wheel and keyboard, with a slice counter per view', async ({ page }) => {
  await expect(page.getByTestId('slice-counter-axial')).toHaveText('33 / 64');
  await expect(page.getByTestId('slice-counter-coronal')).toHaveText('129 / 256');
  await expect(page.getByTestId('slice-counter-sagittal')).toHaveText('129 / 256');

  const box = (await page.getByTestId('view-axial').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const start = await sliceNumber(page);
  for (let n = 0; n < 3; n++) {
    await page.mouse.wheel(0, 100);
    await page.waitForTimeout(100);
  }
  await expect.poll(() => sliceNumber(page).then((s) => Math.abs(s - start))).toBe(3);

  await page.getByTestId('view-axial').focus();
  const before = await sliceNumber(page);
  await page.keyboard.press('ArrowUp');
  await expect.poll(() => sliceNumber(page)).toBe(before + 1);
  await page.keyboard.press('PageDown');
  await expect.poll(() => sliceNumber(page)).toBe(before - 9);

  // Tab moves on (Cornerstone's tools would cancel it and trap the focus).
  const focusedView = () =>
    page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? '');
  await page.keyboard.press('Tab');
  await expect.poll(focusedView).not.toBe('view-axial');
  await page.getByTestId('view-axial').focus();
  await page.keyboard.press('Shift+Tab');
  await expect.poll(focusedView).not.toBe('view-axial');
});

test('window presets, window/level drag, zoom, pan and reset', async ({ page }) => {
  const readout = page.getByTestId('window-readout');
  await expect(readout).toHaveText('W 400 / L 40');
  await page.getByTestId('preset-kidney').click();
  await expect(readout).toHaveText('W 250 / L 100');
  await page.getByTestId('preset-bone').click();
  await expect(readout).toHaveText('W 1800 / L 400');
  await page.getByTestId('view-axial').focus();
  await page.keyboard.press('1');
  await expect(readout).toHaveText('W 400 / L 40');

  // Left drag changes the window of every view.
  const box = (await page.getByTestId('view-axial').boundingBox())!;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  await page.mouse.move(cx + 60, cy + 40, { steps: 5 });
  await page.mouse.up();
  await expect(readout).not.toHaveText('W 400 / L 40');
  const windows = await page.evaluate(() =>
    (['axial', 'coronal', 'sagittal'] as const).map((v) =>
      window.__nephroplan!.windowOf(v),
    ),
  );
  expect(windows[0].widthHu).not.toBeCloseTo(400, 0);
  expect(windows[1]).toEqual(windows[0]);
  expect(windows[2]).toEqual(windows[0]);

  // Zoom with "+": two voxels 100 apart move further apart on screen.
  const a0 = await client(page, [78, 128, 43]);
  const b0 = await client(page, [178, 128, 43]);
  await page.keyboard.press('+');
  await page.keyboard.press('+');
  const a1 = await client(page, [78, 128, 43]);
  const b1 = await client(page, [178, 128, 43]);
  expect((b1[0] - a1[0]) / (b0[0] - a0[0])).toBeCloseTo(1.5625, 2);

  // Shift + drag pans: a voxel follows the mouse.
  const p0 = await client(page, [128, 128, 43]);
  await page.mouse.move(cx, cy);
  await page.keyboard.down('Shift');
  await page.mouse.down();
  await page.mouse.move(cx + 50, cy + 30, { steps: 5 });
  await page.mouse.up();
  await page.keyboard.up('Shift');
  const p1 = await client(page, [128, 128, 43]);
  expect(p1[0] - p0[0]).toBeCloseTo(50, -1);
  expect(p1[1] - p0[1]).toBeCloseTo(30, -1);

  await page.getByRole('button', { name: 'Reset view' }).click();
  await expect(readout).toHaveText('W 400 / L 40');
  const a2 = await client(page, [78, 128, 43]);
  const b2 = await client(page, [178, 128, 43]);
  expect(b2[0] - a2[0]).toBeCloseTo(b0[0] - a0[0], 1);
});

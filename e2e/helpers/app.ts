/**
 * Page helpers: open the app, load through the real pickers, wait until the
 * viewer shows the volume, and read the test hook.
 */
import { expect, type Page } from '@playwright/test';
import type { NephroplanTestHook } from '../../src/app/testing/testHook';

export type AppState = ReturnType<NephroplanTestHook['state']>;

/** Opens the app and waits for the test hook. */
export async function openApp(page: Page): Promise<void> {
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning')
      console.log(`[browser ${m.type()}] ${m.text()}`);
  });
  page.on('pageerror', (e) => console.log(`[browser pageerror] ${e.message}`));
  await page.goto('/');
  await page.waitForFunction(() => window.__nephroplan !== undefined);
}

/** Chooses a folder in the "Open folder…" picker (webkitdirectory input). */
export async function chooseFolder(page: Page, dir: string): Promise<void> {
  await page.getByTestId('folder-input').setInputFiles(dir);
}

/** Chooses files in the "Open files…" picker. */
export async function chooseFiles(page: Page, files: string[]): Promise<void> {
  await page.getByTestId('file-input').setInputFiles(files);
}

/** The hook's state. */
export function appState(page: Page): Promise<AppState> {
  return page.evaluate(() => window.__nephroplan!.state());
}

/** Waits until a volume is built and drawn in the views. */
export async function waitForVolume(page: Page): Promise<AppState> {
  await page.waitForFunction(() => window.__nephroplan?.state().status === 'ready');
  await expect(page.locator('section.viewer')).toHaveAttribute('data-ready', 'true');
  await expect(page.getByTestId('slice-counter-axial')).not.toHaveText('');
  return appState(page);
}

/** Opens the built-in example (the synthetic phantom) and waits for its volume. */
export async function openExample(page: Page): Promise<AppState> {
  await page.getByRole('button', { name: 'Open example (synthetic phantom)' }).click();
  return waitForVolume(page);
}

/** Waits until the last load attempt settled (ready, or failed with messages). */
export async function waitForSettled(page: Page): Promise<AppState> {
  await page.waitForFunction(() => {
    const s = window.__nephroplan?.state().status;
    return s === 'ready' || s === 'failed';
  });
  return appState(page);
}

/** HU of voxel (i, j, k) as the app holds it. */
export function appHu(page: Page, ijk: [number, number, number]): Promise<number> {
  return page.evaluate(([i, j, k]) => window.__nephroplan!.huAt(i, j, k), ijk);
}

/** Statistics of a view's canvas pixels. */
export function canvasStats(page: Page, view: 'axial' | 'coronal' | 'sagittal') {
  return page.evaluate((v) => window.__nephroplan!.canvasStats(v), view);
}

/**
 * WebGPU gives the same labels as WASM: the network runs on a few real
 * IRCADb-01 slices through kidney, once per forced backend (each in a worker
 * as in the app), and the raw argmax labels must agree on ≥ 99.9 % of pixels.
 * Few slices only: the WebGPU adapter on the test machines is a software
 * fallback, hundreds of times slower than WASM; no time from it is reported
 * as a speed.
 */
import { expect, test } from '@playwright/test';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { chooseFolder, openApp, waitForVolume } from './helpers/app';
import { IRCADB_DICOM, SHARED_DATA } from './helpers/paths';
import { appGrid, decodeRuns, masksOnGrid } from './helpers/segmentation';

const SLICES = Number(process.env.SEGMENT_WEBGPU_SLICES ?? 2);

test('WebGPU matches WASM on real slices (argmax ≥ 99.9 % identical)', async ({
  page,
}) => {
  test.setTimeout(900_000);
  await openApp(page);
  const hasAdapter = await page.evaluate(async () => {
    const gpu = (navigator as { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
    return !!(gpu && (await gpu.requestAdapter()));
  });
  expect(hasAdapter, 'Chromium offers a WebGPU adapter (--enable-unsafe-webgpu)').toBe(
    true,
  );

  await chooseFolder(page, IRCADB_DICOM);
  await waitForVolume(page);

  // The slices with the most kidney in the reference masks.
  const grid = await appGrid(page);
  const masks = masksOnGrid(
    ['leftkidney', 'rightkidney'].map((s) =>
      path.join(SHARED_DATA, 'ct/ircadb-01/MASKS_DICOM', s),
    ),
    grid,
  );
  const perSlice = grid.dims[0] * grid.dims[1];
  let best = 0;
  let bestCount = -1;
  for (let k = 0; k + SLICES <= grid.dims[2]; k++) {
    let n = 0;
    for (let v = k * perSlice; v < (k + SLICES) * perSlice; v++) n += masks[v];
    if (n > bestCount) [best, bestCount] = [k, n];
  }
  expect(readdirSync(IRCADB_DICOM).length).toBe(grid.dims[2]);

  const runs = await page.evaluate(
    ([first, count]) =>
      window.__nephroplan!.runOnBackends(first, count, ['wasm', 'webgpu']),
    [best, SLICES] as const,
  );
  const [wasm, webgpu] = runs;
  expect(wasm.backend.name).toBe('wasm');
  expect(webgpu.backend.name, webgpu.backend.reason).toBe('webgpu');
  const a = decodeRuns(wasm.runs);
  const b = decodeRuns(webgpu.runs);
  expect(a.length).toBe(SLICES * perSlice);
  expect(b.length).toBe(a.length);

  let same = 0;
  let foreground = 0;
  for (let v = 0; v < a.length; v++) {
    if (a[v] === b[v]) same++;
    if (a[v] > 0) foreground++;
  }
  const agreement = same / a.length;
  console.log(
    `slices ${best}–${best + SLICES - 1}: agreement ${(100 * agreement).toFixed(4)} %, ` +
      `${foreground} foreground pixels on WASM; WebGPU: ${webgpu.backend.reason}`,
  );
  // Agreement on background alone would prove nothing: the slices show kidney.
  expect(foreground).toBeGreaterThan(1000);
  expect(agreement).toBeGreaterThanOrEqual(0.999);
});

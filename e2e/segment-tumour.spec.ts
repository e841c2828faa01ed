/**
 * A study with a tumour made at test time (IRCADb-01 with a real KiTS23
 * tumour shape painted in by e2e/fixtures/make_tumour_study.py; nothing is
 * committed): the app finds the tumour, jumps to the largest slice and marks
 * it, and reports a volume within 10 % of the truth. Then the corrections:
 * eraser and brush change the labels and the measurements, undo restores
 * them exactly.
 */
import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openApp, waitForVolume } from './helpers/app';
import { dropFiles } from './helpers/drop';
import { appGrid, appLabels, segmentInApp } from './helpers/segmentation';

interface Truth {
  tumourVolumeMl: number;
  largestSlice: { zMm: number; areaMm2: number; sortedIndex: number };
  sliceZMm: number[];
  areasMm2: number[];
}

test.describe.configure({ mode: 'serial' });

let study: { dir: string; truth: Truth };
let page: Page;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(300_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'np-tumour-study-'));
  execFileSync('/usr/bin/python3', ['e2e/fixtures/make_tumour_study.py', dir], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  study = { dir, truth: JSON.parse(readFileSync(path.join(dir, 'truth.json'), 'utf8')) };
  page = await browser.newPage();
});

test.afterAll(async () => {
  await page?.close();
});

const hook = () => page.evaluate(() => window.__nephroplan!.segmentation());

/** Drags the brush or eraser across voxels of the axial view. */
async function stroke(points: [number, number, number][]) {
  const before = (await hook()).labelsVersion;
  const client = await Promise.all(
    points.map((p) => page.evaluate((v) => window.__nephroplan!.voxelToClient('axial', v), p)),
  );
  await page.mouse.move(...client[0]);
  await page.mouse.down();
  for (const c of client.slice(1)) await page.mouse.move(c[0], c[1], { steps: 5 });
  await page.mouse.up();
  await page.waitForFunction((v) => window.__nephroplan!.segmentation().labelsVersion > v, before);
  // The measurements follow the edit.
  await page.waitForFunction(() => {
    const s = window.__nephroplan!.segmentation();
    return s.measurements !== null;
  });
}

test('finds the synthetic tumour, shows its largest slice, volume within 10 %', async () => {
  await openApp(page);
  await page.goto('/?backend=wasm');
  await page.waitForFunction(() => window.__nephroplan !== undefined);
  const files = readdirSync(path.join(study.dir, 'dicom')).map((f) =>
    path.join(study.dir, 'dicom', f),
  );
  await dropFiles(page, files);
  await waitForVolume(page);

  const s = await segmentInApp(page);
  const m = s.measurements!;
  const truth = study.truth;
  console.log(
    `tumour ${m.tumourVolumeMl.toFixed(1)} mL (truth ${truth.tumourVolumeMl.toFixed(1)} mL), ` +
      `${m.tumourComponentCount} component(s), largest slice z ` +
      `${m.largestTumourSlice?.centreMm[2].toFixed(1)} mm (truth ${truth.largestSlice.zMm.toFixed(1)})`,
  );
  expect(m.largestTumourSlice, 'a tumour was found').not.toBeNull();
  expect(Math.abs(m.tumourVolumeMl - truth.tumourVolumeMl) / truth.tumourVolumeMl).toBeLessThanOrEqual(0.1);
  await expect(page.getByTestId('m-tumour-volume')).toHaveText(`${m.tumourVolumeMl.toFixed(1)} mL`);

  // The chosen slice is (nearly) the truly largest one: its true tumour area
  // is within 10 % of the largest true area.
  const slice = m.largestTumourSlice!;
  const sorted = truth.sliceZMm.findIndex((z) => Math.abs(z - slice.centreMm[2]) < 0.1);
  expect(sorted, 'the chosen slice is one of the study').toBeGreaterThanOrEqual(0);
  expect(truth.areasMm2[sorted]).toBeGreaterThanOrEqual(0.9 * truth.largestSlice.areaMm2);

  // Jump: the axial view shows that slice, with the marker; the other views
  // show the marker line.
  await expect(page.getByTestId('slice-marker-axial')).toBeHidden();
  await page.getByTestId('seg-jump-largest').click();
  const grid = await appGrid(page);
  await expect(page.getByTestId('slice-counter-axial')).toHaveText(
    `${slice.index + 1} / ${grid.dims[slice.axis]}`,
  );
  await expect(page.getByTestId('slice-marker-axial')).toBeVisible();
  await expect(page.getByTestId('slice-marker-line-coronal')).toBeVisible();
  await expect(page.getByTestId('slice-marker-line-sagittal')).toBeVisible();
  const shown = await page.evaluate(() => window.__nephroplan!.slice('axial'));
  expect(shown.index).toBe(slice.index);
  await page.screenshot({ path: test.info().outputPath('largest-slice.png') });
});

test('eraser, brush and undo update labels, version and measurements', async () => {
  const start = await hook();
  const startLabels = await appLabels(page);
  const slice = start.measurements!.largestTumourSlice!;
  const grid = await appGrid(page);
  // The tumour's centre on the largest slice (the view was centred there).
  const focus = await page.evaluate(() => {
    const h = window.__nephroplan!;
    return [h.slice('sagittal').index, h.slice('coronal').index, h.slice('axial').index];
  });
  expect(focus[2]).toBe(slice.index);
  const k = slice.index;

  // Eraser over the tumour centre.
  await page.getByTestId('seg-tool-eraser').click();
  await stroke([
    [focus[0] - 10, focus[1], k],
    [focus[0] + 10, focus[1], k],
  ]);
  const erased = await hook();
  expect(erased.labelsVersion).toBeGreaterThan(start.labelsVersion);
  expect(erased.undoCount).toBe(1);
  await page.waitForFunction(
    (v) => window.__nephroplan!.segmentation().measurements!.tumourVolumeMl < v,
    start.measurements!.tumourVolumeMl,
  );
  const overlayAfterErase = await page.evaluate(() => window.__nephroplan!.overlayRuns());
  expect(overlayAfterErase).toEqual(await page.evaluate(() => window.__nephroplan!.labelRuns()));

  // Undo: exactly the labels and the measurements of before.
  await page.getByTestId('seg-undo').click();
  await page.waitForFunction((v) => window.__nephroplan!.segmentation().undoCount === 0, null);
  const undone = await appLabels(page);
  expect(Buffer.compare(Buffer.from(undone), Buffer.from(startLabels))).toBe(0);
  await page.waitForFunction(
    (v) => Math.abs(window.__nephroplan!.segmentation().measurements!.tumourVolumeMl - v) < 1e-9,
    start.measurements!.tumourVolumeMl,
  );
  const overlayAfterUndo = await page.evaluate(() => window.__nephroplan!.overlayRuns());
  expect(overlayAfterUndo).toEqual(await page.evaluate(() => window.__nephroplan!.labelRuns()));

  // Tumour brush beside the tumour (it overwrites whatever is there).
  await page.getByTestId('seg-brush-label').selectOption('2');
  await page.getByTestId('seg-tool-brush').click();
  const outside = focus[0] + (focus[0] > grid.dims[0] / 2 ? -1 : 1) * 80;
  await stroke([
    [outside, focus[1] - 10, k],
    [outside, focus[1] + 10, k],
  ]);
  const painted = await hook();
  expect(painted.undoCount).toBe(1);
  await page.waitForFunction(
    (v) => window.__nephroplan!.segmentation().measurements!.tumourVolumeMl > v,
    start.measurements!.tumourVolumeMl,
  );
  const labels = await appLabels(page);
  const changed = labels.reduce((n, v, i) => n + (v !== startLabels[i] ? 1 : 0), 0);
  expect(changed).toBeGreaterThan(0);
  // Every change is tumour on the painted slice.
  const perSlice = grid.dims[0] * grid.dims[1];
  for (let v = 0; v < labels.length; v++) {
    if (labels[v] === startLabels[v]) continue;
    expect(labels[v]).toBe(2);
    expect(Math.floor(v / perSlice)).toBe(k);
  }
  await page.getByTestId('seg-tool-none').click();
});

/**
 * Bad and unusual input gets a clear, specific message, and what was loaded
 * before stays on screen and usable. Fixtures are generated at test time.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { syntheticSeries } from '../scripts/dicom/syntheticSeries';
import { writeNifti } from '../src/core/nifti/writeNifti';
import { makeBadInputs, XSS_NAME, type BadInputs } from './fixtures/badInputs';
import {
  appState,
  canvasStats,
  chooseFolder,
  openApp,
  openExample,
  waitForSettled,
  waitForVolume,
} from './helpers/app';
import { dropFiles } from './helpers/drop';
import { confirmTumour, openMask } from './helpers/planning';
import { appGrid } from './helpers/segmentation';

let fx: BadInputs;
test.beforeAll(() => {
  fx = makeBadInputs();
});

/** The message with `code`, as shown. */
function message(page: Page, code: string) {
  return page.locator(`[data-testid="messages"] li[data-code="${code}"]`);
}

/**
 * Writes a series claiming RLE Lossless over native pixels: its files are
 * listed, but none of its slices can be decoded. Returns the file paths.
 */
function writeUndecodableSeries(dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const files = syntheticSeries({
    seriesUid: '2.25.990',
    seriesDescription: 'BROKEN CT',
    transferSyntaxUid: '1.2.840.10008.1.2.5',
  });
  return files.map(({ name, bytes }) => {
    const file = path.join(dir, name);
    writeFileSync(file, bytes);
    return file;
  });
}

/** Waits for a new load to settle after choosing a folder. */
async function loadFolder(page: Page, dir: string) {
  const before = await appState(page);
  await chooseFolder(page, dir);
  await page.waitForFunction((prev) => {
    const s = window.__nephroplan!.state();
    return (
      (s.status === 'ready' || s.status === 'failed') &&
      JSON.stringify(s.messages) !== prev
    );
  }, JSON.stringify(before.messages));
  return waitForSettled(page);
}

test('a folder with two series and junk files: picker, default CT, junk counted', async ({
  page,
}) => {
  await openApp(page);
  await chooseFolder(page, fx.mixed);
  const state = await waitForVolume(page);

  const rows = page.getByTestId('series-row');
  await expect(rows).toHaveCount(2);
  expect(state.series.map((s) => [s.modality, s.sliceCount])).toEqual([
    ['MR', 5],
    ['CT', 8],
  ]);
  await expect(rows.nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(rows.nth(1)).toContainText('ABDOMEN CT 5mm');
  await expect(rows.nth(1)).toContainText('0.50 × 0.75 × 5.00 mm');
  expect(state.volume!.dims).toEqual([64, 48, 8]);

  const skipped = message(page, 'not-dicom-skipped');
  await expect(skipped).toContainText('Skipped 4 files that are not DICOM');
  await expect(skipped).toContainText(XSS_NAME);

  // Pick the other series: MR is allowed, with a warning.
  await rows.nth(0).click();
  await page.waitForFunction(() => window.__nephroplan!.state().volume?.dims[2] === 5);
  await expect(message(page, 'non-ct')).toContainText('This series is MR, not CT');
  await expect(rows.nth(0)).toHaveAttribute('aria-selected', 'true');
});

test('DICOM objects without an image are named and skipped', async ({ page }) => {
  await openApp(page);
  await chooseFolder(page, fx.nonImages);
  const state = await waitForVolume(page);
  expect(state.volume!.dims[2]).toBe(6);
  const m = message(page, 'non-image-skipped');
  await expect(m).toContainText('Skipped 3 DICOM objects without an image');
  await expect(m).toContainText('report (structured report (SR))');
  await expect(m).toContainText('seg.dcm (segmentation (SEG))');
  await expect(m).toContainText('summary.dcm (encapsulated PDF)');
});

test('a report alone: no image series, said plainly', async ({ page }) => {
  await openApp(page);
  await chooseFolder(page, fx.onlyReport);
  const state = await waitForSettled(page);
  expect(state.status).toBe('failed');
  await expect(message(page, 'no-images')).toHaveText(
    /No image series found among 1 file\./,
  );
  await expect(message(page, 'non-image-skipped')).toContainText(
    'report.dcm (structured report (SR))',
  );
});

test('series faults: non-CT, single slice, missing slices, uneven spacing', async ({
  page,
}) => {
  await openApp(page);
  const cases = [
    { dir: fx.mr, code: 'non-ct', text: 'This series is MR, not CT', slices: 6 },
    {
      dir: fx.single,
      code: 'single-slice',
      text: 'This series has a single slice',
      slices: 1,
    },
    {
      dir: fx.gap,
      code: 'missing-slices',
      text:
        'Missing slices: a 6.00 mm gap after slice 3, filled with 2 empty slices ' +
        '(slices 4–5); the usual spacing is 2.00 mm.',
      // Six slices and the two empty ones that keep them at their positions.
      slices: 8,
    },
    {
      dir: fx.uneven,
      code: 'inconsistent-spacing',
      text: 'from 2.00 to 3.00 mm',
      slices: 6,
    },
  ];
  for (const c of cases) {
    await chooseFolder(page, c.dir);
    await expect(message(page, c.code)).toContainText(c.text);
    const state = await waitForVolume(page);
    expect(state.volume!.dims[2], c.code).toBe(c.slices);
    expect((await canvasStats(page, 'axial')).nonBlackFraction, c.code).toBeGreaterThan(
      0.1,
    );
  }
});

test('truncated and corrupted files are reported, the rest loads', async ({ page }) => {
  await openApp(page);
  await chooseFolder(page, fx.damaged);
  const state = await waitForVolume(page);
  // Five readable slices and one empty slice where the truncated one was.
  expect(state.volume!.dims[2]).toBe(6);
  await expect(message(page, 'missing-slices')).toContainText(
    'after slice 2, filled with 1 empty slice (slice 3)',
  );
  const m = message(page, 'unreadable');
  await expect(m).toContainText('Could not read 2 files');
  await expect(m).toContainText('image_2: pixel data is truncated');
  await expect(m).toContainText('garbage.dcm: the file');
});

test('an unsupported transfer syntax is named', async ({ page }) => {
  await openApp(page);
  await chooseFolder(page, fx.lossyJpeg);
  await waitForSettled(page);
  await expect(message(page, 'unsupported')).toContainText(
    'lossy.dcm: transfer syntax JPEG Extended (12-bit lossy) is not supported',
  );
});

test('an empty drop and a junk folder leave the loaded study usable', async ({
  page,
}) => {
  await openApp(page);
  await openExample(page);

  await dropFiles(page, []);
  await expect(message(page, 'empty-drop')).toHaveText(
    /No files were dropped or chosen\./,
  );

  const state = await loadFolder(page, fx.junkOnly);
  await expect(message(page, 'no-images')).toContainText(
    'No image series found among 4 files',
  );
  expect(state.status).toBe('ready');
  expect(state.volume!.dims).toEqual([256, 256, 64]);
  await expect(page.getByTestId('series-row')).toHaveCount(1);

  // Still usable: scrolling moves the slice and the image is there.
  await page.getByTestId('view-axial').click();
  await page.keyboard.press('PageUp');
  await expect(page.getByTestId('slice-counter-axial')).toHaveText('43 / 64');
  expect((await canvasStats(page, 'axial')).sd).toBeGreaterThan(20);
});

test('junk dropped over a study with a mask says the study is kept, and keeps it', async ({
  page,
}, testInfo) => {
  await openApp(page);
  await openExample(page);

  // A mask on the study's grid, opened and confirmed: work that must survive.
  const grid = await appGrid(page);
  const labels = new Uint8Array(grid.dims[0] * grid.dims[1] * grid.dims[2]);
  const [nx, ny] = grid.dims;
  for (let k = 20; k < 30; k++)
    for (let j = 110; j < 130; j++)
      for (let i = 150; i < 180; i++) labels[i + nx * (j + ny * k)] = i < 170 ? 1 : 2;
  const mask = testInfo.outputPath('mask.nii.gz');
  writeFileSync(mask, writeNifti({ ...grid, labels }));
  await openMask(page, mask);
  await confirmTumour(page);
  const before = await page.evaluate(() => ({
    segmentation: window.__nephroplan!.segmentation(),
    labels: window.__nephroplan!.labelRuns(),
  }));
  expect(before.segmentation.undoCount).toBe(1);

  const notes = testInfo.outputPath('notes.txt');
  writeFileSync(notes, 'Dr. notes: not an image\n');
  await dropFiles(page, [notes]);
  await expect(message(page, 'no-images')).toHaveText(
    'error No image series found among 1 file. The open study ' +
      '("SYNTHETIC PHANTOM abdomen CT") is kept as it was, with its segmentation and edits.',
  );
  await expect(message(page, 'not-dicom-skipped')).toContainText('notes.txt');

  const state = await appState(page);
  expect(state.status).toBe('ready');
  expect(state.isExample).toBe(true);
  expect(state.volume!.dims).toEqual(grid.dims);
  const after = await page.evaluate(() => ({
    segmentation: window.__nephroplan!.segmentation(),
    labels: window.__nephroplan!.labelRuns(),
  }));
  expect(after).toEqual(before);
  await expect(page.getByTestId('plan-review-status')).toBeVisible();
  await expect(page.getByTestId('synthetic-badge')).toBeVisible();

  // A series that is listed but cannot be decoded changes nothing either.
  await dropFiles(page, writeUndecodableSeries(testInfo.outputPath('broken')));
  await expect(message(page, 'decode-error')).toHaveText(
    new RegExp(
      '^error Could not decode series "BROKEN CT": RLE .*\\. The open study ' +
        '\\("SYNTHETIC PHANTOM abdomen CT"\\) is kept as it was, ' +
        'with its segmentation and edits\\.$',
    ),
  );
  const kept = await waitForSettled(page);
  expect({ ...kept, messages: [] }).toEqual({ ...state, messages: [] });
  await expect(page.getByTestId('series-row')).toHaveCount(1);
  await expect(page.getByTestId('series-row')).toContainText('SYNTHETIC PHANTOM');
  expect(
    await page.evaluate(() => ({
      segmentation: window.__nephroplan!.segmentation(),
      labels: window.__nephroplan!.labelRuns(),
    })),
  ).toEqual(before);
  await expect(page.getByTestId('synthetic-badge')).toBeVisible();
});

test('a series that cannot be decoded, dropped over a study, leaves its series and files', async ({
  page,
}, testInfo) => {
  await openApp(page);
  await chooseFolder(page, fx.mixed);
  const before = await waitForVolume(page);
  const rows = page.getByTestId('series-row');
  await expect(rows.nth(1)).toHaveAttribute('aria-selected', 'true');

  await dropFiles(page, writeUndecodableSeries(testInfo.outputPath('broken')));
  await expect(message(page, 'decode-error')).toContainText(
    'The open study ("ABDOMEN CT 5mm") is kept as it was.',
  );
  const after = await waitForSettled(page);
  expect(after.status).toBe('ready');
  expect(after.series).toEqual(before.series);
  expect(after.selectedIndex).toBe(before.selectedIndex);
  expect(after.volume).toEqual(before.volume);
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toHaveAttribute('aria-selected', 'true');

  // The loader still holds the open study's files: its other series opens.
  await rows.nth(0).click();
  await page.waitForFunction(() => window.__nephroplan!.state().volume?.dims[2] === 5);
  await expect(message(page, 'non-ct')).toContainText('This series is MR, not CT');
  await expect(rows.nth(0)).toHaveAttribute('aria-selected', 'true');
});

test('dropped files load through the drop zone', async ({ page }) => {
  await openApp(page);
  const files = readdirSync(fx.mr).map((f) => path.join(fx.mr, f));
  await dropFiles(page, files);
  const state = await waitForVolume(page);
  expect(state.volume!.dims).toEqual([64, 48, 6]);
});

test('markup in DICOM text and file names shows as text and runs nothing', async ({
  page,
}) => {
  await openApp(page);
  await chooseFolder(page, fx.xss);
  await waitForVolume(page);
  // PN splits component groups at "=", so the stored name reads as
  // "<img src = x onerror = "window.__xss = 1">": shown in full, as text.
  await expect(page.getByTestId('patient-name')).toHaveText(
    '<img src = x onerror = "window.__xss = 1">',
  );
  await expect(page.getByTestId('series-description')).toHaveText(
    `<b>bold</b> ${XSS_NAME}`,
  );
  await expect(
    page.locator('.study-info img, .series-picker img, .study-info b'),
  ).toHaveCount(0);

  await chooseFolder(page, fx.mixed);
  await expect(message(page, 'not-dicom-skipped')).toContainText(XSS_NAME);
  await expect(page.locator('[data-testid="messages"] img')).toHaveCount(0);
  expect(
    await page.evaluate(() => (window as unknown as { __xss?: number }).__xss),
  ).toBeUndefined();
});

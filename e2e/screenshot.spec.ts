/**
 * What a person would check on a screenshot of the axial view of the
 * synthetic phantom at the tumour's level: air black, fat dark, muscle mid
 * grey, bone white, both kidneys bright, the tumour visibly darker than its
 * kidney, the patient's left on the screen's right and the spine at the
 * bottom (radiological convention). Points come from the phantom's known
 * anatomy; grey levels are read from the screenshot's pixels. And on the
 * empty page, that the drop hint runs into none of the views' labels.
 */
import { expect, test, type Page } from '@playwright/test';
import { LEFT_KIDNEY, RIGHT_KIDNEY, TUMOUR } from '../scripts/phantom/phantomAnatomy';
import { PHANTOM_GRID } from '../scripts/phantom/phantomGrid';
import { openApp, openExample } from './helpers/app';

type Vec3 = [number, number, number];

/** Phantom LPS millimetres → voxel index (see phantomGrid.ts). */
function toVoxel([x, y, z]: Vec3): Vec3 {
  const g = PHANTOM_GRID;
  return [
    x / g.pixelSpacingMm + (g.columns - 1) / 2,
    y / g.pixelSpacingMm + (g.rows - 1) / 2,
    z / g.sliceSpacingMm + (g.slices - 1) / 2,
  ];
}

/** Mean grey (0–255) of a 5×5 patch around each client point of a PNG. */
async function greyAt(
  page: Page,
  png: Buffer,
  points: [number, number][],
): Promise<number[]> {
  return page.evaluate(
    async ({ b64, pts }) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(bitmap, 0, 0);
      return pts.map(([x, y]) => {
        const d = ctx.getImageData(Math.round(x) - 2, Math.round(y) - 2, 5, 5).data;
        let sum = 0;
        for (let p = 0; p < 25; p++) sum += (d[4 * p] + d[4 * p + 1] + d[4 * p + 2]) / 3;
        return sum / 25;
      });
    },
    { b64: png.toString('base64'), pts: points },
  );
}

test('axial screenshot of the phantom looks like an abdominal CT', async ({
  page,
}, testInfo) => {
  await openApp(page);
  await openExample(page);

  const sliceZ = TUMOUR.centre[2];
  const landmarks: Record<string, Vec3> = {
    air: [-170, -170, sliceZ],
    subcutaneousFat: [0, -112, sliceZ],
    abdominalMuscle: [0, -100, sliceZ],
    vertebralBody: [0, 62, sliceZ],
    rightKidney: [RIGHT_KIDNEY.centre[0] - 12, RIGHT_KIDNEY.centre[1], sliceZ],
    leftKidney: [LEFT_KIDNEY.centre[0] - 14, LEFT_KIDNEY.centre[1], sliceZ],
    tumour: TUMOUR.centre,
  };
  const names = Object.keys(landmarks);
  const voxels = names.map((n) => toVoxel(landmarks[n]));
  await page.evaluate(
    (v) => window.__nephroplan!.showVoxel(v),
    voxels[names.indexOf('tumour')],
  );
  await page.mouse.move(0, 0);
  const points = await page.evaluate(
    (vs) => vs.map((v) => window.__nephroplan!.voxelToClient('axial', v)),
    voxels,
  );

  const png = await page.screenshot();
  await testInfo.attach('axial-phantom.png', { body: png, contentType: 'image/png' });
  const grey: Record<string, number> = {};
  (await greyAt(page, png, points)).forEach((g, i) => (grey[names[i]] = g));
  const at = Object.fromEntries(names.map((n, i) => [n, points[i]])) as Record<
    string,
    [number, number]
  >;

  // Soft-tissue window W 400 / L 40: grey = (HU + 160) / 400 * 255.
  expect(grey.air, 'air is black').toBeLessThan(15);
  expect(grey.subcutaneousFat, 'fat (−100 HU) is dark grey').toBeGreaterThan(20);
  expect(grey.subcutaneousFat).toBeLessThan(60);
  expect(grey.abdominalMuscle, 'muscle (50 HU) is mid grey').toBeGreaterThan(115);
  expect(grey.abdominalMuscle).toBeLessThan(155);
  expect(grey.vertebralBody, 'bone is white').toBeGreaterThan(240);
  for (const k of ['leftKidney', 'rightKidney']) {
    expect(grey[k], `${k} (160 HU) is light grey`).toBeGreaterThan(185);
    expect(grey[k]).toBeLessThan(225);
  }
  expect(grey.leftKidney - grey.tumour, 'tumour darker than its kidney').toBeGreaterThan(
    25,
  );

  // Radiological convention: patient's left on screen right, anterior up.
  expect(at.leftKidney[0]).toBeGreaterThan(at.rightKidney[0] + 100);
  expect(at.vertebralBody[1]).toBeGreaterThan(at.abdominalMuscle[1] + 100);
  expect(at.tumour[0]).toBeGreaterThan(at.vertebralBody[0]);
  const edges = page.getByTestId('edge-labels-axial');
  await expect(edges.locator('.edge-top')).toHaveText('A');
  await expect(edges.locator('.edge-right')).toHaveText('L');
  await expect(page.getByTestId('edge-labels-coronal').locator('.edge-top')).toHaveText(
    'S',
  );
  await expect(page.getByTestId('edge-labels-sagittal').locator('.edge-left')).toHaveText(
    'A',
  );
});

test("the empty page's drop hint runs into no view label", async ({ page }, testInfo) => {
  await openApp(page);
  for (const [width, height] of [
    [1400, 900],
    [1024, 700],
  ]) {
    await page.setViewportSize({ width, height });
    await expect(page.getByTestId('empty-hint')).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath(`empty-${width}x${height}.png`) });
    // The hint's element fills its view: compare the boxes of its text lines.
    const overlaps = await page.evaluate(() => {
      const range = document.createRange();
      range.selectNodeContents(document.querySelector('[data-testid="empty-hint"]')!);
      const lines = [...range.getClientRects()];
      const labels = [...document.querySelectorAll('.view-name, .slice-counter')];
      return labels
        .filter((label) => {
          const r = label.getBoundingClientRect();
          return lines.some(
            (l) =>
              l.left < r.right &&
              r.left < l.right &&
              l.top < r.bottom &&
              r.top < l.bottom,
          );
        })
        .map((label) => label.textContent);
    });
    expect(overlaps, `${width}×${height}`).toEqual([]);
  }
});

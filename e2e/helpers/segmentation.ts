/**
 * Helpers of the segmentation specs (e2e/segment-*.spec.ts): run the app's
 * segmentation through its panel, fetch its labels, read reference masks with
 * dicom-parser (no app code), put them on the app's grid, Dice, and the
 * figures the model's evaluation states.
 */
import { expect, type Page } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import dicomParser from 'dicom-parser';

type Vec3 = [number, number, number];

/** The app's volume geometry, as the test hook reports it. */
export interface Grid {
  dims: Vec3;
  spacingMm: Vec3;
  originMm: Vec3;
  direction: [Vec3, Vec3, Vec3];
}

/** The network folder the app serves (see scripts/vite/serveModels.ts). */
export const MODEL_DIR = path.resolve(
  process.env.NEPHROPLAN_SEG_MODEL_DIR ?? 'models/segmentation',
);

/** Inclusive voxel bounds. */
export type Box = { min: [number, number, number]; max: [number, number, number] };

/** Labels on `grid`: each box (inclusive voxel bounds) painted with its label, in order. */
export function paintBoxes(grid: Grid, boxes: [number, Box][]): Uint8Array {
  const [nx, ny] = grid.dims;
  const labels = new Uint8Array(grid.dims[0] * grid.dims[1] * grid.dims[2]);
  for (const [label, { min, max }] of boxes) {
    for (let k = min[2]; k <= max[2]; k++)
      for (let j = min[1]; j <= max[1]; j++)
        for (let i = min[0]; i <= max[0]; i++) labels[i + nx * (j + ny * k)] = label;
  }
  return labels;
}

/** Expands [value, count, …] runs into a label array. */
export function decodeRuns(runs: number[]): Uint8Array {
  let n = 0;
  for (let r = 1; r < runs.length; r += 2) n += runs[r];
  const out = new Uint8Array(n);
  let v = 0;
  for (let r = 0; r < runs.length; r += 2) {
    out.fill(runs[r], v, v + runs[r + 1]);
    v += runs[r + 1];
  }
  return out;
}

/** Clicks "Segment" and waits for the run to finish; returns the hook's state. */
export async function segmentInApp(page: Page, timeoutMs = 600_000) {
  const before = await page.evaluate(() => window.__nephroplan!.segmentation());
  await page.getByTestId('seg-run-button').click();
  await page.waitForFunction(
    (version) => {
      const s = window.__nephroplan!.segmentation();
      return s.status === 'failed' || (s.status === 'done' && s.labelsVersion > version);
    },
    before.labelsVersion,
    { timeout: timeoutMs, polling: 500 },
  );
  const s = await page.evaluate(() => window.__nephroplan!.segmentation());
  expect(s.status, s.message ?? '').toBe('done');
  return s;
}

/** The app's current labels (store), decoded. */
export async function appLabels(page: Page): Promise<Uint8Array> {
  const runs = await page.evaluate(() => window.__nephroplan!.labelRuns());
  if (!runs) throw new Error('the app has no labels');
  return decodeRuns(runs);
}

/** The app's volume geometry. */
export async function appGrid(page: Page): Promise<Grid> {
  const v = (await page.evaluate(() => window.__nephroplan!.state())).volume;
  if (!v) throw new Error('no volume');
  return v as Grid;
}

const dot = (a: number[], b: number[]) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];

/**
 * Reads binary mask series (any non-zero pixel) with dicom-parser and puts
 * their union on the app's grid by each slice's position and orientation.
 *
 * @throws when a slice does not lie on a slice of the grid
 */
export function masksOnGrid(folders: string[], grid: Grid): Uint8Array {
  const [nx, ny, nz] = grid.dims;
  const out = new Uint8Array(nx * ny * nz);
  for (const folder of folders) {
    for (const name of readdirSync(folder)) {
      const bytes = readFileSync(path.join(folder, name));
      const ds = dicomParser.parseDicom(new Uint8Array(bytes));
      const rows = ds.uint16('x00280010')!;
      const cols = ds.uint16('x00280011')!;
      const bits = ds.uint16('x00280100')!;
      const position = [0, 1, 2].map((i) => ds.floatString('x00200032', i)!);
      const orientation = [0, 1, 2, 3, 4, 5].map((i) => ds.floatString('x00200037', i)!);
      const element = ds.elements.x7fe00010;
      const pixels =
        bits === 8
          ? new Uint8Array(
              bytes.buffer,
              bytes.byteOffset + element.dataOffset,
              rows * cols,
            )
          : new Uint16Array(
              bytes.buffer.slice(
                bytes.byteOffset + element.dataOffset,
                bytes.byteOffset + element.dataOffset + rows * cols * 2,
              ),
            );

      if (rows !== ny || cols !== nx)
        throw new Error(`${name}: size differs from the CT`);
      const same = (a: number[], b: number[]) =>
        a.every((x, i) => Math.abs(x - b[i]) < 1e-3);
      if (
        !same(orientation.slice(0, 3), grid.direction[0]) ||
        !same(orientation.slice(3), grid.direction[1])
      )
        throw new Error(`${name}: orientation differs from the CT's`);
      const d = position.map((p, i) => p - grid.originMm[i]);
      const k = dot(d, grid.direction[2]) / grid.spacingMm[2];
      const inPlane = [dot(d, grid.direction[0]), dot(d, grid.direction[1])];
      if (Math.abs(k - Math.round(k)) > 0.05 || Math.hypot(...inPlane) > 0.05)
        throw new Error(`${name}: not on a slice of the CT grid`);
      const offset = Math.round(k) * nx * ny;
      for (let p = 0; p < rows * cols; p++) if (pixels[p] !== 0) out[offset + p] = 1;
    }
  }
  return out;
}

/** Dice of `a > 0` and `b > 0`. */
export function dice(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length) throw new Error('arrays differ in length');
  let both = 0;
  let na = 0;
  let nb = 0;
  for (let v = 0; v < a.length; v++) {
    const x = a[v] > 0;
    const y = b[v] > 0;
    if (x) na++;
    if (y) nb++;
    if (x && y) both++;
  }
  return na + nb === 0 ? 1 : (2 * both) / (na + nb);
}

/** Dice of each label value present in either map, and of the union. */
export function labelDice(a: Uint8Array, b: Uint8Array, value: number): number {
  let both = 0;
  let na = 0;
  let nb = 0;
  for (let v = 0; v < a.length; v++) {
    const x = a[v] === value;
    const y = b[v] === value;
    if (x) na++;
    if (y) nb++;
    if (x && y) both++;
  }
  return na + nb === 0 ? 1 : (2 * both) / (na + nb);
}

/**
 * The kidney Dice on 3D-IRCADb-01 that the model card states for the app's
 * pipeline (after its clean-up), as printed, checked against the evaluation
 * file the card is written from (`ircadb-01.kidney_dice_3d_postprocessed`).
 *
 * @throws when the card states no such figure, or card and file disagree
 */
export function statedIrcadbDice(): { dice: number; decimals: number; card: string } {
  const card = readFileSync(path.join(MODEL_DIR, 'MODEL_CARD.md'), 'utf8');
  const evaluation = JSON.parse(
    readFileSync(path.join(MODEL_DIR, 'evaluation.json'), 'utf8'),
  );
  const exact = evaluation['ircadb-01']?.kidney_dice_3d_postprocessed;
  const match = /3D-IRCADb-01 after the app's clean-up[^:]*: kidney Dice (\d\.\d+)/.exec(
    card,
  );
  const printed = match?.[1] ?? (typeof exact === 'number' ? exact.toFixed(3) : null);
  if (!printed || typeof exact !== 'number' || !card.includes(printed)) {
    throw new Error('the model card states no IRCADb-01 kidney Dice after the clean-up');
  }
  const decimals = printed.length - 2;
  if (exact.toFixed(decimals) !== printed) {
    throw new Error(`card (${printed}) and evaluation.json (${exact}) disagree`);
  }
  return { dice: Number(printed), decimals, card };
}

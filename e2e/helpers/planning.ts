/**
 * Planning-panel helpers: run the CLI's `plan` on a mask file (the reference
 * the app's numbers are checked against), confirm a mask's tumour, and read
 * the numbers the panel shows.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, type Page } from '@playwright/test';
import type { PlanResult } from '../../src/core/planning/planCase';
import { SHARED_DATA } from './paths';

/** Real KiTS masks (labels 0–3 on their own grids). */
export const KITS_MASKS = path.join(SHARED_DATA, 'kits/masks');

export const kitsMask = (id: number) =>
  path.join(KITS_MASKS, `case_${String(id).padStart(5, '0')}.nii.gz`);

export interface Clinical {
  age: string;
  bmi: string;
  size: string;
}

/** `npm run cli -- plan` on a mask with the given values; its JSON. */
export async function cliPlan(mask: string, c: Clinical): Promise<PlanResult> {
  const { stdout } = await promisify(execFile)(
    'npx',
    [
      'tsx',
      'src/cli/main.ts',
      'plan',
      '--mask',
      mask,
      '--age',
      c.age,
      '--bmi',
      c.bmi,
      '--size',
      c.size,
    ],
    { timeout: 120_000 },
  );
  return JSON.parse(stdout) as PlanResult;
}

/** The first number in a text ("7.2 %" → 7.2, "−3" → −3). */
export function numberIn(text: string): number {
  const m = /[−-]?\d+(\.\d+)?/.exec(text);
  if (!m) throw new Error(`no number in "${text}"`);
  return Number(m[0].replace('−', '-'));
}

export interface ShownPlan {
  procedure: string;
  pRadicalPercent: number;
  approach: string;
  pRetroPercent: number;
  timeMin: number;
  intervalMin: [number, number];
}

/** The plan as the panel shows it. */
export async function shownPlan(page: Page): Promise<ShownPlan> {
  const text = (id: string) => page.getByTestId(id).innerText();
  const interval = (await text('time-interval')).split('–').map(numberIn);
  return {
    procedure: await text('procedure-recommendation'),
    pRadicalPercent: numberIn(await text('procedure-probability')),
    approach: await text('approach-recommendation'),
    pRetroPercent: numberIn(await text('approach-probability')),
    timeMin: numberIn(await text('time-predicted')),
    intervalMin: [interval[0], interval[1]],
  };
}

const NAMES: Record<string, string> = {
  partial_nephrectomy: 'Partial nephrectomy',
  radical_nephrectomy: 'Radical nephrectomy',
  transperitoneal: 'Transperitoneal',
  retroperitoneal: 'Retroperitoneal',
};

/**
 * Checks the shown plan against the CLI's: the same decisions (none for an
 * approach head that does not beat its base rate), and each
 * number equal to the CLI's to the shown precision (0.1 %, 1 min) plus a
 * margin for tfjs WASM float differences between browser and Node.
 */
export function expectSamePlan(shown: ShownPlan, cli: PlanResult): void {
  expect(shown.procedure).toBe(NAMES[cli.procedure.recommendation]);
  // An approach head that does not beat the base rate recommends nothing.
  if (cli.approach.performance.comparison?.significantlyBetter) {
    expect(shown.approach).toBe(NAMES[cli.approach.recommendation]);
  } else {
    expect(shown.approach).toMatch(/^No recommendation: the model does not beat/);
  }
  expect(
    Math.abs(shown.pRadicalPercent - 100 * cli.procedure.probabilityRadical),
  ).toBeLessThan(0.051);
  expect(
    Math.abs(shown.pRetroPercent - 100 * cli.approach.probabilityRetroperitoneal),
  ).toBeLessThan(0.051);
  expect(Math.abs(shown.timeMin - cli.operativeTime.predictedMin)).toBeLessThan(0.51);
  expect(Math.abs(shown.intervalMin[0] - cli.operativeTime.intervalMin[0])).toBeLessThan(
    0.51,
  );
  expect(Math.abs(shown.intervalMin[1] - cli.operativeTime.intervalMin[1])).toBeLessThan(
    0.51,
  );
}

/** Fills the clinical form (BMI typed directly). */
export async function fillForm(page: Page, c: Partial<Clinical>): Promise<void> {
  if (c.age !== undefined) await page.getByLabel('Age (years)').fill(c.age);
  if (c.bmi !== undefined) await page.getByLabel('BMI (kg/m²)').fill(c.bmi);
  if (c.size !== undefined) await page.getByLabel('Radiological size (cm)').fill(c.size);
}

/** The button that lets a mask's tumour drive the plan. */
export const CONFIRM_TUMOUR = 'Tumour mask reviewed — use it for planning';

/** Confirms the tumour of the mask on screen, as the urologist does after checking it. */
export async function confirmTumour(page: Page): Promise<void> {
  await page.getByRole('button', { name: CONFIRM_TUMOUR }).click();
  await expect(page.getByTestId('plan-review-status')).toBeVisible();
}

/** Opens a mask file through "Open mask…". */
export async function openMask(page: Page, file: string): Promise<void> {
  await page.getByTestId('mask-input').setInputFiles(file);
  await expect(page.getByTestId('plan-mask-source')).toContainText(path.basename(file));
}

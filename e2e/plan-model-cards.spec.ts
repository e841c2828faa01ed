/**
 * The model cards in the app: the planning card (training data, validation,
 * figures against trivial baselines, limitations) as models/planning/
 * MODEL_CARD.md says, and the segmentation card or a plain note that this
 * build has none.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { openApp } from './helpers/app';

const heading = (md: string) => /^# (.*)$/m.exec(md)?.[1] ?? '';

test('shows the planning and segmentation model cards', async ({ page }) => {
  await openApp(page);
  const dialog = page.getByTestId('model-card-dialog');

  await page.getByRole('button', { name: 'Planning', exact: true }).click();
  await expect(dialog).toBeVisible();
  const card = readFileSync('models/planning/MODEL_CARD.md', 'utf8');
  const body = page.getByTestId('model-card-body');
  await expect(body).toContainText(heading(card));
  for (const section of ['Data', 'Method', 'Limitations']) {
    await expect(body.getByRole('heading', { name: section, exact: true })).toBeVisible();
  }
  // The results table with the trivial baselines, cell for cell.
  const row = body.getByRole('row', { name: /^Baseline: one size cut-off/ }).first();
  const line = card
    .split('\n')
    .find((l) => l.startsWith('| Baseline: one size cut-off'))!;
  const cells = line
    .split('|')
    .slice(1, -1)
    .map((c) => c.trim());
  await expect(row.getByRole('cell')).toHaveText(cells);
  await page.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();

  await page.getByRole('button', { name: 'Segmentation', exact: true }).click();
  const segDir = process.env.NEPHROPLAN_SEG_MODEL_DIR ?? 'models/segmentation';
  const segCard = path.join(segDir, 'MODEL_CARD.md');
  if (existsSync(segCard)) {
    await expect(body).toContainText(heading(readFileSync(segCard, 'utf8')));
  } else {
    await expect(body).toHaveText(
      'No segmentation model card in this build (models/segmentation/MODEL_CARD.md).',
    );
  }
});

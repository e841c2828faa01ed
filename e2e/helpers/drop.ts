/**
 * Drops files on the page the way a browser does: a `drop` event carrying a
 * DataTransfer with File objects, dispatched on the drop zone.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';

/** Drops `files` (paths on disk; none for an empty drop) on the app. */
export async function dropFiles(page: Page, files: string[]): Promise<void> {
  const payload = files.map((f) => ({
    name: path.basename(f),
    base64: readFileSync(f).toString('base64'),
  }));
  const dataTransfer = await page.evaluateHandle((items) => {
    const dt = new DataTransfer();
    for (const { name, base64 } of items) {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      dt.items.add(new File([bytes], name));
    }
    return dt;
  }, payload);
  await page.dispatchEvent('[data-testid="drop-zone"]', 'dragover', { dataTransfer });
  await page.dispatchEvent('[data-testid="drop-zone"]', 'drop', { dataTransfer });
}

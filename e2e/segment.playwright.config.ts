/**
 * The segmentation specs (e2e/segment-*.spec.ts) on their own build and port,
 * so they can run while other suites use the default server on 4173:
 *
 *   npx playwright test -c e2e/segment.playwright.config.ts [spec]
 *
 * `NEPHROPLAN_SEG_MODEL_DIR` (see scripts/vite/serveModels.ts) selects another
 * network folder. The specs also run under the default playwright.config.ts.
 */
import { defineConfig } from '@playwright/test';
import base from '../playwright.config';

const PORT = Number(process.env.SEGMENT_E2E_PORT ?? 4174);
const OUT = 'tmp/segment-e2e-dist';

export default defineConfig({
  ...base,
  testDir: '.',
  testMatch: /segment-.*\.spec\.ts$/,
  timeout: 900_000,
  use: { ...base.use, baseURL: `http://127.0.0.1:${PORT}` },
  webServer: {
    command:
      `npx vite build --outDir ${OUT} --emptyOutDir && ` +
      `npx vite preview --outDir ${OUT} --host 127.0.0.1 --port ${PORT} --strictPort`,
    cwd: '..',
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: false,
    timeout: 300_000,
  },
});

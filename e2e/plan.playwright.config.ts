/**
 * The planning specs (e2e/plan-*.spec.ts) on their own build and port, so
 * they can run while other suites use the default server on 4173:
 *
 *   npx playwright test -c e2e/plan.playwright.config.ts [spec]
 *
 * The specs also run under the default playwright.config.ts.
 */
import { defineConfig } from '@playwright/test';
import base from '../playwright.config';

const PORT = Number(process.env.PLAN_E2E_PORT ?? 4183);
const OUT = 'tmp/plan-e2e-dist';

export default defineConfig({
  ...base,
  testDir: '.',
  testMatch: /plan-.*\.spec\.ts$/,
  // Own results folder: another suite's run empties the shared test-results/.
  outputDir: '../tmp/plan-e2e-results',
  use: { ...base.use, baseURL: `http://127.0.0.1:${PORT}` },
  webServer: {
    command:
      `npx vite build --bypass-lock --outDir ${OUT} --emptyOutDir && ` +
      `npx vite preview --bypass-lock --outDir ${OUT} --host 127.0.0.1 --port ${PORT} --strictPort`,
    cwd: '..',
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: false,
    timeout: 300_000,
  },
});

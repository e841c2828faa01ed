/**
 * Drives the benchmark page in headless Chromium: one fresh page per backend,
 * so no backend inherits another's memory or compiled shaders.
 */
import { chromium } from '@playwright/test';
import {
  variantLabel,
  type BackendId,
  type BackendReport,
  type ModelVariant,
} from '../../src/bench/types';
import type { BenchServer } from './server';

/** The headless flags measured to work here (docs: platform.md). */
const BASE_FLAGS = [
  '--enable-unsafe-webgpu',
  '--no-sandbox',
  '--disable-gpu-sandbox',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--enable-precise-memory-info',
];

export interface BrowserBenchParams {
  server: BenchServer;
  backends: BackendId[];
  /** Model variants run on every tfjs backend. */
  variants: ModelVariant[];
  chromium: string;
  extraFlags: string[];
  timeoutS: number;
}

export interface BrowserBenchResult {
  reports: BackendReport[];
  browserVersion: string;
  flags: string[];
  /** Requests the page made to any other origin (must stay empty). */
  foreignRequests: string[];
}

export async function runBrowserBench(p: BrowserBenchParams): Promise<BrowserBenchResult> {
  const flags = [...BASE_FLAGS, ...p.extraFlags];
  const browser = await chromium.launch({
    executablePath: p.chromium,
    headless: true,
    args: flags,
  });
  const reports: BackendReport[] = [];
  const foreignRequests: string[] = [];
  try {
    const runs = p.backends.flatMap((backend) =>
      (backend.startsWith('tfjs-') ? p.variants : (['baseline'] as const)).map(
        (variant) => ({ backend, variant }),
      ),
    );
    for (const { backend, variant } of runs) {
      const label = variantLabel(backend, variant);
      console.error(`bench: browser ${label}`);
      const context = await browser.newContext();
      const page = await context.newPage();
      page.on('request', (r) => {
        if (!r.url().startsWith(p.server.origin) && !r.url().startsWith('data:')) {
          foreignRequests.push(r.url());
        }
      });
      const started = Date.now();
      page.on('console', (m) => {
        if (m.text().startsWith('bench-status: ')) {
          const s = ((Date.now() - started) / 1000).toFixed(0);
          console.error(`bench:   ${s} s ${m.text().slice('bench-status: '.length)}`);
        } else if (m.type() === 'error' || m.type() === 'warning') {
          console.error(`bench: [page ${label}] ${m.text()}`);
        }
      });
      page.on('pageerror', (e) => console.error(`bench: [page ${label}] ${e.message}`));
      try {
        await page.goto(`${p.server.origin}/bench.html?backend=${backend}&variant=${variant}`);
        await page.waitForFunction(() => 'benchReport' in window, null, {
          timeout: p.timeoutS * 1000,
          polling: 500,
        });
        reports.push(
          await page.evaluate(
            () => (window as unknown as { benchReport: BackendReport }).benchReport,
          ),
        );
      } catch (err) {
        reports.push({
          backend,
          variant,
          actualBackend: 'unknown',
          ok: false,
          error: `page did not finish: ${err instanceof Error ? err.message.split('\n')[0] : err}`,
          notes: [],
          timings: [],
        });
      } finally {
        await context.close();
      }
    }
    return { reports, browserVersion: browser.version(), flags, foreignRequests };
  } finally {
    await browser.close();
  }
}

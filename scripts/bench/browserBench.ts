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
  type RunSpec,
} from '../../src/bench/types';
import type { BenchServer } from './server';
import { CHROMIUM_FLAGS } from '../chromiumFlags';

/** The shared headless flags, plus memory figures for the report. */
const BASE_FLAGS = [...CHROMIUM_FLAGS, '--enable-precise-memory-info'];

export interface BrowserBenchParams {
  server: BenchServer;
  backends: BackendId[];
  /** Model variants run on every tfjs backend. */
  variants: ModelVariant[];
  /** Time a tfjs backend and its onnxruntime peer in one page, interleaved. */
  interleave: boolean;
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

/** The tfjs backend a run needs (one per page), or its peer's. */
const PAGE_GROUP: Record<string, string> = {
  'tfjs-wasm': 'wasm',
  'ort-wasm': 'wasm',
  'tfjs-webgpu': 'webgpu',
  'ort-webgpu': 'webgpu',
  'tfjs-webgl': 'webgl',
};

/** Pages to open: each a list of runs that share one tfjs backend. */
export function planPages(
  p: Pick<BrowserBenchParams, 'backends' | 'variants' | 'interleave'>,
): RunSpec[][] {
  const runs: RunSpec[] = p.backends.flatMap((backend) =>
    (backend.startsWith('tfjs-') ? p.variants : (['baseline'] as const)).map(
      (variant) => ({
        backend,
        variant,
      }),
    ),
  );
  if (!p.interleave) return runs.map((r) => [r]);
  const groups = new Map<string, RunSpec[]>();
  for (const r of runs) {
    const key = PAGE_GROUP[r.backend];
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.values()];
}

export async function runBrowserBench(
  p: BrowserBenchParams,
): Promise<BrowserBenchResult> {
  const flags = [...BASE_FLAGS, ...p.extraFlags];
  const browser = await chromium.launch({
    executablePath: p.chromium,
    headless: true,
    args: flags,
  });
  const reports: BackendReport[] = [];
  const foreignRequests: string[] = [];
  try {
    for (const runs of planPages(p)) {
      const label = runs.map((r) => variantLabel(r.backend, r.variant)).join(', ');
      console.error(`bench: browser page: ${label}`);
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
          console.error(`bench: [page] ${m.text()}`);
        }
      });
      page.on('pageerror', (e) => console.error(`bench: [page] ${e.message}`));
      try {
        const query = runs.map((r) => `${r.backend}:${r.variant}`).join(',');
        await page.goto(`${p.server.origin}/bench.html?runs=${query}`);
        await page.waitForFunction(() => 'benchReports' in window, null, {
          timeout: p.timeoutS * 1000,
          polling: 500,
        });
        reports.push(
          ...(await page.evaluate(
            () => (window as unknown as { benchReports: BackendReport[] }).benchReports,
          )),
        );
      } catch (err) {
        const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
        for (const r of runs) {
          reports.push({
            ...r,
            actualBackend: 'unknown',
            ok: false,
            error: `page did not finish: ${message}`,
            notes: [],
            timings: [],
          });
        }
      } finally {
        await context.close();
      }
    }
    return { reports, browserVersion: browser.version(), flags, foreignRequests };
  } finally {
    await browser.close();
  }
}

/**
 * `npm run bench`: the shipped segmentation network on real CT slices through
 * tfjs (WebGPU, WebGL, WASM) and its ONNX export through onnxruntime-web
 * (WebGPU, WASM) in headless Chromium, and tfjs WASM against onnxruntime-node
 * in Node. Prints a table and writes the same as JSON (bench-results/).
 *
 * See docs/performance.md for the options, the GPU-machine recipe and the
 * figures; `npm run bench -- --help` lists the options.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { compareOutputs } from '../src/bench/compare';
import type { BackendId, BackendReport, PageConfig } from '../src/bench/types';
import { runBrowserBench, type BrowserBenchResult } from './bench/browserBench';
import { countTopologyFlops } from './bench/flops';
import { readManifest, readModelJson } from './bench/modelFiles';
import { runNodeBench } from './bench/nodeBench';
import { BROWSER_BACKENDS, parseOptions } from './bench/options';
import {
  PEER,
  buildRows,
  formatAdapter,
  formatReport,
  type Comparison,
} from './bench/report';
import { startBenchServer } from './bench/server';
import { openStudyVolume, pickSliceIndices } from '../src/bench/study/openStudy';
import { listStudy, readStudyFiles } from './bench/studyFiles';

function git(args: string[]): string {
  try {
    return execFileSync('git', args, { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

/**
 * Parity pairs: every output against its onnxruntime peer and against the
 * CPU reference (onnxruntime WASM, FP32), and Node against the browser.
 */
function comparePairs(
  outputs: Map<string, Float32Array>,
  numLabels: number,
): Comparison[] {
  const pairs: [string, string][] = [];
  for (const label of outputs.keys()) {
    const backend = label.split('+')[0] as BackendId;
    const peer = PEER[backend];
    if (peer !== label) pairs.push([label, peer]);
    if (!backend.startsWith('node-') && peer !== 'ort-wasm' && label !== 'ort-wasm') {
      pairs.push([label, 'ort-wasm']);
    }
  }
  pairs.push(['node-ort-cpu', 'ort-wasm']);
  return pairs
    .filter(([a, b]) => outputs.has(a) && outputs.has(b))
    .map(([a, b]) => ({
      a,
      b,
      ...compareOutputs(outputs.get(a)!, outputs.get(b)!, numLabels),
    }));
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const manifest = readManifest(options.modelDir);
  const flops = await countTopologyFlops(
    readModelJson(join(options.modelDir, manifest.modelFile)).modelTopology,
    manifest.input.sizePx,
  );
  const studyNames = listStudy(options.studyDir);
  const files = readStudyFiles(options.studyDir, studyNames);
  const sliceCount = (await openStudyVolume(files)).dims[2];
  const sliceIndices = pickSliceIndices(sliceCount, options.slices);
  console.error(
    `bench: ${manifest.name} ${manifest.version}: ${(flops.total / 1e9).toFixed(2)} GFLOP per slice; ` +
      `slices ${sliceIndices.join(',')} of ${sliceCount} from ${options.studyDir}`,
  );

  const reports: BackendReport[] = [];
  const outputs = new Map<string, Float32Array>();
  let browser: BrowserBenchResult | undefined;

  const browserBackends = options.backends.filter((b) => BROWSER_BACKENDS.includes(b));
  if (options.targets.includes('browser') && browserBackends.length > 0) {
    // Its own output folder: other builds of the shared tree use dist/.
    const distDir = join(options.outDir, 'dist');
    if (!options.noBuild) {
      console.error(`bench: vite build → ${distDir}`);
      execFileSync(
        'npx',
        [
          'vite',
          'build',
          '--outDir',
          distDir,
          '--emptyOutDir',
          '--bypass-lock',
          '--logLevel',
          'error',
        ],
        { stdio: 'inherit' },
      );
    }
    const config: PageConfig = {
      manifestUrl: '/bench-model/manifest.json',
      studyUrls: studyNames.map((n) => `/bench-data/${encodeURIComponent(n)}`),
      sliceIndices,
      studyKinds: { none: [], cpu: ['cpu'], all: ['cpu', 'gpu'] }[
        options.study
      ] as PageConfig['studyKinds'],
      warmupRuns: options.warmupRuns,
      repetitions: options.repetitions,
      batches: options.batches,
      readback: options.readback,
      fallbackGpu: options.fallbackGpu,
      outputUrl: '/bench-out',
    };
    const server = await startBenchServer({
      distDir: resolve(distDir),
      modelDir: resolve(options.modelDir),
      studyDir: resolve(options.studyDir),
      studyNames,
      config,
    });
    try {
      browser = await runBrowserBench({
        server,
        backends: browserBackends,
        variants: options.variants,
        interleave: options.interleave,
        chromium: options.chromium,
        extraFlags: options.chromiumFlags,
        timeoutS: options.backendTimeoutS,
      });
      reports.push(...browser.reports);
      for (const [id, buf] of server.outputs) {
        const copy = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
        outputs.set(id, new Float32Array(copy as ArrayBuffer));
      }
    } finally {
      await server.close();
    }
  }

  if (
    options.targets.includes('node') &&
    options.backends.some((b) => b.startsWith('node-'))
  ) {
    const node = await runNodeBench({
      options,
      manifest,
      files,
      sliceIndices,
    });
    reports.push(...node.reports);
    for (const [id, o] of node.outputs) outputs.set(id, o);
  }

  const rows = buildRows(reports, flops.total);
  const comparisons = comparePairs(outputs, manifest.labels.length);
  const machine =
    options.machine ||
    `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB`;

  console.log('');
  console.log(
    `network: ${manifest.name} ${manifest.version} (${options.modelDir}), ` +
      `${(flops.total / 1e9).toFixed(3)} GFLOP per ${manifest.input.sizePx}² slice`,
  );
  console.log(
    `machine: ${machine}${browser ? `; Chromium ${browser.browserVersion}` : ''}`,
  );
  const adapter = reports.find((r) => r.adapter)?.adapter;
  if (adapter) console.log(formatAdapter(adapter));
  console.log(formatReport(reports, rows, comparisons));
  if (browser) {
    console.log(
      browser.foreignRequests.length === 0
        ? 'requests: all to the bench origin (127.0.0.1)'
        : `requests to other origins: ${browser.foreignRequests.join(', ')}`,
    );
  }

  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  mkdirSync(options.outDir, { recursive: true });
  const file = join(options.outDir, `bench-${stamp}.json`);
  writeFileSync(
    file,
    JSON.stringify(
      {
        date: new Date().toISOString(),
        command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
        commit: git(['rev-parse', 'HEAD']),
        machine,
        node: process.version,
        browser: browser && {
          version: browser.browserVersion,
          flags: browser.flags,
          foreignRequests: browser.foreignRequests,
        },
        network: {
          dir: options.modelDir,
          name: manifest.name,
          version: manifest.version,
          flopsPerSlice: flops.total,
          multiplyAddFlopsPerSlice: flops.multiplyAdd,
        },
        study: {
          dir: options.studyDir,
          slices: sliceCount,
          benchSliceIndices: sliceIndices,
        },
        options,
        rows,
        comparisons,
        reports,
      },
      null,
      2,
    ),
  );
  console.log(`results: ${file}`);

  if (options.requireHardwareGpu && (!adapter?.available || adapter.isFallbackAdapter)) {
    throw new Error(
      '--gpu: Chromium found no hardware WebGPU adapter; see docs/performance.md',
    );
  }
}

main().catch((err: unknown) => {
  console.error(
    `bench: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
  );
  process.exit(1);
});

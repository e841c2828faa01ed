/**
 * The benchmark page (bench.html): runs one backend, named in the URL
 * (`?backend=tfjs-wasm`), over the slices and study that the benchmark server
 * names in /bench-config.json, and leaves its report in `window.benchReport`
 * for scripts/bench/browserBench.ts.
 */
import type { SegmentationManifest } from '../manifest';
import { collectOutputs, measureRuntime } from '../measure';
import { readCtSlice } from '../study/dicomSlice';
import { preprocessSlices } from '../study/preprocess';
import { segmentStudy } from '../study/segmentStudy';
import type { BackendId, BackendReport, PageConfig } from '../types';
import { describeAdapter } from './adapter';
import { openRuntime } from './openRuntime';

const now = () => performance.now();

async function fetchBytes(url: string): Promise<Uint8Array> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

function show(text: string): void {
  document.getElementById('status')!.textContent = text;
}

async function run(id: BackendId, report: BackendReport): Promise<void> {
  const config = (await (await fetch('/bench-config.json')).json()) as PageConfig;
  const manifest = (await (await fetch(config.manifestUrl)).json()) as SegmentationManifest;
  const modelBase = config.manifestUrl.slice(0, config.manifestUrl.lastIndexOf('/'));
  const gpu = !id.endsWith('wasm');

  report.adapter = await describeAdapter();
  const software = !report.adapter.available || report.adapter.isFallbackAdapter === true;
  if (id.endsWith('webgpu') && software && config.fallbackGpu === 'skip') {
    report.notes.push('skipped: no hardware WebGPU adapter (software fallback)');
    report.ok = true;
    return;
  }

  show(`${id}: loading`);
  const t0 = now();
  const { runtime, actualBackend } = await openRuntime(id, manifest, modelBase);
  report.modelLoadMs = now() - t0;
  report.actualBackend = actualBackend;

  const S = manifest.input.sizePx;
  const files = await Promise.all(config.sliceUrls.map(fetchBytes));
  const input = preprocessSlices(files.map(readCtSlice), manifest);
  const K = files.length;

  show(`${id}: outputs for the parity check`);
  const outputs = await collectOutputs(runtime, input, K, S, manifest.labels.length);
  await fetch(`${config.outputUrl}/${id}`, { method: 'POST', body: new Blob([outputs.buffer as ArrayBuffer]) });

  for (const batch of config.batches) {
    show(`${id}: batch ${batch}`);
    report.timings.push(
      await measureRuntime({
        runtime,
        input,
        slices: K,
        sizePx: S,
        batch,
        warmupRuns: config.warmupRuns,
        repetitions: config.repetitions,
        readback: config.readback,
        now,
      }),
    );
  }

  const wantStudy =
    config.studyUrls.length > 0 &&
    config.studyKinds.includes(runtime.kind) &&
    !(gpu && software && config.fallbackGpu === 'skip');
  if (wantStudy) {
    const best = report.timings.reduce((a, b) => (b.medianMs < a.medianMs ? b : a));
    show(`${id}: whole study`);
    // The files are in memory before the clock starts, as after a drop.
    const studyFiles = await Promise.all(config.studyUrls.map(fetchBytes));
    report.study = await segmentStudy({
      runtime,
      manifest,
      files: studyFiles,
      batch: best.batch,
      now,
    });
  } else if (config.studyUrls.length > 0) {
    report.notes.push('whole study not timed on this backend (see --study)');
  }
  runtime.dispose();
  report.ok = true;
}

const id = new URLSearchParams(location.search).get('backend') as BackendId;
const report: BackendReport = { backend: id, actualBackend: 'none', ok: false, notes: [], timings: [] };
run(id, report)
  .catch((err: unknown) => {
    report.error = err instanceof Error ? err.message : String(err);
  })
  .finally(() => {
    show(`${id}: done`);
    (window as unknown as { benchReport: BackendReport }).benchReport = report;
  });

/**
 * The benchmark page (bench.html): runs one backend, named in the URL
 * (`?backend=tfjs-wasm`), over the slices and study that the benchmark server
 * names in /bench-config.json, and leaves its report in `window.benchReport`
 * for scripts/bench/browserBench.ts.
 */
import type { InputFile } from '../../core/dicom';
import { parseSegmentationManifest } from '../../core/segmentation/SegmentationManifest';
import { collectOutputs, measureRuntime } from '../measure';
import { openStudyVolume, preprocessVolumeSlices } from '../study/openStudy';
import { segmentStudy } from '../study/segmentStudy';
import {
  variantLabel,
  type BackendId,
  type BackendReport,
  type ModelVariant,
  type PageConfig,
} from '../types';
import { describeAdapter } from './adapter';
import { openRuntime } from './openRuntime';

const now = () => performance.now();

async function fetchFile(url: string): Promise<InputFile> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  const name = decodeURIComponent(url.slice(url.lastIndexOf('/') + 1));
  return { name, bytes: new Uint8Array(await res.arrayBuffer()) };
}

/** Shows progress on the page and hands it to the driver (browserBench.ts). */
function show(text: string): void {
  document.getElementById('status')!.textContent = text;
  console.info(`bench-status: ${text}`);
}

async function run(id: BackendId, report: BackendReport): Promise<void> {
  const config = (await (await fetch('/bench-config.json')).json()) as PageConfig;
  const manifest = parseSegmentationManifest(await (await fetch(config.manifestUrl)).json());
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
  const opened = await openRuntime(id, manifest, modelBase, report.variant);
  const { runtime } = opened;
  report.modelLoadMs = now() - t0;
  report.actualBackend = opened.actualBackend;
  report.variantDetail = opened.variantDetail;

  const S = manifest.input.sizePx;
  // The study's files in memory, as after a drop (not timed).
  const files = await Promise.all(config.studyUrls.map(fetchFile));
  const volume = await openStudyVolume(files);
  const input = preprocessVolumeSlices(volume, config.sliceIndices, manifest);
  const K = config.sliceIndices.length;

  show(`${id}: outputs for the parity check`);
  const outputs = await collectOutputs(runtime, input, K, S, manifest.labels.length);
  await fetch(`${config.outputUrl}/${variantLabel(id, report.variant)}`, { method: 'POST', body: new Blob([outputs.buffer as ArrayBuffer]) });

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
    config.studyKinds.includes(runtime.kind) &&
    !(gpu && software && config.fallbackGpu === 'skip');
  if (wantStudy) {
    const best = report.timings.reduce((a, b) => (b.medianMs < a.medianMs ? b : a));
    show(`${id}: whole study`);
    report.study = await segmentStudy({
      runtime,
      manifest,
      files,
      batch: best.batch,
      now,
    });
  } else if (config.studyKinds.length > 0) {
    report.notes.push('whole study not timed on this backend (see --study)');
  }
  runtime.dispose();
  report.ok = true;
}

const query = new URLSearchParams(location.search);
const id = query.get('backend') as BackendId;
const report: BackendReport = {
  backend: id,
  variant: (query.get('variant') ?? 'baseline') as ModelVariant,
  actualBackend: 'none',
  ok: false,
  notes: [],
  timings: [],
};
run(id, report)
  .catch((err: unknown) => {
    report.error = err instanceof Error ? err.message : String(err);
  })
  .finally(() => {
    show(`${id}: done`);
    (window as unknown as { benchReport: BackendReport }).benchReport = report;
  });

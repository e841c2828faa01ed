/**
 * The benchmark page (bench.html): runs the (backend, variant) pairs named in
 * the URL (`?runs=tfjs-wasm:baseline,ort-wasm:baseline`), interleaved, over
 * the study and slices that the benchmark server names in /bench-config.json,
 * and leaves one report per pair in `window.benchReports` for
 * scripts/bench/browserBench.ts. All pairs of one page share one tfjs backend.
 */
import type { InputFile } from '../../core/dicom';
import { parseSegmentationManifest } from '../../core/segmentation/SegmentationManifest';
import { benchGroup, type GroupMember } from '../benchGroup';
import { openStudyVolume, preprocessVolumeSlices } from '../study/openStudy';
import {
  appVariant,
  type BackendId,
  type BackendReport,
  type ModelVariant,
  type PageConfig,
  type RunSpec,
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

function parseRuns(text: string): RunSpec[] {
  return text.split(',').map((item) => {
    const [backend, variant = 'baseline'] = item.split(':');
    return { backend: backend as BackendId, variant: variant as ModelVariant };
  });
}

async function run(reports: BackendReport[]): Promise<void> {
  const config = (await (await fetch('/bench-config.json')).json()) as PageConfig;
  const manifest = parseSegmentationManifest(
    await (await fetch(config.manifestUrl)).json(),
  );
  const modelBase = config.manifestUrl.slice(0, config.manifestUrl.lastIndexOf('/'));

  const adapter = await describeAdapter();
  const softwareWebGpu = !adapter.available || adapter.isFallbackAdapter === true;
  const softwareWebGl = /swiftshader|llvmpipe|software/i.test(
    adapter.webglRenderer ?? '',
  );
  const members: GroupMember[] = [];
  for (const report of reports) {
    report.adapter = adapter;
    const gpu = !report.backend.endsWith('wasm');
    const software = report.backend.endsWith('webgl') ? softwareWebGl : softwareWebGpu;
    if (gpu && software && config.fallbackGpu === 'skip') {
      report.notes.push('skipped: software GPU (see --fallback-gpu)');
      report.ok = true;
      continue;
    }
    show(`${report.backend}: loading`);
    const t0 = now();
    const opened = await openRuntime(report.backend, manifest, modelBase, report.variant);
    report.modelLoadMs = now() - t0;
    report.actualBackend = opened.actualBackend;
    report.variantDetail = opened.variantDetail;
    // Variants differ only inside the network: the table shows that gain.
    const study =
      report.variant === appVariant(report.backend) &&
      config.studyKinds.includes(opened.runtime.kind) &&
      !(gpu && software && config.fallbackGpu === 'skip');
    if (!study && config.studyKinds.length > 0 && report.variant === appVariant(report.backend)) {
      report.notes.push('whole study not timed on this backend (see --study)');
    }
    members.push({ report, runtime: opened.runtime, study });
  }
  if (members.length === 0) return;

  // The study's files in memory, as after a drop (not timed).
  const files = await Promise.all(config.studyUrls.map(fetchFile));
  const volume = await openStudyVolume(files);
  const input = preprocessVolumeSlices(volume, config.sliceIndices, manifest);

  await benchGroup({
    members,
    manifest,
    files,
    input,
    slices: config.sliceIndices.length,
    batches: config.batches,
    warmupRuns: config.warmupRuns,
    repetitions: config.repetitions,
    readback: config.readback,
    onOutputs: async (label, probabilities) => {
      const body = new Blob([probabilities.buffer as ArrayBuffer]);
      await fetch(`${config.outputUrl}/${label}`, { method: 'POST', body });
    },
    show,
    now,
  });
  for (const m of members) {
    m.runtime.dispose();
    m.report.ok = true;
  }
}

const runs = parseRuns(new URLSearchParams(location.search).get('runs') ?? '');
const reports: BackendReport[] = runs.map((r) => ({
  ...r,
  actualBackend: 'none',
  ok: false,
  notes: [],
  timings: [],
}));
run(reports)
  .catch((err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    for (const r of reports) if (!r.ok) r.error = message;
  })
  .finally(() => {
    show('done');
    (window as unknown as { benchReports: BackendReport[] }).benchReports = reports;
  });

/**
 * Turns the backends' reports into the printed table and the JSON record:
 * ratios to the onnxruntime peer of the same kind, GFLOP/s, memory growth,
 * the whole-study time and the parity check.
 */
import type { OutputComparison } from '../../src/bench/compare';
import type {
  AdapterReport,
  BackendId,
  BackendReport,
  MemorySample,
  TimingResult,
} from '../../src/bench/types';
import { median } from '../../src/bench/stats';
import { variantLabel } from '../../src/bench/types';

/** The onnxruntime backend each backend is compared with. */
export const PEER: Record<BackendId, BackendId> = {
  'tfjs-webgpu': 'ort-webgpu',
  'tfjs-webgl': 'ort-webgpu',
  'tfjs-wasm': 'ort-wasm',
  'ort-webgpu': 'ort-webgpu',
  'ort-wasm': 'ort-wasm',
  'node-tfjs-wasm': 'node-ort-cpu',
  'node-ort-cpu': 'node-ort-cpu',
};

export interface Row {
  /** Backend and variant, e.g. `tfjs-wasm+fused`. */
  backend: string;
  batch: number;
  readback: string;
  medianMs: number;
  p90Ms: number;
  minMs: number;
  slicesPerSecond: number;
  /** Peer's median / this median at the same batch (> 1: faster than the peer). */
  speedVsPeer?: number;
  /** The same from the fastest samples. */
  speedVsPeerBest?: number;
  /**
   * Median over rounds of peer time / this time within one interleaved
   * round (both timed back to back on the same slices): the ratio that load
   * drifting over the run disturbs least. Undefined unless interleaved.
   */
  speedVsPeerPaired?: number;
  /** For a model variant: paired ratio to the same backend's baseline (> 1: the variant is faster). */
  speedVsBaselinePaired?: number;
  /** Paired ratio to the same backend and variant at batch 1 (> 1: this batch size is faster). */
  speedVsBatch1Paired?: number;
  gflopsPerSecond: number;
  /** Live tfjs tensors and their bytes after the last repetition. */
  tensors?: number;
  tensorMB?: number;
  /** Tensor bytes (tfjs) or JS heap (onnxruntime) growth over the repetitions, MB. */
  memoryGrowthMB?: number;
  memoryGrowthOf: 'tensors' | 'js-heap';
  /** Rendered on a software adapter: time not quotable. */
  software: boolean;
}

const MB = 1024 * 1024;

function growth(memory: MemorySample[]): { mb?: number; of: Row['memoryGrowthOf'] } {
  const first = memory[0];
  const last = memory[memory.length - 1];
  if (first?.tensorBytes !== undefined && last?.tensorBytes !== undefined) {
    return { mb: (last.tensorBytes - first.tensorBytes) / MB, of: 'tensors' };
  }
  if (first?.jsHeapBytes !== undefined && last?.jsHeapBytes !== undefined) {
    return { mb: (last.jsHeapBytes - first.jsHeapBytes) / MB, of: 'js-heap' };
  }
  return { of: 'js-heap' };
}

export function isSoftwareGpu(backend: BackendId, adapter?: AdapterReport): boolean {
  if (backend.endsWith('webgpu'))
    return !adapter?.available || !!adapter.isFallbackAdapter;
  if (backend === 'tfjs-webgl')
    return /swiftshader|llvmpipe|software/i.test(adapter?.webglRenderer ?? '');
  return false;
}

/** Median of per-round ratios, when both were timed in the same rounds. */
function pairedRatio(
  other: TimingResult | undefined,
  t: TimingResult,
): number | undefined {
  const n = t.passMsPerSlice.length;
  if (!other || t.interleavedWith === 0 || other.passMsPerSlice.length !== n || n === 0) {
    return undefined;
  }
  return median(t.passMsPerSlice.map((ms, i) => other.passMsPerSlice[i] / ms));
}

export function buildRows(reports: BackendReport[], flopsPerSlice: number): Row[] {
  const timing = (b: BackendId, batch: number): TimingResult | undefined =>
    reports
      .find((r) => r.backend === b && r.variant === 'baseline')
      ?.timings.find((t) => t.batch === batch);
  const rows: Row[] = [];
  for (const r of reports) {
    for (const t of r.timings) {
      const peer = PEER[r.backend];
      const peerTiming =
        peer === r.backend ? undefined : (timing(peer, t.batch) ?? timing(peer, 1));
      const baselineTiming =
        r.variant === 'baseline' ? undefined : timing(r.backend, t.batch);
      const last = t.memory[t.memory.length - 1];
      const g = growth(t.memory);
      rows.push({
        backend: variantLabel(r.backend, r.variant),
        batch: t.batch,
        readback: t.readback,
        medianMs: t.medianMs,
        p90Ms: t.p90Ms,
        minMs: t.minMs,
        slicesPerSecond: t.slicesPerSecond,
        speedVsPeer: peerTiming ? peerTiming.medianMs / t.medianMs : undefined,
        speedVsPeerBest: peerTiming ? peerTiming.minMs / t.minMs : undefined,
        speedVsPeerPaired: peerTiming ? pairedRatio(peerTiming, t) : undefined,
        speedVsBatch1Paired:
          t.batch === 1
            ? undefined
            : pairedRatio(
                r.timings.find((u) => u.batch === 1)!,
                t,
              ),
        speedVsBaselinePaired: baselineTiming
          ? pairedRatio(baselineTiming, t)
          : undefined,
        gflopsPerSecond: flopsPerSlice / 1e9 / (t.medianMs / 1000),
        tensors: last?.numTensors,
        tensorMB: last?.tensorBytes !== undefined ? last.tensorBytes / MB : undefined,
        memoryGrowthMB: g.mb,
        memoryGrowthOf: g.of,
        software: isSoftwareGpu(r.backend, r.adapter),
      });
    }
  }
  return rows;
}

function fmt(v: number | undefined, digits = 1): string {
  return v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(digits);
}

function table(head: string[], body: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join('  ');
  return [
    line(head),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...body.map(line),
  ].join('\n');
}

/** Two lines naming the WebGPU adapter and the WebGL renderer the page got. */
export function formatAdapter(adapter: AdapterReport): string {
  const name = [adapter.vendor, adapter.architecture, adapter.description]
    .filter(Boolean)
    .join(' ');
  const webgpu = adapter.available
    ? `${name || 'unnamed'}${adapter.isFallbackAdapter ? ' (fallback adapter: software)' : ''}` +
      `, shader-f16 ${adapter.shaderF16 ? 'yes' : 'no'}`
    : 'none';
  return `WebGPU adapter: ${webgpu}\nWebGL renderer: ${adapter.webglRenderer ?? 'none'}`;
}

export interface Comparison extends OutputComparison {
  a: string;
  b: string;
}

export function formatReport(
  reports: BackendReport[],
  rows: Row[],
  comparisons: Comparison[],
): string {
  const out: string[] = [];
  out.push(
    table(
      [
        'backend',
        'batch',
        'median ms',
        'p90 ms',
        'min ms',
        'slices/s',
        '× peer',
        '× peer best',
        '× peer paired',
        '× baseline',
        '× batch 1',
        'GFLOP/s',
        'tensors',
        'tensor MB',
        'Δmem MB',
      ],
      rows.map((r) => [
        r.backend + (r.software ? ' (software GPU)' : ''),
        String(r.batch),
        fmt(r.medianMs),
        fmt(r.p90Ms),
        fmt(r.minMs),
        fmt(r.slicesPerSecond, 2),
        fmt(r.speedVsPeer, 2),
        fmt(r.speedVsPeerBest, 2),
        fmt(r.speedVsPeerPaired, 2),
        fmt(r.speedVsBaselinePaired, 2),
        fmt(r.speedVsBatch1Paired, 2),
        fmt(r.gflopsPerSecond, 2),
        r.tensors === undefined ? '—' : String(r.tensors),
        fmt(r.tensorMB),
        `${fmt(r.memoryGrowthMB, 2)}${r.memoryGrowthOf === 'js-heap' ? ' heap' : ''}`,
      ]),
    ),
  );
  out.push(
    '× peer: time of the onnxruntime backend of the same kind (same batch) / this time, from ' +
      'the medians (best: the fastest samples; paired: median of the ratios within each ' +
      'interleaved round); > 1 is faster. × baseline: a variant against the same backend ' +
      'as shipped, paired. × batch 1: this batch size against batch 1, paired.',
  );

  const studies = reports.filter((r) => r.study);
  if (studies.length > 0) {
    out.push('');
    out.push(
      table(
        [
          'whole study',
          'slices',
          'batch',
          'total s',
          'load s',
          'segment s',
          'of which network s',
          'measure s',
          'largest tumour slice',
        ],
        studies.map(({ study: s }) => [
          variantLabel(s!.backend, studies.find((r) => r.study === s)!.variant),
          String(s!.slices),
          String(s!.batch),
          fmt(s!.totalMs / 1000, 2),
          fmt(s!.loadMs / 1000, 2),
          fmt(s!.segmentMs / 1000, 2),
          fmt(s!.inferenceMs / 1000, 2),
          fmt(s!.measureMs / 1000, 2),
          s!.largestSliceIndex === null
            ? 'none (no tumour found)'
            : `${s!.largestSliceIndex} (${fmt(s!.largestAreaMm2 / 100, 1)} cm²)`,
        ]),
      ),
    );
    out.push(`study path: ${studies[0].study!.path}`);
  }

  if (comparisons.length > 0) {
    out.push('');
    out.push(
      table(
        ['parity', 'max |Δp|', 'mean |Δp|', 'labels agree %'],
        comparisons.map((c) => [
          `${c.a} vs ${c.b}`,
          c.maxAbsDiff.toExponential(2),
          c.meanAbsDiff.toExponential(2),
          fmt(c.labelAgreement * 100, 3),
        ]),
      ),
    );
  }

  for (const r of reports) {
    const notes = [
      ...(r.variantDetail ? [r.variantDetail] : []),
      ...r.notes,
      ...(r.error ? [`ERROR: ${r.error}`] : []),
    ];
    if (notes.length) {
      out.push(
        `${variantLabel(r.backend, r.variant)} (${r.actualBackend}): ${notes.join('; ')}`,
      );
    }
  }
  return out.join('\n');
}

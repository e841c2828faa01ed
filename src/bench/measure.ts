/**
 * The timing loop shared by the benchmark page and the Node benchmark.
 *
 * Runtimes measured together are interleaved batch by batch (the starting
 * runtime rotates), so on a shared, loaded machine every runtime sees the
 * same load and their ratio stays meaningful even when absolute times drift.
 */
import { toNhwc, type SegmentationRuntime } from './runtimes/runtime';
import { median, percentile } from './stats';
import type { MemorySample, ReadbackMode, TimingResult } from './types';

export interface MeasureParams {
  /** Runtimes timed side by side, on the same slices. */
  runtimes: SegmentationRuntime[];
  /** K preprocessed slices, K × S × S floats. */
  input: Float32Array;
  slices: number;
  sizePx: number;
  batch: number;
  /** Untimed batches per runtime before timing starts. */
  warmupRuns: number;
  /** Timed passes over all K slices. */
  repetitions: number;
  readback: ReadbackMode;
  /** Monotonic clock, ms. */
  now: () => number;
}

/** Copies the slices of batch `b` (wrapping round K) into `out`. */
function fillBatch(p: MeasureParams, b: number, out: Float32Array): void {
  const plane = p.sizePx * p.sizePx;
  for (let j = 0; j < p.batch; j++) {
    const k = (b * p.batch + j) % p.slices;
    out.set(p.input.subarray(k * plane, (k + 1) * plane), j * plane);
  }
}

async function runOnce(runtime: SegmentationRuntime, p: MeasureParams, x: Float32Array) {
  if (p.readback === 'labels') {
    await runtime.labels(x, p.batch);
  } else {
    await runtime.probabilities(x, p.batch);
  }
}

/**
 * Times runtimes at one batch size. Every timed batch covers upload,
 * inference and read-back; its time divided by the batch size is one sample.
 * @returns one result per runtime, in the order given
 */
export async function measureInterleaved(p: MeasureParams): Promise<TimingResult[]> {
  const plane = p.sizePx * p.sizePx;
  const batchesPerPass = Math.ceil(p.slices / p.batch);
  const x = new Float32Array(p.batch * plane);
  const n = p.runtimes.length;

  for (const runtime of p.runtimes) {
    for (let w = 0; w < p.warmupRuns; w++) {
      fillBatch(p, w, x);
      await runOnce(runtime, p, x);
    }
  }

  const samples: number[][] = p.runtimes.map(() => []);
  const memory: MemorySample[][] = p.runtimes.map((r) => [r.memory()]);
  let turn = 0;
  for (let rep = 0; rep < p.repetitions; rep++) {
    for (let b = 0; b < batchesPerPass; b++) {
      fillBatch(p, b, x);
      for (let i = 0; i < n; i++) {
        const r = (turn + i) % n;
        const t0 = p.now();
        await runOnce(p.runtimes[r], p, x);
        samples[r].push((p.now() - t0) / p.batch);
      }
      turn++;
    }
    p.runtimes.forEach((r, i) => memory[i].push(r.memory()));
  }

  return p.runtimes.map((runtime, i) => {
    const med = median(samples[i]);
    return {
      backend: runtime.id,
      kind: runtime.kind,
      batch: p.batch,
      readback: p.readback,
      slices: p.slices,
      warmupRuns: p.warmupRuns,
      repetitions: p.repetitions,
      interleavedWith: n - 1,
      perSliceMs: samples[i],
      medianMs: med,
      p90Ms: percentile(samples[i], 90),
      minMs: Math.min(...samples[i]),
      slicesPerSecond: 1000 / med,
      memory: memory[i],
    };
  });
}

/**
 * Probabilities of every slice, one slice per call, NHWC, for the parity check
 * between runtimes (not timed).
 */
export async function collectOutputs(
  runtime: SegmentationRuntime,
  input: Float32Array,
  slices: number,
  sizePx: number,
  numLabels: number,
): Promise<Float32Array> {
  const plane = sizePx * sizePx;
  const out = new Float32Array(slices * plane * numLabels);
  for (let k = 0; k < slices; k++) {
    const batch = await runtime.probabilities(
      input.subarray(k * plane, (k + 1) * plane),
      1,
    );
    out.set(toNhwc(batch, 1, plane, numLabels), k * plane * numLabels);
  }
  return out;
}

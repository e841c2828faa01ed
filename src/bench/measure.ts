/**
 * The timing loop shared by the benchmark page and the Node benchmark.
 *
 * Runtimes and batch sizes measured together are interleaved pass by pass
 * (the order rotates every round), so on a shared, loaded machine each sees
 * the same load, and their ratios stay meaningful when absolute times drift.
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
  /** Batch sizes, each timed against the others too. */
  batches: number[];
  /** Untimed batches per runtime and batch size before timing starts. */
  warmupRuns: number;
  /** Rounds; in each, every (runtime, batch size) makes one pass over the K slices. */
  repetitions: number;
  readback: ReadbackMode;
  /** Monotonic clock, ms. */
  now: () => number;
}

interface Contestant {
  runtime: SegmentationRuntime;
  index: number;
  batch: number;
  samples: number[];
  passes: number[];
  memory: MemorySample[];
}

/** Copies the slices of batch `b` (wrapping round K) into `out`. */
function fillBatch(p: MeasureParams, batch: number, b: number, out: Float32Array): void {
  const plane = p.sizePx * p.sizePx;
  for (let j = 0; j < batch; j++) {
    const k = (b * batch + j) % p.slices;
    out.set(p.input.subarray(k * plane, (k + 1) * plane), j * plane);
  }
}

async function runOnce(c: Contestant, p: MeasureParams, x: Float32Array): Promise<void> {
  const input = x.subarray(0, c.batch * p.sizePx * p.sizePx);
  if (p.readback === 'labels') {
    await c.runtime.labels(input, c.batch);
  } else {
    await c.runtime.probabilities(input, c.batch);
  }
}

/**
 * Times every runtime at every batch size, interleaved: each round, every
 * (runtime, batch size) pair makes one pass over the K slices, in an order
 * that rotates from round to round. Every timed batch covers upload,
 * inference and read-back; its time divided by the batch size is one sample.
 * @returns one result per runtime and batch size, runtimes outermost
 */
export async function measureInterleaved(p: MeasureParams): Promise<TimingResult[]> {
  const plane = p.sizePx * p.sizePx;
  const x = new Float32Array(Math.max(...p.batches) * plane);
  // Batch-size-major, so the runtimes compared at one batch size run back to back.
  const contestants: Contestant[] = p.batches.flatMap((batch) =>
    p.runtimes.map((runtime, index) => ({
      runtime,
      index,
      batch,
      samples: [],
      passes: [],
      memory: [],
    })),
  );

  for (const c of contestants) {
    for (let w = 0; w < p.warmupRuns; w++) {
      fillBatch(p, c.batch, w, x);
      await runOnce(c, p, x);
    }
    c.memory.push(c.runtime.memory());
  }

  const n = contestants.length;
  for (let rep = 0; rep < p.repetitions; rep++) {
    for (let i = 0; i < n; i++) {
      const c = contestants[(rep + i) % n];
      const batches = Math.ceil(p.slices / c.batch);
      let passMs = 0;
      for (let b = 0; b < batches; b++) {
        fillBatch(p, c.batch, b, x);
        const t0 = p.now();
        await runOnce(c, p, x);
        const ms = p.now() - t0;
        c.samples.push(ms / c.batch);
        passMs += ms;
      }
      c.passes.push(passMs / (batches * c.batch));
      c.memory.push(c.runtime.memory());
    }
  }

  const byRuntime = [...contestants].sort(
    (a, b) =>
      a.index - b.index || p.batches.indexOf(a.batch) - p.batches.indexOf(b.batch),
  );
  return byRuntime.map((c) => {
    const med = median(c.samples);
    return {
      backend: c.runtime.id,
      kind: c.runtime.kind,
      batch: c.batch,
      readback: p.readback,
      slices: p.slices,
      warmupRuns: p.warmupRuns,
      repetitions: p.repetitions,
      interleavedWith: n - 1,
      perSliceMs: c.samples,
      passMsPerSlice: c.passes,
      medianMs: med,
      p90Ms: percentile(c.samples, 90),
      minMs: Math.min(...c.samples),
      slicesPerSecond: 1000 / med,
      memory: c.memory,
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
